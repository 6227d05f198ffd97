import Fluent
import MeedoenCore
import Vapor

/// The resident's three questions at the end of an enrolment.
extension PortalPages {
    // MARK: client experience

    static let questions: [(String, String, String)] = [
        ("useful", "Heeft het traject u geholpen?", "Did the enrolment help you?"),
        ("respect", "Werd u met respect behandeld?", "Were you treated with respect?"),
        ("recommend", "Zou u het anderen aanraden?", "Would you recommend it to others?"),
    ]

    static func feedbackForm(
        _ req: Request, errors: FieldErrors = FieldErrors(), form: FormData? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let r = try await PortalService.ownEnrolment(try req.idParameter(), in: req.context)
        let t = req.t
        let scale: [(value: String, label: String)] = [
            ("1", t("1 — helemaal niet", "1 — not at all")), ("2", "2"), ("3", "3"), ("4", "4"),
            ("5", t("5 — heel erg", "5 — very much")),
        ]
        return req.page(
            t("Hoe was het?", "How was it?"), status: status,
            el(
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
                    [csrfField(req.csrfToken)]
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
                        ])))
    }

    static func submitFeedback(_ req: Request) async throws -> Response {
        let form = FormData(req)
        var input = Input(form: [
            "useful": form.int("useful"), "respect": form.int("respect"), "recommend": form.int("recommend"),
            "comment": form.string("comment"),
        ])
        return try await PageForm.submit(
            req, saved: .init(nl: "Dank u wel voor uw antwoorden.", en: "Thank you for your answers.")
        ) {
            _ = try await PortalService.giveFeedback(try req.idParameter(), &input, in: req.context)
            return "/mijn-meedoen"
        } again: { fieldErrors, status in
            return try await feedbackForm(req, errors: fieldErrors, form: form, status: status)
        }
    }
}
