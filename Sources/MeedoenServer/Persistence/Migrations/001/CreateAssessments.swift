import Fluent
import SQLKit

/// 001: assessments (rung and ZRM) and diagnoses. The database itself refuses an override
/// or a deviation without a reason.
struct CreateAssessments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("assessments")
            .id()
            .field("person_id", .uuid, .required, .references("persons", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("assessed_on", .string, .required)
            .field("assessor_id", .uuid, .required)
            .field("assessor_name", .string, .required)
            .field("ladder_id", .string)
            .field("rung", .int)
            .field("proposed_rung", .int)
            .field("proposal_reason", .string)
            .field("override_reason", .string)
            .field("facts", .array(of: .string))
            .field("participation_domain", .string)
            .field("zrm_scores", .dictionary(of: .int))
            .field("created_at", .datetime)
            .constraint(.sql(unsafeRaw: "CHECK (kind IN ('rung', 'zrm'))"))
            .constraint(
                .sql(unsafeRaw: "CHECK (kind <> 'rung' OR (ladder_id IS NOT NULL AND rung IS NOT NULL AND rung >= 1))")
            )
            .constraint(.sql(unsafeRaw: "CHECK (kind <> 'zrm' OR zrm_scores IS NOT NULL)"))
            .constraint(
                .sql(unsafeRaw: "CHECK (proposed_rung IS NULL OR rung = proposed_rung OR override_reason IS NOT NULL)")
            )
            .create()

        try await database.schema("diagnoses")
            .id()
            .field("person_id", .uuid, .required, .references("persons", "id", onDelete: .cascade))
            .field("facts", .string, .required)
            .field("proposed_route", .string, .required)
            .field("proposed_category", .int)
            .field("target_groups", .array(of: .string), .required)
            .field("case_table_proposed", .bool, .required)
            .field("enforcement_available", .bool, .required)
            .field("reasons", .string, .required)
            .field("policy_id", .string, .required)
            .field("policy_version", .string, .required)
            .field("decided_route", .string, .required)
            .field("decided_category", .int)
            .field("deviation_reason", .string)
            .field("decided_by_id", .uuid, .required)
            .field("decided_by_name", .string, .required)
            .field("decided_on", .string, .required)
            .field("created_at", .datetime)
            .constraint(
                .sql(
                    unsafeRaw: """
                        CHECK ((decided_route = proposed_route AND ((decided_category IS NULL AND proposed_category IS NULL) \
                        OR decided_category = proposed_category)) OR deviation_reason IS NOT NULL)
                        """)
            )
            .constraint(.sql(unsafeRaw: "CHECK (decided_category IS NULL OR decided_category BETWEEN 1 AND 5)"))
            .create()

        let sql = database as! any SQLDatabase
        try await sql.create(index: "assessments_person_idx").on("assessments").column("person_id").run()
        try await sql.create(index: "diagnoses_person_idx").on("diagnoses").column("person_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("diagnoses").delete()
        try await database.schema("assessments").delete()
    }
}
