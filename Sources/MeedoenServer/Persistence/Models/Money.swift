import Fluent
import MeedoenCore
import Vapor

final class FundingStream: Model, @unchecked Sendable {
    static let schema = "funding_streams"
    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "total_cents") var totalCents: Int
    @Field(key: "committed_cents") var committedCents: Int
    @Field(key: "spent_cents") var spentCents: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
    var availableCents: Int { totalCents - committedCents - spentCents }
}

final class BudgetAllocation: Model, @unchecked Sendable {
    static let schema = "budget_allocations"
    @ID(key: .id) var id: UUID?
    @Field(key: "stream_id") var streamID: UUID
    @Field(key: "district_code") var districtCode: String
    @Field(key: "total_cents") var totalCents: Int
    init() {}
}

final class Commitment: Model, @unchecked Sendable {
    static let schema = "commitments"
    @ID(key: .id) var id: UUID?
    @Field(key: "referral_id") var referralID: UUID
    @Field(key: "stream_id") var streamID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "intervention_id") var interventionID: UUID
    @Field(key: "district_code") var districtCode: String
    @OptionalField(key: "category") var category: Int?
    @Field(key: "amount_cents") var amountCents: Int
    @Field(key: "spent_cents") var spentCents: Int
    @Field(key: "released_cents") var releasedCents: Int
    @Field(key: "status") var status: CommitmentStatus
    @OptionalField(key: "override_reason") var overrideReason: String?
    @OptionalField(key: "override_by") var overrideBy: String?
    /// Under a result-based contract: `achieved`, `missed` or `pending` (migration 012).
    @OptionalField(key: "result") var result: String?
    /// When the six-month check of a pending result is due.
    @OptionalField(key: "result_due_on") var resultDueOn: String?
    /// The result-based contract the commitment was made under (JSON, migration 013); nil: paid for effort.
    @OptionalField(key: "contract") var contractJSON: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
    /// Still committed: not spent and not released.
    var remainingCents: Int { amountCents - spentCents - releasedCents }
    var contract: ResultContract? {
        get { contractJSON.flatMap { try? JSONDecoder().decode(ResultContract.self, from: Data($0.utf8)) } }
        set { contractJSON = newValue.map { String(decoding: try! JSONEncoder.sorted.encode($0), as: UTF8.self) } }
    }
}

final class CostBooking: Model, @unchecked Sendable {
    static let schema = "cost_bookings"
    @ID(key: .id) var id: UUID?
    @Field(key: "commitment_id") var commitmentID: UUID
    @Field(key: "amount_cents") var amountCents: Int
    @Field(key: "description") var description: String
    @Field(key: "booked_on") var bookedOn: String
    @Field(key: "booked_by_name") var bookedByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

final class ValveSimulationRecord: Model, @unchecked Sendable {
    static let schema = "valve_simulations"
    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "changes") var changes: String
    @Field(key: "result") var result: String
    @Field(key: "created_by_name") var createdByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "applied_at") var appliedAt: Date?
    @OptionalField(key: "applied_by_name") var appliedByName: String?
    @OptionalField(key: "applied_reason") var appliedReason: String?
    @OptionalField(key: "applied_result") var appliedResult: String?
    init() {}
}

final class PolicyAdoption: Model, @unchecked Sendable {
    static let schema = "policy_adoptions"
    @ID(key: .id) var id: UUID?
    @Field(key: "policy_id") var policyID: String
    @Field(key: "version") var version: String
    @Field(key: "body") var body: String
    @Field(key: "reason") var reason: String
    @Field(key: "simulation") var simulation: String
    @Field(key: "adopted_by_name") var adoptedByName: String
    @Field(key: "adopted_at") var adoptedAt: Date
    init() {}
}

final class IncentiveExport: Model, @unchecked Sendable {
    static let schema = "incentive_exports"
    @ID(key: .id) var id: UUID?
    @Field(key: "created_by_name") var createdByName: String
    @Field(key: "items") var items: Int
    @Field(key: "total_cents") var totalCents: Int
    @Field(key: "csv") var csv: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

final class IncentivePayment: Model, @unchecked Sendable {
    static let schema = "incentive_payments"
    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    @Field(key: "referral_id") var referralID: UUID
    @Field(key: "kind") var kind: IncentiveKind
    @Field(key: "amount_cents") var amountCents: Int
    @OptionalField(key: "hours") var hours: Int?
    @OptionalField(key: "period") var period: String?
    /// A performance allowance: the household of the benefit it was weighed against (`HouseholdType`).
    @OptionalField(key: "household_type") var householdType: String?
    @Field(key: "reasons") var reasons: String
    @Field(key: "status") var status: IncentiveStatus
    @OptionalField(key: "export_id") var exportID: UUID?
    @Field(key: "created_by_id") var createdByID: UUID
    @Field(key: "created_by_name") var createdByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

final class Business: Model, @unchecked Sendable {
    static let schema = "businesses"
    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @OptionalField(key: "district_code") var districtCode: String?
    @OptionalField(key: "address") var address: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

final class VoucherAccount: Model, @unchecked Sendable {
    static let schema = "voucher_accounts"
    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    @Field(key: "card_code") var cardCode: String
    @Field(key: "balance_cents") var balanceCents: Int
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}

final class VoucherEntry: Model, @unchecked Sendable {
    static let schema = "voucher_entries"
    @ID(key: .id) var id: UUID?
    @Field(key: "account_id") var accountID: UUID
    @Field(key: "kind") var kind: VoucherEntryKind
    @Field(key: "amount_cents") var amountCents: Int
    @Field(key: "on_date") var onDate: String
    @OptionalField(key: "activity") var activity: String?
    @OptionalField(key: "hours") var hours: Int?
    @OptionalField(key: "approved_by_name") var approvedByName: String?
    @OptionalField(key: "business_id") var businessID: UUID?
    @OptionalField(key: "idempotency_key") var idempotencyKey: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

final class EnforcementCase: Model, @unchecked Sendable {
    static let schema = "enforcement_cases"
    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    @Field(key: "agreement_id") var agreementID: UUID
    @Field(key: "relation") var relation: MeedoenCore.Enforcement.Relation
    @Field(key: "status") var status: MeedoenCore.Enforcement.Status
    @Field(key: "opened_by_name") var openedByName: String
    @Field(key: "opened_on") var openedOn: String
    @OptionalField(key: "hearing_on") var hearingOn: String?
    @OptionalField(key: "hearing_note") var hearingNote: String?
    /// JSON array of the alternatives tried.
    @OptionalField(key: "alternatives") var alternatives: String?
    @OptionalField(key: "violation") var violation: String?
    @OptionalField(key: "occurrence") var occurrence: Int?
    @OptionalField(key: "percent") var percent: Int?
    @OptionalField(key: "months") var months: Int?
    @OptionalField(key: "proposal_reasons") var proposalReasons: String?
    @OptionalField(key: "proposed_by_id") var proposedByID: UUID?
    @OptionalField(key: "proposed_by_name") var proposedByName: String?
    @OptionalField(key: "proposed_on") var proposedOn: String?
    @OptionalField(key: "decision") var decision: String?
    @OptionalField(key: "decision_note") var decisionNote: String?
    @OptionalField(key: "decided_by_id") var decidedByID: UUID?
    @OptionalField(key: "decided_by_name") var decidedByName: String?
    @OptionalField(key: "decided_on") var decidedOn: String?
    /// The policy table's measure when the decider lowered it (nil: decided as proposed or before weighing).
    @OptionalField(key: "table_percent") var tablePercent: Int?
    @OptionalField(key: "table_months") var tableMonths: Int?
    @OptionalField(key: "weighing_reason") var weighingReason: String?
    @OptionalField(key: "urgent_reasons") var urgentReasons: MeedoenCore.Enforcement.UrgentReasons?
    @OptionalField(key: "urgent_reasons_note") var urgentReasonsNote: String?
    /// JSON of the letter text (nl, en).
    @OptionalField(key: "notification") var notification: String?
    @OptionalField(key: "closed_note") var closedNote: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
    var alternativesList: [String] {
        alternatives.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
    }
    /// The reasons of the proposal, as the rules gave them.
    var proposalReasonList: [Reason] {
        proposalReasons.flatMap { try? JSONDecoder().decode([Reason].self, from: Data($0.utf8)) } ?? []
    }
    /// The letter to the resident, in both languages.
    var letter: LocalizedText? {
        notification.flatMap { try? JSONDecoder().decode(LocalizedText.self, from: Data($0.utf8)) }
    }
}

/// A case manager's request to fund a referral the spending rules refuse, and the budget holder's
/// decision on it. The rule's reason is kept as it was said when the request was made.
final class SpendingException: Model, @unchecked Sendable {
    static let schema = "spending_exceptions"
    @ID(key: .id) var id: UUID?
    @Field(key: "referral_id") var referralID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "intervention_id") var interventionID: UUID
    @Field(key: "district_code") var districtCode: String
    @OptionalField(key: "category") var category: Int?
    @Field(key: "year") var year: Int
    @Field(key: "amount_cents") var amountCents: Int
    @Field(key: "rule_field") var ruleField: String
    @Field(key: "rule_nl") var ruleNL: String
    @Field(key: "rule_en") var ruleEN: String
    @Field(key: "requested_by_name") var requestedByName: String
    @Field(key: "requested_reason") var requestedReason: String
    @Field(key: "requested_at") var requestedAt: Date
    @Field(key: "status") var status: SpendingExceptionStatus
    @OptionalField(key: "decided_by_name") var decidedByName: String?
    @OptionalField(key: "decided_reason") var decidedReason: String?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    init() {}
    var rule: LocalizedText { .init(nl: ruleNL, en: ruleEN) }
}

/// A referral to an offer that needs a specialist's approval (migration 011); the decision is the
/// specialist's, with a reason.
final class ReferralApproval: Model, @unchecked Sendable {
    static let schema = "referral_approvals"
    @ID(key: .id) var id: UUID?
    @Field(key: "referral_id") var referralID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "intervention_id") var interventionID: UUID
    @Field(key: "requested_by_name") var requestedByName: String
    @Field(key: "requested_at") var requestedAt: Date
    @Field(key: "status") var status: SpendingExceptionStatus
    @OptionalField(key: "decided_by_name") var decidedByName: String?
    @OptionalField(key: "decided_reason") var decidedReason: String?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    init() {}
}
