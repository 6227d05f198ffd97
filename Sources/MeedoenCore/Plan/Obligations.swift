import Foundation

/// What the resident does in return for the benefit, and release from a duty (000 §1.3.2, §2.1.3;
/// 001; 004). A reciprocal contribution (tegenprestatie) names what, how many hours a week and from
/// when; informal care (mantelzorg) counts as enough (004). An exemption (ontheffing) from a duty has
/// a reason and an end date, and comes up for review before it ends.
public enum ObligationKind: String, Sendable, Codable, CaseIterable, Hashable {
    case contribution, exemption

    public var label: LocalizedText {
        switch self {
        case .contribution: .init(nl: "tegenprestatie", en: "reciprocal contribution")
        case .exemption: .init(nl: "ontheffing", en: "exemption")
        }
    }
}

/// The duty an exemption releases from.
public enum ExemptedDuty: String, Sendable, Codable, CaseIterable, Hashable {
    case work, contribution

    public var label: LocalizedText {
        switch self {
        case .work: .init(nl: "de arbeidsverplichtingen", en: "the duties to work")
        case .contribution: .init(nl: "de tegenprestatie", en: "the reciprocal contribution")
        }
    }
}

public enum Obligations {
    /// An exemption is at most five years; its review is due this many days before it ends.
    public static let maxExemptionMonths = 60
    public static let reviewDays = 30

    /// An exemption comes up for review from `reviewDays` before its end (and stays until it is renewed or ends).
    public static func reviewDue(until: CalendarDate, today: CalendarDate) -> Bool {
        today.dayNumber >= until.dayNumber - reviewDays
    }

    /// Whether a contribution is in force on `date`.
    public static func inForce(from: CalendarDate, until: CalendarDate?, on date: CalendarDate) -> Bool {
        from <= date && (until.map { date <= $0 } ?? true)
    }
}
