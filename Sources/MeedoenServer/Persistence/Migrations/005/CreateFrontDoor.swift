import Fluent
import MeedoenCore
import SQLKit

/// 005: the front door. Decision-tree versions (loaded by an administrator, the latest in force) and
/// the results they gave (anonymous ones without any person); signals and questions from the counter
/// and resident advisers with their follow-up log; activities residents register themselves (for
/// vouchers, approved by a professional); appointments; the OpenID Connect subject of a resident.
struct CreateFrontDoor: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("decision_trees")
            .id()
            .field("tree_id", .string, .required)
            .field("version", .string, .required)
            .field("document", .string, .required)
            .field("loaded_by_id", .uuid, .references("users", "id"))
            .field("loaded_at", .datetime, .required)
            .unique(on: "tree_id", "version")
            .create()

        let statuses = SignalStatus.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let sources = SignalSource.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        try await database.schema("signals")
            .id()
            .field("kind", .string, .required)
            .field("source", .string, .required)
            .field("person_id", .uuid, .references("persons", "id"))
            .field("address", .string)
            .field("district_code", .string, .required, .references("districts", "code"))
            .field("description", .string, .required)
            .field("status", .string, .required)
            .field("owner_id", .uuid, .required, .references("users", "id"))
            .field("created_by_id", .uuid, .required, .references("users", "id"))
            .field("due_on", .string, .required)
            .field("tree_id", .string)
            .field("tree_version", .string)
            .field("tree_result", .string)
            .field("tree_answers", .string)
            .field("referral_id", .uuid, .references("referrals", "id"))
            .field("outcome", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .constraint(.sql(unsafeRaw: "CHECK (person_id IS NOT NULL OR address IS NOT NULL)"))
            .constraint(.sql(unsafeRaw: "CHECK (kind IN ('question', 'signal'))"))
            .constraint(.sql(unsafeRaw: "CHECK (status IN (\(statuses)))"))
            .constraint(.sql(unsafeRaw: "CHECK (source IN (\(sources)))"))
            // Help has arrived only with a word on how.
            .constraint(.sql(unsafeRaw: "CHECK (status <> 'closed' OR outcome IS NOT NULL)"))
            .create()

        try await database.schema("signal_events")
            .id()
            .field("signal_id", .uuid, .required, .references("signals", "id"))
            .field("at", .datetime, .required)
            .field("actor_id", .uuid, .required, .references("users", "id"))
            .field("action", .string, .required)
            .field("note", .string)
            .create()

        try await database.schema("tree_results")
            .id()
            .field("tree_id", .string, .required)
            .field("version", .string, .required)
            .field("result_id", .string, .required)
            .field("answers", .string, .required)
            .field("signal_id", .uuid, .references("signals", "id"))
            .field("user_id", .uuid, .references("users", "id"))
            .field("created_at", .datetime)
            .create()

        try await database.schema("resident_activities")
            .id()
            .field("person_id", .uuid, .required, .references("persons", "id"))
            .field("on_date", .string, .required)
            .field("description", .string, .required)
            .field("hours", .int, .required)
            .field("status", .string, .required)
            .field("decided_by_id", .uuid, .references("users", "id"))
            .field("decision_note", .string)
            .field("voucher_entry_id", .uuid, .references("voucher_entries", "id"))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .constraint(.sql(unsafeRaw: "CHECK (hours BETWEEN 1 AND 40)"))
            .constraint(.sql(unsafeRaw: "CHECK (status IN ('pending', 'approved', 'rejected'))"))
            .constraint(.sql(unsafeRaw: "CHECK (status <> 'approved' OR voucher_entry_id IS NOT NULL)"))
            .create()

        try await database.schema("appointments")
            .id()
            .field("person_id", .uuid, .required, .references("persons", "id"))
            .field("starts_at", .string, .required)
            .field("with_name", .string, .required)
            .field("place", .string, .required)
            .field("about", .string, .required)
            .field("created_by_id", .uuid, .required, .references("users", "id"))
            .field("created_at", .datetime)
            .create()

        try await database.schema("users").field("oidc_subject", .string).update()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "users_oidc_subject_idx").on("users").column("oidc_subject").unique().run()
        try await sql.create(index: "signals_owner_idx").on("signals").column("owner_id").column("status").run()
        try await sql.create(index: "signals_person_idx").on("signals").column("person_id").run()
        try await sql.create(index: "signals_district_idx").on("signals").column("district_code").column("status").run()
        try await sql.create(index: "signal_events_signal_idx").on("signal_events").column("signal_id").run()
        try await sql.create(index: "resident_activities_person_idx").on("resident_activities").column("person_id")
            .run()
        try await sql.create(index: "appointments_person_idx").on("appointments").column("person_id").run()
    }

    func revert(on database: any Database) async throws {
        for table in [
            "appointments", "resident_activities", "tree_results", "signal_events", "signals", "decision_trees",
        ] {
            try await database.schema(table).delete()
        }
        try await database.schema("users").deleteField("oidc_subject").update()
    }
}
