import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// Exceptions to the spending rules (000 §2.3): a case manager asks, with a reason, to fund a
/// referral the rules refuse (`ReferralService.refer` with `spendingException`); the referral waits
/// holding neither a place nor money. A budget holder — never the case manager — grants it (the
/// referral then goes the ordinary way: a free place and room in the stream, or it waits for them)
/// or refuses it (the referral is withdrawn). Both with a reason, audited on the person's file.
enum SpendingExceptionService {
    static let holderOnly = LocalizedText(
        nl: "Alleen budgethouders besluiten over een uitzondering op de bestedingsregels.",
        en: "Only budget holders decide on an exception to the spending rules.")

    struct Pending {
        var exception: SpendingException
        var interventionName: String
    }

    /// The requests waiting for a decision (50 at most, oldest first), without names; each shown one
    /// is audited on the person's file (the case manager's reason is about the person).
    static func requested(in ctx: UseCaseContext) async throws -> [Pending] {
        try ctx.requireRole(.budgetHolder, because: holderOnly)
        // Only those whose referral waits for this decision: a specialist's approval comes first.
        let waiting = try await Referral.query(on: ctx.db).filter(\.$status == .waiting)
            .filter(\.$waitingFor == .exception).all().compactMap(\.id)
        let rows = try await SpendingException.query(on: ctx.db).filter(\.$status == .requested)
            .filter(\.$referralID ~~ waiting).sort(\.$requestedAt).limit(50).all()
        let names = try await Intervention.query(on: ctx.db).filter(\.$id ~~ rows.map(\.interventionID)).all()
            .reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        if !rows.isEmpty {
            try await Audit.record(
                ctx, .spendingExceptionRead, people: rows.map { ($0.personID, "budgetHolder") })
        }
        return rows.map { Pending(exception: $0, interventionName: names[$0.interventionID] ?? "") }
    }

    /// The exception asked for a referral, if any — for whoever already read the referral with a need
    /// to know (`ReferralService.read`, which audited it).
    static func forReferral(_ r: Referral, in ctx: UseCaseContext) async throws -> SpendingException? {
        return try await SpendingException.query(on: ctx.db).filter(\.$referralID == r.id!).first()
    }

    /// Where a granted referral stands.
    enum Outcome: String, Codable {
        case offered, waitingForPlace, waitingForBudget, withdrawn
    }

    /// A budget holder grants (`decision: grant`) or refuses (`refuse`) a request, with a reason.
    static func decide(_ id: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws -> (
        SpendingException, Outcome
    ) {
        let user = try ctx.requireRole(.budgetHolder, because: holderOnly)
        let (grant, reason) = try decision(&input)
        guard let e = try await SpendingException.find(id, on: ctx.db) else {
            throw DomainError.notFound(
                .init(nl: "Geen gevraagde uitzondering met deze id.", en: "No exception request with this id."))
        }
        let outcome: Outcome = try await ctx.db.transaction { db in
            let ctx = ctx.within(db)
            let sql = db as! any SQLDatabase
            let decided = try await sql.raw(
                """
                UPDATE spending_exceptions SET status = \(bind: grant ? "granted" : "refused"), decided_by_name = \(bind: user.displayName),
                  decided_reason = \(bind: reason), decided_at = \(bind: ctx.now)
                WHERE id = \(bind: id) AND status = 'requested' RETURNING id
                """
            ).all()
            guard !decided.isEmpty else { throw alreadyDecided }
            let outcome: Outcome
            if grant {
                // From here on the referral is an ordinary one: a free place and room in its stream.
                let moved = try await sql.raw(
                    """
                    UPDATE referrals SET waiting_for = 'place', updated_at = \(bind: ctx.now)
                    WHERE id = \(bind: e.referralID) AND status = 'waiting' AND waiting_for = 'exception' RETURNING id
                    """
                ).all()
                guard !moved.isEmpty else { throw withdrawnMeanwhile }
                outcome = try await start(e.referralID, interventionID: e.interventionID, in: ctx)
            } else {
                guard
                    try await Placement.transition(
                        e.referralID, .withdraw, set: "waiting_for = NULL, withdraw_reason = ?",
                        ["Geen uitzondering op de bestedingsregels: \(reason)"], in: ctx)
                else { throw withdrawnMeanwhile }
                outcome = .withdrawn
            }
            try await Audit.record(
                ctx, .spendingExceptionDecide, person: e.personID, basis: "budgetHolder",
                detail: "\(grant ? "granted" : "refused") referral:\(e.referralID) \(e.amountCents): \(reason)", on: db
            )
            return outcome
        }
        guard let after = try await SpendingException.find(id, on: ctx.db) else { throw alreadyDecided }
        return (after, outcome)
    }

    /// A decision on a request: `decision` `grant` (toestaan) or `refuse` (afwijzen), and a reason.
    static func decision(_ input: inout Input) throws -> (grant: Bool, reason: String) {
        let decision = input.string("decision", maxLength: 10)
        if let decision, decision != "grant" && decision != "refuse" {
            input.fail(
                "decision", "unknownValue", nl: "Kies ‘grant’ (toestaan) of ‘refuse’ (afwijzen).",
                en: "Choose ‘grant’ or ‘refuse’.")
        }
        let reason = input.reason(
            nl: "Leg in minstens 10 tekens uit waarom u zo besluit.",
            en: "Explain in at least 10 characters why you decide so.")
        try input.validate()
        return (decision == "grant", reason!)
    }

    /// A granted referral takes a free place with money from its stream, or waits for what is missing.
    static func start(_ referralID: UUID, interventionID: UUID, in ctx: UseCaseContext) async throws
        -> Outcome
    {
        guard try await Placement.claimPlace(interventionID, in: ctx) else { return .waitingForPlace }
        guard let w = try await Placement.waiting(referralID, in: ctx) else { throw withdrawnMeanwhile }
        switch try await Placement.offer(w, basis: "budgetHolder", in: ctx) {
        case .offered: return .offered
        case .gone: throw withdrawnMeanwhile
        case .noMoney:
            try await Placement.releasePlace(interventionID, in: ctx)
            try await (ctx.db as! any SQLDatabase).raw(
                "UPDATE referrals SET waiting_for = 'budget' WHERE id = \(bind: referralID) AND status = 'waiting'"
            ).run()
            return .waitingForBudget
        }
    }

    struct Summary: Codable, Sendable {
        var requested: Int
        var granted: Int
        var refused: Int
        /// What the granted exceptions of the year cost (their price when granted).
        var grantedCents: Int
    }

    /// The year's exceptions by status, with the amount: rows `status`, `n`, `cents` (no person).
    static func summaryQuery(year: Int) -> SQLQueryString {
        """
        SELECT status, COUNT(*) AS n, CAST(SUM(amount_cents) AS BIGINT) AS cents FROM spending_exceptions
        WHERE year = \(bind: year) GROUP BY status
        """
    }

    /// The summary from the rows of `summaryQuery` (other rows are passed over).
    static func summary(_ rows: [any SQLRow]) throws -> Summary {
        var s = Summary(requested: 0, granted: 0, refused: 0, grantedCents: 0)
        for row in rows {
            let n = try row.decode(column: "n", as: Int.self)
            switch try row.decode(column: "status", as: String.self) {
            case "requested": s.requested = n
            case "granted":
                s.granted = n
                s.grantedCents = try row.decode(column: "cents", as: Int?.self) ?? 0
            case "refused": s.refused = n
            default: break
            }
        }
        return s
    }

    static let alreadyDecided = DomainError.conflict(
        .init(
            nl: "Over deze uitzondering is al besloten; laad opnieuw.",
            en: "This exception has already been decided; reload."))
    static let withdrawnMeanwhile = DomainError.conflict(
        .init(
            nl: "De verwijzing is intussen ingetrokken of gewijzigd; laad opnieuw.",
            en: "The referral was withdrawn or changed meanwhile; reload."))
}
