import Fluent
import MeedoenCore
import Vapor

/// A recorded assessment: a ladder rung (with its proposal and any override) or a ZRM.
/// One table for both, so a dossier reads its whole assessment history in one statement.
final class Assessment: Model, @unchecked Sendable {
    static let schema = "assessments"

    enum Kind: String, Codable { case rung, zrm }

    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    @Field(key: "kind") var kind: AssessmentKind
    @Field(key: "assessed_on") var assessedOn: String
    @Field(key: "assessor_id") var assessorID: UUID
    @Field(key: "assessor_name") var assessorName: String
    // rung
    @OptionalField(key: "ladder_id") var ladderID: String?
    @OptionalField(key: "rung") var rung: Int?
    @OptionalField(key: "proposed_rung") var proposedRung: Int?
    @OptionalField(key: "proposal_reason") var proposalReason: String?
    @OptionalField(key: "override_reason") var overrideReason: String?
    @OptionalField(key: "facts") var facts: [String]?
    @OptionalField(key: "participation_domain") var participationDomain: String?
    // zrm
    @OptionalField(key: "zrm_scores") var zrmScores: [String: Int]?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A stored diagnosis: the engine's proposal, the professional's decision and why they deviated.
final class Diagnosis: Model, @unchecked Sendable {
    static let schema = "diagnoses"

    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    /// The facts as given (JSON of `DiagnosisFacts`), so the proposal can be recomputed under another policy.
    @Field(key: "facts") var facts: String
    @Field(key: "proposed_route") var proposedRoute: String
    @OptionalField(key: "proposed_category") var proposedCategory: Int?
    @Field(key: "target_groups") var targetGroups: [String]
    @Field(key: "case_table_proposed") var caseTableProposed: Bool
    @Field(key: "enforcement_available") var enforcementAvailable: Bool
    /// The reasons (JSON of `[Reason]`), in both languages.
    @Field(key: "reasons") var reasons: String
    @Field(key: "policy_id") var policyID: String
    @Field(key: "policy_version") var policyVersion: String
    @Field(key: "decided_route") var decidedRoute: String
    @OptionalField(key: "decided_category") var decidedCategory: Int?
    @OptionalField(key: "deviation_reason") var deviationReason: String?
    @Field(key: "decided_by_id") var decidedByID: UUID
    @Field(key: "decided_by_name") var decidedByName: String
    @Field(key: "decided_on") var decidedOn: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
    /// The reasons of the proposal, as the rules gave them.
    var reasonList: [Reason] { (try? JSONDecoder().decode([Reason].self, from: Data(reasons.utf8))) ?? [] }
}

/// One read or change of personal data: who, in which role, did what, to whom, when, why.
/// Append-only: the database refuses updates and deletes (see `CreateAuditEvents`).
final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "at") var at: Date
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "actor_roles") var actorRoles: String
    @Field(key: "action") var action: String
    @OptionalField(key: "person_id") var personID: UUID?
    @Field(key: "basis") var basis: String
    @Field(key: "request_id") var requestID: String
    @OptionalField(key: "detail") var detail: String?

    init() {}
}
