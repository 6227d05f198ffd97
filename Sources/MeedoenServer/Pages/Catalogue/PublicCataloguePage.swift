import MeedoenCore
import Vapor

/// The public catalogue ([4/5], first part): every service of the basic package and each district's
/// plus package — what it is, who it is for, how to apply, where, and whether there is a waiting
/// list. No sign-in, no personal data: only the catalogue and counts of free places.
enum PublicCataloguePage {
    enum Situation: String, CaseIterable {
        case young, middle, older, municipalBenefit, otherBenefit, noBenefit

        func label(_ t: Texts) -> String {
            switch self {
            case .young: t("Ik ben 18 tot 27 jaar", "I am 18 to 27")
            case .middle: t("Ik ben 27 tot 50 jaar", "I am 27 to 50")
            case .older: t("Ik ben 50 jaar of ouder", "I am 50 or older")
            case .municipalBenefit:
                t("Ik heb een bijstandsuitkering (of IOAW/IOAZ)", "I receive social assistance (or IOAW/IOAZ)")
            case .otherBenefit:
                t("Ik heb een uitkering van UWV (WW, WIA, Wajong)", "I receive a UWV benefit (WW, WIA, Wajong)")
            case .noBenefit: t("Ik heb geen uitkering", "I receive no benefit")
            }
        }

        /// Whether an offer with these criteria is open to someone in this situation.
        func admits(_ c: AccessCriteria) -> Bool {
            func ages(_ low: Int, _ high: Int) -> Bool { (c.minAge ?? 0) <= high && (c.maxAge ?? 200) >= low }
            func benefits(_ kinds: [BenefitKind]) -> Bool {
                c.benefitKinds.isEmpty || !Set(c.benefitKinds).isDisjoint(with: kinds)
            }
            switch self {
            case .young: return ages(18, 27)
            case .middle: return ages(27, 49)
            case .older: return ages(50, 67)
            case .municipalBenefit: return benefits([.participatiewet, .ioaw, .ioaz])
            case .otherBenefit: return benefits([.ww, .wia, .wajong])
            case .noBenefit: return benefits([.none])
            }
        }
    }

    /// Who an offer is for, in plain words, from its access criteria.
    static func audience(_ c: AccessCriteria, _ t: Texts) -> String {
        var parts: [String] = []
        switch (c.minAge, c.maxAge) {
        case (let lo?, let hi?): parts.append(t("\(lo) tot en met \(hi) jaar", "aged \(lo) to \(hi)"))
        case (let lo?, nil): parts.append(t("vanaf \(lo) jaar", "aged \(lo) and over"))
        case (nil, let hi?): parts.append(t("tot en met \(hi) jaar", "up to \(hi)"))
        default: break
        }
        if !c.benefitKinds.isEmpty {
            let label: [BenefitKind: String] = [
                .participatiewet: t("bijstand", "social assistance"), .ioaw: "IOAW", .ioaz: "IOAZ", .ww: "WW",
                .wia: "WIA", .wajong: "Wajong",
                .none: t("zonder uitkering", "without benefit"),
            ]
            let names = c.benefitKinds.map { label[$0] ?? $0.rawValue }
            parts.append(t("met ", "with ") + names.joined(separator: ", "))
        }
        if !c.rungs.isEmpty {
            parts.append(
                t(
                    "op trede \(c.rungs.map(String.init).joined(separator: ", ")) van de participatieladder",
                    "on rung \(c.rungs.map(String.init).joined(separator: ", ")) of the participation ladder"))
        }
        return parts.isEmpty
            ? t("Iedereen van 18 tot de AOW-leeftijd.", "Everyone from 18 to state-pension age.")
            : t("Voor inwoners ", "For residents ") + parts.joined(separator: "; ") + "."
    }

    static func show(_ req: Request) async throws -> Response {
        let t = req.t
        let districts = try await req.districts()
        let district = req.query[String.self, at: "stadsdeel"].flatMap { code in districts.contains(code) ? code : nil }
        let theme = req.query[String.self, at: "thema"].flatMap { raw in Tier.allCases.first { "\($0)" == raw } }
        let situation = req.query[String.self, at: "situatie"].flatMap(Situation.init(rawValue:))
        // From a decision-tree result: one or more intervention types.
        let kinds = Set(
            (req.query[String.self, at: "soort"] ?? "").split(separator: ",").compactMap {
                InterventionType(rawValue: String($0))
            })
        let q = req.query[String.self, at: "q"].map { String($0.prefix(100)).lowercased() }.flatMap {
            $0.isEmpty ? nil : $0
        }
        let names = districts.names
        let entries = try await CatalogueService.entries(in: req.context).filter { e in
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
                    options([("", t("Heel de stad", "The whole city"))] + districts.pairs, district))),
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
                    el("dt", [], txt(t("Voor wie", "For whom"))), el("dd", [], txt(audience(i.criteria, t))),
                    el("dt", [], txt(t("Waar", "Where"))), el("dd", [], txt("\(i.location) — \(e.providerName)")),
                    el("dt", [], txt(t("Hoe aanmelden", "How to apply"))),
                    el(
                        "dd", [],
                        txt(
                            t(
                                "Vraag uw klantmanager of kom langs bij het loket in uw stadsdeel; zij verwijzen u. Zonder klantmanager kan het loket u verder helpen.",
                                "Ask your case manager or visit the counter in your district; they refer you. Without a case manager, the counter helps you further."
                            )))))
        }
        return req.page(
            t("Wat kan ik doen?", "What can I do?"),
            el(
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
                    : el("ul", [A("class", "services")], cards)))
    }
}
