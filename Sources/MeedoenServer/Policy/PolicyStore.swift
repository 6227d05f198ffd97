import MeedoenCore
import MeedoenPolicies
import NIOConcurrencyHelpers
import Vapor

/// The policy data in force, loaded and validated once at start-up.
struct PolicyStore: Sendable {
    var ladders: [Ladder]
    var policies: [DiagnosisPolicy]
    /// The diagnosis policy in force: the shipped default until a version is adopted (then the latest adoption).
    let adopted: AdoptedPolicy
    var current: DiagnosisPolicy { adopted.value }
    var money: MoneyPolicy
    var plan: PlanPolicy
    /// The indicators with their targets and owners (`Policies/indicators`).
    var indicators: IndicatorSet
    /// The municipality's ladder: the one the catalogue's rung criteria, matching, outcomes and the
    /// indicators refer to (named in the indicator file, checked at load).
    var ladderInUse: Ladder { ladder(indicators.ladder) ?? defaultLadder }
    var engine: DiagnosisEngine { DiagnosisEngine(policy: current) }

    func ladder(_ id: String) -> Ladder? { ladders.first { $0.id == id } }
    var defaultLadder: Ladder { ladder(PolicyFiles.defaultLadder) ?? ladders[0] }

    /// Loads every shipped ladder and policy; a file that does not validate stops start-up.
    static func loadShipped(policyID: String = PolicyFiles.defaultPolicy) throws -> PolicyStore {
        let ladders = try PolicyFiles.files(in: "ladders").map {
            try Ladder.load(Data(contentsOf: $0), file: "Policies/ladders/\($0.lastPathComponent)")
        }
        let policies = try PolicyFiles.files(in: "diagnosis").map {
            try DiagnosisPolicy.load(Data(contentsOf: $0), file: "Policies/diagnosis/\($0.lastPathComponent)")
        }
        guard !ladders.isEmpty, let current = policies.first(where: { $0.id == policyID }) else {
            throw PolicyError(file: "Policies/", entry: policyID, message: "the shipped policy files are missing")
        }
        let plan = try PolicyFiles.files(in: "plans").map {
            try PlanPolicy.load(Data(contentsOf: $0), file: "Policies/plans/\($0.lastPathComponent)")
        }
        guard let planPolicy = plan.first else {
            throw PolicyError(
                file: "Policies/", entry: "plans, catalogue", message: "the shipped policy files are missing")
        }
        let money = try PolicyFiles.files(in: "money").map {
            try MoneyPolicy.load(Data(contentsOf: $0), file: "Policies/money/\($0.lastPathComponent)")
        }
        guard let moneyPolicy = money.first else {
            throw PolicyError(file: "Policies/money", entry: "", message: "the shipped money policy is missing")
        }
        for policy in policies {
            for code in policy.spending?.streams ?? [] where !moneyPolicy.streams.contains(where: { $0.code == code }) {
                throw PolicyError(
                    file: "Policies/diagnosis/\(policy.id)", entry: "spending.streams",
                    message: "'\(code)' is not a stream of the money policy")
            }
        }
        let indicatorSets = try PolicyFiles.files(in: "indicators").map {
            try IndicatorSet.load(Data(contentsOf: $0), file: "Policies/indicators/\($0.lastPathComponent)")
        }
        guard let indicators = indicatorSets.first else {
            throw PolicyError(file: "Policies/indicators", entry: "", message: "the shipped indicators are missing")
        }
        guard ladders.contains(where: { $0.id == indicators.ladder }) else {
            throw PolicyError(
                file: "Policies/indicators", entry: "ladder",
                message: "no ladder '\(indicators.ladder)' in Policies/ladders")
        }
        return PolicyStore(
            ladders: ladders, policies: policies, adopted: AdoptedPolicy(current), money: moneyPolicy, plan: planPolicy,
            indicators: indicators)
    }
}

/// The adopted diagnosis policy, replaced when policy staff adopt a new version (`PolicyAdoptionService`).
final class AdoptedPolicy: Sendable {
    private let box: NIOLockedValueBox<DiagnosisPolicy>
    init(_ policy: DiagnosisPolicy) { box = NIOLockedValueBox(policy) }
    var value: DiagnosisPolicy { box.withLockedValue { $0 } }
    func replace(with policy: DiagnosisPolicy) { box.withLockedValue { $0 = policy } }
}

extension Application {
    private struct PolicyKey: StorageKey { typealias Value = PolicyStore }
    var policyStore: PolicyStore {
        get { storage[PolicyKey.self]! }
        set { storage[PolicyKey.self] = newValue }
    }
}

/// The server's clock. The core has none: dates are passed in.
enum Clock {
    /// The municipality's time zone.
    static let timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt

    static func today(now: Date) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: now)
        return CalendarDate(year: c.year!, month: c.month!, day: c.day!)!
    }
}
