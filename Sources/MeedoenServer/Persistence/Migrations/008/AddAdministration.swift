import Fluent
import SQLKit

/// Issue 14: the municipality itself (from its file), external organisations, and what user
/// administration needs — a team, a one-time invitation code (hashed), a BSN to link a resident's
/// account by, and a name for each API token.
struct AddAdministration: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("municipalities")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("ladder", .string, .required)
            .field("definition", .string, .required)
            .field("logo_svg", .string)
            .field("updated_at", .datetime)
            .unique(on: "code")
            .create()
        try await database.schema("organisations")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string)
            .field("contact", .string)
            .field("district_code", .string, .references("districts", "code"))
            .field("active", .bool, .required, .sql(.default(true)))
            .field("created_at", .datetime)
            .unique(on: "code")
            .create()
        try await database.schema("users").field("team", .string).update()
        try await database.schema("users").field("invitation_hash", .string).update()
        try await database.schema("users").field("invitation_expires_at", .datetime).update()
        try await database.schema("users").field("link_bsn", .string).update()
        try await database.schema("api_tokens").field("name", .string).update()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "users_invitation_hash_idx").on("users").column("invitation_hash").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("api_tokens").deleteField("name").update()
        for field in ["link_bsn", "invitation_expires_at", "invitation_hash", "team"] {
            try await database.schema("users").deleteField(.string(field)).update()
        }
        try await database.schema("organisations").delete()
        try await database.schema("municipalities").delete()
    }
}
