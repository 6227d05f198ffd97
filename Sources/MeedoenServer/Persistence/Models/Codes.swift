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

/// What a waiting referral waits for.
enum WaitingFor: String, Codable, CaseIterable, Sendable {
    case place, budget
}
