import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// Result-based provider contracts (`ResultContract`): the six-month check after an exit to work, and
/// each contract's performance — results, cost per result, waiting time — for the budget holder (all
/// contracts) and for a provider (its own). The payments themselves follow the referral's steps
/// (`ReferralService.act` → `Placement.settle`).
enum ContractService {
    static let whoSees = LocalizedText(
        nl: "Alleen budgethouders en de aanbieder zelf zien de resultaten van contracten.",
        en: "Only budget holders and the provider itself see the results of contracts.")

    /// The case manager records six months after an exit to work whether the resident still works:
    /// yes pays the result part, no releases it. Only while the check is pending; yes not before it is due.
    static func check(_ referralID: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws -> (
        Commitment, ResultContract.Settlement
    ) {
        let user = try ctx.requireRole(
            .caseManager,
            because: .init(
                nl: "Alleen de klantmanager legt vast of de inwoner nog werkt.",
                en: "Only the case manager records whether the resident still works."))
        let working = input.bool("stillWorking")
        try input.validate()
        let l = try await ReferralService.load(referralID, in: ctx)
        guard NeedToKnow.mayAssess(user.viewer, l.person.relations) else { throw DomainError.noNeedToKnow }
        guard
            let c = try await Commitment.query(on: ctx.db).filter(\.$referralID == referralID)
                .filter(\.$status == .open).filter(\.$result == "pending").first()
        else {
            throw DomainError.conflict(
                .init(
                    nl: "Voor deze verwijzing wacht geen controle na zes maanden.",
                    en: "No six-month check is waiting for this referral."))
        }
        if working!, let due = c.resultDueOn.flatMap(CalendarDate.init(iso:)), ctx.today < due {
            input.fail(
                "stillWorking", "tooEarly",
                nl: "Of de inwoner na zes maanden nog werkt, blijkt vanaf \(due.long(.nl)).",
                en: "Whether the resident still works after six months shows from \(due.long(.en)).")
            try input.validate()
        }
        let settled: ResultContract.Settlement? = try await ctx.db.transaction { db in
            let s = try await Placement.settle(
                referralID: referralID, bookedBy: user.displayName, close: true, in: ctx.within(db)
            ) { c in ResultContract.afterSixMonths(stillWorking: working!, openCents: c.remainingCents) }
            try await Audit.record(
                ctx, .referralUpdate, person: l.person.id, basis: l.access.basis,
                detail: "resultCheck:\(referralID) stillWorking:\(working!)", on: db)
            return s
        }
        guard let settled, let after = try await Commitment.find(c.id!, on: ctx.db) else {
            throw DomainError.conflict(
                .init(nl: "De verplichting is intussen gewijzigd; laad opnieuw.", en: "The commitment changed; reload.")
            )
        }
        return (after, settled)
    }

    /// The commitment of a referral — for whoever already read the referral with a need to know.
    static func commitment(_ r: Referral, in ctx: UseCaseContext) async throws -> Commitment? {
        try await Commitment.query(on: ctx.db).filter(\.$referralID == r.id!).first()
    }

    /// One contract's performance so far.
    struct Performance: Sendable {
        var interventionID: UUID
        var code: String
        var name: String
        var providerName: String
        var priceCents: Int
        var contract: ResultContract
        var referred: Int
        var started: Int
        var achieved: Int
        var missed: Int
        var pending: Int
        var spentCents: Int
        var meanWaitDays: Double?
        /// The first referral whose money was committed under the contract; nil before any.
        var since: CalendarDate?
        /// What was paid per result achieved; nil without results.
        var costPerResultCents: Int? { achieved == 0 ? nil : spentCents / achieved }
        /// Of the enrolments with a settled result, the share that achieved it (percent); nil without any.
        var resultRate: Int? {
            achieved + missed == 0 ? nil : Int((Double(achieved) * 100 / Double(achieved + missed)).rounded())
        }
    }

    /// Every contract's performance (a budget holder), or the user's own provider's (a provider), in one
    /// statement. Only what was committed under a contract counts (`commitments.contract`): enrolments
    /// paid for effort before the offer had its contract stay out of its figures.
    static func performance(in ctx: UseCaseContext) async throws -> [Performance] {
        let user = try ctx.requireRole(.budgetHolder, .provider, because: whoSees)
        let own = !user.roleSet.contains(.budgetHolder)
        if own && user.providerID == nil { return [] }
        let filter: SQLQueryString = own ? "AND i.provider_id = \(bind: user.providerID!)" : ""
        let rows = try await (ctx.db as! any SQLDatabase).raw(
            """
            SELECT i.id, i.code, i.name, i.price_cents, i.contract, p.name AS provider_name,
              COUNT(c.id) AS referred, MIN(r.referred_on) AS since,
              CAST(COALESCE(SUM(CASE WHEN r.started_on IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS started,
              CAST(COALESCE(SUM(CASE WHEN c.result = 'achieved' THEN 1 ELSE 0 END), 0) AS BIGINT) AS achieved,
              CAST(COALESCE(SUM(CASE WHEN c.result = 'missed' THEN 1 ELSE 0 END), 0) AS BIGINT) AS missed,
              CAST(COALESCE(SUM(CASE WHEN c.result = 'pending' THEN 1 ELSE 0 END), 0) AS BIGINT) AS pending,
              CAST(COALESCE(SUM(c.spent_cents), 0) AS BIGINT) AS spent,
              CAST(AVG(CASE WHEN r.started_on IS NOT NULL THEN r.waited_days END) AS DOUBLE PRECISION) AS mean_wait
            FROM interventions i JOIN providers p ON p.id = i.provider_id
            LEFT JOIN commitments c ON c.intervention_id = i.id AND c.contract IS NOT NULL
            LEFT JOIN referrals r ON r.id = c.referral_id
            WHERE i.contract IS NOT NULL \(filter)
            GROUP BY i.id, i.code, i.name, i.price_cents, i.contract, p.name
            ORDER BY i.name
            """
        ).all()
        return try rows.compactMap { row in
            guard
                let contract = try? JSONDecoder().decode(
                    ResultContract.self, from: Data(try row.decode(column: "contract", as: String.self).utf8))
            else { return nil }
            return Performance(
                interventionID: try row.decode(column: "id", as: UUID.self),
                code: try row.decode(column: "code", as: String.self),
                name: try row.decode(column: "name", as: String.self),
                providerName: try row.decode(column: "provider_name", as: String.self),
                priceCents: try row.decode(column: "price_cents", as: Int.self), contract: contract,
                referred: try row.decode(column: "referred", as: Int.self),
                started: try row.decode(column: "started", as: Int.self),
                achieved: try row.decode(column: "achieved", as: Int.self),
                missed: try row.decode(column: "missed", as: Int.self),
                pending: try row.decode(column: "pending", as: Int.self),
                spentCents: try row.decode(column: "spent", as: Int.self),
                meanWaitDays: try row.decode(column: "mean_wait", as: Double?.self),
                since: try row.decode(column: "since", as: String?.self).flatMap(CalendarDate.init(iso:)))
        }
    }
}
