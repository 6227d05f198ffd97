import Fluent
import MeedoenCore
import Vapor

/// Money in the case manager's work (incentives on a referral, vouchers and enforcement in the
/// dossier, the enforcement case), the resident's vouchers and the local business's till.
enum MoneyWorkPages {
    static func th(_ s: String) -> HTMLNode { el("th", [A("scope", "col")], txt(s)) }

    // MARK: incentives on the referral page

    static func incentivesSection(_ req: Request, referral: Referral, errors: FieldErrors, form: FormData?) async throws
        -> HTMLNode
    {
        let t = req.t
        let items = try await IncentiveService.list(
            personID: nil, referralID: referral.id!, status: nil, in: req.context)
        let list: HTMLNode =
            items.isEmpty
            ? el("p", [], txt(t("Nog geen premies of vergoedingen.", "No premiums or allowances yet.")))
            : el(
                "ul", [],
                items.map { i in
                    let reasons = (try? JSONDecoder().decode([Reason].self, from: Data(i.reasons.utf8))) ?? []
                    return el(
                        "li", [],
                        el(
                            "strong", [],
                            txt(
                                (IncentiveKind(rawValue: i.kind).map { t($0.label) } ?? i.kind) + " "
                                    + Euro.text(i.amountCents))),
                        txt(
                            " · "
                                + (i.status == "exported"
                                    ? t("geëxporteerd voor betaling", "exported for payment")
                                    : t("klaar voor betaling", "ready for payment"))),
                        el("span", [A("class", "meta")], txt(" — " + reasons.map { t($0.text) }.joined(separator: " ")))
                    )
                })
        let kinds: [(value: String, label: String)] =
            [("", "—")] + IncentiveKind.allCases.map { ($0.rawValue, t($0.label)) }
        return el(
            "section", [A("class", "card"), A("id", "premies"), A("aria-labelledby", "h-incentives")],
            el("h2", [A("id", "h-incentives")], txt(t("Premies en vergoedingen", "Premiums and allowances"))),
            list,
            el(
                "form",
                [A("method", "post"), A("action", "/verwijzingen/\(referral.id!)/premie"), A("novalidate", "")],
                csrfField(req.csrfToken),
                selectInput(
                    FormField(name: "incentiveKind", label: t("Soort", "Kind"), errors: errors), options: kinds,
                    selected: form?["incentiveKind"]),
                textInput(
                    FormField(
                        name: "incentiveAmount",
                        label: t(
                            "Bedrag in euro (niet bij uitstroom- en activeringspremie)",
                            "Amount in euros (not for outflow and activation premiums)"), errors: errors),
                    value: form?["incentiveAmount"], extra: [A("inputmode", "decimal")]),
                textInput(
                    FormField(
                        name: "incentiveHours",
                        label: t("Gewerkte uren (prestatievergoeding)", "Hours worked (performance allowance)"),
                        errors: errors), value: form?["incentiveHours"], type: "number", extra: [A("min", "1")]),
                textInput(
                    FormField(
                        name: "incentivePeriod", label: t("Periode (JJJJ-MM)", "Period (YYYY-MM)"), errors: errors),
                    value: form?["incentivePeriod"] ?? String(req.today.iso.prefix(7))),
                button(t("Vastleggen", "Record"), secondary: true)))
    }

    static func addIncentive(_ req: Request) async throws -> Response {
        let form = FormData(req)
        let id = try req.idParameter()
        var input = Input(form: [
            "referralId": .string(id.uuidString), "kind": form.string("incentiveKind"),
            "amountCents": Euro.field(form, "incentiveAmount"),
            "hours": form.int("incentiveHours"), "period": form.string("incentivePeriod"),
        ])
        return try await PageForm.submit(
            req,
            saved: .init(
                nl: "De premie of vergoeding is vastgelegd.", en: "The premium or allowance has been recorded.")
        ) {
            _ = try await IncentiveService.create(&input, in: req.context)
            return "/verwijzingen/\(id)#premies"
        } again: { fieldErrors, status in
            let errors = fieldErrors.renamed("kind", "incentiveKind").renamed(
                "amountCents", "incentiveAmount"
            )
            .renamed("hours", "incentiveHours").renamed("period", "incentivePeriod")
            return try await ReferralPages.show(req, errors: errors, form: form, status: status)
        }
    }

    // MARK: the dossier: vouchers and enforcement

    static func dossierSections(_ req: Request, person: Person, canAssess: Bool) async throws -> HTMLNode {
        let t = req.t
        guard
            req.auth.get(User.self)?.roleSet.contains(.caseManager) == true
                || req.auth.get(User.self)?.roleSet.contains(.residentAdviser) == true
        else { return .empty }
        let (account, entries) = try await VoucherService.recent(personID: person.id!, limit: 5, on: req.context)
        let cases = try await EnforcementService.cases(personID: person.id!, in: req.context)
        let cardText: String = account.map { t(" · kaart \($0.cardCode)", " · card \($0.cardCode)") } ?? ""
        let entryItems: [HTMLNode] = entries.map { e in
            let what: String = e.activity ?? (e.kind == "redeem" ? t("ingewisseld", "redeemed") : e.kind)
            let line: String =
                "\(e.onDate) · " + (e.kind == "earn" ? "+" : "") + Euro.text(e.amountCents) + " · " + what
            return el("li", [], txt(line))
        }
        let balance: HTMLNode = el(
            "p", [], txt(t("Saldo: ", "Balance: ")), el("strong", [], txt(Euro.text(account?.balanceCents ?? 0))),
            txt(cardText))
        let earnForm: HTMLNode =
            canAssess
            ? el(
                "form",
                [
                    A("method", "post"), A("action", "/personen/\(person.id!)/vouchers"), A("class", "inline-form"),
                    A("novalidate", ""),
                ],
                csrfField(req.csrfToken),
                el("label", [A("for", "activity")], txt(t("Activiteit", "Activity"))),
                void(
                    "input",
                    [
                        A("type", "text"), A("id", "activity"), A("name", "activity"),
                        A("placeholder", t("bijv. buurttuin", "e.g. community garden")),
                    ]),
                el("label", [A("for", "hours")], txt(t("Uren", "Hours"))),
                void(
                    "input",
                    [
                        A("type", "number"), A("id", "hours"), A("name", "hours"), A("min", "1"), A("max", "40"),
                        A("size", "4"),
                    ]),
                button(t("Goedkeuren en bijschrijven", "Approve and credit"), secondary: true)) : .empty
        let vouchers = el(
            "section", [A("class", "card"), A("aria-labelledby", "h-vouchers")],
            el("h2", [A("id", "h-vouchers")], txt(t("Meedoenvouchers", "Participation vouchers"))),
            balance, entries.isEmpty ? .empty : el("ul", [], entryItems), earnForm)
        let enforcement: HTMLNode =
            cases.isEmpty
            ? .empty
            : el(
                "section", [A("class", "card"), A("aria-labelledby", "h-enforcement")],
                el("h2", [A("id", "h-enforcement")], txt(t("Handhaving", "Enforcement"))),
                el(
                    "ul", [],
                    cases.map { c in
                        el(
                            "li", [], link("/handhaving/\(c.id!)", "\(c.openedOn) · " + t(c.caseStatus.label)),
                            c.percent.map { txt(t(" · voorstel \($0)%", " · proposal \($0)%")) } ?? .empty)
                    }))
        return el("div", [A("class", "grid")], vouchers, enforcement)
    }

    static func earn(_ req: Request) async throws -> Response {
        let form = FormData(req)
        let id = try req.idParameter()
        var input = Input(form: ["activity": form.string("activity"), "hours": form.int("hours")])
        return try await PageForm.render(req) {
            _ = try await VoucherService.earn(id, &input, in: req.context)
            return PageForm.redirect(
                req, to: "/personen/\(id)#h-vouchers",
                saved: .init(nl: "De activiteit is bijgeschreven.", en: "The activity has been credited."))
        } again: { fieldErrors, status in
            return req.page(
                req.t("Activiteit niet bijgeschreven", "Activity not credited"), status: status,
                el(
                    "section", [A("class", "card narrow")],
                    el("h1", [], txt(req.t("Activiteit niet bijgeschreven", "Activity not credited"))),
                    errorSummary(fieldErrors, req.t),
                    link("/personen/\(id)", req.t("← Terug naar het dossier", "← Back to the file"))))
        }
    }

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
        let dto = EnforcementService.dto(c, agreement: agreement, req.language)
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
                            value: form?["alternatives"] ?? dto.alternatives.joined(separator: "\n"), rows: 4),
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
            (t("Relatie", "Relation"), dto.relationLabel),
            (t("Geopend", "Opened"), "\(dto.openedOn) · \(dto.openedBy)"),
        ]
        if let h = dto.hearingOn { rows.append((t("Hoorgesprek", "Hearing"), h + " — " + (dto.hearingNote ?? ""))) }
        if !dto.alternatives.isEmpty {
            rows.append((t("Geprobeerd", "Tried"), dto.alternatives.joined(separator: "; ")))
        }
        if let p = dto.percent {
            rows.append(
                (
                    t("Voorstel", "Proposal"),
                    "\(p)% · \(dto.months ?? 0) \(t("maand(en)", "month(s)")) · \(dto.proposedBy ?? "") — "
                        + dto.proposalReasons.joined(separator: " ")
                ))
        }
        if let d = dto.decision {
            rows.append(
                (
                    t("Besluit", "Decision"),
                    (d == "approved" ? t("opgelegd", "imposed") : t("geen maatregel", "no sanction"))
                        + " · \(dto.decidedBy ?? "") \(dto.decidedOn ?? "")"
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
                el("h1", [], txt(t("Handhaving: ", "Enforcement: ") + dto.statusLabel)),
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
                dto.notification.map {
                    el(
                        "section", [A("class", "card letter")],
                        el("h2", [], txt(t("Brief aan de inwoner", "Letter to the resident"))),
                        el("pre", [A("class", "letter-text")], txt($0)))
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

    // MARK: the resident's vouchers

    static func residentVouchers(_ req: Request) async throws -> Response {
        let user = try req.requireRole(
            .resident, because: .init(nl: "Deze pagina is voor inwoners.", en: "This page is for residents."))
        let t = req.t
        guard let personID = user.personID else {
            throw DomainError.forbidden(
                .init(nl: "Uw account hoort bij geen inwoner.", en: "Your account belongs to no resident."))
        }
        let a = try await VoucherService.account(personID, in: req.context)
        return req.page(
            t("Mijn vouchers", "My vouchers"),
            el(
                "div", [],
                el("h1", [], txt(t("Mijn Meedoenvouchers", "My participation vouchers"))),
                el(
                    "section", [A("class", "card")],
                    el(
                        "p", [A("class", "big")], txt(t("Saldo ", "Balance ")),
                        el("strong", [], txt(Euro.text(a.balanceCents)))),
                    a.cardCode.map {
                        el(
                            "p", [], txt(t("Uw kaartcode: ", "Your card code: ")),
                            el("strong", [A("class", "code")], txt($0)))
                    } ?? .empty,
                    el(
                        "p", [],
                        txt(
                            t(
                                "U verdient vouchers met activiteiten in de buurt en besteedt ze bij deelnemende winkels. Wat u in een jaar verdient en niet besteedt, vervalt aan het eind van dat jaar.",
                                "You earn vouchers with activities in the neighbourhood and spend them at participating shops. What you earn in a year and do not spend expires at the end of that year."
                            )))),
                a.entries.isEmpty
                    ? el("p", [], txt(t("Nog geen vouchers.", "No vouchers yet.")))
                    : el(
                        "div", [A("class", "table-wrap"), A("tabindex", "0")],
                        el(
                            "table", [A("class", "data")],
                            el("caption", [], txt(t("Geschiedenis", "History"))),
                            el(
                                "thead", [],
                                el("tr", [], th(t("Datum", "Date")), th(t("Wat", "What")), th(t("Bedrag", "Amount")))),
                            el(
                                "tbody", [],
                                a.entries.map { e in
                                    let what =
                                        e.kind == "earn"
                                        ? "\(e.activity ?? "") (\(e.hours ?? 0) \(t("uur", "h")), \(t("goedgekeurd door", "approved by")) \(e.approvedBy ?? ""))"
                                        : e.kind == "redeem"
                                            ? t("Besteed bij ", "Spent at ") + (e.business ?? "")
                                            : (e.activity ?? t("Vervallen", "Expired"))
                                    return el(
                                        "tr", [], el("td", [], txt(e.onDate)), el("td", [], txt(what)),
                                        el(
                                            "td", [A("class", "num")],
                                            txt((e.amountCents > 0 ? "+" : "") + Euro.text(e.amountCents))))
                                })))))
    }

    // MARK: the business's till

    static func till(
        _ req: Request, result: VoucherService.RedemptionDTO? = nil, errors: FieldErrors = FieldErrors(),
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let user = try req.requireRole(
            .business,
            because: .init(
                nl: "Alleen geregistreerde lokale ondernemers nemen vouchers in.",
                en: "Only registered local businesses redeem vouchers."))
        let t = req.t
        var business: Business?
        if let id = user.businessID { business = try await Business.find(id, on: req.db) }
        // A fresh key per form: a double click or a resent form is applied once.
        let key = "till-" + UUID().uuidString.lowercased()
        return req.page(
            t("Vouchers innemen", "Redeem vouchers"), status: status,
            el(
                "div", [],
                el("h1", [], txt(t("Vouchers innemen", "Redeem vouchers") + (business.map { " — \($0.name)" } ?? ""))),
                result.map { r in
                    el(
                        "p", [A("class", "notice ok"), A("role", "status")],
                        txt(
                            t(
                                "Ingenomen: \(Euro.text(r.amountCents)) van kaart \(r.cardCode)",
                                "Redeemed: \(Euro.text(r.amountCents)) from card \(r.cardCode)")
                                + (r.replayed
                                    ? t(
                                        " (was al verwerkt; niet dubbel afgeschreven)",
                                        " (already processed; not charged twice)") : ".")))
                } ?? .empty,
                errorSummary(errors, t),
                el(
                    "form",
                    [A("method", "post"), A("action", "/inwisselen"), A("class", "card narrow"), A("novalidate", "")],
                    csrfField(req.csrfToken),
                    void("input", [A("type", "hidden"), A("name", "idempotencyKey"), A("value", key)]),
                    textInput(
                        FormField(
                            name: "cardCode", label: t("Kaartcode van de inwoner", "Resident's card code"),
                            hint: t("Bijvoorbeeld MD-AB12-CD34", "For example MD-AB12-CD34"), errors: errors),
                        value: nil, autocomplete: "off"),
                    textInput(
                        FormField(name: "amountCents", label: t("Bedrag in euro", "Amount in euros"), errors: errors),
                        value: nil, extra: [A("inputmode", "decimal")]),
                    button(t("Innemen", "Redeem"))),
                el(
                    "p", [A("class", "meta")],
                    txt(
                        t(
                            "U ziet geen naam of saldo van de inwoner: alleen of de betaling lukt.",
                            "You see no name or balance of the resident: only whether the payment succeeds.")))))
    }

    static func redeem(_ req: Request) async throws -> Response {
        let form = FormData(req)
        var input = Input(form: [
            "cardCode": form.string("cardCode"), "amountCents": Euro.field(form, "amountCents"),
            "idempotencyKey": form.string("idempotencyKey"),
        ])
        return try await PageForm.render(req) {
            let r = try await VoucherService.redeem(&input, idempotencyKey: nil, in: req.context)
            return try await till(req, result: r)
        } again: { fieldErrors, status in
            return try await till(req, errors: fieldErrors, status: status)
        }
    }
}
