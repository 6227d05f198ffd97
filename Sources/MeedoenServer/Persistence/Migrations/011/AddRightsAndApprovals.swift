import Fluent
import MeedoenCore
import SQLKit

/// Issue 16 (gatekeeping and rights, attendance): per offer whether it is a right (Wmo) or comes with
/// a duty (Participatiewet) and whether a specialist approves a referral first; a specialist's
/// approvals; the referral an agreement about attendance belongs to; and the kinds of offer the
/// database accepts widened to the preparatory track.
struct AddRightsAndApprovals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await database.schema("interventions")
            .field("legal_basis", .string, .required, .sql(.default("duty"))).update()
        try await database.schema("interventions")
            .field("needs_approval", .bool, .required, .sql(.default(false))).update()
        // The Wmo provisions of day activities are a right (003); the rest comes with the duty.
        let rights = InterventionType.allCases.filter { $0.defaultLegalBasis == .right }.map(\.rawValue)
        try await sql.update("interventions").set("legal_basis", to: "right")
            .where(SQLColumn("type"), .in, SQLGroupExpression(rights.map { SQLBind($0) })).run()
        try await database.schema("agreements").field("referral_id", .uuid).update()

        try await database.schema("referral_approvals")
            .id()
            .field("referral_id", .uuid, .required, .references("referrals", "id"))
            .field("person_id", .uuid, .required, .references("persons", "id"))
            .field("intervention_id", .uuid, .required, .references("interventions", "id"))
            .field("requested_by_name", .string, .required)
            .field("requested_at", .datetime, .required)
            .field("status", .string, .required)
            .field("decided_by_name", .string)
            .field("decided_reason", .string)
            .field("decided_at", .datetime)
            .unique(on: "referral_id")
            .constraint(.sql(unsafeRaw: "CHECK (status IN ('requested', 'granted', 'refused'))"))
            .constraint(
                .sql(
                    unsafeRaw:
                        "CHECK (status = 'requested' OR (decided_by_name IS NOT NULL AND decided_reason IS NOT NULL AND decided_at IS NOT NULL))"
                )
            )
            .create()
        try await InterventionTypeCheck.widen(on: sql)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("referral_approvals").delete()
        try await database.schema("agreements").deleteField("referral_id").update()
        try await database.schema("interventions").deleteField("needs_approval").update()
        try await database.schema("interventions").deleteField("legal_basis").update()
    }
}

/// The `CHECK (type IN (…))` on interventions, set to the kinds of offer this version knows. Migration
/// 003 wrote the kinds known when a database was created; a kind added later needs this. Widening a
/// CHECK keeps every existing row valid, so SQLite may change the table's definition in place (the
/// documented procedure of "ALTER TABLE", section "Making other kinds of table schema changes").
enum InterventionTypeCheck {
    static var list: String { InterventionType.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ") }

    static func widen(on sql: any SQLDatabase) async throws {
        if sql.dialect.name == "sqlite" {
            let rows = try await sql.raw(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'interventions'"
            ).all()
            guard let old = try rows.first?.decode(column: "sql", as: String.self),
                let new = replaced(old, with: list), new != old
            else { return }
            let version =
                try await sql.raw("PRAGMA schema_version").all().first?.decode(
                    column: "schema_version", as: Int.self) ?? 0
            try await sql.raw("PRAGMA writable_schema = ON").run()
            try await sql.raw(
                "UPDATE sqlite_master SET sql = \(bind: new) WHERE type = 'table' AND name = 'interventions'"
            ).run()
            try await sql.raw("PRAGMA schema_version = \(unsafeRaw: String(version + 1))").run()
            try await sql.raw("PRAGMA writable_schema = OFF").run()
            let check = try await sql.raw("PRAGMA integrity_check").all()
            let result = try check.first?.decode(column: "integrity_check", as: String.self)
            guard result == "ok" else { throw MigrationFailure(message: "integrity check: \(result ?? "?")") }
        } else {
            // PostgreSQL named the unnamed CHECK itself; find it by what it says.
            let names = try await sql.raw(
                """
                SELECT conname FROM pg_constraint WHERE conrelid = 'interventions'::regclass AND contype = 'c'
                AND pg_get_constraintdef(oid) LIKE '%trajectoryGuidance%'
                """
            ).all().map { try $0.decode(column: "conname", as: String.self) }
            for name in names {
                try await sql.raw("ALTER TABLE interventions DROP CONSTRAINT \(ident: name)").run()
            }
            try await sql.raw(
                "ALTER TABLE interventions ADD CONSTRAINT interventions_type_check CHECK (type IN (\(unsafeRaw: list)))"
            ).run()
        }
    }

    /// The table definition with the list of `CHECK (type IN (…))` replaced; nil when there is none.
    static func replaced(_ definition: String, with list: String) -> String? {
        guard let start = definition.range(of: "CHECK (type IN (") else { return nil }
        guard let end = definition.range(of: "))", range: start.upperBound..<definition.endIndex) else { return nil }
        return definition.replacingCharacters(in: start.upperBound..<end.lowerBound, with: list)
    }

    struct MigrationFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
