import Foundation

/// "What works": per intervention, from its enrolments — how many, how many left for work or stepped
/// up, the mean ZRM change with a 95% interval, duration, waiting time, cost per trajectory and per
/// success, and a simple social cost-benefit figure. Pure: the server hands in the records.
public enum Effectiveness {
    public struct Record: Sendable, Hashable {
        public var outcome: EnrolmentOutcome?
        /// Mean ZRM score after minus before (over the 13 domains), when both were assessed.
        public var zrmChange: Double?
        public var durationDays: Int?
        public var waitDays: Int?
        /// What the enrolment cost: committed and booked against the budget (nil: no commitment, so
        /// the cost is not known — it is left out of the cost figures, not counted as nothing).
        public var costCents: Int?
        public var experience: Double?
        public init(
            outcome: EnrolmentOutcome?, zrmChange: Double? = nil, durationDays: Int? = nil, waitDays: Int? = nil,
            costCents: Int? = nil, experience: Double? = nil
        ) {
            self.outcome = outcome
            self.zrmChange = zrmChange
            self.durationDays = durationDays
            self.waitDays = waitDays
            self.costCents = costCents
            self.experience = experience
        }
    }

    /// Assumptions of the cost-benefit figure (policy data): what a month of benefit costs and how many
    /// months of benefit an exit to work saves.
    public struct Assumptions: Sendable, Codable, Hashable {
        public var monthlyBenefitCents: Int
        public var monthsSavedPerExit: Int
        public init(monthlyBenefitCents: Int, monthsSavedPerExit: Int) {
            self.monthlyBenefitCents = monthlyBenefitCents
            self.monthsSavedPerExit = monthsSavedPerExit
        }
    }

    public struct Interval: Sendable, Hashable {
        public var mean: Double
        public var low: Double
        public var high: Double
        public var n: Int
    }

    public struct Summary: Sendable, Hashable {
        public var enrolments: Int
        public var ended: Int
        public var exitToWork: Int
        public var stepUp: Int
        public var dropOut: Int
        public var exitRate: Double?
        public var stepUpRate: Double?
        public var zrm: Interval?
        public var meanDurationDays: Double?
        public var meanWaitDays: Double?
        public var costPerTrajectoryCents: Int?
        public var costPerSuccessCents: Int?
        /// Benefit months saved × the monthly benefit, minus the cost of all trajectories; nil when
        /// the cost of some is not known.
        public var netBenefitCents: Int?
        /// How many of the ended enrolments have a known cost (the cost figures are over these).
        public var costKnown: Int
        public var experience: Interval?
    }

    public static func summarise(_ records: [Record], assumptions: Assumptions) -> Summary {
        let ended = records.filter { $0.outcome != nil }
        let exits = ended.filter { $0.outcome == .exitToWork }.count
        let ups = ended.filter { $0.outcome == .stepUp }.count
        let drops = ended.filter { $0.outcome == .dropOut }.count
        let costed = ended.filter { $0.costCents != nil }
        let endedCost = costed.reduce(0) { $0 + ($1.costCents ?? 0) }
        let successesCosted = costed.filter { $0.outcome == .exitToWork || $0.outcome == .stepUp }.count
        let allCosted = !records.isEmpty && records.allSatisfy { $0.costCents != nil }
        let cost = records.reduce(0) { $0 + ($1.costCents ?? 0) }
        func mean(_ xs: [Double]) -> Double? { xs.isEmpty ? nil : xs.reduce(0, +) / Double(xs.count) }
        return Summary(
            enrolments: records.count, ended: ended.count, exitToWork: exits, stepUp: ups, dropOut: drops,
            exitRate: ended.isEmpty ? nil : Double(exits) / Double(ended.count),
            stepUpRate: ended.isEmpty ? nil : Double(ups) / Double(ended.count),
            zrm: interval(records.compactMap(\.zrmChange)),
            meanDurationDays: mean(ended.compactMap { $0.durationDays.map(Double.init) }),
            meanWaitDays: mean(records.compactMap { $0.waitDays.map(Double.init) }),
            costPerTrajectoryCents: costed.isEmpty ? nil : endedCost / costed.count,
            costPerSuccessCents: successesCosted == 0 ? nil : endedCost / successesCosted,
            netBenefitCents: allCosted
                ? exits * assumptions.monthsSavedPerExit * assumptions.monthlyBenefitCents - cost : nil,
            costKnown: costed.count,
            experience: interval(records.compactMap(\.experience)))
    }

    /// Mean with a 95% interval (Student's t for small samples); nil for fewer than two values.
    public static func interval(_ xs: [Double]) -> Interval? {
        guard xs.count >= 2 else { return nil }
        let n = Double(xs.count)
        let m = xs.reduce(0, +) / n
        let variance = xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)
        let half = t95(df: xs.count - 1) * (variance / n).squareRoot()
        return Interval(mean: m, low: m - half, high: m + half, n: xs.count)
    }

    /// Two-sided 95% quantiles of Student's t; 1.96 from 120 degrees of freedom on.
    static func t95(df: Int) -> Double {
        let table: [Double] = [
            12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
            2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
        ]
        if df >= 1 && df <= 30 { return table[df - 1] }
        if df <= 40 { return 2.021 }
        if df <= 60 { return 2.000 }
        if df < 120 { return 1.980 }
        return 1.960
    }
}
