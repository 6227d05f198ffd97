import Foundation

/// Life domains a household plan covers (DOMAIN.md "One household, one plan, one director").
public enum LifeDomain: String, Sendable, Codable, CaseIterable, Hashable {
    case work, incomeAndDebts, health, children, housing, socialNetwork, education, dailyLife

    public var label: LocalizedText {
        switch self {
        case .work: .init(nl: "Werk en participatie", en: "Work and participation")
        case .incomeAndDebts: .init(nl: "Inkomen en schulden", en: "Income and debts")
        case .health: .init(nl: "Gezondheid", en: "Health")
        case .children: .init(nl: "Kinderen en opvoeding", en: "Children and parenting")
        case .housing: .init(nl: "Wonen", en: "Housing")
        case .socialNetwork: .init(nl: "Sociaal netwerk", en: "Social network")
        case .education: .init(nl: "Taal en opleiding", en: "Language and education")
        case .dailyLife: .init(nl: "Dagelijks leven", en: "Daily life")
        }
    }
}

public enum AgreementStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case open, done, missed, cancelled

    public var label: LocalizedText {
        switch self {
        case .open: .init(nl: "open", en: "open")
        case .done: .init(nl: "gedaan", en: "done")
        case .missed: .init(nl: "niet nagekomen", en: "missed")
        case .cancelled: .init(nl: "vervallen", en: "cancelled")
        }
    }
}

/// Plan rules as data (`Policies/plans/*.json`): when to reassess, when a plan counts as stalled.
public struct PlanPolicy: Sendable, Codable, Hashable, PolicyDocument {
    public var id: String
    public var version: String
    /// Reassess every this many months by default …
    public var reassessmentMonths: Int
    /// … and sooner for these routes.
    public var activeRoutes: [Route]
    public var activeRouteReassessmentMonths: Int
    /// No agreement done and no rung change for this long: the plan is flagged.
    public var noProgressMonths: Int
    /// Flag an enrolment this many days before its maximum duration runs out.
    public var endingSoonDays: Int

    public init(
        id: String = "default", version: String = "1", reassessmentMonths: Int = 6,
        activeRoutes: [Route] = [.workActive, .participationActive],
        activeRouteReassessmentMonths: Int = 3, noProgressMonths: Int = 3, endingSoonDays: Int = 28
    ) {
        self.id = id
        self.version = version
        self.reassessmentMonths = reassessmentMonths
        self.activeRoutes = activeRoutes
        self.activeRouteReassessmentMonths = activeRouteReassessmentMonths
        self.noProgressMonths = noProgressMonths
        self.endingSoonDays = endingSoonDays
    }

    public func validate(file: String) throws(PolicyError) {
        guard (1...24).contains(reassessmentMonths) else {
            throw PolicyError(file: file, entry: "reassessmentMonths", message: "must be 1-24")
        }
        guard (1...reassessmentMonths).contains(activeRouteReassessmentMonths) else {
            throw PolicyError(
                file: file, entry: "activeRouteReassessmentMonths",
                message: "must be 1 to reassessmentMonths (\(reassessmentMonths))")
        }
        guard (1...24).contains(noProgressMonths) else {
            throw PolicyError(file: file, entry: "noProgressMonths", message: "must be 1-24")
        }
        guard (0...365).contains(endingSoonDays) else {
            throw PolicyError(file: file, entry: "endingSoonDays", message: "must be 0-365")
        }
    }

    /// The next reassessment after `from`, given the household's route (the most active route of its members).
    public func reassessmentDue(from: CalendarDate, routes: [Route]) -> CalendarDate {
        let active = routes.contains { activeRoutes.contains($0) }
        return from.adding(months: active ? activeRouteReassessmentMonths : reassessmentMonths)
    }

    /// Whether a plan is stalled: nothing done and no rung change since `noProgressMonths` ago
    /// (counted from the plan's start when nothing has happened at all).
    public func withoutProgress(
        planStart: CalendarDate, lastAgreementDone: CalendarDate?, lastRungChange: CalendarDate?, today: CalendarDate
    ) -> Bool {
        let last = [planStart, lastAgreementDone, lastRungChange].compactMap { $0 }.max()!
        return last.adding(months: noProgressMonths) <= today
    }
}
