import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// The gatekeeper of costly provisions (003: "Wie bepaalt of de klant toestemming krijgt voor de
/// voorziening arbeidsmatige dagbesteding?"). A referral to an offer marked `needsApproval` waits,
/// holding neither a place nor money, until a specialist — not the case manager — grants it (it then
/// goes the ordinary way, or on to the budget holder when an exception to the spending rules was
/// asked too) or refuses it (it is withdrawn). Both with a reason, audited on the person's file.
enum ApprovalService {
    static let specialistOnly = LocalizedText(
        nl: "Alleen de specialist toegang voorzieningen geeft toestemming voor dit aanbod.",
        en: "Only the provisions access specialist approves this offer.")

    /// A referral waiting for approval, as the specialist needs it to decide.
    struct Pending {
        var approval: ReferralApproval
        var referral: Referral
        var personName: String
        var interventionName: String
    }

    /// The requests waiting for a decision (50 at most, oldest first). The specialist sees who, the
    /// offer, the goal and the category the case manager referred with; each shown one is audited.
    static func requested(in ctx: UseCaseContext) async throws -> [Pending] {
        try ctx.requireRole(.specialist, because: specialistOnly)
        let rows = try await ReferralApproval.query(on: ctx.db).filter(\.$status == .requested)
            .sort(\.$requestedAt).limit(50).all()
        guard !rows.isEmpty else { return [] }
        let referrals = try await Referral.query(on: ctx.db).filter(\.$id ~~ rows.map(\.referralID)).all()
            .reduce(into: [UUID: Referral]()) { $0[$1.id!] = $1 }
        let people = try await Person.query(on: ctx.db).filter(\.$id ~~ rows.map(\.personID)).all()
            .reduce(into: [UUID: String]()) { $0[$1.id!] = "\($1.givenName) \($1.familyName)" }
        let names = try await Intervention.query(on: ctx.db).filter(\.$id ~~ rows.map(\.interventionID)).all()
            .reduce(into: [UUID: String]()) { $0[$1.id!] = $1.name }
        try await Audit.record(ctx, .approvalRead, people: rows.map { ($0.personID, "specialist") })
        return rows.compactMap { a in
            referrals[a.referralID].map {
                Pending(
                    approval: a, referral: $0, personName: people[a.personID] ?? "",
                    interventionName: names[a.interventionID] ?? "")
            }
        }
    }

    /// The approval asked for a referral, if any — for whoever already read the referral with a need to know.
    static func forReferral(_ r: Referral, in ctx: UseCaseContext) async throws -> ReferralApproval? {
        try await ReferralApproval.query(on: ctx.db).filter(\.$referralID == r.id!).first()
    }

    /// Where a decided referral stands.
    enum Outcome: String, Codable {
        case offered, waitingForPlace, waitingForBudget, waitingForException, withdrawn
    }

    /// A specialist grants (`decision: grant`) or refuses (`refuse`) a referral, with a reason.
    static func decide(_ id: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws -> (
        ReferralApproval, Outcome
    ) {
        let user = try ctx.requireRole(.specialist, because: specialistOnly)
        let (grant, reason) = try SpendingExceptionService.decision(&input)
        guard let a = try await ReferralApproval.find(id, on: ctx.db) else {
            throw DomainError.notFound(
                .init(nl: "Geen gevraagde toestemming met deze id.", en: "No approval request with this id."))
        }
        let outcome: Outcome = try await ctx.db.transaction { db in
            let ctx = ctx.within(db)
            let sql = db as! any SQLDatabase
            let decided = try await sql.raw(
                """
                UPDATE referral_approvals SET status = \(bind: grant ? "granted" : "refused"),
                  decided_by_name = \(bind: user.displayName), decided_reason = \(bind: reason), decided_at = \(bind: ctx.now)
                WHERE id = \(bind: id) AND status = 'requested' RETURNING id
                """
            ).all()
            guard !decided.isEmpty else { throw alreadyDecided }
            let exception = try await SpendingException.query(on: db).filter(\.$referralID == a.referralID)
                .filter(\.$status == .requested).first()
            let outcome: Outcome
            if grant {
                // Next: the budget holder when the spending rules refuse it, else a place and money.
                let next = exception == nil ? "place" : "exception"
                let moved = try await sql.raw(
                    """
                    UPDATE referrals SET waiting_for = \(bind: next), updated_at = \(bind: ctx.now)
                    WHERE id = \(bind: a.referralID) AND status = 'waiting' AND waiting_for = 'approval' RETURNING id
                    """
                ).all()
                guard !moved.isEmpty else { throw SpendingExceptionService.withdrawnMeanwhile }
                if exception != nil {
                    outcome = .waitingForException
                } else {
                    switch try await SpendingExceptionService.start(
                        a.referralID, interventionID: a.interventionID, in: ctx)
                    {
                    case .offered: outcome = .offered
                    case .waitingForPlace: outcome = .waitingForPlace
                    case .waitingForBudget: outcome = .waitingForBudget
                    case .withdrawn: outcome = .withdrawn
                    }
                }
            } else {
                guard
                    try await Placement.transition(
                        a.referralID, .withdraw, set: "waiting_for = NULL, withdraw_reason = ?",
                        ["Geen toestemming van de specialist: \(reason)"], in: ctx)
                else { throw SpendingExceptionService.withdrawnMeanwhile }
                if let exception {
                    // Nothing left for the budget holder to decide.
                    exception.status = .refused
                    exception.decidedByName = user.displayName
                    exception.decidedReason = "Vervallen: de specialist gaf geen toestemming."
                    exception.decidedAt = ctx.now
                    try await exception.save(on: db)
                }
                outcome = .withdrawn
            }
            try await Audit.record(
                ctx, .approvalDecide, person: a.personID, basis: "specialist",
                detail: "\(grant ? "granted" : "refused") referral:\(a.referralID): \(reason)", on: db)
            return outcome
        }
        guard let after = try await ReferralApproval.find(id, on: ctx.db) else { throw alreadyDecided }
        return (after, outcome)
    }

    static let alreadyDecided = DomainError.conflict(
        .init(
            nl: "Over deze verwijzing is al besloten; laad opnieuw.",
            en: "This referral has already been decided; reload."))
}
