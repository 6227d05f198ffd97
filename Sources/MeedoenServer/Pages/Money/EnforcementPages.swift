import Fluent
import MeedoenCore
import Vapor

/// The enforcement case: its steps, four eyes, the hearing and the letter.
extension MoneyWorkPages {
    // MARK: enforcement

    static func open(_ req: Request) async throws -> Response {
        let form = FormData(req)
        var input = Input(form: ["agreementId": form.string("agreementId")])
        let (c, _) = try await EnforcementService.open(&input, in: req.context)
        return req.redirect(to: "/handhaving/\(c.id!)")
    }

    static func show(
        _ req: Request, errors: FieldErrors = FieldErrors(), form: FormData? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let user = try req.requireUser()
        let t = req.t
        let id = try req.idParameter()
        let (c, agreement, person) = try await EnforcementService.read(id, in: req.context)
        let s = c.caseStatus
        func step(_ action: String, _ title: String, _ fields: [HTMLNode], _ label: String) -> HTMLNode {
            el(
                "form",
                [
                    A("method", "post"), A("action", "/handhaving/\(id)/\(action)"), A("class", "card"),
                    A("novalidate", ""),
                ],
                [el("h2", [], txt(title)), csrfField(req.csrfToken)] + fields + [button(label)])
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
                            value: form?["heldOn"] ?? req.today.iso, type: "date"),
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
        if s == .heard && c.relation == "municipalBenefit" {
            let options: [(value: String, label: String)] =
                [("", "—")] + req.policies.money.sanctions.map { ($0.code, t($0.nl, $0.en)) }
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
                            ], selected: []),
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
            (t("Afspraak", "Agreement"), "\(agreement.what) (\(t("uiterlijk", "due")) \(agreement.dueOn))"),
            (t("Relatie", "Relation"), c.relationKind.label.text(req.language)),
            (t("Geopend", "Opened"), "\(c.openedOn) · \(c.openedByName)"),
        ]
        if let h = c.hearingOn { rows.append((t("Hoorgesprek", "Hearing"), h + " — " + (c.hearingNote ?? ""))) }
        if !c.alternativesList.isEmpty {
            rows.append((t("Geprobeerd", "Tried"), c.alternativesList.joined(separator: "; ")))
        }
        if let p = c.percent {
            rows.append(
                (
                    t("Voorstel", "Proposal"),
                    "\(p)% · \(c.months ?? 0) \(t("maand(en)", "month(s)")) · \(c.proposedByName ?? "") — "
                        + c.proposalReasonList.map { $0.text.text(req.language) }.joined(separator: " ")
                ))
        }
        if let d = c.decision {
            rows.append(
                (
                    t("Besluit", "Decision"),
                    (d == "approved" ? t("opgelegd", "imposed") : t("geen maatregel", "no sanction"))
                        + " · \(c.decidedByName ?? "") \(c.decidedOn ?? "")"
                ))
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
        return req.page(
            t("Handhaving", "Enforcement"), status: status,
            el(
                "div", [],
                el("p", [A("class", "breadcrumb")], link("/personen/\(person.id!)", "← \(person.fullName)")),
                el("h1", [], txt(t("Handhaving: ", "Enforcement: ") + c.caseStatus.label.text(req.language))),
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
                        el("pre", [A("class", "letter-text")], txt($0.text(req.language))))
                } ?? .empty,
                el("div", [], steps)))
    }

    static func act(_ req: Request) async throws -> Response {
        let form = FormData(req)
        let id = try req.idParameter()
        guard let step = EnforcementService.Step(rawValue: req.parameters.get("step") ?? "") else {
            throw DomainError.notFound(.init(nl: "Onbekende stap.", en: "Unknown step."))
        }
        let alternatives = (form["alternatives"] ?? "").split(whereSeparator: \.isNewline).map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        var input = Input(form: [
            "heldOn": form.string("heldOn"), "note": form.string("note"), "violation": form.string("violation"),
            "decision": form.string("decision"),
            "alternatives": step == .alternatives ? .array(alternatives.map(JSONValue.string)) : nil,
        ])
        return try await PageForm.submit(
            req, saved: .init(nl: "De stap is vastgelegd.", en: "The step has been recorded.")
        ) {
            _ = try await EnforcementService.act(id, step, &input, in: req.context)
            return "/handhaving/\(id)"
        } again: { fieldErrors, status in
            return try await show(req, errors: fieldErrors, form: form, status: status)
        }
    }
}
