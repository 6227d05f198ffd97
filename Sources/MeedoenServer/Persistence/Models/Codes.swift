import MeedoenCore

/// The codes kept in the status and kind columns, as Swift values at the model boundary (the
/// migrations' CHECK constraints list the same values). Referral, agreement, signal and enforcement
/// statuses are the core's own enums (`ReferralStatus`, `AgreementStatus`, `SignalStatus`,
/// `Enforcement.Status`), read through the models' typed accessors.
enum AssessmentKind: String, Codable, CaseIterable, Sendable {
    case rung, zrm
}

enum NoteKind: String, Codable, CaseIterable, Sendable {
    case note, attendance
}

enum PlanStatus: String, Codable, CaseIterable, Sendable {
    case active, closed
}

enum CommitmentStatus: String, Codable, CaseIterable, Sendable {
    case open, closed
}

enum IncentiveStatus: String, Codable, CaseIterable, Sendable {
    case payable, exported
}

enum VoucherEntryKind: String, Codable, CaseIterable, Sendable {
    case earn, redeem, expire
}

enum ActivityStatus: String, Codable, CaseIterable, Sendable {
    case pending, approved, rejected
}

/// What a waiting referral waits for: a free place, money in its stream, or a budget holder's
/// decision on an exception to the spending rules.
enum WaitingFor: String, Codable, CaseIterable, Sendable {
    case place, budget, exception, approval
}

enum SpendingExceptionStatus: String, Codable, CaseIterable, Sendable {
    case requested, granted, refused
}

extension WaitingFor {
    /// Short, for a table cell ("Wacht op: …").
    var label: LocalizedText {
        switch self {
        case .place: .init(nl: "een plek", en: "a place")
        case .budget: .init(nl: "budget", en: "budget")
        case .exception: .init(nl: "besluit budgethouder", en: "budget holder's decision")
        case .approval: .init(nl: "toestemming specialist", en: "specialist's approval")
        }
    }
}

extension SpendingExceptionStatus {
    var label: LocalizedText {
        switch self {
        case .requested: .init(nl: "gevraagd", en: "requested")
        case .granted: .init(nl: "toegestaan", en: "granted")
        case .refused: .init(nl: "afgewezen", en: "refused")
        }
    }
}

extension AssessmentKind {
    var label: LocalizedText {
        switch self {
        case .rung: .init(nl: "trede op de participatieladder", en: "rung on the participation ladder")
        case .zrm: .init(nl: "zelfredzaamheid (ZRM)", en: "self-reliance (ZRM)")
        }
    }
}

extension PlanStatus {
    var label: LocalizedText {
        switch self {
        case .active: .init(nl: "loopt", en: "active")
        case .closed: .init(nl: "afgesloten", en: "closed")
        }
    }
}

extension VoucherEntryKind {
    var label: LocalizedText {
        switch self {
        case .earn: .init(nl: "verdiend", en: "earned")
        case .redeem: .init(nl: "ingeleverd", en: "redeemed")
        case .expire: .init(nl: "vervallen", en: "expired")
        }
    }
}

extension ActivityStatus {
    var label: LocalizedText {
        switch self {
        case .pending: .init(nl: "wacht op goedkeuring", en: "awaiting approval")
        case .approved: .init(nl: "goedgekeurd", en: "approved")
        case .rejected: .init(nl: "afgewezen", en: "rejected")
        }
    }
}
