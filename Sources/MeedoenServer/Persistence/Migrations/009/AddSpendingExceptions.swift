import Fluent
import SQLKit

/// Issue 16: a case manager asks a budget holder to fund a referral the spending rules refuse; the
/// budget holder grants or refuses it with a reason. One request per referral; the database refuses
/// a status it does not know and a decision without its reason.
struct AddSpendingExceptions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("spending_exceptions")
            .id()
            .field("referral_id", .uuid, .required, .references("referrals", "id"))
            .field("person_id", .uuid, .required, .references("persons", "id"))
            .field("intervention_id", .uuid, .required, .references("interventions", "id"))
            .field("district_code", .string, .required)
            .field("category", .int)
            .field("year", .int, .required)
            .field("amount_cents", .int64, .required)
            .field("rule_field", .string, .required)
            .field("rule_nl", .string, .required)
            .field("rule_en", .string, .required)
            .field("requested_by_name", .string, .required)
            .field("requested_reason", .string, .required)
            .field("requested_at", .datetime, .required)
            .field("status", .string, .required)
            .field("decided_by_name", .string)
            .field("decided_reason", .string)
            .field("decided_at", .datetime)
            .unique(on: "referral_id")
            .constraint(.sql(unsafeRaw: "CHECK (status IN ('requested', 'granted', 'refused'))"))
            .constraint(.sql(unsafeRaw: "CHECK (rule_field IN ('category', 'route'))"))
            .constraint(
                .sql(
                    unsafeRaw:
                        "CHECK (status = 'requested' OR (decided_by_name IS NOT NULL AND decided_reason IS NOT NULL AND decided_at IS NOT NULL))"
                )
            )
            .create()
        try await (database as! any SQLDatabase).create(index: "spending_exceptions_status_year_idx")
            .on("spending_exceptions").column("status").column("year").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("spending_exceptions").delete()
    }
}

/// Issue 16: a sanction weighed — the policy table's percentage and duration kept beside what was
/// decided, the reason for going lower, and the assessment of urgent reasons.
struct AddSanctionWeighing: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one column per ALTER TABLE.
        for (field, type) in [
            ("table_percent", DatabaseSchema.DataType.int), ("table_months", .int), ("weighing_reason", .string),
            ("urgent_reasons", .string), ("urgent_reasons_note", .string),
        ] {
            try await database.schema("enforcement_cases").field(.string(field), type).update()
        }
    }

    func revert(on database: any Database) async throws {
        for field in ["table_percent", "table_months", "weighing_reason", "urgent_reasons", "urgent_reasons_note"] {
            try await database.schema("enforcement_cases").deleteField(.string(field)).update()
        }
    }
}
