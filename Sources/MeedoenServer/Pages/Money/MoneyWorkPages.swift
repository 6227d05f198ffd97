import MeedoenCore
import Vapor

/// Money in the case manager's work (incentives on a referral, vouchers and enforcement in the
/// dossier, the enforcement case), the resident's vouchers and the local business's till.
enum MoneyWorkPages {
    static func th(_ s: String) -> HTMLNode { el("th", [A("scope", "col")], txt(s)) }

    // MARK: incentives on the referral page

    static func incentivesSection(
        _ items: [IncentivePayment], referral: Referral, errors: FieldErrors, form: FormData?, _ v: ViewContext
    ) -> HTMLNode {
        let t = v.t
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
                                t(i.kind.label) + " "
                                    + Euro.text(i.amountCents))),
                        txt(
                            " · "
                                + (i.status == .exported
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
                csrfField(v.csrfToken),
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
                        name: "incentivePeriod", label: t("Maand", "Month"), errors: errors),
                    value: form?["incentivePeriod"] ?? String(v.today.iso.prefix(7)), type: "month"),
                selectInput(
                    FormField(
                        name: "incentiveHousehold",
                        label: t(
                            "Huishouden van de uitkering (prestatievergoeding)",
                            "Household of the benefit (performance allowance)"),
                        hint: t(
                            "Uitkering plus prestatievergoeding blijft onder het minimumloon.",
                            "Benefit plus performance allowance stays below the minimum wage."), errors: errors),
                    options: [("", "—")] + HouseholdType.allCases.map { ($0.rawValue, t($0.label)) },
                    selected: form?["incentiveHousehold"]),
                button(t("Vastleggen", "Record"), secondary: true)))
    }

    static func addIncentive(_ req: Request) async throws -> Response {
        let form = FormData(req)
        let id = try req.idParameter()
        var input = Input(form: [
            "referralId": .string(id.uuidString), "kind": form.string("incentiveKind"),
            "amountCents": Euro.field(form, "incentiveAmount"),
            "hours": form.int("incentiveHours"), "period": form.string("incentivePeriod"),
            "householdType": form.string("incentiveHousehold"),
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
            .renamed("householdType", "incentiveHousehold")
            return try await ReferralPages.show(req, errors: errors, form: form, status: status)
        }
    }

    // MARK: the dossier: vouchers and enforcement

    /// The person's voucher account and enforcement cases, for case managers and resident advisers.
    struct DossierMoney {
        var account: VoucherAccount?
        var entries: [VoucherEntry]
        var cases: [EnforcementCase]
    }

    static func loadDossierMoney(_ person: Person, user: User, in ctx: UseCaseContext) async throws -> DossierMoney? {
        guard user.roleSet.contains(.caseManager) || user.roleSet.contains(.residentAdviser) else { return nil }
        let (account, entries) = try await VoucherService.recent(personID: person.id!, limit: 5, on: ctx)
        let cases = try await EnforcementService.cases(personID: person.id!, in: ctx)
        return DossierMoney(account: account, entries: entries, cases: cases)
    }

    static func dossierSections(_ m: DossierMoney, person: Person, canAssess: Bool, _ v: ViewContext) -> HTMLNode {
        let t = v.t
        let (account, entries, cases) = (m.account, m.entries, m.cases)
        let cardText: String = account.map { t(" · kaart \($0.cardCode)", " · card \($0.cardCode)") } ?? ""
        let entryItems: [HTMLNode] = entries.map { e in
            let what: String = e.activity ?? (e.kind == .redeem ? t("ingewisseld", "redeemed") : e.kind.rawValue)
            let line: String =
                "\(DateFormatting.day(iso: e.onDate)) · " + (e.kind == .earn ? "+" : "") + Euro.text(e.amountCents)
                + " · " + what
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
                csrfField(v.csrfToken),
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
                            "li", [],
                            link(
                                "/handhaving/\(c.id!)", "\(DateFormatting.day(iso: c.openedOn)) · " + t(c.status.label)),
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
                notCreditedView(personID: id, errors: fieldErrors, req.view))
        }
    }

}
