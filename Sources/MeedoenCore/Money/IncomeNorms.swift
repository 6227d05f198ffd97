import Foundation

/// The household a benefit norm is for (Participatiewet art. 21: from 21 up to the pension age). A
/// single parent has the single norm since 2015; the couple's norm is the net minimum wage.
public enum HouseholdType: String, Sendable, Codable, CaseIterable, Hashable {
    case single, singleParent, couple

    public var label: LocalizedText {
        switch self {
        case .single: .init(nl: "alleenstaande", en: "single")
        case .singleParent: .init(nl: "alleenstaande ouder", en: "single parent")
        case .couple: .init(nl: "gehuwden of samenwonenden", en: "married or cohabiting")
        }
    }
}

/// The benefit norms and the net minimum wage per month (including holiday pay), in force from a
/// date. Published twice a year (1 January, 1 July); the municipality adds each new set to the money
/// policy. 004 §4.4: benefit plus a performance allowance stays below the minimum wage.
public struct IncomeNorms: Sendable, Codable, Hashable {
    /// "2024-01-01"
    public var from: String
    public var netMinimumWageMonthlyCents: Cents
    /// Per household type (`HouseholdType` raw values).
    public var benefitMonthlyCents: [String: Cents]
    /// Where the figures come from (the publication).
    public var source: String

    public init(from: String, netMinimumWageMonthlyCents: Cents, benefitMonthlyCents: [String: Cents], source: String) {
        self.from = from
        self.netMinimumWageMonthlyCents = netMinimumWageMonthlyCents
        self.benefitMonthlyCents = benefitMonthlyCents
        self.source = source
    }

    public func benefit(_ h: HouseholdType) -> Cents { benefitMonthlyCents[h.rawValue] ?? 0 }

    /// What a performance allowance for one month may add for this household: strictly below the
    /// minimum wage, so at most the difference less one cent; nothing when the norm already is it.
    public func room(_ h: HouseholdType) -> Cents { max(0, netMinimumWageMonthlyCents - benefit(h) - 1) }

    /// The set in force on `date`: the latest that starts on or before it.
    public static func inForce(_ sets: [IncomeNorms], on date: CalendarDate) -> IncomeNorms? {
        sets.filter { (CalendarDate(iso: $0.from) ?? date) <= date }.max { $0.from < $1.from }
    }

    static func validate(_ sets: [IncomeNorms], file: String) throws(PolicyError) {
        guard !sets.isEmpty else {
            throw PolicyError(file: file, entry: "incomeNorms", message: "at least one set of income norms")
        }
        var previous: String?
        for (n, s) in sets.enumerated() {
            let entry = "incomeNorms[\(n)]"
            guard CalendarDate(iso: s.from) != nil else {
                throw PolicyError(file: file, entry: "\(entry).from", message: "a date as YYYY-MM-DD")
            }
            if let previous, s.from <= previous {
                throw PolicyError(file: file, entry: "\(entry).from", message: "the sets follow each other in time")
            }
            previous = s.from
            guard (10_000...1_000_000).contains(s.netMinimumWageMonthlyCents) else {
                throw PolicyError(
                    file: file, entry: "\(entry).netMinimumWageMonthlyCents", message: "must be 10,000-1,000,000 cents")
            }
            for h in HouseholdType.allCases {
                guard let b = s.benefitMonthlyCents[h.rawValue], b > 0, b <= s.netMinimumWageMonthlyCents else {
                    throw PolicyError(
                        file: file, entry: "\(entry).benefitMonthlyCents.\(h.rawValue)",
                        message: "a norm above zero and not above the minimum wage")
                }
            }
            guard Set(s.benefitMonthlyCents.keys).isSubset(of: HouseholdType.allCases.map(\.rawValue)) else {
                throw PolicyError(
                    file: file, entry: "\(entry).benefitMonthlyCents", message: "only single, singleParent and couple")
            }
        }
    }
}
