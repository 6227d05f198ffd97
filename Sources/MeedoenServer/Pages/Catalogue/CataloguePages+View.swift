import Foundation
import MeedoenCore

extension CataloguePages {

    /// The catalogue for professionals: every offer with its places and waiting list, filtered.
    static func listView(
        entries: [CatalogueService.Entry], districts: Districts, user: User, district: String?, type: InterventionType?,
        onlyWaiting: Bool, _ v: ViewContext
    ) -> HTMLNode {
        let t = v.t
        let editor = !user.roleSet.isDisjoint(with: CatalogueService.editors)
        let title = onlyWaiting ? t("Wachtlijsten", "Waiting lists") : t("Aanbod", "Catalogue")
        return el(
            "section", [],
            el("h1", [], txt(title)),
            el(
                "p", [A("class", "lead")],
                txt(
                    onlyWaiting
                        ? t(
                            "Aanbod met een wachtlijst. Volgorde op de wachtlijst: prioriteitscategorie, dan verwijsdatum.",
                            "Offers with a waiting list. Order: priority category, then referral date.")
                        : t(
                            "Basispakket (hele stad) en pluspakket per stadsdeel: van dagbesteding tot werk, met vrije plekken en wachtlijsten.",
                            "Basic package (city-wide) and each district's plus package: from day activities to work, with free places and waiting lists."
                        ))),
            editor
                ? el(
                    "p", [A("class", "actions")],
                    link("/aanbod/nieuw", t("Nieuw aanbod", "New offer"), [A("class", "button")])) : .empty,
            el(
                "form",
                [A("method", "get"), A("action", onlyWaiting ? "/wachtlijsten" : "/aanbod"), A("class", "search")],
                el(
                    "div", [A("class", "field")],
                    el("label", [A("for", "f-stadsdeel")], txt(t("Stadsdeel", "District"))),
                    el(
                        "select", [A("id", "f-stadsdeel"), A("name", "stadsdeel")],
                        [el("option", [A("value", "")], txt(t("Alle stadsdelen", "All districts")))]
                            + districts.pairs.map {
                                el("option", [A("value", $0.0), A.flag("selected", $0.0 == district)], txt($0.1))
                            })),
                el(
                    "div", [A("class", "field")], el("label", [A("for", "f-type")], txt(t("Soort", "Type"))),
                    el(
                        "select", [A("id", "f-type"), A("name", "type")],
                        [el("option", [A("value", "")], txt(t("Alle soorten", "All types")))]
                            + InterventionType.allCases.map {
                                el(
                                    "option", [A("value", $0.rawValue), A.flag("selected", $0 == type)],
                                    txt(t($0.label)))
                            })),
                onlyWaiting
                    ? void("input", [A("type", "hidden"), A("name", "wachtlijst"), A("value", "1")]) : .empty,
                button(t("Filteren", "Filter"))),
            el(
                "p", [A("class", "count"), A("aria-live", "polite")],
                txt(
                    t(
                        "\(entries.count) \(entries.count == 1 ? "voorziening" : "voorzieningen")",
                        "\(entries.count) \(entries.count == 1 ? "offer" : "offers")"))),
            el(
                "div", [A("class", "table-wrap"), A("tabindex", "0")],
                el(
                    "table", [A("class", "data")],
                    el("caption", [A("class", "visually-hidden")], txt(title)),
                    el(
                        "thead", [],
                        el(
                            "tr", [],
                            el("th", [A("scope", "col")], txt(t("Aanbod", "Offer"))),
                            el("th", [A("scope", "col")], txt(t("Soort", "Type"))),
                            el("th", [A("scope", "col")], txt(t("Pakket", "Package"))),
                            el("th", [A("scope", "col")], txt(t("Aanbieder", "Provider"))),
                            el("th", [A("scope", "col")], txt(t("Prijs", "Price"))),
                            el("th", [A("scope", "col")], txt(t("Plekken", "Places"))))),
                    el(
                        "tbody", [],
                        entries.map { e in
                            let i = e.intervention
                            return el(
                                "tr", [],
                                el(
                                    "td", [], link("/aanbod/\(i.id!)", i.name),
                                    i.active
                                        ? .empty
                                        : el("span", [A("class", "badge")], txt(t(" inactief", " inactive")))),
                                el("td", [], txt(t(i.interventionType.label))),
                                el(
                                    "td", [],
                                    txt(
                                        i.package == "plus"
                                            ? t(
                                                "plus · \((i.districtCode.map(districts.name) ?? ""))",
                                                "plus · \((i.districtCode.map(districts.name) ?? ""))")
                                            : t("basis", "basic"))),
                                el("td", [], txt(e.providerName)),
                                el("td", [A("class", "num")], txt(euros(i.priceCents))),
                                el("td", [], txt("\(i.taken)/\(i.capacity) "), placesBadge(e, t)))
                        }))))
    }

    /// One offer: what it is, for whom, its places; for case managers its waiting list and who fits.
    static func detailView(
        e: CatalogueService.Entry, districts: Districts, user: User, waiting: [ReferralService.WaitingEntry],
        fit: [MatchingService.PlaceCandidate], streams: [MoneyPolicy.StreamSpec], _ v: ViewContext
    ) -> HTMLNode {
        let i = e.intervention
        let t = v.t
        let k = i.criteria
        let isCaseManager = !user.roleSet.isDisjoint(with: [.caseManager, .caseTableChair])
        let editor = !user.roleSet.isDisjoint(with: CatalogueService.editors)
        var criteria: [String] = []
        if !k.rungs.isEmpty {
            criteria.append(t("treden ", "rungs ") + k.rungs.map(String.init).joined(separator: ", "))
        }
        if !k.categories.isEmpty {
            criteria.append(t("categorieën ", "categories ") + k.categories.map(String.init).joined(separator: ", "))
        }
        if k.minAge != nil || k.maxAge != nil {
            let ages: String =
                switch (k.minAge, k.maxAge) {
                case (let lo?, let hi?): t("\(lo) tot en met \(hi) jaar", "aged \(lo) to \(hi)")
                case (let lo?, nil): t("\(lo) jaar en ouder", "aged \(lo) and over")
                case (nil, let hi?): t("tot en met \(hi) jaar", "aged up to \(hi)")
                case (nil, nil): ""
                }
            criteria.append(ages)
        }
        if !k.benefitKinds.isEmpty {
            criteria.append(t("uitkering: ", "benefit: ") + k.benefitKinds.map { t($0.label) }.joined(separator: ", "))
        }
        if !k.districts.isEmpty {
            criteria.append(t("stadsdelen: ", "districts: ") + k.districts.map(districts.name).joined(separator: ", "))
        }
        if !k.routes.isEmpty {
            criteria.append(t("routes: ", "routes: ") + k.routes.map { t($0.label) }.joined(separator: "; "))
        }
        let rows: [(String, String)] = [
            (t("Soort", "Type"), t(i.interventionType.label) + " — " + t(i.interventionType.tier.label)),
            (
                t("Participatiedomein", "Participation domain"),
                ParticipationDomain(rawValue: i.domain).map { t($0.label) } ?? t("onbekend", "unknown")
            ),
            (
                t("Pakket", "Package"),
                i.package == "plus"
                    ? t(
                        "pluspakket \((i.districtCode.map(districts.name) ?? ""))",
                        "plus package \((i.districtCode.map(districts.name) ?? ""))")
                    : t("basispakket (hele stad)", "basic package (city-wide)")
            ),
            (t("Aanbieder", "Provider"), e.providerName),
            (t("Financiering", "Funding stream"), Labels.stream(i.fundingStream, streams, t)),
            (t("Prijs per traject", "Price per trajectory"), euros(i.priceCents)),
            (t("Maximale duur", "Maximum duration"), t("\(i.maxMonths) maanden", "\(i.maxMonths) months")),
            (t("Uren per week", "Hours per week"), String(i.hoursPerWeek)), (t("Locatie", "Location"), i.location),
            (
                t("Recht of plicht", "Right or duty"),
                t(i.legalBasis.label)
                    + (i.legalBasis == .duty
                        ? t(
                            "; verzuim onder de afgesproken uren kan tot handhaving leiden",
                            "; attendance below the agreed hours can lead to enforcement")
                        : t("; vrijwillig, er wordt niet gehandhaafd", "; voluntary, not enforced"))
            ),
            (
                t("Betaling", "Payment"),
                i.contract.map {
                    t("resultaatcontract: ", "result-based contract: ") + t($0.summary(price: i.priceCents))
                }
                    ?? t("naar inspanning: naar rato van de gebruikte dagen", "for effort: pro rata to the days used")
            ),
            (
                t("Toestemming", "Approval"),
                i.needsApproval
                    ? t(
                        "een verwijzing wacht eerst op de specialist toegang voorzieningen",
                        "a referral first waits for the provisions access specialist")
                    : t("niet nodig", "not needed")
            ),
            (
                t("Plekken", "Places"),
                t(
                    "\(i.taken) van \(i.capacity) bezet, \(e.waiting) wachtend"
                        + (e.waitingForBudget > 0 ? " (\(e.waitingForBudget) op budget)" : ""),
                    "\(i.taken) of \(i.capacity) taken, \(e.waiting) waiting"
                        + (e.waitingForBudget > 0 ? " (\(e.waitingForBudget) for budget)" : ""))
            ),
            (
                t("Toegang", "Access"),
                criteria.isEmpty ? t("geen beperkingen", "no restrictions") : criteria.joined(separator: " · ")
            ),
        ]
        var sections: [HTMLNode] = []
        if isCaseManager {
            sections.append(
                el(
                    "section", [A("class", "card"), A("aria-labelledby", "h-wait")],
                    el("h2", [A("id", "h-wait")], txt(t("Wachtlijst", "Waiting list"))),
                    waiting.isEmpty
                        ? el("p", [], txt(t("Niemand wacht.", "Nobody is waiting.")))
                        : el(
                            "div", [A("class", "table-wrap"), A("tabindex", "0")],
                            el(
                                "table", [A("class", "data")],
                                el(
                                    "thead", [],
                                    el(
                                        "tr", [], el("th", [A("scope", "col")], txt("#")),
                                        el("th", [A("scope", "col")], txt(t("Inwoner", "Resident"))),
                                        el("th", [A("scope", "col")], txt(t("Categorie", "Category"))),
                                        el("th", [A("scope", "col")], txt(t("Verwezen", "Referred"))),
                                        el("th", [A("scope", "col")], txt(t("Wacht op", "Waiting for"))),
                                        el("th", [A("scope", "col")], txt(t("Wacht", "Waiting"))))),
                                el(
                                    "tbody", [],
                                    waiting.map { w in
                                        el(
                                            "tr", [], el("td", [], txt(String(w.position))),
                                            el(
                                                "td", [],
                                                w.personName.map { link("/verwijzingen/\(w.referral.id!)", $0) }
                                                    ?? txt(t("(buiten uw caseload)", "(outside your caseload)"))),
                                            el("td", [], txt(w.referral.category.map(String.init) ?? "—")),
                                            dateCell(DateFormatting.day(iso: w.referral.referredOn)),
                                            el(
                                                "td", [],
                                                txt(t((w.referral.waitingFor ?? .place).label))),
                                            el("td", [], txt(t("\(w.waitedSoFar) dagen", "\(w.waitedSoFar) days"))))
                                    })))))
            sections.append(
                el(
                    "section", [A("class", "card"), A("aria-labelledby", "h-fit")],
                    el(
                        "h2", [A("id", "h-fit")],
                        txt(t("Wie past hier? (uit uw caseload)", "Who fits? (from your caseload)"))),
                    fit.isEmpty
                        ? el(
                            "p", [],
                            txt(
                                t(
                                    "Niemand uit uw caseload voldoet aan de toegang.",
                                    "Nobody in your caseload meets the access criteria.")))
                        : el(
                            "ol", [A("class", "matches")],
                            fit.prefix(15).map { c in
                                el(
                                    "li", [],
                                    link(
                                        "/personen/\(c.person.id)/verwijzen",
                                        "\(c.person.givenName) \(c.person.familyName)"),
                                    txt(
                                        " — " + t("categorie ", "category ")
                                            + (c.person.category.map(String.init) ?? "—") + ", " + t("trede ", "rung ")
                                            + (c.person.rung.map(String.init) ?? "—")),
                                    el(
                                        "span", [A("class", "reasons")],
                                        txt(" · " + c.match.reasons.map { t($0.text) }.joined(separator: " "))))
                            })))
        }
        return el(
            "div", [],
            el("p", [A("class", "breadcrumb")], link("/aanbod", t("← Aanbod", "← Catalogue"))),
            el("h1", [], txt(i.name)),
            i.description.map { el("p", [A("class", "lead")], txt($0)) } ?? .empty,
            editor
                ? el(
                    "p", [A("class", "actions")],
                    link("/aanbod/\(i.id!)/bewerken", t("Bewerken", "Edit"), [A("class", "button")])) : .empty,
            el(
                "section", [A("class", "card")],
                el(
                    "dl", [A("class", "facts")],
                    rows.flatMap { [el("dt", [], txt($0.0)), el("dd", [], txt($0.1))] })),
            el("div", [], sections))
    }
}
