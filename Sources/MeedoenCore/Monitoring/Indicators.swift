import Foundation

/// Indicators as data (`Policies/indicators/*.json`): what is measured, how (a named computation the
/// server runs in SQL), in which unit, the yearly targets and who owns the result. Validated at load.
public struct IndicatorSet: Sendable, Codable, Hashable, PolicyDocument {
    public var id: String
    public var version: String
    /// The ladder whose rungs the indicators count (`Policies/ladders`); other ladders' rungs are not compared with it.
    public var ladder: String
    public var indicators: [Indicator]
    /// Assumptions of the social cost-benefit figure in "what works".
    public var effectiveness: Effectiveness.Assumptions

    public init(
        id: String, version: String, ladder: String, indicators: [Indicator], effectiveness: Effectiveness.Assumptions
    ) {
        self.id = id
        self.version = version
        self.ladder = ladder
        self.indicators = indicators
        self.effectiveness = effectiveness
    }

    public func indicator(_ id: String) -> Indicator? { indicators.first { $0.id == id } }

    public func validate(file: String) throws(PolicyError) {
        guard !ladder.isEmpty else {
            throw PolicyError(file: file, entry: "ladder", message: "the ladder whose rungs are counted")
        }
        guard !indicators.isEmpty else {
            throw PolicyError(file: file, entry: "indicators", message: "at least one indicator")
        }
        guard (0...10_000_000).contains(effectiveness.monthlyBenefitCents),
            (1...120).contains(effectiveness.monthsSavedPerExit)
        else {
            throw PolicyError(
                file: file, entry: "effectiveness",
                message: "monthlyBenefitCents 0-10,000,000 and monthsSavedPerExit 1-120")
        }
        var seen = Set<String>()
        for i in indicators {
            let entry = "indicators.\(i.id)"
            guard !i.id.isEmpty, i.id.count <= 60, i.id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
                throw PolicyError(file: file, entry: entry, message: "id: letters, digits or '-', at most 60")
            }
            guard seen.insert(i.id).inserted else {
                throw PolicyError(file: file, entry: entry, message: "duplicate id")
            }
            guard !i.name.nl.isEmpty, !i.name.en.isEmpty, !i.definition.nl.isEmpty, !i.definition.en.isEmpty else {
                throw PolicyError(file: file, entry: entry, message: "name and definition in Dutch and English")
            }
            var years = Set<Int>()
            for t in i.targets {
                guard (2000...2100).contains(t.year) else {
                    throw PolicyError(file: file, entry: "\(entry).targets", message: "year \(t.year) is not 2000-2100")
                }
                guard years.insert(t.year).inserted else {
                    throw PolicyError(file: file, entry: "\(entry).targets", message: "two targets for \(t.year)")
                }
                guard t.value >= 0 else {
                    throw PolicyError(file: file, entry: "\(entry).targets", message: "a target is not negative")
                }
                if i.unit == .percent, t.value > 100 {
                    throw PolicyError(
                        file: file, entry: "\(entry).targets", message: "a percentage target is at most 100")
                }
            }
            if !i.targets.isEmpty, i.source == nil {
                throw PolicyError(
                    file: file, entry: "\(entry).source", message: "a target names its source (a document or own)")
            }
            if let src = i.source {
                guard Indicator.Source.documents.contains(src.document), !src.title.isEmpty else {
                    throw PolicyError(
                        file: file, entry: "\(entry).source",
                        message: "document is 000-004 or own, with a title")
                }
            }
            if let b = i.baseline {
                guard (2000...2100).contains(b.year), b.value >= 0 else {
                    throw PolicyError(
                        file: file, entry: "\(entry).baseline", message: "a year 2000-2100 and a value not negative")
                }
                if i.targets.contains(where: { $0.year <= b.year }) {
                    throw PolicyError(
                        file: file, entry: "\(entry).baseline",
                        message: "the baseline (\(b.year)) comes before the targets")
                }
            }
            if i.unit != .percent, i.computation.isShare {
                throw PolicyError(
                    file: file, entry: "\(entry).unit",
                    message: "computation \(i.computation.rawValue) gives a percentage")
            }
            if i.unit == .percent, !i.computation.isShare {
                throw PolicyError(
                    file: file, entry: "\(entry).unit",
                    message: "computation \(i.computation.rawValue) gives a number, not a percentage")
            }
        }
    }
}

public struct Indicator: Sendable, Codable, Hashable {
    public enum Unit: String, Sendable, Codable, Hashable { case count, percent, days, euros }

    /// The computations the server knows (each a SQL aggregate per district for a year).
    public enum Computation: String, Sendable, Codable, Hashable, CaseIterable {
        case outflowToWork, languageStarts, languageDualShare, languagePassRate, rung2DayActivities, stepUpRung1,
            stepUpRung2, riskReferredToCare, schoolFirstEnrolled
        case enrolmentsLive, waitingList, meanWaitDays, budgetUse

        public var isShare: Bool {
            switch self {
            case .languageDualShare, .languagePassRate, .rung2DayActivities, .stepUpRung1, .stepUpRung2,
                .riskReferredToCare, .schoolFirstEnrolled, .budgetUse:
                true
            default: false
            }
        }
        /// A count that adds up over the districts: a district's part of the city target is its share.
        /// Shares and means never add up (28 days' average waiting is 28 days in every district).
        public var isAdditive: Bool {
            switch self {
            case .outflowToWork, .languageStarts, .enrolmentsLive, .waitingList: true
            default: false
            }
        }
        /// Counted over the year (compared pro rata during the year), not a state at a moment.
        public var accumulates: Bool {
            switch self {
            case .outflowToWork, .languageStarts: true
            default: false
            }
        }
    }

    public struct Target: Sendable, Codable, Hashable {
        public var year: Int
        public var value: Double
        public init(year: Int, value: Double) {
            self.year = year
            self.value = value
        }
    }

    /// Who answers for the result: a role, and whether each district owns its part.
    public struct Owner: Sendable, Codable, Hashable {
        public var role: Role
        public var perDistrict: Bool
        public var label: LocalizedText
        public init(role: Role, perDistrict: Bool, label: LocalizedText) {
            self.role = role
            self.perDistrict = perDistrict
            self.label = label
        }
    }

    public var id: String
    public var name: LocalizedText
    public var definition: LocalizedText
    public var unit: Unit
    public var computation: Computation
    public var higherIsBetter: Bool
    public var targets: [Target]
    public var owner: Owner
    /// Where the target comes from.
    public var source: Source?
    /// The starting figure the targets were set against (nulmeting): shown beside them, never a target.
    public var baseline: Baseline?

    /// The document a target comes from: one of the policy documents (by number, with its section and
    /// the words of its table), or the municipality's own choice.
    public struct Source: Sendable, Codable, Hashable {
        /// "000" … "004" (the source documents), or "own".
        public var document: String
        public var title: String
        public var section: String?
        /// The table's own words, as written in the document.
        public var quote: String?
        public init(document: String, title: String, section: String? = nil, quote: String? = nil) {
            self.document = document
            self.title = title
            self.section = section
            self.quote = quote
        }
        public static let documents: Set<String> = ["000", "001", "002", "003", "004", "own"]
        public var isOwn: Bool { document == "own" }
        /// "Meedoen en meewerken 2011-2014, §2.1.2"
        public var label: String { [title, section].compactMap { $0 }.joined(separator: ", ") }
    }

    /// The starting figure: a year (or part of one) and its value.
    public struct Baseline: Sendable, Codable, Hashable {
        public var year: Int
        public var value: Double
        /// When it covers part of the year: "eerste half jaar 2010".
        public var period: LocalizedText?
        public init(year: Int, value: Double, period: LocalizedText? = nil) {
            self.year = year
            self.value = value
            self.period = period
        }
        public func label(_ language: Language) -> String { period?.text(language) ?? String(year) }
    }

    public init(
        id: String, name: LocalizedText, definition: LocalizedText, unit: Unit, computation: Computation,
        higherIsBetter: Bool = true,
        targets: [Target], owner: Owner, source: Source? = nil, baseline: Baseline? = nil
    ) {
        self.id = id
        self.name = name
        self.definition = definition
        self.unit = unit
        self.computation = computation
        self.higherIsBetter = higherIsBetter
        self.targets = targets
        self.owner = owner
        self.source = source
        self.baseline = baseline
    }

    /// The target for a year: its own, else the latest earlier one (a target holds until replaced).
    public func target(for year: Int) -> Target? {
        targets.filter { $0.year <= year }.max { $0.year < $1.year }
    }
}

/// One measured value: a count; a share (numerator of denominator); or a mean over `numerator` cases.
public struct Measured: Sendable, Hashable, Codable {
    public var numerator: Double
    public var denominator: Double?
    public var mean: Double?
    /// Withheld although not small itself: the city's total with the other areas would give a small one away.
    public var withheld: Bool?
    public init(numerator: Double, denominator: Double? = nil, mean: Double? = nil, withheld: Bool? = nil) {
        self.numerator = numerator
        self.denominator = denominator
        self.mean = mean
        self.withheld = withheld
    }
    /// The value in the indicator's unit: a percentage for shares (nil when nobody is in the denominator).
    public var value: Double? {
        if numerator == 0, mean != nil { return nil }
        if let mean { return mean }
        guard let d = denominator else { return numerator }
        return d > 0 ? 100 * numerator / d : nil
    }
}

/// Small cells are suppressed so that no one can be recognised in an aggregate: a count from 1 to 4,
/// or a share whose numerator or denominator is 1 to 4, is not shown.
public enum Suppression {
    public static let threshold = 5

    public static func suppressed(_ m: Measured) -> Bool {
        func small(_ x: Double) -> Bool { x > 0 && x < Double(threshold) }
        if m.withheld == true { return true }
        if small(m.numerator) { return true }
        if let d = m.denominator, small(d) { return true }
        return false
    }

    /// One row of counts shown with its total: the small cells (primary), and — when exactly one cell
    /// would be hidden, so the total would give it away — the smallest other non-zero cell too (secondary).
    public static func row(_ counts: [Int]) -> [Bool] {
        var hidden = counts.map { $0 > 0 && $0 < threshold }
        if hidden.filter({ $0 }).count == 1,
            let other = counts.indices.filter({ !hidden[$0] && counts[$0] > 0 }).min(by: { counts[$0] < counts[$1] })
        {
            hidden[other] = true
        }
        return hidden
    }

    /// The areas of one indicator shown beside the city's figure: when exactly one area is hidden as
    /// small and the city is shown, the city minus the others would give it away, so the smallest other
    /// area with anyone in it (by its denominator, else its numerator) is withheld too.
    public static func areas(_ areas: [String: Measured], city: Measured?) -> [String: Measured] {
        guard let city, !suppressed(city) else { return areas }
        let hidden = areas.filter { suppressed($0.value) }
        guard hidden.count == 1 else { return areas }
        func size(_ m: Measured) -> Double { m.denominator ?? m.numerator }
        guard
            let other = areas.filter({ !suppressed($0.value) && size($0.value) > 0 })
                .min(by: { (size($0.value), $0.key) < (size($1.value), $1.key) })
        else { return areas }
        var out = areas
        out[other.key]!.withheld = true
        return out
    }

    public static let reason = Reason(
        code: "cell.suppressed", nl: "Minder dan \(threshold): niet getoond om herkenning te voorkomen.",
        en: "Fewer than \(threshold): not shown, to prevent recognition.")
}

/// Target against actual, with the reason in words.
public enum TargetStatus: String, Sendable, Codable, Hashable {
    case met, close, behind, noTarget, unknown

    /// `yearFraction`: how much of the year has passed (1 for an ended year); counts that accumulate
    /// over the year are compared with the same fraction of the target. `share`: the part of the
    /// city target that is this district's (1 city-wide); it applies to counts only, never to shares
    /// or averages.
    public static func evaluate(
        _ indicator: Indicator, actual: Double?, year: Int, yearFraction: Double, share: Double = 1
    ) -> (TargetStatus, Reason, expected: Double?) {
        guard let target = indicator.target(for: year) else {
            return (
                .noTarget, Reason(code: "target.none", nl: "Geen doel voor \(year).", en: "No target for \(year)."), nil
            )
        }
        // The part of the target that applies here is known even when the value cannot be shown.
        var expected = target.value
        if indicator.computation.isAdditive { expected *= share }
        if indicator.computation.accumulates { expected *= max(0, min(1, yearFraction)) }
        guard let actual else {
            return (
                .unknown,
                Reason(
                    code: "target.unknown", nl: "Niet te meten (te weinig gegevens).",
                    en: "Cannot be measured (too little data)."), expected
            )
        }
        let ratio: Double
        if indicator.higherIsBetter {
            ratio = expected == 0 ? 1 : actual / expected
        } else {
            ratio = actual == 0 ? 1 : expected / actual
        }
        let carried = target.year < year ? " (doel van \(target.year))" : ""
        let carriedEn = target.year < year ? " (target of \(target.year))" : ""
        let exp = format(expected, indicator.unit)
        let act = format(actual, indicator.unit)
        let pro = indicator.computation.accumulates && yearFraction < 1 ? " naar rato van het jaar" : ""
        let proEn = indicator.computation.accumulates && yearFraction < 1 ? " pro rata for the year" : ""
        if ratio >= 1 {
            return (
                .met,
                Reason(
                    code: "target.met", nl: "\(act) tegen \(exp)\(pro)\(carried): gehaald.",
                    en: "\(act) against \(exp)\(proEn)\(carriedEn): met."), expected
            )
        }
        if ratio >= 0.9 {
            return (
                .close,
                Reason(
                    code: "target.close",
                    nl: "\(act) tegen \(exp)\(pro)\(carried): bijna (\(Int((ratio * 100).rounded()))%).",
                    en: "\(act) against \(exp)\(proEn)\(carriedEn): close (\(Int((ratio * 100).rounded()))%)."),
                expected
            )
        }
        return (
            .behind,
            Reason(
                code: "target.behind",
                nl: "\(act) tegen \(exp)\(pro)\(carried): achter (\(Int((ratio * 100).rounded()))%).",
                en: "\(act) against \(exp)\(proEn)\(carriedEn): behind (\(Int((ratio * 100).rounded()))%)."), expected
        )
    }

    /// Dutch notation: 4.200, 38,5%, 12 dagen, € 1.250.
    public static func format(_ v: Double, _ unit: Indicator.Unit) -> String {
        switch unit {
        case .percent:
            let r = (v * 10).rounded() / 10
            return
                (r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r).replacingOccurrences(of: ".", with: ","))
                + "%"
        case .count: return thousands(Int(v.rounded()))
        case .days: return "\(Int(v.rounded())) d"
        case .euros: return "€ " + thousands(Int(v.rounded()))
        }
    }

    public static func thousands(_ n: Int) -> String {
        let s = String(abs(n))
        var out = ""
        for (i, c) in s.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(".") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + String(out.reversed())
    }
}
