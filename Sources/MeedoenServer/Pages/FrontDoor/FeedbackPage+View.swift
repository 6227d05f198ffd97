import Foundation
import MeedoenCore

extension PortalPages {

    /// The short questionnaire after an enrolment (three questions, anonymous in the figures).
    static func feedbackView(
        r: Referral, _ v: ViewContext, errors: FieldErrors = FieldErrors(), form: FormData? = nil
    ) -> HTMLNode {
        let t = v.t
        let scale: [(value: String, label: String)] = [
            ("1", t("1 — helemaal niet", "1 — not at all")), ("2", "2"), ("3", "3"), ("4", "4"),
            ("5", t("5 — heel erg", "5 — very much")),
        ]
        return el(
            "section", [A("class", "card narrow")],
            el("h1", [], txt(t("Hoe was \(r.intervention.name)?", "How was \(r.intervention.name)?"))),
            el(
                "p", [],
                txt(
                    t(
                        "Drie korte vragen. Uw antwoorden helpen de gemeente te zien wat werkt; uw klantmanager ziet alleen totalen.",
                        "Three short questions. Your answers help the municipality see what works; your case manager sees totals only."
                    ))),
            errorSummary(errors, t),
            el(
                "form",
                [
                    A("method", "post"), A("action", "/mijn-meedoen/trajecten/\(r.id!)/ervaring"),
                    A("novalidate", ""),
                ],
                [csrfField(v.csrfToken)]
                    + questions.map { key, nl, en in
                        choiceGroup(
                            FormField(name: key, label: t(nl, en), errors: errors), type: "radio", options: scale,
                            selected: Set([form?[key]].compactMap { $0 }))
                    }
                    + [
                        textArea(
                            FormField(
                                name: "comment",
                                label: t("Wilt u nog iets kwijt? (niet verplicht)", "Anything else? (optional)"),
                                errors: errors), value: form?["comment"], rows: 3),
                        button(t("Versturen", "Send")),
                    ]))
    }
}
