import Fluent
import MeedoenCore
import SQLKit

/// 004: the participation budget per year and stream, commitments per referral and the costs booked
/// against them; valve simulations and their application; adopted policy versions; incentives and
/// their exports; participation vouchers (accounts and a ledger); enforcement cases.
/// The database refuses negative money, a voucher balance below zero, a redemption key used twice
/// by one business, and a sanction decided by its proposer.
struct CreateMoney: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("funding_streams")
            .id()
            .field("year", .int, .required)
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("total_cents", .int64, .required)
            .field("committed_cents", .int64, .required)
            .field("spent_cents", .int64, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "year", "code")
            .constraint(.sql(unsafeRaw: "CHECK (total_cents >= 0 AND committed_cents >= 0 AND spent_cents >= 0)"))
            .create()

        try await database.schema("budget_allocations")
            .id()
            .field("stream_id", .uuid, .required, .references("funding_streams", "id"))
            .field("district_code", .string, .required, .references("districts", "code"))
            .field("total_cents", .int64, .required)
            .unique(on: "stream_id", "district_code")
            .constraint(.sql(unsafeRaw: "CHECK (total_cents >= 0)"))
            .create()

        try await database.schema("commitments")
            .id()
            .field("referral_id", .uuid, .required, .references("referrals", "id"))
            .field("stream_id", .uuid, .required, .references("funding_streams", "id"))
            .field("person_id", .uuid, .required, .references("persons", "id"))
            .field("intervention_id", .uuid, .required, .references("interventions", "id"))
            .field("district_code", .string, .required)
            .field("category", .int)
            .field("amount_cents", .int64, .required)
            .field("spent_cents", .int64, .required)
            .field("released_cents", .int64, .required)
            .field("status", .string, .required)
            .field("override_reason", .string)
            .field("override_by", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "referral_id")
            .constraint(
                .sql(
                    unsafeRaw:
                        "CHECK (amount_cents >= 0 AND spent_cents >= 0 AND released_cents >= 0 AND spent_cents + released_cents <= amount_cents)"
                )
            )
            .constraint(.sql(unsafeRaw: "CHECK (status IN ('open', 'closed'))"))
            .create()

        try await database.schema("cost_bookings")
            .id()
            .field("commitment_id", .uuid, .required, .references("commitments", "id"))
            .field("amount_cents", .int64, .required)
            .field("description", .string, .required)
            .field("booked_on", .string, .required)
            .field("booked_by_name", .string, .required)
            .field("created_at", .datetime)
            .constraint(.sql(unsafeRaw: "CHECK (amount_cents > 0)"))
            .create()

        try await database.schema("valve_simulations")
            .id()
            .field("year", .int, .required)
            .field("changes", .string, .required)
            .field("result", .string, .required)
            .field("created_by_name", .string, .required)
            .field("created_at", .datetime)
            .field("applied_at", .datetime)
            .field("applied_by_name", .string)
            .field("applied_reason", .string)
            .field("applied_result", .string)
            .constraint(.sql(unsafeRaw: "CHECK (applied_at IS NULL OR applied_reason IS NOT NULL)"))
            .create()

        try await database.schema("policy_adoptions")
            .id()
            .field("policy_id", .string, .required)
            .field("version", .string, .required)
            .field("body", .string, .required)
            .field("reason", .string, .required)
            .field("simulation", .string, .required)
            .field("adopted_by_name", .string, .required)
            .field("adopted_at", .datetime, .required)
            .unique(on: "policy_id", "version")
            .create()

        try await database.schema("incentive_exports")
            .id()
            .field("created_by_name", .string, .required)
            .field("items", .int, .required)
            .field("total_cents", .int64, .required)
            .field("csv", .string, .required)
            .field("created_at", .datetime)
            .create()

        let kinds = IncentiveKind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        try await database.schema("incentive_payments")
            .id()
            .field("person_id", .uuid, .required, .references("persons", "id"))
            .field("referral_id", .uuid, .required, .references("referrals", "id"))
            .field("kind", .string, .required)
            .field("amount_cents", .int64, .required)
            .field("hours", .int)
            .field("period", .string)
            .field("reasons", .string, .required)
            .field("status", .string, .required)
            .field("export_id", .uuid, .references("incentive_exports", "id"))
            .field("created_by_id", .uuid, .required)
            .field("created_by_name", .string, .required)
            .field("created_at", .datetime)
            .constraint(.sql(unsafeRaw: "CHECK (amount_cents > 0)"))
            .constraint(.sql(unsafeRaw: "CHECK (kind IN (\(kinds)))"))
            .constraint(.sql(unsafeRaw: "CHECK (status IN ('payable', 'exported'))"))
            .constraint(.sql(unsafeRaw: "CHECK ((status = 'exported') = (export_id IS NOT NULL))"))
            .create()

        try await database.schema("users").field("business_id", .uuid).update()
        try await database.schema("businesses")
            .id()
            .field("code", .string, .required)
            .field("name", .string, .required)
            .field("district_code", .string, .references("districts", "code"))
            .field("address", .string)
            .field("created_at", .datetime)
            .unique(on: "code")
            .create()

        try await database.schema("voucher_accounts")
            .id()
            .field("person_id", .uuid, .required, .references("persons", "id"))
            .field("card_code", .string, .required)
            .field("balance_cents", .int64, .required)
            .field("updated_at", .datetime)
            .unique(on: "person_id")
            .unique(on: "card_code")
            // Never negative: the redemption is a conditional update, and this is the backstop.
            .constraint(.sql(unsafeRaw: "CHECK (balance_cents >= 0)"))
            .create()

        try await database.schema("voucher_entries")
            .id()
            .field("account_id", .uuid, .required, .references("voucher_accounts", "id"))
            .field("kind", .string, .required)
            .field("amount_cents", .int64, .required)
            .field("on_date", .string, .required)
            .field("activity", .string)
            .field("hours", .int)
            .field("approved_by_name", .string)
            .field("business_id", .uuid, .references("businesses", "id"))
            .field("idempotency_key", .string)
            .field("created_at", .datetime)
            .constraint(.sql(unsafeRaw: "CHECK (kind IN ('earn', 'redeem', 'expire'))"))
            .constraint(
                .sql(unsafeRaw: "CHECK ((kind = 'earn' AND amount_cents > 0) OR (kind <> 'earn' AND amount_cents < 0))")
            )
            .constraint(
                .sql(unsafeRaw: "CHECK (kind <> 'redeem' OR (business_id IS NOT NULL AND idempotency_key IS NOT NULL))")
            )
            // A redemption is applied once: one key per business.
            .unique(on: "business_id", "idempotency_key")
            .create()

        let statuses = Enforcement.Status.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        try await database.schema("enforcement_cases")
            .id()
            .field("person_id", .uuid, .required, .references("persons", "id"))
            .field("agreement_id", .uuid, .required, .references("agreements", "id"))
            .field("relation", .string, .required)
            .field("status", .string, .required)
            .field("opened_by_name", .string, .required)
            .field("opened_on", .string, .required)
            .field("hearing_on", .string)
            .field("hearing_note", .string)
            .field("alternatives", .string)
            .field("violation", .string)
            .field("occurrence", .int)
            .field("percent", .int)
            .field("months", .int)
            .field("proposal_reasons", .string)
            .field("proposed_by_id", .uuid)
            .field("proposed_by_name", .string)
            .field("proposed_on", .string)
            .field("decision", .string)
            .field("decision_note", .string)
            .field("decided_by_id", .uuid)
            .field("decided_by_name", .string)
            .field("decided_on", .string)
            .field("notification", .string)
            .field("closed_note", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .constraint(.sql(unsafeRaw: "CHECK (status IN (\(statuses)))"))
            .constraint(.sql(unsafeRaw: "CHECK (relation IN ('municipalBenefit', 'otherBenefit', 'noBenefit'))"))
            // A proposal only for municipal benefit, with the alternatives recorded; four eyes on the decision.
            .constraint(
                .sql(
                    unsafeRaw:
                        "CHECK (percent IS NULL OR (relation = 'municipalBenefit' AND alternatives IS NOT NULL AND hearing_on IS NOT NULL))"
                )
            )
            .constraint(
                .sql(
                    unsafeRaw:
                        "CHECK (decided_by_id IS NULL OR (proposed_by_id IS NOT NULL AND decided_by_id <> proposed_by_id))"
                )
            )
            .create()

        try await database.schema("referrals").field("waiting_for", .string).update()

        let sql = database as! any SQLDatabase
        try await sql.raw(
            "CREATE UNIQUE INDEX incentives_bonus_once ON incentive_payments (referral_id, kind) WHERE kind IN ('outflowBonus', 'activationPremium')"
        ).run()
        try await sql.raw(
            "CREATE UNIQUE INDEX enforcement_one_live ON enforcement_cases (agreement_id) WHERE status <> 'closed' AND status <> 'decided'"
        ).run()
        try await sql.create(index: "commitments_stream_status_idx").on("commitments").column("stream_id").column(
            "status"
        ).run()
        try await sql.create(index: "commitments_person_idx").on("commitments").column("person_id").run()
        try await sql.create(index: "voucher_entries_account_idx").on("voucher_entries").column("account_id").run()
        try await sql.create(index: "incentive_payments_referral_idx").on("incentive_payments").column("referral_id")
            .run()
        try await sql.create(index: "enforcement_person_idx").on("enforcement_cases").column("person_id").run()
        // The policy simulation's snapshot reads what changed since its high-water marks.
        try await sql.create(index: "diagnoses_created_idx").on("diagnoses").column("created_at").run()
        try await sql.create(index: "persons_updated_idx").on("persons").column("updated_at").run()
    }

    func revert(on database: any Database) async throws {
        for table in [
            "enforcement_cases", "voucher_entries", "voucher_accounts", "businesses", "incentive_payments",
            "incentive_exports",
            "policy_adoptions", "valve_simulations", "cost_bookings", "commitments", "budget_allocations",
            "funding_streams",
        ] {
            try await database.schema(table).delete()
        }
        try await database.schema("users").deleteField("business_id").update()
        try await database.schema("referrals").deleteField("waiting_for").update()
    }
}
