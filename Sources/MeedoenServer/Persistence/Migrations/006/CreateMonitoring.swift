import Fluent
import SQLKit

/// 006: client experience — a short questionnaire a resident answers once at the end of an enrolment.
struct CreateMonitoring: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("enrolment_feedback")
            .id()
            .field("referral_id", .uuid, .required, .references("referrals", "id"))
            .field("person_id", .uuid, .required, .references("persons", "id"))
            .field("useful", .int, .required)
            .field("respect", .int, .required)
            .field("recommend", .int, .required)
            .field("comment", .string)
            .field("created_at", .datetime)
            .unique(on: "referral_id")
            .constraint(
                .sql(
                    unsafeRaw:
                        "CHECK (useful BETWEEN 1 AND 5 AND respect BETWEEN 1 AND 5 AND recommend BETWEEN 1 AND 5)")
            )
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("enrolment_feedback").delete()
    }
}
