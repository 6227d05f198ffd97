import Fluent
import SQLKit

/// Issue 16 (obligations): the reciprocal contribution and exemptions from a duty, per person. The
/// database refuses a contribution without what and a week's hours (unless it is informal care) and
/// an exemption without its duty, reason and end date.
struct AddObligations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("person_obligations")
            .id()
            .field("person_id", .uuid, .required, .references("persons", "id"))
            .field("kind", .string, .required)
            .field("what", .string)
            .field("hours_per_week", .int)
            .field("informal_care", .bool, .required)
            .field("duty", .string)
            .field("reason", .string)
            .field("from_on", .string, .required)
            .field("until_on", .string)
            .field("recorded_by_name", .string, .required)
            .field("recorded_at", .datetime, .required)
            .constraint(.sql(unsafeRaw: "CHECK (kind IN ('contribution', 'exemption'))"))
            .constraint(
                .sql(
                    unsafeRaw:
                        "CHECK (kind <> 'contribution' OR (what IS NOT NULL AND (informal_care OR hours_per_week IS NOT NULL)))"
                )
            )
            .constraint(
                .sql(
                    unsafeRaw:
                        "CHECK (kind <> 'exemption' OR (duty IN ('work', 'contribution') AND reason IS NOT NULL AND until_on IS NOT NULL))"
                )
            )
            .create()
        try await (database as! any SQLDatabase).create(index: "person_obligations_person_idx")
            .on("person_obligations").column("person_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("person_obligations").delete()
    }
}
