import Fluent
import SQLKit

/// Issue 16: a commitment keeps the contract it was made under (JSON, `ResultContract`), so that a
/// contract added to an offer later — or changed — does not reach the enrolments already running, and
/// a contract's performance counts only what was committed under it. Commitments that already follow
/// a contract (a result recorded, or still open on an offer with one) take their offer's contract.
struct AddCommitmentContracts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("commitments").field("contract", .string).update()
        try await (database as! any SQLDatabase).raw(
            """
            UPDATE commitments SET contract = (SELECT i.contract FROM interventions i WHERE i.id = commitments.intervention_id)
            WHERE contract IS NULL AND (result IS NOT NULL OR status = 'open')
              AND EXISTS (SELECT 1 FROM interventions i WHERE i.id = commitments.intervention_id AND i.contract IS NOT NULL)
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("commitments").deleteField("contract").update()
    }
}
