import Foundation

/// The versioned policy behind the diagnosis: routes, target groups and categories (DOMAIN.md
/// "Diagnosis in two steps", "Priority categories"). Lives in `Policies/diagnosis/*.json`.
public struct DiagnosisPolicy: Sendable, Codable, Hashable, PolicyDocument {
    public struct RouteRule: Sendable, Codable, Hashable {
        public var route: Route
        public var when: Condition
        public var reason: LocalizedText
        enum CodingKeys: String, CodingKey { case route, when, reason }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            route = try c.decode(Route.self, forKey: .route)
            when = try c.decodeIfPresent(Condition.self, forKey: .when) ?? Condition()
            reason = try c.decode(LocalizedText.self, forKey: .reason)
        }
    }

    public struct TargetGroup: Sendable, Codable, Hashable {
        public var id: String
        public var category: Int
        public var name: LocalizedText
        public var when: Condition

        public init(id: String, category: Int, name: LocalizedText, when: Condition) {
            self.id = id
            self.category = category
            self.name = name
            self.when = when
        }
    }

    public struct Category: Sendable, Codable, Hashable {
        public var number: Int
        public var name: LocalizedText
    }

    public struct CaseTableRule: Sendable, Codable, Hashable {
        /// ZRM scores at or below this count as a problem domain (1 acute, 2 not self-sufficient).
        public var maxScore: Int
        /// This many problem domains or more propose the district case table.
        public var minDomains: Int
    }

    public var id: String
    public var version: String
    public var name: LocalizedText
    public var municipalBenefits: [BenefitKind]
    public var workingAge: ClosedRange<Int>
    public var routes: [RouteRule]
    public var enforcementAvailable: Condition
    public var categories: [Category]
    public var targetGroups: [TargetGroup]
    public var caseTable: CaseTableRule
    /// What the participation budget pays for per category; nil in versions adopted before the
    /// rules existed (then nothing is refused on these grounds).
    public var spending: SpendingRules?

    enum CodingKeys: String, CodingKey {
        case id, version, name, municipalBenefits, workingAge, routes, enforcementAvailable, categories, targetGroups,
            caseTable, spending
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        version = try c.decode(String.self, forKey: .version)
        name = try c.decode(LocalizedText.self, forKey: .name)
        municipalBenefits = try c.decode([BenefitKind].self, forKey: .municipalBenefits)
        let age = try c.decode([Int].self, forKey: .workingAge)
        guard age.count == 2, age[0] <= age[1] else {
            throw DecodingError.dataCorruptedError(
                forKey: .workingAge, in: c, debugDescription: "workingAge must be [minimum, maximum]")
        }
        workingAge = age[0]...age[1]
        routes = try c.decode([RouteRule].self, forKey: .routes)
        enforcementAvailable = try c.decode(Condition.self, forKey: .enforcementAvailable)
        categories = try c.decode([Category].self, forKey: .categories)
        targetGroups = try c.decode([TargetGroup].self, forKey: .targetGroups)
        caseTable = try c.decode(CaseTableRule.self, forKey: .caseTable)
        spending = try c.decodeIfPresent(SpendingRules.self, forKey: .spending)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(version, forKey: .version)
        try c.encode(name, forKey: .name)
        try c.encode(municipalBenefits, forKey: .municipalBenefits)
        try c.encode([workingAge.lowerBound, workingAge.upperBound], forKey: .workingAge)
        try c.encode(routes, forKey: .routes)
        try c.encode(enforcementAvailable, forKey: .enforcementAvailable)
        try c.encode(categories, forKey: .categories)
        try c.encode(targetGroups, forKey: .targetGroups)
        try c.encode(caseTable, forKey: .caseTable)
        try c.encodeIfPresent(spending, forKey: .spending)
    }

    public func category(_ number: Int) -> Category? { categories.first { $0.number == number } }

    public func validate(file: String) throws(PolicyError) {
        if id.isEmpty { throw PolicyError(file: file, entry: "id", message: "is empty") }
        if version.isEmpty { throw PolicyError(file: file, entry: "version", message: "is empty") }
        let numbers = categories.map(\.number)
        if numbers.sorted() != Array(1...5) {
            throw PolicyError(file: file, entry: "categories", message: "must define categories 1 to 5 exactly once")
        }
        if routes.isEmpty { throw PolicyError(file: file, entry: "routes", message: "needs at least one route rule") }
        if let last = routes.last, !last.when.isUnconditional {
            throw PolicyError(
                file: file, entry: "routes[\(routes.count - 1)]",
                message: "the last route rule must have no condition, so every person gets a route")
        }
        var ids = Set<String>()
        for (i, group) in targetGroups.enumerated() {
            let entry = "targetGroups[\(i)] (\(group.id))"
            if group.id.isEmpty { throw PolicyError(file: file, entry: "targetGroups[\(i)]", message: "id is empty") }
            if !ids.insert(group.id).inserted {
                throw PolicyError(file: file, entry: entry, message: "id appears twice")
            }
            if !numbers.contains(group.category) {
                throw PolicyError(file: file, entry: entry, message: "category \(group.category) is not one of 1 to 5")
            }
            if group.when.isUnconditional {
                throw PolicyError(
                    file: file, entry: entry,
                    message: "a target group needs a condition; otherwise everybody belongs to it")
            }
            if let lo = group.when.minAge, let hi = group.when.maxAge, lo > hi {
                throw PolicyError(file: file, entry: entry, message: "minAge \(lo) is above maxAge \(hi)")
            }
        }
        if !(1...5).contains(caseTable.maxScore) || caseTable.minDomains < 1
            || caseTable.minDomains > ZrmDomain.allCases.count
        {
            throw PolicyError(file: file, entry: "caseTable", message: "maxScore must be 1-5 and minDomains 1-13")
        }
        if let problem = spending?.problems().first {
            throw PolicyError(file: file, entry: problem.entry, message: problem.message)
        }
    }

    /// Whether a person with this benefit has a legal duty to re-integrate: a municipal benefit.
    public func legalDuty(_ benefit: BenefitKind) -> Bool { municipalBenefits.contains(benefit) }

    /// The spending rules' decision for an offer (allowed when the policy has no rules).
    public func spendingDecision(category: Int?, benefit: BenefitKind, stream: String, type: InterventionType)
        -> SpendingRules.Decision?
    {
        spending?.decide(
            category: category, legalDuty: legalDuty(benefit), stream: stream, type: type,
            categoryName: { self.category($0)?.name })
    }
}

/// The route a diagnosis proposes (DOMAIN.md "Diagnosis in two steps").
public enum Route: String, Sendable, Codable, CaseIterable, Hashable {
    case workLimitedOffer = "work.limitedOffer"
    case workPassive = "work.passive"
    case workActive = "work.active"
    /// 000 §2.1.2: young people without a starting qualification go back to school, or else to work.
    case workSchoolFirst = "work.schoolFirst"
    case enforcement
    case participationActive = "participation.active"
    case participationPublicOrder = "participation.publicOrder"
    case participationPassive = "participation.passive"

    public var label: LocalizedText {
        switch self {
        case .workLimitedOffer:
            .init(nl: "Werk: beperkt aanbod (informatie en advies)", en: "Work: limited offer (information and advice)")
        case .workPassive: .init(nl: "Werk: passieve begeleiding", en: "Work: passive guidance")
        case .workActive:
            .init(
                nl: "Werk: actieve begeleiding (re-integratie op maat)",
                en: "Work: active guidance (tailored re-integration)")
        case .workSchoolFirst:
            .init(
                nl: "Werk: eerst school (jongere zonder startkwalificatie)",
                en: "Work: school first (young person without a starting qualification)")
        case .enforcement: .init(nl: "Handhaving", en: "Enforcement")
        case .participationActive:
            .init(nl: "Participatie: actieve toeleiding naar welzijn", en: "Participation: active referral to welfare")
        case .participationPublicOrder:
            .init(nl: "Participatie: openbare-orde-route", en: "Participation: public-order route")
        case .participationPassive:
            .init(
                nl: "Participatie: passieve toeleiding (informatie, vrijwilligerswerk)",
                en: "Participation: passive referral (information, volunteering)")
        }
    }
}
