import Fluent
import MeedoenCore
import Vapor

/// A resident (inwoner, klant).
final class Person: Model, @unchecked Sendable {
    static let schema = "persons"

    @ID(key: .id) var id: UUID?
    @Field(key: "bsn") var bsn: String
    @Field(key: "given_name") var givenName: String
    @Field(key: "family_name") var familyName: String
    /// Calendar date `YYYY-MM-DD`.
    @Field(key: "birth_date") var birthDate: String
    @Field(key: "district_code") var districtCode: String
    @Field(key: "benefit") var benefit: String
    @Field(key: "civic_integration") var civicIntegration: String
    @Field(key: "circumstances") var circumstances: [String]
    @Field(key: "wishes") var wishes: [String]
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "email") var email: String?
    @OptionalParent(key: "household_id") var household: Household?
    @OptionalParent(key: "case_manager_id") var caseManager: User?
    @OptionalField(key: "registered_by_id") var registeredByID: UUID?
    @Field(key: "on_case_table") var onCaseTable: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var fullName: String { "\(givenName) \(familyName)" }

    var relations: PersonRelations {
        PersonRelations(
            personID: id!, districtCode: districtCode, caseManagerID: $caseManager.id,
            registeredByID: registeredByID, onCaseTable: onCaseTable)
    }
}

/// A household (huishouden): the unit of the one plan.
final class Household: Model, @unchecked Sendable {
    static let schema = "households"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @OptionalField(key: "address") var address: String?
    @Field(key: "district_code") var districtCode: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
    init(name: String, address: String?, districtCode: String) {
        self.name = name
        self.address = address
        self.districtCode = districtCode
    }
}

/// Leaving for work or school on a date (`ExitKind`), from an enrolment's end or recorded by the
/// case manager. One per person, kind and date.
final class PersonExit: Model, @unchecked Sendable {
    static let schema = "person_exits"
    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "left_on") var leftOn: String
    @OptionalField(key: "referral_id") var referralID: UUID?
    @OptionalField(key: "note") var note: String?
    @OptionalField(key: "recorded_by_name") var recordedByName: String?
    @Field(key: "recorded_at") var recordedAt: Date
    init() {}
    var exitKind: ExitKind? { ExitKind(rawValue: kind) }
}

/// A reciprocal contribution (tegenprestatie) or an exemption from a duty (`ObligationKind`).
final class PersonObligation: Model, @unchecked Sendable {
    static let schema = "person_obligations"
    @ID(key: .id) var id: UUID?
    @Field(key: "person_id") var personID: UUID
    @Field(key: "kind") var kind: String
    @OptionalField(key: "what") var what: String?
    @OptionalField(key: "hours_per_week") var hoursPerWeek: Int?
    @Field(key: "informal_care") var informalCare: Bool
    @OptionalField(key: "duty") var duty: String?
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "from_on") var fromOn: String
    @OptionalField(key: "until_on") var untilOn: String?
    @Field(key: "recorded_by_name") var recordedByName: String
    @Field(key: "recorded_at") var recordedAt: Date
    init() {}
    var obligationKind: ObligationKind? { ObligationKind(rawValue: kind) }
    var exemptedDuty: ExemptedDuty? { duty.flatMap(ExemptedDuty.init(rawValue:)) }
}
