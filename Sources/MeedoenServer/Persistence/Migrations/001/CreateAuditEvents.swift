import Fluent
import SQLKit

/// 001: the audit trail. Append-only in the database itself: a trigger refuses UPDATE and DELETE,
/// so no code path (or hand-typed SQL) can quietly rewrite who looked at a file.
struct CreateAuditEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_events")
            .id()
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("actor_roles", .string, .required)
            .field("action", .string, .required)
            .field("person_id", .uuid)
            .field("basis", .string, .required)
            .field("request_id", .string, .required)
            .field("detail", .string)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "audit_events_person_idx").on("audit_events").column("person_id").column("at").run()
        if sql.dialect.name == "sqlite" {
            for op in ["UPDATE", "DELETE"] {
                try await sql.raw(
                    """
                    CREATE TRIGGER audit_events_no_\(unsafeRaw: op.lowercased()) BEFORE \(unsafeRaw: op) ON audit_events
                    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END
                    """
                ).run()
            }
        } else {
            try await sql.raw(
                """
                CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
                FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()
                """
            ).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name != "sqlite" {
            try await sql.raw("DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events").run()
            try await sql.raw("DROP FUNCTION IF EXISTS audit_events_append_only()").run()
        }
        try await database.schema("audit_events").delete()
    }
}
