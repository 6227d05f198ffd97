import Fluent

/// Issue 14: a second factor for password sign-in (TOTP, RFC 6238) — the key sealed with the
/// server's key, when it was confirmed, the last step used (no code twice), and hashed recovery codes.
struct AddSecondFactor: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users").field("totp_secret", .string).update()
        try await database.schema("users").field("totp_confirmed_at", .datetime).update()
        try await database.schema("users").field("totp_last_step", .int64).update()
        try await database.schema("users").field("recovery_codes", .string).update()
    }

    func revert(on database: any Database) async throws {
        for field in ["recovery_codes", "totp_last_step", "totp_confirmed_at", "totp_secret"] {
            try await database.schema("users").deleteField(.string(field)).update()
        }
    }
}
