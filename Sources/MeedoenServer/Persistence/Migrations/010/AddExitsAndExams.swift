import Fluent
import Foundation
import SQLKit

/// Issue 16 (indicators as defined): leaving for work or school recorded on the person by its date,
/// whatever the route, and the exam at the end of a language course. And (the performance
/// allowance) the household of the benefit an allowance was weighed against. Exits already recorded as the
/// outcome of an enrolment are carried over, so outflow counts them as before.
struct AddExitsAndExams: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("person_exits")
            .id()
            .field("person_id", .uuid, .required, .references("persons", "id"))
            .field("kind", .string, .required)
            .field("left_on", .string, .required)
            .field("referral_id", .uuid, .references("referrals", "id"))
            .field("note", .string)
            .field("recorded_by_name", .string)
            .field("recorded_at", .datetime, .required)
            .unique(on: "person_id", "kind", "left_on")
            .constraint(.sql(unsafeRaw: "CHECK (kind IN ('work', 'school'))"))
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "person_exits_kind_left_on_idx").on("person_exits").column("kind").column("left_on")
            .run()
        // One column per statement (SQLite), with the values the column may hold.
        try await sql.raw(
            "ALTER TABLE referrals ADD COLUMN exam VARCHAR(10) CHECK (exam IS NULL OR exam IN ('passed', 'failed', 'notSat'))"
        ).run()
        // A performance allowance names the household of the benefit it was weighed against.
        try await sql.raw(
            "ALTER TABLE incentive_payments ADD COLUMN household_type VARCHAR(20) CHECK (household_type IS NULL OR household_type IN ('single', 'singleParent', 'couple'))"
        ).run()
        let ended = try await sql.raw(
            "SELECT id, person_id, ended_on FROM referrals WHERE outcome = 'exitToWork' AND ended_on IS NOT NULL ORDER BY ended_on"
        ).all()
        var seen = Set<String>()
        let now = Date()
        for row in ended {
            let person = try row.decode(column: "person_id", as: UUID.self)
            let on = try row.decode(column: "ended_on", as: String.self)
            guard seen.insert("\(person)|\(on)").inserted else { continue }
            try await sql.insert(into: "person_exits")
                .columns("id", "person_id", "kind", "left_on", "referral_id", "recorded_at")
                .values(
                    SQLBind(UUID()), SQLBind(person), SQLBind("work"), SQLBind(on),
                    SQLBind(try row.decode(column: "id", as: UUID.self)), SQLBind(now)
                )
                .run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("person_exits").delete()
        try await database.schema("referrals").deleteField("exam").update()
        try await database.schema("incentive_payments").deleteField("household_type").update()
    }
}
