import Foundation
import MeedoenCore

extension MoneyWorkPages {
    static func caseView(_ m: CaseModel, _ v: ViewContext, errors: FieldErrors = FieldErrors(), form: FormData? = nil)
        -> HTMLNode
    {
        let t = v.t
        let (user, c, agreement, person) = (m.user, m.enforcementCase, m.agreement, m.person)
        let id = c.id!
        let s = c.status
        func step(_ action: String, _ title: String, _ fields: [HTMLNode], _ label: String) -> HTMLNode {
            el(
                "form",
                [
                    A("method", "post"), A("action", "/handhaving/\(id)/\(action)"), A("class", "card"),
                    A("novalidate", ""),
                ],
                [el("h2", [], txt(title)), csrfField(v.csrfToken)] + fields + [button(label)])
        }
        var steps: [HTMLNode] = []
        if s == .reminded || s == .invited {
            steps.append(
                step(
                    "hearing",
                    t(
                        s == .reminded ? "Hoorgesprek vastleggen" : "Gesprek na uitnodiging vastleggen",
                        "Record the hearing"),
                    [
                        textInput(
                            FormField(name: "heldOn", label: t("Datum", "Date"), errors: errors),
                            value: form?["heldOn"] ?? v.today.iso, type: "date"),
                        textArea(
                            FormField(
                                name: "note", label: t("Wat vertelde de inwoner?", "What did the resident say?"),
                                errors: errors), value: form?["note"], rows: 3),
                    ], t("Vastleggen", "Record")))
        }
        if s == .reminded || s == .invited || s == .heard {
            steps.append(
                step(
                    "alternatives", t("Is alles uit de kast getrokken?", "Has everything been tried?"),
                    [
                        el(
                            "p", [],
                            txt(
                                t(
                                    "Noem per regel een andere weg die is geprobeerd. Zonder dit kan geen maatregel worden voorgesteld.",
                                    "One other way that was tried per line. Without this no sanction can be proposed."))
                        ),
                        textArea(
                            FormField(
                                name: "alternatives", label: t("Geprobeerde alternatieven", "Alternatives tried"),
                                errors: errors),
                            value: form?["alternatives"] ?? c.alternativesList.joined(separator: "\n"), rows: 4),
                    ], t("Alternatieven vastleggen", "Record alternatives")))
        }
        if s == .heard && c.relation == .municipalBenefit {
            let options: [(value: String, label: String)] =
                [("", "—")] + m.sanctions.map { ($0.code, t($0.nl, $0.en)) }
            steps.append(
                step(
                    "proposal", t("Maatregel voorstellen", "Propose a sanction"),
                    [
                        el(
                            "p", [],
                            txt(
                                t(
                                    "Het percentage en de duur komen uit de beleidstabel. Een tweede klantmanager besluit.",
                                    "Percentage and duration come from the policy table. A second case manager decides."
                                ))),
                        selectInput(
                            FormField(
                                name: "violation", label: t("Soort verwijtbaar gedrag", "Kind of violation"),
                                errors: errors), options: options, selected: form?["violation"]),
                    ], t("Voorstellen", "Propose")))
        }
        if s == .proposed && c.proposedByID != user.id {
            steps.append(
                step(
                    "decision", t("Besluiten (vier ogen)", "Decide (four eyes)"),
                    [
                        choiceGroup(
                            FormField(name: "decision", label: t("Besluit", "Decision"), errors: errors), type: "radio",
                            options: [
                                ("approve", t("Maatregel opleggen", "Impose the sanction")),
                                ("reject", t("Geen maatregel", "No sanction")),
                            ], selected: Set([form?["decision"]].compactMap { $0 })),
                        el(
                            "p", [A("class", "hint")],
                            txt(
                                t(
                                    "Weeg de situatie van de inwoner mee: u mag het percentage of de duur van de beleidstabel verlagen, met een reden, maar nooit verhogen.",
                                    "Weigh the resident's situation: you may lower the policy table's percentage or duration, with a reason, but never raise them."
                                ))),
                        textInput(
                            FormField(
                                name: "percent", label: t("Verlaging in procent", "Reduction in percent"),
                                hint: t("Beleidstabel: \(c.percent ?? 0)%", "Policy table: \(c.percent ?? 0)%"),
                                errors: errors),
                            value: form?["percent"] ?? c.percent.map(String.init), type: "number",
                            extra: [A("min", "1"), A("max", String(c.percent ?? 100))]),
                        textInput(
                            FormField(
                                name: "months", label: t("Duur in maanden", "Duration in months"),
                                hint: t(
                                    "Beleidstabel: \(Plural.months(c.months ?? 0, .nl))",
                                    "Policy table: \(Plural.months(c.months ?? 0, .en))"), errors: errors),
                            value: form?["months"] ?? c.months.map(String.init), type: "number",
                            extra: [A("min", "1"), A("max", String(c.months ?? 36))]),
                        textArea(
                            FormField(
                                name: "weighingReason",
                                label: t(
                                    "Waarom lager dan de beleidstabel? (komt in de brief)",
                                    "Why lower than the policy table? (goes into the letter)"), errors: errors),
                            value: form?["weighingReason"], rows: 2),
                        choiceGroup(
                            FormField(
                                name: "urgentReasons",
                                label: t(
                                    "Zijn er dringende redenen om van de maatregel af te zien?",
                                    "Are there urgent reasons to refrain from the sanction?"), errors: errors),
                            type: "radio",
                            options: [
                                ("none", t("Nee, geen dringende redenen", "No, no urgent reasons")),
                                ("present", t("Ja, die zijn er (beschrijf ze)", "Yes, there are (describe them)")),
                            ], selected: Set([form?["urgentReasons"]].compactMap { $0 })),
                        textArea(
                            FormField(
                                name: "urgentReasonsNote",
                                label: t(
                                    "Welke dringende redenen? (komt in de brief)",
                                    "Which urgent reasons? (goes into the letter)"),
                                errors: errors),
                            value: form?["urgentReasonsNote"], rows: 2),
                        textArea(
                            FormField(name: "note", label: t("Motivering", "Reasoning"), errors: errors),
                            value: form?["note"], rows: 2),
                    ], t("Besluiten", "Decide")))
        }
        if s == .reminded || s == .invited || s == .heard {
            steps.append(
                step(
                    "close", t("Afsluiten zonder maatregel", "Close without sanction"),
                    [
                        textArea(
                            FormField(
                                name: "note",
                                label: t(
                                    "Waarom (bijv. afspraak alsnog nagekomen)", "Why (e.g. agreement kept after all)"),
                                errors: errors), value: nil, rows: 2)
                    ], t("Afsluiten", "Close")))
        }
        var rows: [(String, String)] = [
            (t("Inwoner", "Resident"), person.fullName),
            (
                t("Afspraak", "Agreement"),
                "\(agreement.what) (\(t("uiterlijk", "due")) \(DateFormatting.day(iso: agreement.dueOn)))"
            ),
            (t("Relatie", "Relation"), c.relation.label.text(v.language)),
            (t("Geopend", "Opened"), "\(DateFormatting.day(iso: c.openedOn)) · \(c.openedByName)"),
        ]
        if let h = c.hearingOn {
            rows.append((t("Hoorgesprek", "Hearing"), DateFormatting.day(iso: h) + " — " + (c.hearingNote ?? "")))
        }
        if !c.alternativesList.isEmpty {
            rows.append((t("Geprobeerd", "Tried"), c.alternativesList.joined(separator: "; ")))
        }
        if let p = c.tablePercent ?? c.percent {
            rows.append(
                (
                    t("Voorstel", "Proposal"),
                    "\(p)% · \(Plural.months(c.tableMonths ?? c.months ?? 0, v.language)) · \(c.proposedByName ?? "") — "
                        + c.proposalReasonList.map { $0.text.text(v.language) }.joined(separator: " ")
                ))
        }
        if let d = c.decision {
            rows.append(
                (
                    t("Besluit", "Decision"),
                    (d == "approved" ? t("opgelegd", "imposed") : t("geen maatregel", "no sanction"))
                        + " · \(c.decidedByName ?? "") \(DateFormatting.day(iso: c.decidedOn))"
                ))
            if let tp = c.tablePercent, let tm = c.tableMonths {
                rows.append(
                    (
                        t("Gewogen", "Weighed"),
                        t(
                            "verlaagd van \(tp)% · \(Plural.months(tm, .nl)) naar \(c.percent ?? 0)% · \(Plural.months(c.months ?? 0, .nl))",
                            "lowered from \(tp)% · \(Plural.months(tm, .en)) to \(c.percent ?? 0)% · \(Plural.months(c.months ?? 0, .en))"
                        ) + " — " + (c.weighingReason ?? "")
                    ))
            }
            if let u = c.urgentReasons {
                rows.append(
                    (
                        t("Dringende redenen", "Urgent reasons"),
                        t(u.label) + (c.urgentReasonsNote.map { " — " + $0 } ?? "")
                    ))
            }
        }
        if s == .proposed && c.proposedByID == user.id {
            rows.append(
                (
                    t("Wacht op", "Waiting for"),
                    t(
                        "het besluit van een tweede klantmanager (vier ogen)",
                        "the decision of a second case manager (four eyes)")
                ))
        }
        return el(
            "div", [],
            el("p", [A("class", "breadcrumb")], link("/personen/\(person.id!)", "← \(person.fullName)")),
            el("h1", [], txt(t("Handhaving: ", "Enforcement: ") + c.status.label.text(v.language))),
            el(
                "p", [A("class", "lead")],
                txt(
                    t(
                        "Handhaven is het laatste middel: eerst herinneren, horen en andere wegen proberen.",
                        "Enforcement is the last resort: first remind, hear and try other ways."))),
            errorSummary(errors, t),
            el(
                "section", [A("class", "card")],
                el(
                    "dl", [A("class", "facts")],
                    rows.flatMap { [el("dt", [], txt($0.0)), el("dd", [], txt($0.1))] })),
            c.letter.map {
                el(
                    "section", [A("class", "card letter")],
                    el("h2", [], txt(t("Brief aan de inwoner", "Letter to the resident"))),
                    el("pre", [A("class", "letter-text")], txt($0.text(v.language))))
            } ?? .empty,
            el("div", [], steps))
    }
}
