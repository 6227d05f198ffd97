import Fluent
import SQLKit

/// 007: indexes found by the city-scale benchmark (100,000 residents; docs/PERFORMANCE.md).
/// - the catalogue's observed mean wait per offer, read by every matching and catalogue page, from
///   the index alone instead of every referral row of the offer (270 ms → 20 ms at 83,000 referrals);
/// - the districts' shares of benefit clients (the monitor's count targets) from the index alone;
/// - an enrolment's or a rung's history per person on one ladder, ordered by date.
struct CreateCityScaleIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.create(index: "referrals_intervention_wait_idx").on("referrals").column("intervention_id").column(
            "waited_days"
        ).run()
        try await sql.create(index: "persons_benefit_district_idx").on("persons").column("benefit").column(
            "district_code"
        ).run()
        try await sql.create(index: "assessments_person_kind_ladder_idx").on("assessments").column("person_id").column(
            "kind"
        ).column("ladder_id").column("assessed_on").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for name in [
            "referrals_intervention_wait_idx", "persons_benefit_district_idx", "assessments_person_kind_ladder_idx",
        ] {
            try await sql.drop(index: name).run()
        }
    }
}
