import Fluent
import SQLKit

/// Issue 14 (findings F6, F8): a server key for the sign-in form's token, and the source address of
/// each sign-in attempt (failures slow down per user and source, not per user alone).
struct AddSignInHardening: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("server_keys")
            .field("name", .string, .required)
            .field("value", .string, .required)
            .unique(on: "name")
            .create()
        try await database.schema("login_attempts").field("source", .string).update()
        try await (database as! any SQLDatabase).create(index: "login_attempts_source_at_idx")
            .on("login_attempts").column("source").column("at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("login_attempts").deleteField("source").update()
        try await database.schema("server_keys").delete()
    }
}
