import Foundation

/// What the participation budget may pay for, per priority category (source document 000 §2.3: the
/// categories are "leidend voor de besteding van middelen"), and for whom without a legal duty to
/// re-integrate (000 §2.3.1). Part of the diagnosis policy, so it is versioned and adopted with it.
///
/// The rules govern only the streams they name (the participation budget); offers paid from other
/// streams (adult education, civic integration, the Wmo) follow their own law and are not checked.
public struct SpendingRules: Sendable, Codable, Hashable {
    /// What a category may be paid for.
    public enum Allowance: String, Sendable, Codable, Hashable, CaseIterable {
        /// Every kind of offer.
        case all
        /// Every kind of offer while the stream has room; the valve lapses these first (category 3).
        case whileRoom
        /// Only the kinds of offer listed (category 4: enforcement and a preparatory track; an empty
        /// list pays for nothing but enforcement, which costs the budget nothing).
        case listed
        /// Nothing from these streams (category 5).
        case none
    }

    public struct CategoryRule: Sendable, Codable, Hashable {
        public var category: Int
        public var allows: Allowance
        /// The kinds of offer allowed when `allows` is `listed`.
        public var types: [InterventionType]
        public init(category: Int, allows: Allowance, types: [InterventionType] = []) {
            self.category = category
            self.allows = allows
            self.types = types
        }
        enum CodingKeys: String, CodingKey { case category, allows, types }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            category = try c.decode(Int.self, forKey: .category)
            allows = try c.decode(Allowance.self, forKey: .allows)
            types = try c.decodeIfPresent([InterventionType].self, forKey: .types) ?? []
        }
    }

    /// The streams these rules govern (codes of the money policy), e.g. `["werkdeel"]`.
    public var streams: [String]
    public var categories: [CategoryRule]
    /// The kinds of offer the governed streams pay for people without a legal duty to re-integrate
    /// (no municipal benefit): information, advice and volunteering, no trajectory.
    public var withoutDuty: [InterventionType]

    public init(streams: [String], categories: [CategoryRule], withoutDuty: [InterventionType]) {
        self.streams = streams
        self.categories = categories
        self.withoutDuty = withoutDuty
    }

    public func rule(_ category: Int) -> CategoryRule? { categories.first { $0.category == category } }

    /// The problems of the rules as a policy file reports them (entry, message).
    public func problems() -> [(entry: String, message: String)] {
        var out: [(String, String)] = []
        if streams.isEmpty { out.append(("spending.streams", "name at least one stream")) }
        if categories.map(\.category).sorted() != Array(1...5) {
            out.append(("spending.categories", "must give a rule for categories 1 to 5 exactly once"))
        }
        for r in categories where r.allows != .listed && !r.types.isEmpty {
            out.append(("spending.categories[\(r.category)]", "kinds of offer are only listed with 'listed'"))
        }
        return out
    }

    /// Why a referral may or may not be paid: the rule that decides, with its reason in words.
    public struct Decision: Sendable, Hashable {
        /// The field the refusal names: `category` or `route`; nil when allowed.
        public var field: String?
        public var allowed: Bool { field == nil }
        public var reason: Reason
    }

    /// Decides whether an offer of `type` paid from `stream` may be paid for a person of `category`
    /// (nil: not yet diagnosed) who has (`legalDuty`) or has not a municipal benefit.
    /// `categoryName` gives the category's name as the policy has it, for the reason.
    public func decide(
        category: Int?, legalDuty: Bool, stream: String, type: InterventionType,
        categoryName: (Int) -> LocalizedText? = { _ in nil }
    ) -> Decision {
        func allow(_ code: String, _ nl: String, _ en: String) -> Decision {
            Decision(field: nil, reason: Reason(code: "spending.\(code)", nl: nl, en: en))
        }
        func refuse(_ field: String, _ code: String, _ nl: String, _ en: String) -> Decision {
            Decision(field: field, reason: Reason(code: "spending.\(code)", nl: nl, en: en))
        }
        func lower(_ types: [InterventionType], _ pick: (LocalizedText) -> String) -> String {
            types.map { pick($0.label).inSentence }.joined(separator: ", ")
        }
        let kind = (nl: type.label.nl.inSentence, en: type.label.en.inSentence)
        guard streams.contains(stream) else {
            return allow(
                "otherStream", "Niet uit het participatiebudget betaald; de regels daarvan gelden hier niet.",
                "Not paid from the participation budget; its rules do not apply.")
        }
        if !legalDuty && !withoutDuty.contains(type) {
            let allowed = (nl: lower(withoutDuty, \.nl), en: lower(withoutDuty, \.en))
            return refuse(
                "route", "noDuty",
                "Zonder gemeentelijke uitkering is er geen wettelijke plicht tot re-integratie; het participatiebudget betaalt dan geen traject zoals \(kind.nl), alleen informatie, advies en \(allowed.nl.isEmpty ? "niets anders" : allowed.nl).",
                "Without a municipal benefit there is no legal duty to re-integrate; the participation budget then pays no trajectory such as \(kind.en), only information, advice and \(allowed.en.isEmpty ? "nothing else" : allowed.en)."
            )
        }
        guard let category, let rule = rule(category) else {
            return allow(
                "noCategory", "Nog geen categorie: de bestedingsregels wegen nog niet mee.",
                "No category yet: the spending rules do not weigh in yet.")
        }
        let name = categoryName(category)
        let named = (
            nl: "Categorie \(category)" + (name.map { " ‘\($0.nl)’" } ?? ""),
            en: "Category \(category)" + (name.map { " ‘\($0.en)’" } ?? "")
        )
        switch rule.allows {
        case .all:
            return allow(
                "all", "\(named.nl): het participatiebudget betaalt elk soort aanbod.",
                "\(named.en): the participation budget pays for any kind of offer.")
        case .whileRoom:
            return allow(
                "whileRoom", "\(named.nl): betaald zolang er ruimte is; bij krapte vervalt dit als eerste (de klep).",
                "\(named.en): paid while there is room; when money is short this lapses first (the valve).")
        case .listed where rule.types.contains(type):
            return allow(
                "listed", "\(named.nl): dit soort aanbod mag wel: \(kind.nl).",
                "\(named.en): this kind of offer is allowed: \(kind.en).")
        case .listed:
            let list = (nl: lower(rule.types, \.nl), en: lower(rule.types, \.en))
            return refuse(
                "category", "notListed",
                "\(named.nl): het participatiebudget investeert hier niet, alleen handhaving\(list.nl.isEmpty ? "" : " en " + list.nl); \(kind.nl) hoort daar niet bij.",
                "\(named.en): the participation budget does not invest here, enforcement only\(list.en.isEmpty ? "" : " and " + list.en); \(kind.en) is not among them."
            )
        case .none:
            return refuse(
                "category", "none",
                "\(named.nl): het participatiebudget betaalt hier niets (meer) voor, ook geen \(kind.nl).",
                "\(named.en): the participation budget pays for nothing here (any more), \(kind.en) included.")
        }
    }
}
