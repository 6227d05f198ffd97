import Fluent
import MeedoenCore
import Vapor

enum SignalStatus: String, CaseIterable, Codable, Sendable {
    case open, inProgress, referred, handedOver, caseTable, closed

    var label: LocalizedText {
        switch self {
        case .open: .init(nl: "nieuw", en: "new")
        case .inProgress: .init(nl: "in behandeling", en: "in progress")
        case .referred: .init(nl: "verwezen", en: "referred")
        case .handedOver: .init(nl: "overgedragen aan klantmanager", en: "handed over to case manager")
        case .caseTable: .init(nl: "voorgesteld voor de stadsdeeltafel", en: "proposed for the case table")
        case .closed: .init(nl: "hulp is er — afgesloten", en: "help has arrived — closed")
        }
    }
    /// Still ours to follow ("niet loslaten"): everything until help has arrived.
    var isOpen: Bool { self != .closed }
}

enum SignalSource: String, CaseIterable, Codable, Sendable {
    case resident, neighbour, school, provider, ownVisit, other

    var label: LocalizedText {
        switch self {
        case .resident: .init(nl: "de inwoner zelf (loket)", en: "the resident (counter)")
        case .neighbour: .init(nl: "buren", en: "neighbours")
        case .school: .init(nl: "school", en: "school")
        case .provider: .init(nl: "aanbieder of hulpverlener", en: "provider or care worker")
        case .ownVisit: .init(nl: "eigen huisbezoek", en: "own home visit")
        case .other: .init(nl: "anders", en: "other")
        }
    }
}

final class DecisionTreeVersion: Model, @unchecked Sendable {
    static let schema = "decision_trees"
    @ID(key: .id) var id: UUID?
    @Field(key: "tree_id") var treeID: String
    @Field(key: "version") var version: String
    @Field(key: "document") var document: String
    @OptionalField(key: "loaded_by_id") var loadedByID: UUID?
    @Field(key: "loaded_at") var loadedAt: Date
    init() {}
}

final class Signal: Model, @unchecked Sendable {
    static let schema = "signals"
    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "source") var source: String
    @OptionalField(key: "person_id") var personID: UUID?
    @OptionalField(key: "address") var address: String?
    @Field(key: "district_code") var districtCode: String
    @Field(key: "description") var description: String
    @Field(key: "status") var status: SignalStatus
    @Field(key: "owner_id") var ownerID: UUID
    @Field(key: "created_by_id") var createdByID: UUID
    @Field(key: "due_on") var dueOn: String
    @OptionalField(key: "tree_id") var treeID: String?
    @OptionalField(key: "tree_version") var treeVersion: String?
    @OptionalField(key: "tree_result") var treeResult: String?
    @OptionalField(key: "tree_answers") var treeAnswers: String?
    @OptionalField(key: "referral_id") var referralID: UUID?
    @OptionalField(key: "outcome") var outcome: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}

final class SignalEvent: Model, @unchecked Sendable {
    static let schema = "signal_events"
    @ID(key: .id) var id: UUID?
    @Field(key: "signal_id") var signalID: UUID
    @Field(key: "at") var at: Date
    @Field(key: "actor_id") var actorID: UUID
    @Field(key: "action") var action: String
    @OptionalField(key: "note") var note: String?
    init() {}
    init(id: UUID, at: Date, signalID: UUID, actorID: UUID, action: String, note: String?) {
        self.id = id
        self.signalID = signalID
        self.at = at
        self.actorID = actorID
        self.action = action
        self.note = note
    }
}

final class TreeResult: Model, @unchecked Sendable {
    static let schema = "tree_results"
    @ID(key: .id) var id: UUID?
    @Field(key: "tree_id") var treeID: String
    @Field(key: "version") var version: String
    @Field(key: "result_id") var resultID: String
    @Field(key: "answers") var answers: String
    @OptionalField(key: "signal_id") var signalID: UUID?
    @OptionalField(key: "user_id") var userID: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

final class ResidentActivity: Model, @unchecked Sendable {
    static let schema = "resident_activities"
    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    @Field(key: "on_date") var onDate: String
    @Field(key: "description") var description: String
    @Field(key: "hours") var hours: Int
    @Field(key: "status") var status: ActivityStatus
    @OptionalField(key: "decided_by_id") var decidedByID: UUID?
    @OptionalField(key: "decision_note") var decisionNote: String?
    @OptionalField(key: "voucher_entry_id") var voucherEntryID: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    init() {}
}

final class Appointment: Model, @unchecked Sendable {
    static let schema = "appointments"
    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    /// Local time in Amsterdam, "2026-12-03T10:00".
    @Field(key: "starts_at") var startsAt: String
    @Field(key: "with_name") var withName: String
    @Field(key: "place") var place: String
    @Field(key: "about") var about: String
    @Field(key: "created_by_id") var createdByID: UUID
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
}

/// The resident's answers at the end of an enrolment (1 = not at all … 5 = very much).
final class EnrolmentFeedback: Model, @unchecked Sendable {
    static let schema = "enrolment_feedback"
    @ID(key: .id) var id: UUID?
    @Field(key: "referral_id") var referralID: UUID
    @Field(key: "person_id") var personID: UUID
    @Field(key: "useful") var useful: Int
    @Field(key: "respect") var respect: Int
    @Field(key: "recommend") var recommend: Int
    @OptionalField(key: "comment") var comment: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    init() {}
    var mean: Double { Double(useful + respect + recommend) / 3 }
}
