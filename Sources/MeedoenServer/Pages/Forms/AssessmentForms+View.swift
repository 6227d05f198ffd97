import Foundation
import MeedoenCore

extension AssessmentForms {

    /// The rung form: the facts that decide the rung, the proposal and an override with its reason.
    static func rungView(
        person: Person, ladders: [Ladder], defaultLadder: String, _ v: ViewContext, form: FormData? = nil,
        errors: FieldErrors = FieldErrors()
    ) -> HTMLNode {
        let t = v.t
        let factLabels: [(RungFact, String)] = [
            (.paidWork, t("Heeft betaald werk", "Has paid work")),
            (
                .workSupport,
                t(
                    "Met ondersteuning, aanvullende uitkering of beschut werk",
                    "With support, a supplementary benefit or sheltered work")
            ),
            (
                .unpaidWork,
                t(
                    "Onbetaald werk met verantwoordelijkheid en wekelijks contact (vrijwilligerswerk, stage)",
                    "Unpaid work with responsibility and weekly contact (volunteering, internship)")
            ),
            (
                .organisedActivity,
                t("Wekelijks een georganiseerde activiteit of scholing", "Weekly organised activity or schooling")
            ),
            (.socialContact, t("Wekelijks sociaal contact buiten de deur", "Weekly social contact outside the home")),
        ]
        return el(
            "section", [A("class", "card form-card")],
            el("p", [A("class", "breadcrumb")], link("/personen/\(person.id!)", "← \(person.fullName)")),
            el("h1", [], txt(t("Trede vastleggen voor \(person.fullName)", "Record rung for \(person.fullName)"))),
            el(
                "p", [],
                txt(
                    t(
                        "Op de landelijke ladder stelt Meedoen de trede voor uit de feiten; u bevestigt of wijkt af met een reden.",
                        "On the national ladder Meedoen proposes the rung from the facts; you confirm or deviate with a reason."
                    ))),
            errorSummary(errors, t),
            el(
                "form", [A("method", "post"), A("action", "/personen/\(person.id!)/trede"), A("novalidate", "")],
                csrfField(v.csrfToken),
                selectInput(
                    FormField(name: "ladderId", label: t("Ladder", "Ladder"), errors: errors),
                    options: ladders.map { ($0.id, t($0.name)) },
                    selected: form?["ladderId"] ?? defaultLadder),
                choiceGroup(
                    FormField(
                        name: "facts", label: t("Feiten (landelijke ladder)", "Facts (national ladder)"),
                        errors: errors),
                    options: factLabels.map { ($0.0.rawValue, $0.1) }, selected: Set(form?.all("facts") ?? [])),
                textInput(
                    FormField(
                        name: "rung",
                        label: t("Trede (leeg = voorstel volgen)", "Rung (empty = follow the proposal)"),
                        hint: ladders.map { l in
                            "\(t(l.name)): " + l.rungs.map { "\($0.number) \(t($0.name))" }.joined(separator: " · ")
                        }.joined(separator: " — "),
                        errors: errors), value: form?["rung"], type: "number",
                    extra: [A("min", "1"), A("max", "6")]),
                textArea(
                    FormField(
                        name: "overrideReason", label: t("Reden van afwijken", "Reason for deviating"),
                        errors: errors), value: form?["overrideReason"]),
                ladders.first { !$0.domains.isEmpty }.map { l in
                    selectInput(
                        FormField(
                            name: "participationDomain",
                            label: t("Participatiedomein (optioneel)", "Participation domain (optional)"),
                            hint: t("Alleen bij de \(t(l.name)).", "Only with the \(t(l.name))."), errors: errors),
                        options: [("", "—")]
                            + l.domains.map { ($0, ParticipationDomain(rawValue: $0).map { t($0.label) } ?? $0) },
                        selected: form?["participationDomain"])
                } ?? .empty,
                textInput(
                    FormField(name: "assessedOn", label: t("Datum", "Date"), errors: errors),
                    value: form?["assessedOn"] ?? v.today.iso, type: "date"),
                button(t("Vastleggen", "Record"))))
    }

    /// The ZRM form: a score per life domain.
    static func zrmView(
        person: Person, _ v: ViewContext, form: FormData? = nil, errors: FieldErrors = FieldErrors()
    ) -> HTMLNode {
        let t = v.t
        let levels = [
            ("", "—"), ("1", t("1 acute problematiek", "1 acute problems")),
            ("2", t("2 niet zelfredzaam", "2 not self-sufficient")),
            ("3", t("3 beperkt zelfredzaam", "3 limited")), ("4", t("4 voldoende zelfredzaam", "4 sufficient")),
            ("5", t("5 volledig zelfredzaam", "5 fully self-sufficient")),
        ]
        return el(
            "section", [A("class", "card form-card")],
            el("p", [A("class", "breadcrumb")], link("/personen/\(person.id!)", "← \(person.fullName)")),
            el(
                "h1", [],
                txt(
                    t(
                        "Zelfredzaamheid-Matrix voor \(person.fullName)",
                        "Self-sufficiency matrix for \(person.fullName)"))),
            errorSummary(errors, t),
            el(
                "form", [A("method", "post"), A("action", "/personen/\(person.id!)/zrm"), A("novalidate", "")],
                [csrfField(v.csrfToken)]
                    + ZrmDomain.allCases.map { d in
                        selectInput(
                            FormField(name: "scores.\(d.rawValue)", label: t(d.label), errors: errors),
                            options: levels,
                            selected: form?["scores.\(d.rawValue)"], required: true)
                    }
                    + [
                        textInput(
                            FormField(name: "assessedOn", label: t("Datum", "Date"), errors: errors),
                            value: form?["assessedOn"] ?? v.today.iso, type: "date"),
                        button(t("Vastleggen", "Record")),
                    ]))
    }
}
