import Fluent
import MeedoenCore
import Vapor

/// A provider (aanbieder) of interventions. Provider users belong to one (`users.provider_id`).
final class Provider: Model, @unchecked Sendable {
    static let schema = "providers"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @OptionalField(key: "contact") var contact: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
    init(code: String, name: String, contact: String?) {
        self.code = code
        self.name = name
        self.contact = contact
    }
}

/// An intervention or participation place in the catalogue, with its capacity and places taken.
final class Intervention: Model, @unchecked Sendable {
    static let schema = "interventions"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @OptionalField(key: "description") var description: String?
    @Field(key: "type") var type: String
    @Field(key: "domain") var domain: String
    @Field(key: "package") var package: String
    @OptionalField(key: "district_code") var districtCode: String?
    @Parent(key: "provider_id") var provider: Provider
    @Field(key: "funding_stream") var fundingStream: String
    @Field(key: "price_cents") var priceCents: Int
    @Field(key: "max_months") var maxMonths: Int
    @Field(key: "capacity") var capacity: Int
    /// Places held by referrals that are offered, accepted or started. Changed only by conditional updates.
    @Field(key: "taken") var taken: Int
    @Field(key: "hours_per_week") var hoursPerWeek: Int
    @Field(key: "location") var location: String
    /// JSON of `AccessCriteria`.
    @Field(key: "criteria") var criteriaJSON: String
    @Field(key: "active") var active: Bool
    /// `duty` (Participatiewet, enforceable) or `right` (Wmo, voluntary); migration 011.
    @Field(key: "legal_basis") var legalBasisCode: String
    /// Whether a referral waits for a specialist's approval first; migration 011.
    @Field(key: "needs_approval") var needsApproval: Bool
    /// JSON `ResultContract`, nil when the offer is paid for effort; migration 012.
    @OptionalField(key: "contract") var contractJSON: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var criteria: AccessCriteria {
        get { (try? JSONDecoder().decode(AccessCriteria.self, from: Data(criteriaJSON.utf8))) ?? AccessCriteria() }
        set { criteriaJSON = String(decoding: try! JSONEncoder.sorted.encode(newValue), as: UTF8.self) }
    }
    var interventionType: InterventionType { InterventionType(rawValue: type) ?? .dayActivitiesLow }
    var contract: ResultContract? {
        get { contractJSON.flatMap { try? JSONDecoder().decode(ResultContract.self, from: Data($0.utf8)) } }
        set { contractJSON = newValue.map { String(decoding: try! JSONEncoder.sorted.encode($0), as: UTF8.self) } }
    }
    var legalBasis: LegalBasis { LegalBasis(rawValue: legalBasisCode) ?? interventionType.defaultLegalBasis }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}

/// A referral of a person to an intervention, from referral to outcome (an enrolment once started).
final class Referral: Model, @unchecked Sendable {
    static let schema = "referrals"

    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    @Parent(key: "intervention_id") var intervention: Intervention
    @Field(key: "referred_by_id") var referredByID: UUID
    @Field(key: "referred_by_name") var referredByName: String
    @Field(key: "referred_at") var referredAt: Date
    @Field(key: "referred_on") var referredOn: String
    @Field(key: "goal") var goal: String
    @Field(key: "agreed_hours") var agreedHours: Int
    @Field(key: "status") var status: ReferralStatus
    /// The person's priority category when referred: it orders the waiting list.
    @OptionalField(key: "category") var category: Int?
    /// JSON of the access checks at referral (criterion, passed, reason nl/en).
    @Field(key: "checks") var checks: String
    /// JSON of overridden criteria with the case manager's reason.
    @OptionalField(key: "overrides") var overrides: String?
    @OptionalField(key: "offered_at") var offeredAt: Date?
    @OptionalField(key: "waited_days") var waitedDays: Int?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @OptionalField(key: "refusal_reason") var refusalReason: String?
    @OptionalField(key: "started_on") var startedOn: String?
    @OptionalField(key: "planned_end_on") var plannedEndOn: String?
    @OptionalField(key: "ended_on") var endedOn: String?
    @OptionalField(key: "outcome") var outcome: String?
    @OptionalField(key: "outcome_note") var outcomeNote: String?
    /// The exam at the end of a language course or civic integration (`ExamResult`).
    @OptionalField(key: "exam") var exam: String?
    /// JSON of the proposed next step after the outcome.
    @OptionalField(key: "next_step") var nextStep: String?
    @OptionalField(key: "withdraw_reason") var withdrawReason: String?
    /// Why a referral waits: `place` (no free place) or `budget` (its stream has no room).
    @OptionalField(key: "waiting_for") var waitingFor: WaitingFor?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    /// The access criteria as checked when referred.
    var checkList: [ReferralService.CheckRecord] {
        (try? JSONDecoder().decode([ReferralService.CheckRecord].self, from: Data(checks.utf8))) ?? []
    }
    /// The criteria overridden when referred, with their reasons.
    var overrideList: [ReferralService.OverrideRecord] {
        overrides.flatMap { try? JSONDecoder().decode([ReferralService.OverrideRecord].self, from: Data($0.utf8)) }
            ?? []
    }
    /// The next step proposed when it ended.
    var nextStepRecord: ReferralService.NextStepRecord? {
        nextStep.flatMap { try? JSONDecoder().decode(ReferralService.NextStepRecord.self, from: Data($0.utf8)) }
    }
}

final class ReferralNote: Model, @unchecked Sendable {
    static let schema = "referral_notes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "referral_id") var referral: Referral
    @Field(key: "kind") var kind: NoteKind
    @Field(key: "on_date") var onDate: String
    @OptionalField(key: "attended") var attended: Bool?
    @OptionalField(key: "hours") var hours: Int?
    @OptionalField(key: "text") var text: String?
    @Field(key: "author_id") var authorID: UUID
    @Field(key: "author_name") var authorName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// The one plan of a household (1-1-1-1), with one director.
final class Plan: Model, @unchecked Sendable {
    static let schema = "plans"

    @ID(key: .id) var id: UUID?
    @Parent(key: "household_id") var household: Household
    @Parent(key: "director_id") var director: User
    @Field(key: "status") var status: PlanStatus
    /// JSON `[{domain, text}]`.
    @Field(key: "goals") var goals: String
    /// JSON `[{of: person|network, text}]`.
    @Field(key: "strengths") var strengths: String
    /// JSON `[{organisation, goal, contactName, contactDetails}]`: who is involved with this household.
    @Field(key: "involved") var involved: String
    @Field(key: "started_on") var startedOn: String
    @Field(key: "reassessment_due") var reassessmentDue: String
    @OptionalField(key: "resident_agreed_on") var residentAgreedOn: String?
    @OptionalField(key: "resident_agreement_note") var residentAgreementNote: String?
    @OptionalField(key: "closed_on") var closedOn: String?
    @Field(key: "revision") var revision: Int
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

final class PlanRevision: Model, @unchecked Sendable {
    static let schema = "plan_revisions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "plan_id") var plan: Plan
    @Field(key: "revision") var revision: Int
    @Field(key: "snapshot") var snapshot: String
    @Field(key: "summary") var summary: String
    @Field(key: "changed_by_id") var changedByID: UUID
    @Field(key: "changed_by_name") var changedByName: String
    @Field(key: "at") var at: Date

    init() {}
}

final class Agreement: Model, @unchecked Sendable {
    static let schema = "agreements"

    @ID(key: .id) var id: UUID?
    @Parent(key: "plan_id") var plan: Plan
    @OptionalParent(key: "person_id") var person: Person?
    @Field(key: "who") var who: String
    @Field(key: "what") var what: String
    @Field(key: "due_on") var dueOn: String
    @Field(key: "status") var status: AgreementStatus
    @OptionalField(key: "evidence") var evidence: String?
    @OptionalField(key: "done_on") var doneOn: String?
    /// The referral whose attendance fell short, for an agreement the attendance created (migration 011).
    @OptionalField(key: "referral_id") var referralID: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
