import Foundation

/// Where a referral stands. `offered`, `accepted` and `started` hold a place; `waiting` is on the
/// waiting list; the rest are final.
public enum ReferralStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case waiting, offered, accepted, started, refused, ended, withdrawn

    public var holdsPlace: Bool { self == .offered || self == .accepted || self == .started }
    public var isFinal: Bool { self == .refused || self == .ended || self == .withdrawn }

    public var label: LocalizedText {
        switch self {
        case .waiting: .init(nl: "op de wachtlijst", en: "on the waiting list")
        case .offered: .init(nl: "aangeboden, wacht op aanbieder", en: "offered, awaiting the provider")
        case .accepted: .init(nl: "geaccepteerd", en: "accepted")
        case .started: .init(nl: "gestart", en: "started")
        case .refused: .init(nl: "geweigerd", en: "refused")
        case .ended: .init(nl: "beëindigd", en: "ended")
        case .withdrawn: .init(nl: "ingetrokken", en: "withdrawn")
        }
    }
}

/// What can be done with a referral, and by whom (the server checks the role; this checks the state).
/// `offer` is the system's: a place and its money came free for a referral on the waiting list.
public enum ReferralAction: String, Sendable, CaseIterable {
    case offer, accept, refuse, start, note, end, withdraw

    /// The status after the action, or nil when the action is not possible from `status`.
    public func next(from status: ReferralStatus) -> ReferralStatus? {
        switch (self, status) {
        case (.offer, .waiting): .offered
        case (.accept, .offered): .accepted
        case (.refuse, .offered), (.refuse, .accepted): .refused
        case (.start, .accepted): .started
        case (.note, .accepted), (.note, .started): status
        case (.end, .started): .ended
        case (.withdraw, .waiting), (.withdraw, .offered), (.withdraw, .accepted): .withdrawn
        default: nil
        }
    }

    public func refusal(from status: ReferralStatus) -> LocalizedText {
        .init(
            nl: "Dat kan niet bij een verwijzing die \(status.label.nl) is.",
            en: "Not possible for a referral that is \(status.label.en).")
    }
}

/// How an enrolment ends (instroom / doorstroom / uitstroom / terugstroom).
public enum EnrolmentOutcome: String, Sendable, Codable, CaseIterable, Hashable {
    case exitToWork, stepUp, stepBack, dropOut, completed

    public var label: LocalizedText {
        switch self {
        case .exitToWork: .init(nl: "uitstroom naar werk", en: "exit to work")
        case .stepUp: .init(nl: "doorstroom (stap omhoog)", en: "step up")
        case .stepBack: .init(nl: "terugstroom (stap terug)", en: "step back")
        case .dropOut: .init(nl: "voortijdig gestopt", en: "dropped out")
        case .completed: .init(nl: "afgerond", en: "completed")
        }
    }
}

/// The next step an outcome proposes: a rung change and the tier of the next intervention.
public struct NextStep: Sendable, Hashable {
    public var proposedRung: Int?
    public var nextTier: Tier?
    public var reasons: [Reason]
}

public enum Outcomes {
    /// "uit-, door- of terugstroom": what an outcome proposes, given the current rung and the ladder's top.
    public static func nextStep(_ outcome: EnrolmentOutcome, currentRung: Int?, topRung: Int, tier: Tier) -> NextStep {
        let up = Tier(rawValue: max(0, tier.rawValue - 1))!
        let down = Tier(rawValue: min(3, tier.rawValue + 1))!
        switch outcome {
        case .exitToWork:
            return NextStep(
                proposedRung: topRung, nextTier: nil,
                reasons: [
                    Reason(
                        code: "next.exit",
                        nl: "Uitstroom naar betaald werk: trede \(topRung) vastleggen en het plan bijstellen.",
                        en: "Exit to paid work: record rung \(topRung) and update the plan.")
                ])
        case .stepUp:
            let r = currentRung.map { min(topRung, $0 + 1) }
            return NextStep(
                proposedRung: r, nextTier: up,
                reasons: [
                    Reason(
                        code: "next.stepUp",
                        nl:
                            "Doorstroom: \(r.map { "trede \($0) vastleggen, " } ?? "")een vervolg zoeken in \(up.label.nl).",
                        en: "Step up: \(r.map { "record rung \($0), " } ?? "")look for a next step in \(up.label.en).")
                ])
        case .stepBack:
            let r = currentRung.map { max(1, $0 - 1) }
            return NextStep(
                proposedRung: r, nextTier: down,
                reasons: [
                    Reason(
                        code: "next.stepBack",
                        nl:
                            "Terugstroom: \(r.map { "trede \($0) vastleggen, " } ?? "")passender aanbod zoeken in \(down.label.nl).",
                        en:
                            "Step back: \(r.map { "record rung \($0), " } ?? "")look for a better fit in \(down.label.en)."
                    )
                ])
        case .dropOut:
            return NextStep(
                proposedRung: nil, nextTier: tier,
                reasons: [
                    Reason(
                        code: "next.dropOut",
                        nl: "Voortijdig gestopt: in gesprek over de reden en een ander aanbod op hetzelfde niveau.",
                        en: "Dropped out: discuss why and look for another offer at the same level.")
                ])
        case .completed:
            return NextStep(
                proposedRung: currentRung, nextTier: up,
                reasons: [
                    Reason(
                        code: "next.completed",
                        nl: "Afgerond: opnieuw beoordelen of een stap omhoog (\(up.label.nl)) kan.",
                        en: "Completed: reassess whether a step up (\(up.label.en)) is possible.")
                ])
        }
    }
}

/// Maximum duration: checked when an enrolment starts, flagged before it runs out.
public enum Duration {
    /// The latest end date allowed for a start on `start`.
    public static func latestEnd(start: CalendarDate, maxMonths: Int) -> CalendarDate {
        start.adding(months: maxMonths)
    }

    /// nil when the planned end is allowed, else the reason it is not.
    public static func refusal(start: CalendarDate, plannedEnd: CalendarDate, maxMonths: Int) -> LocalizedText? {
        if plannedEnd <= start {
            return .init(
                nl: "De einddatum moet na de startdatum liggen.", en: "The end date must be after the start date.")
        }
        let latest = latestEnd(start: start, maxMonths: maxMonths)
        if plannedEnd > latest {
            return .init(
                nl: "Langer dan de maximale duur van \(maxMonths) maanden (uiterlijk \(latest.iso)).",
                en: "Longer than the maximum duration of \(maxMonths) months (at the latest \(latest.iso)).")
        }
        return nil
    }

    /// Whether a running enrolment should be flagged: it ends within `warningDays` (or has passed its end).
    public static func endingSoon(plannedEnd: CalendarDate, today: CalendarDate, warningDays: Int = 28) -> Bool {
        plannedEnd.dayNumber - today.dayNumber <= warningDays
    }
}

/// The order of a waiting list: priority category (1 first, none last), then referral time.
public enum WaitingOrder {
    public struct Entry: Sendable, Hashable {
        public var id: UUID
        public var category: Int?
        public var referredAt: Date
        public init(id: UUID, category: Int?, referredAt: Date) {
            self.id = id
            self.category = category
            self.referredAt = referredAt
        }
    }

    public static func precedes(_ a: Entry, _ b: Entry) -> Bool {
        let ca = a.category ?? 9
        let cb = b.category ?? 9
        if ca != cb { return ca < cb }
        if a.referredAt != b.referredAt { return a.referredAt < b.referredAt }
        return a.id.uuidString < b.id.uuidString
    }

    public static func sorted(_ entries: [Entry]) -> [Entry] { entries.sorted(by: precedes) }
}
