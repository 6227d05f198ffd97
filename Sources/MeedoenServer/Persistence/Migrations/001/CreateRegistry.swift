import Fluent
import MeedoenCore
import SQLKit

/// 001: districts, users, tokens, households, persons — with the constraints the registry relies on.
struct CreateRegistry: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("districts")
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .create()

        try await database.schema("users")
            .id()
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string)
            .field("roles", .array(of: .string), .required)
            .field("district_code", .string, .references("districts", "code"))
            .field("person_id", .uuid)
            .field("active", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "username")
            .create()

        try await database.schema("api_tokens")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()

        try await database.schema("households")
            .id()
            .field("name", .string, .required)
            .field("address", .string)
            .field("district_code", .string, .required, .references("districts", "code"))
            .field("created_at", .datetime)
            .create()

        let benefits = BenefitKindSQL.list
        try await database.schema("persons")
            .id()
            .field("bsn", .string, .required)
            .field("given_name", .string, .required)
            .field("family_name", .string, .required)
            .field("birth_date", .string, .required)
            .field("district_code", .string, .required, .references("districts", "code"))
            .field("benefit", .string, .required)
            .field("civic_integration", .string, .required)
            .field("circumstances", .array(of: .string), .required)
            .field("wishes", .array(of: .string), .required)
            .field("phone", .string)
            .field("email", .string)
            .field("household_id", .uuid, .references("households", "id", onDelete: .setNull))
            .field("case_manager_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("registered_by_id", .uuid)
            .field("on_case_table", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "bsn")
            .constraint(.sql(unsafeRaw: "CHECK (length(bsn) = 9)"))
            .constraint(.sql(unsafeRaw: "CHECK (length(birth_date) = 10)"))
            .constraint(.sql(unsafeRaw: "CHECK (benefit IN (\(benefits)))"))
            .constraint(.sql(unsafeRaw: "CHECK (civic_integration IN ('obliged', 'voluntary', 'none'))"))
            .create()

        let sql = database as! any SQLDatabase
        try await sql.create(index: "persons_district_idx").on("persons").column("district_code").run()
        try await sql.create(index: "persons_household_idx").on("persons").column("household_id").run()
        try await sql.create(index: "persons_case_manager_idx").on("persons").column("case_manager_id").run()
        try await sql.create(index: "persons_family_name_idx").on("persons").column("family_name").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["persons", "households", "api_tokens", "users", "districts"] {
            try await database.schema(table).delete()
        }
    }
}

enum BenefitKindSQL {
    static var list: String { BenefitKind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ") }
}
