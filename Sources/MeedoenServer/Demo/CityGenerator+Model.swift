import MeedoenCore

/// What the synthetic city is drawn from: the true effect planted per kind of offer, the districts' weights
/// and the kinds of offer that fit a rung.
extension CityGenerator {
    /// What an enrolment of each kind does, by construction: chance of exit to work, of a step up,
    /// of dropping out, and the mean ZRM change (average over the 13 domains) between intake and end.
    struct TrueEffect: Sendable {
        var exitToWork: Double
        var stepUp: Double
        var dropOut: Double
        var zrmGain: Double

        /// The outcome for a uniform draw `u` in 0..<1: drop-out, exit, step up, step back (5 %), else completed.
        func outcome(_ u: Double) -> EnrolmentOutcome {
            if u < dropOut { return .dropOut }
            if u < dropOut + exitToWork { return .exitToWork }
            if u < dropOut + exitToWork + stepUp { return .stepUp }
            if u < dropOut + exitToWork + stepUp + 0.05 { return .stepBack }
            return .completed
        }
    }

    static let trueEffects: [InterventionType: TrueEffect] = [
        .dayActivitiesLow: .init(exitToWork: 0.01, stepUp: 0.15, dropOut: 0.15, zrmGain: 0.3),
        .dayActivitiesHigh: .init(exitToWork: 0.00, stepUp: 0.10, dropOut: 0.10, zrmGain: 0.4),
        .workOrientedDayActivities: .init(exitToWork: 0.05, stepUp: 0.25, dropOut: 0.15, zrmGain: 0.4),
        .internalInternship: .init(exitToWork: 0.20, stepUp: 0.30, dropOut: 0.15, zrmGain: 0.3),
        .guidanceToWork: .init(exitToWork: 0.35, stepUp: 0.15, dropOut: 0.20, zrmGain: 0.2),
        .specialGroupsPreparation: .init(exitToWork: 0.10, stepUp: 0.30, dropOut: 0.20, zrmGain: 0.3),
        .intensiveGroupMediation: .init(exitToWork: 0.30, stepUp: 0.15, dropOut: 0.25, zrmGain: 0.2),
        .activationRung12: .init(exitToWork: 0.02, stepUp: 0.30, dropOut: 0.20, zrmGain: 0.5),
        .languageCourse: .init(exitToWork: 0.05, stepUp: 0.20, dropOut: 0.20, zrmGain: 0.2),
        .civicIntegration: .init(exitToWork: 0.05, stepUp: 0.25, dropOut: 0.15, zrmGain: 0.2),
        .vavo: .init(exitToWork: 0.10, stepUp: 0.30, dropOut: 0.25, zrmGain: 0.2),
        .ips: .init(exitToWork: 0.45, stepUp: 0.10, dropOut: 0.15, zrmGain: 0.4),
        .trajectoryGuidance: .init(exitToWork: 0.15, stepUp: 0.30, dropOut: 0.15, zrmGain: 0.3),
        .volunteerPlace: .init(exitToWork: 0.05, stepUp: 0.25, dropOut: 0.10, zrmGain: 0.4),
        .internshipPlace: .init(exitToWork: 0.25, stepUp: 0.25, dropOut: 0.15, zrmGain: 0.3),
        .workWithRetainedBenefit: .init(exitToWork: 0.40, stepUp: 0.15, dropOut: 0.15, zrmGain: 0.3),
        .socialActivationPlace: .init(exitToWork: 0.02, stepUp: 0.25, dropOut: 0.15, zrmGain: 0.5),
        .societalActivationPlace: .init(exitToWork: 0.05, stepUp: 0.20, dropOut: 0.10, zrmGain: 0.4),
    ]

    /// Share of the city's clients per district (Amsterdam-like: Nieuw-West and Zuidoost the largest).
    static let districtWeights: [(String, Int)] = [
        ("A", 6), ("E", 14), ("F", 20), ("K", 10), ("M", 14), ("N", 15), ("T", 21),
    ]

    /// Kinds of service that fit a rung on the Amsterdam ladder.
    static func kinds(forRung rung: Int, civic: CivicIntegration) -> [InterventionType] {
        if civic == .obliged { return [.civicIntegration, .languageCourse] }
        switch rung {
        case 1: return [.dayActivitiesLow, .activationRung12, .socialActivationPlace, .dayActivitiesHigh]
        case 2:
            return [
                .activationRung12, .workOrientedDayActivities, .volunteerPlace, .languageCourse,
                .societalActivationPlace, .trajectoryGuidance,
            ]
        case 3:
            return [
                .internshipPlace, .trajectoryGuidance, .volunteerPlace, .guidanceToWork, .internalInternship, .vavo,
            ]
        default:
            return [
                .guidanceToWork, .ips, .intensiveGroupMediation, .workWithRetainedBenefit, .specialGroupsPreparation,
            ]
        }
    }
}
