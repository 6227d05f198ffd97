import Fluent
import SQLKit

/// 002: sign-in attempts, so repeated wrong passwords lock a user name for a while — in the
/// database, so every server instance sees the same count.
struct CreateLoginAttempts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("login_attempts")
            .id()
            .field("username", .string, .required)
            .field("at", .datetime, .required)
            .field("succeeded", .bool, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "login_attempts_username_at_idx")
            .on("login_attempts").column("username").column("at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("login_attempts").delete()
    }
}
