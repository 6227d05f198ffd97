import Fluent
import SQLKit

/// Issue 16 (result-based provider contracts): an offer's contract (JSON, `ResultContract`), and per
/// commitment whether its result was achieved, missed, or waits for the six-month check (and when).
struct AddResultContracts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("interventions").field("contract", .string).update()
        try await database.schema("commitments").field("result", .string).update()
        try await database.schema("commitments").field("result_due_on", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("commitments").deleteField("result_due_on").update()
        try await database.schema("commitments").deleteField("result").update()
        try await database.schema("interventions").deleteField("contract").update()
    }
}
