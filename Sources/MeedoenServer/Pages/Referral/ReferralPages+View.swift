import Foundation
import MeedoenCore

extension ReferralPages {
    /// The matches for one resident, best first, each with its reasons and the form to refer.
    /// `signal`: the signal the referral is made from, if any.
    static func referView(
        _ m: MatchingService.PersonMatches, signal: UUID?, _ v: ViewContext, form: FormData? = nil,
        errors: FieldErrors = FieldErrors()
    ) -> HTMLNode {
        let t = v.t
        let p = m.person
        let c = m.candidate
        let chosen = form?["interventionId"]
        func offerCard(_ match: Match) -> HTMLNode {
            let e = m.entries[match.offerIndex]
            let i = e.intervention
            let isChosen = chosen == i.id!.uuidString
            let prefix = "o-\(i.code.filter { $0.isLetter || $0.isNumber })"
            return el(
                "li", [A("class", match.fits ? "match" : "match unfit")],
                el("h3", [], link("/aanbod/\(i.id!)", i.name), txt(" "), CataloguePages.placesBadge(e, t)),
                el(
                    "p", [A("class", "meta")],
                    txt(
                        t(i.interventionType.label) + " · " + e.providerName + " · "
                            + CataloguePages.euros(i.priceCents))),
                el(
                    "ul", [A("class", "reasons")],
                    match.reasons.map { r in
                        el("li", [A("class", r.code.hasSuffix(".unmet") ? "unmet" : "")], txt(t(r.text)))
                    }),
                el(
                    "details", isChosen ? [A("open", "")] : [],
                    el(
                        "summary", [],
                        txt(
                            match.fits
                                ? t("Verwijzen naar dit aanbod", "Refer to this offer")
                                : t("Toch verwijzen, met onderbouwing", "Refer anyway, with a reason"))),
                    el(
                        "form",
                        [A("method", "post"), A("action", "/personen/\(p.id!)/verwijzen"), A("novalidate", "")],
                        [
                            csrfField(v.csrfToken),
                            void(
                                "input",
                                [A("type", "hidden"), A("name", "interventionId"), A("value", i.id!.uuidString)]),
                            signal
                                .map {
                                    void(
                                        "input", [A("type", "hidden"), A("name", "signaal"), A("value", $0.uuidString)])
                                } ?? .empty,
                            textArea(
                                FormField(
                                    name: "\(prefix)-goal", label: t("Doel van de verwijzing", "Goal of the referral"),
                                    errors: isChosen ? errors.renamed("goal", "\(prefix)-goal") : FieldErrors()),
                                value: isChosen ? form?["\(prefix)-goal"] : nil, rows: 2),
                            textInput(
                                FormField(
                                    name: "\(prefix)-hours",
                                    label: t("Afgesproken uren per week", "Agreed hours per week"),
                                    errors: isChosen ? errors.renamed("agreedHours", "\(prefix)-hours") : FieldErrors()),
                                value: isChosen ? form?["\(prefix)-hours"] : String(i.hoursPerWeek), type: "number",
                                extra: [A("min", "0"), A("max", "60")]),
                        ]
                            + match.unmet.map { u in
                                textArea(
                                    FormField(
                                        name: "\(prefix)-override-\(u.criterion.rawValue)",
                                        label: t(
                                            "Reden om af te wijken van ‘\(u.reason.text.nl)’",
                                            "Reason to deviate from ‘\(u.reason.text.en)’"),
                                        errors: isChosen
                                            ? errors.renamed(
                                                "criteria.\(u.criterion.rawValue)",
                                                "\(prefix)-override-\(u.criterion.rawValue)") : FieldErrors()),
                                    value: isChosen ? form?["\(prefix)-override-\(u.criterion.rawValue)"] : nil, rows: 2
                                )
                            }
                            + [
                                button(
                                    e.offer.freePlaces > 0
                                        ? t("Verwijzen", "Refer")
                                        : t("Op de wachtlijst zetten", "Put on the waiting list"))
                            ])))
        }
        let fitting = m.matches.filter(\.fits)
        let unfit = m.matches.filter { !$0.fits }
        return el(
            "div", [],
            el("p", [A("class", "breadcrumb")], link("/personen/\(p.id!)", "← \(p.fullName)")),
            el("h1", [], txt(t("Passend aanbod voor \(p.fullName)", "Matching offers for \(p.fullName)"))),
            el(
                "p", [A("class", "lead")],
                txt(
                    t(
                        "Trede \(c.rung.map(String.init) ?? "onbekend") · categorie \(c.category.map(String.init) ?? "open") · route \(c.route.map { t($0.label) } ?? "nog geen diagnose"). Alleen aanbod dat bij de route past; daarbinnen eerst betaald werk, dan activering/stage, vrijwilligerswerk, dagbesteding; binnen die volgorde wens, stadsdeel, vrije plek.",
                        "Rung \(c.rung.map(String.init) ?? "unknown") · category \(c.category.map(String.init) ?? "open") · route \(c.route.map { t($0.label) } ?? "no diagnosis yet"). Only offers that fit the route; among them paid work first, then activation/internship, volunteering, day activities; within that order wish, district, free place."
                    ))),
            errorSummary(errors, t),
            el(
                "section", [A("aria-labelledby", "h-fit")],
                el("h2", [A("id", "h-fit")], txt(t("Past (\(fitting.count))", "Fits (\(fitting.count))"))),
                fitting.isEmpty
                    ? el(
                        "p", [], txt(t("Geen aanbod voldoet aan alle criteria.", "No offer meets every criterion."))
                    ) : el("ol", [A("class", "matches")], fitting.map(offerCard))),
            el(
                "section", [A("aria-labelledby", "h-unfit")],
                el(
                    "details", [],
                    el(
                        "summary", [],
                        el(
                            "h2", [A("id", "h-unfit"), A("class", "inline")],
                            txt(
                                t(
                                    "Past niet op alle criteria (\(unfit.count))",
                                    "Does not meet every criterion (\(unfit.count))")))),
                    el("ol", [A("class", "matches")], unfit.prefix(40).map(offerCard)))),
            notPaidSection(m, signal: signal, v, form: form, errors: errors))
    }

    /// The offers left out because the budget may not pay them for this resident, each with the rule
    /// and a way to ask a budget holder for an exception (with a reason; the referral then waits for
    /// the decision).
    static func notPaidSection(
        _ m: MatchingService.PersonMatches, signal: UUID?, _ v: ViewContext, form: FormData?, errors: FieldErrors
    ) -> HTMLNode {
        let t = v.t
        let notPaid = m.notPaid
        guard !notPaid.isEmpty else { return .empty }
        let chosen = form?["interventionId"]
        let anyChosen = notPaid.contains { $0.intervention.id!.uuidString == chosen }
        func item(_ i: Intervention, _ reason: Reason, _ unmet: [CriterionResult]) -> HTMLNode {
            let isChosen = chosen == i.id!.uuidString
            let prefix = "o-\(i.code.filter { $0.isLetter || $0.isNumber })"
            let mine = isChosen ? errors : FieldErrors()
            // An offer that does not fit on its criteria either: no exception to ask, only why.
            guard unmet.isEmpty else {
                return el(
                    "li", [],
                    el("strong", [], link("/aanbod/\(i.id!)", i.name)), txt(" — " + t(reason.text)),
                    el(
                        "p", [A("class", "meta")],
                        txt(
                            t("Past ook niet: ", "Does not fit either: ")
                                + unmet.map { t($0.reason.text) }.joined(separator: " "))))
            }
            return el(
                "li", [],
                el("strong", [], link("/aanbod/\(i.id!)", i.name)), txt(" — " + t(reason.text)),
                el(
                    "details", isChosen ? [A("open", "")] : [],
                    el(
                        "summary", [],
                        txt(t("Uitzondering vragen aan de budgethouder", "Ask the budget holder for an exception"))),
                    el(
                        "form",
                        [A("method", "post"), A("action", "/personen/\(m.person.id!)/verwijzen"), A("novalidate", "")],
                        csrfField(v.csrfToken),
                        void(
                            "input", [A("type", "hidden"), A("name", "interventionId"), A("value", i.id!.uuidString)]),
                        signal.map {
                            void("input", [A("type", "hidden"), A("name", "signaal"), A("value", $0.uuidString)])
                        } ?? .empty,
                        textArea(
                            FormField(
                                name: "\(prefix)-goal", label: t("Doel van de verwijzing", "Goal of the referral"),
                                errors: mine.renamed("goal", "\(prefix)-goal")),
                            value: isChosen ? form?["\(prefix)-goal"] : nil, rows: 2),
                        textInput(
                            FormField(
                                name: "\(prefix)-hours", label: t("Afgesproken uren per week", "Agreed hours per week"),
                                errors: mine.renamed("agreedHours", "\(prefix)-hours")),
                            value: isChosen ? form?["\(prefix)-hours"] : String(i.hoursPerWeek), type: "number",
                            extra: [A("min", "0"), A("max", "60")]),
                        textArea(
                            FormField(
                                name: "\(prefix)-exception",
                                label: t(
                                    "Waarom is een uitzondering nodig? (de budgethouder leest dit, zonder naam)",
                                    "Why is an exception needed? (the budget holder reads this, without a name)"),
                                errors: mine.renamed("spendingException.reason", "\(prefix)-exception")),
                            value: isChosen ? form?["\(prefix)-exception"] : nil, rows: 3),
                        button(t("Uitzondering vragen", "Ask for an exception")))))
        }
        return el(
            "section", [A("aria-labelledby", "h-notpaid")],
            el(
                "details", anyChosen ? [A("open", "")] : [],
                el(
                    "summary", [],
                    el(
                        "h2", [A("id", "h-notpaid"), A("class", "inline")],
                        txt(
                            t(
                                "Niet uit het budget voor deze inwoner (\(notPaid.count))",
                                "Not paid from the budget for this resident (\(notPaid.count))")))),
                el(
                    "p", [],
                    txt(
                        t(
                            "De bestedingsregels van het beleid laten dit aanbod niet betalen; een gewone verwijzing ernaar wordt geweigerd. U kunt een budgethouder met een reden om een uitzondering vragen; de verwijzing wacht dan op dat besluit.",
                            "The policy's spending rules do not let this offer be paid; an ordinary referral to it is refused. You can ask a budget holder for an exception, with a reason; the referral then waits for that decision."
                        ))),
                el("ul", [A("class", "not-paid")], notPaid.map { item($0.intervention, $0.reason, $0.unmet) })))
    }

    static func listView(
        _ rows: [ReferralService.Row], total: Int, filter: ReferralService.ListFilter, user: User, _ v: ViewContext
    ) -> (title: String, body: HTMLNode) {
        let t = v.t
        let isProvider =
            rows.first?.asProvider ?? (user.roleSet.contains(.provider) && !user.viewer.hasAny(.caseManager))
        let title =
            isProvider
            ? t("Verwijzingen naar ons aanbod", "Referrals to our offers") : t("Mijn verwijzingen", "My referrals")
        let pages = max(1, (total + filter.pageSize - 1) / filter.pageSize)
        let groups: [(String, String)] = [
            ("open", t("Lopend (nog te doen)", "Open (to do)")), ("finished", t("Afgerond", "Finished")),
            ("all", t("Alle", "All")),
        ]
        func href(_ page: Int) -> String {
            "/verwijzingen?toon=\(filter.group.rawValue)" + (filter.search.map { "&q=" + query($0) } ?? "")
                + (page > 1 ? "&page=\(page)" : "")
        }
        let shown: String =
            total == 0
            ? t("Geen verwijzingen gevonden.", "No referrals found.")
            : t(
                "\(Plural.of(total, "verwijzing", "verwijzingen"))"
                    + (filter.search.map { " gevonden voor ‘\($0)’" } ?? ""),
                "\(Plural.of(total, "referral", "referrals"))" + (filter.search.map { " found for ‘\($0)’" } ?? ""))
        return (
            title,
            el(
                "section", [],
                el("h1", [], txt(title)),
                el(
                    "p", [A("class", "lead")],
                    txt(
                        isProvider
                            ? t(
                                "U ziet alleen wie naar uw aanbod is verwezen, en alleen wat u nodig hebt: naam, contact, doel en uren. Elke inzage wordt vastgelegd.",
                                "You see only who was referred to your offers, and only what you need: name, contact, goal and hours. Every view is recorded."
                            )
                            : t("Verwijzingen van inwoners die u mag zien.", "Referrals of residents you may see."))),
                el(
                    "form",
                    [A("method", "get"), A("action", "/verwijzingen"), A("class", "filters"), A("role", "search")],
                    el(
                        "div", [A("class", "field")],
                        el("label", [A("for", "toon")], txt(t("Toon", "Show"))),
                        el(
                            "select", [A("id", "toon"), A("name", "toon")],
                            groups.map { g in
                                el(
                                    "option", [A("value", g.0), A.flag("selected", g.0 == filter.group.rawValue)],
                                    txt(g.1))
                            })),
                    el(
                        "div", [A("class", "field")],
                        el("label", [A("for", "q")], txt(t("Zoek op naam of aanbod", "Search by name or offer"))),
                        void(
                            "input",
                            [A("type", "search"), A("id", "q"), A("name", "q"), A("value", filter.search ?? "")])),
                    el("div", [A("class", "field")], button(t("Toon", "Show")))),
                el("p", [A("class", "count"), A("aria-live", "polite")], txt(shown)),
                total == 0
                    ? .empty
                    : table(
                        rows.map { ($0.referral, "\($0.givenName) \($0.familyName)", $0.interventionName) },
                        asProvider: isProvider, t),
                pager(page: filter.page, pages: pages, t, href: href))
        )
    }
}
