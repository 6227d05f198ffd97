import Foundation
import MeedoenCore

extension PublicCataloguePage {

    /// The public catalogue: every offer, what it is, for whom and how to apply; filters and search.
    /// How to apply, with the counter of the offer's district (or the one chosen) and its opening hours.
    static func howToApply(district: String?, counters: [MunicipalityFile.Counter], _ t: Texts) -> HTMLNode {
        let counter = counters.first { $0.district != nil && $0.district == district }
        guard let counter else {
            return .group([
                txt(
                    t(
                        "Vraag uw klantmanager, of kom langs bij het loket in uw stadsdeel. Zij melden u aan. ",
                        "Ask your case manager, or visit the counter in your district. They sign you up. ")),
                link("/contact", t("Adressen en openingstijden", "Addresses and opening hours")),
            ])
        }
        let hours = counter.openingHours.map { Labels.openingHours($0, t) }.joined(separator: "; ")
        return txt(
            t(
                "Vraag uw klantmanager, of kom langs bij \(counter.name), \(counter.address)\(hours.isEmpty ? "" : " (" + hours + ")"). Zij melden u aan.",
                "Ask your case manager, or visit \(counter.name), \(counter.address)\(hours.isEmpty ? "" : " (" + hours + ")"). They sign you up."
            ))
    }

    static func catalogueView(
        districts: Districts, entries: [CatalogueService.Entry], district: String?, theme: Tier?, situation: Situation?,
        kinds: Set<InterventionType>, q: String?, counters: [MunicipalityFile.Counter] = [], topRung: Int = 6,
        _ v: ViewContext
    ) -> HTMLNode {
        let t = v.t
        let names = districts.names
        let entries = entries.filter { e in
            let i = e.intervention
            guard i.active else { return false }
            if let district, let own = i.districtCode, own != district { return false }
            if let theme, i.interventionType.tier != theme { return false }
            if !kinds.isEmpty, !kinds.contains(i.interventionType) { return false }
            if let situation, !situation.admits(i.criteria) { return false }
            if let q,
                !(i.name.lowercased().contains(q) || (i.description ?? "").lowercased().contains(q)
                    || e.providerName.lowercased().contains(q))
            {
                return false
            }
            return true
        }
        let tiers: [(String, String)] =
            [("", t("Alle thema's", "All themes"))] + Tier.allCases.map { ("\($0)", t($0.label)) }
        let situations: [(String, String)] =
            [("", t("Alle situaties", "All situations"))] + Situation.allCases.map { ($0.rawValue, $0.label(t)) }
        func options(_ all: [(String, String)], _ selected: String?) -> [HTMLNode] {
            all.map { v, l in el("option", [A("value", v), A.flag("selected", v == (selected ?? ""))], txt(l)) }
        }
        let filters = el(
            "form", [A("method", "get"), A("action", "/catalogus"), A("class", "card filters"), A("role", "search")],
            el(
                "div", [A("class", "field")], el("label", [A("for", "q")], txt(t("Zoeken", "Search"))),
                void("input", [A("type", "search"), A("id", "q"), A("name", "q"), A("value", q ?? "")])),
            el(
                "div", [A("class", "field")], el("label", [A("for", "stadsdeel")], txt(t("Stadsdeel", "District"))),
                el(
                    "select", [A("id", "stadsdeel"), A("name", "stadsdeel")],
                    options([("", t("De hele stad", "The whole city"))] + districts.pairs, district))),
            el(
                "div", [A("class", "field")], el("label", [A("for", "thema")], txt(t("Thema", "Theme"))),
                el("select", [A("id", "thema"), A("name", "thema")], options(tiers, theme.map { "\($0)" }))),
            el(
                "div", [A("class", "field")],
                el("label", [A("for", "situatie")], txt(t("Mijn situatie", "My situation"))),
                el("select", [A("id", "situatie"), A("name", "situatie")], options(situations, situation?.rawValue))),
            kinds.isEmpty
                ? .empty
                : void(
                    "input",
                    [
                        A("type", "hidden"), A("name", "soort"),
                        A("value", kinds.map(\.rawValue).sorted().joined(separator: ",")),
                    ]),
            button(t("Tonen", "Show")))
        let cards: [HTMLNode] = entries.map { e in
            let i = e.intervention
            let waiting =
                e.offer.freePlaces > 0
                ? el("span", [A("class", "badge ok")], txt(t("plek vrij", "place free")))
                : el(
                    "span", [A("class", "badge warn")],
                    txt(
                        t(
                            "wachtlijst: ca. \(max(1, (e.offer.expectedWaitDays + 6) / 7)) weken",
                            "waiting list: c. \(max(1, (e.offer.expectedWaitDays + 6) / 7)) weeks")))
            return el(
                "li", [A("class", "card service")],
                el("h2", [], txt(i.name), txt(" "), waiting),
                el(
                    "p", [A("class", "meta")],
                    txt(
                        t(i.interventionType.label) + " · " + t(i.interventionType.tier.label) + " · "
                            + (i.districtCode.map { t("extra aanbod ", "extra offer ") + (names[$0] ?? $0) }
                                ?? t("hele stad", "city-wide")))),
                i.description.map { el("p", [], txt($0)) } ?? .empty,
                el(
                    "dl", [A("class", "facts")],
                    el("dt", [], txt(t("Voor wie", "For whom"))),
                    el("dd", [], txt(audience(i.criteria, topRung: topRung, t))),
                    el("dt", [], txt(t("Waar", "Where"))), el("dd", [], txt("\(i.location) — \(e.providerName)")),
                    el("dt", [], txt(t("Hoe aanmelden", "How to apply"))),
                    el("dd", [], howToApply(district: i.districtCode ?? district, counters: counters, t))))
        }
        return el(
            "div", [A("class", "public")],
            el(
                "h1", [],
                txt(
                    t(
                        "Meedoen: werk, vrijwilligerswerk en dagbesteding in de stad",
                        "Taking part: work, volunteering and day activities in the city"))),
            el(
                "p", [A("class", "lead")],
                txt(
                    t(
                        "Alles wat de gemeente aanbiedt om mee te doen, voor wie het is en hoe u zich aanmeldt. U hoeft niet in te loggen.",
                        "Everything the municipality offers to take part, who it is for and how to apply. No sign-in needed."
                    ))),
            el(
                "p", [],
                link(
                    "/wegwijzer",
                    t(
                        "Weet u niet waar te beginnen? Gebruik de wegwijzer →",
                        "Not sure where to start? Use the guide →"))),
            kinds.isEmpty
                ? .empty
                : el(
                    "p", [A("class", "notice")],
                    txt(t("Alleen: ", "Only: ") + kinds.map { t($0.label) }.sorted().joined(separator: ", ") + " "),
                    link("/catalogus", t("(alles tonen)", "(show all)"))),
            filters,
            el(
                "p", [A("class", "count"), A("aria-live", "polite")],
                txt(t("\(entries.count) mogelijkheden", "\(entries.count) options"))),
            entries.isEmpty
                ? el(
                    "p", [], txt(t("Niets gevonden. Probeer minder filters.", "Nothing found. Try fewer filters.")))
                : el("ul", [A("class", "services")], cards))
    }
}
