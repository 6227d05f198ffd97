import Fluent
import Foundation
import MeedoenCore
import SQLKit

/// A place and its money, claimed and given back as one unit — the only code that moves
/// `interventions.taken`, a stream's committed money and a referral from the waiting list to an
/// offer. Referrals, the budget (new money, a budget holder's override) and the valve all go through
/// it. Every function runs inside the caller's transaction (`ctx.db` is that transaction).
///
/// Places and money are claimed with one conditional `UPDATE … RETURNING` as the first write
/// (STACK-NOTES: never count-then-insert), so concurrent claims never overbook a place or overspend a
/// stream, on SQLite and PostgreSQL alike; the `CHECK (taken <= capacity)` is the backstop.
enum Placement {
    /// What a claim on a stream came to.
    enum Claim: Equatable {
        case claimed(streamID: UUID)
        /// The stream is not budgeted for the year: the referral proceeds without a commitment.
        case noStream
        case insufficient
    }

    /// Where a new referral stands after `reserve`.
    enum Reservation: Equatable {
        case offered(Claim)
        case waitingForPlace
        case waitingForBudget
        /// The spending rules refuse it: it waits for a budget holder's decision, holding nothing.
        case waitingForException
        /// The offer needs a specialist's approval first: it waits for that, holding nothing.
        case waitingForApproval
    }

    /// Where the money for an offer comes from.
    enum Money {
        /// From the intervention's stream of this year, if it has room.
        case fromStream
        /// A budget holder's override: committed beyond the stream's room, on the record.
        case override(streamID: UUID, reason: String, by: String)
    }

    /// A referral on the waiting list, as the hand-on reads it.
    struct Waiting {
        var referralID: UUID
        var personID: UUID
        var interventionID: UUID
        var districtCode: String
        var category: Int?
        var referredOn: CalendarDate?
        var fundingStream: String
        var priceCents: Int
        /// The offer's result-based contract now: the commitment made at the offer follows it.
        var contract: ResultContract?
    }

    // MARK: places

    /// Claims one place if one is free. Success iff a row comes back.
    static func claimPlace(_ interventionID: UUID, in ctx: UseCaseContext) async throws -> Bool {
        let rows = try await sql(ctx).raw(
            """
            UPDATE interventions SET taken = taken + 1 WHERE id = \(bind: interventionID) AND taken < capacity AND active = \(bind: true) RETURNING id
            """
        ).all()
        return !rows.isEmpty
    }

    static func releasePlace(_ interventionID: UUID, in ctx: UseCaseContext) async throws {
        try await sql(ctx).raw(
            "UPDATE interventions SET taken = taken - 1 WHERE id = \(bind: interventionID) AND taken > 0"
        ).run()
    }

    // MARK: money

    /// Claims `price` from the stream `code` of `year`. A stream that is not budgeted for the year (no
    /// row) is not checked.
    static func claimMoney(stream code: String, year: Int, price: Int, in ctx: UseCaseContext) async throws -> Claim {
        let sql = sql(ctx)
        if let row = try await sql.raw(
            """
            UPDATE funding_streams SET committed_cents = committed_cents + \(bind: price), updated_at = \(bind: ctx.now)
            WHERE year = \(bind: year) AND code = \(bind: code) AND total_cents - committed_cents - spent_cents >= \(bind: price) RETURNING id
            """
        ).first() {
            return .claimed(streamID: try row.decode(column: "id", as: UUID.self))
        }
        let exists = try await sql.raw(
            "SELECT id FROM funding_streams WHERE year = \(bind: year) AND code = \(bind: code)"
        ).first()
        return exists == nil ? .noStream : .insufficient
    }

    /// Gives back a claim that was not used (the referral was taken by someone else meanwhile).
    static func returnMoney(streamID: UUID, price: Int, in ctx: UseCaseContext) async throws {
        try await sql(ctx).raw(
            "UPDATE funding_streams SET committed_cents = committed_cents - \(bind: price) WHERE id = \(bind: streamID)"
        ).run()
    }

    /// Records the commitment of a claim.
    static func commit(
        referralID: UUID, streamID: UUID, personID: UUID, interventionID: UUID, district: String, category: Int?,
        price: Int, contract: ResultContract?, override: (reason: String, by: String)? = nil, in ctx: UseCaseContext
    ) async throws {
        let c = Commitment()
        c.id = ctx.newID()
        c.referralID = referralID
        c.streamID = streamID
        c.personID = personID
        c.interventionID = interventionID
        c.districtCode = district
        c.category = category
        c.amountCents = price
        c.spentCents = 0
        c.releasedCents = 0
        c.status = .open
        c.overrideReason = override?.reason
        c.overrideBy = override?.by
        c.contract = contract
        try await c.create(on: ctx.db)
    }

    /// A referral ends, is refused or withdrawn: what its commitment does not keep goes back to the
    /// stream (pro rata after a start). Returns the release, or nil when there was no open commitment.
    @discardableResult
    static func releaseMoney(
        referralID: UUID, start: CalendarDate?, plannedEnd: CalendarDate?, end: CalendarDate?,
        in ctx: UseCaseContext
    ) async throws -> Commitments.Release? {
        guard
            let c = try await Commitment.query(on: ctx.db).filter(\.$referralID == referralID).filter(
                \.$status == .open
            ).first()
        else { return nil }
        let r = Commitments.release(
            amountCents: c.amountCents, spentCents: c.spentCents, releasedCents: c.releasedCents,
            start: start, plannedEnd: plannedEnd, end: end)
        let sql = sql(ctx)
        let done = try await sql.raw(
            """
            UPDATE commitments SET released_cents = released_cents + \(bind: r.releasedCents), status = 'closed', updated_at = \(bind: ctx.now)
            WHERE id = \(bind: c.id!) AND status = 'open' RETURNING id
            """
        ).all()
        guard !done.isEmpty else { return nil }
        if r.releasedCents > 0 {
            try await sql.raw(
                "UPDATE funding_streams SET committed_cents = committed_cents - \(bind: r.releasedCents), updated_at = \(bind: ctx.now) WHERE id = \(bind: c.streamID)"
            ).run()
        }
        return r
    }

    /// Under a result-based contract: pays and releases what `decide` says of the referral's open
    /// commitment, in one conditional update (so nothing is paid twice), books the payment, and moves
    /// the stream's figures. `close`: the commitment is settled for good (not at the start, nor while
    /// a six-month check is pending). Nil when the referral has no open commitment.
    @discardableResult
    static func settle(
        referralID: UUID, bookedBy: String, close: Bool, in ctx: UseCaseContext,
        _ decide: (Commitment) -> ResultContract.Settlement
    ) async throws -> ResultContract.Settlement? {
        guard
            let c = try await Commitment.query(on: ctx.db).filter(\.$referralID == referralID).filter(
                \.$status == .open
            ).first()
        else { return nil }
        let s = decide(c)
        let closes = close && s.result != "pending"
        let sql = sql(ctx)
        let done = try await sql.raw(
            """
            UPDATE commitments SET spent_cents = spent_cents + \(bind: s.payCents), released_cents = released_cents + \(bind: s.releaseCents),
              status = \(bind: closes ? "closed" : "open"), result = \(bind: s.result ?? c.result), result_due_on = \(bind: s.checkDue?.iso),
              updated_at = \(bind: ctx.now)
            WHERE id = \(bind: c.id!) AND status = 'open' AND spent_cents = \(bind: c.spentCents) AND released_cents = \(bind: c.releasedCents)
            RETURNING id
            """
        ).all()
        guard !done.isEmpty else { return nil }
        if s.payCents + s.releaseCents > 0 {
            try await sql.raw(
                """
                UPDATE funding_streams SET committed_cents = committed_cents - \(bind: s.payCents + s.releaseCents),
                  spent_cents = spent_cents + \(bind: s.payCents), updated_at = \(bind: ctx.now)
                WHERE id = \(bind: c.streamID)
                """
            ).run()
        }
        if s.payCents > 0 {
            let b = CostBooking()
            b.id = ctx.newID()
            b.commitmentID = c.id!
            b.amountCents = s.payCents
            b.description = s.reason.text.nl
            b.bookedOn = ctx.today.iso
            b.bookedByName = bookedBy
            try await b.create(on: ctx.db)
        }
        return s
    }

    // MARK: a new referral

    /// A new referral to `intervention`: a place, then the money; without a place or room in the
    /// stream it waits. The commitment is recorded by `commitReservation` once the referral row exists.
    static func reserve(_ intervention: Intervention, in ctx: UseCaseContext) async throws -> Reservation {
        guard try await claimPlace(intervention.id!, in: ctx) else { return .waitingForPlace }
        let claim = try await claimMoney(
            stream: intervention.fundingStream, year: ctx.today.year, price: intervention.priceCents, in: ctx)
        if claim == .insufficient {
            try await releasePlace(intervention.id!, in: ctx)
            return .waitingForBudget
        }
        return .offered(claim)
    }

    // MARK: from the waiting list to an offer

    /// What `offer` came to.
    enum Offer: Equatable {
        case offered(UUID)
        /// The stream has no room: the place was not used.
        case noMoney
        /// Another transaction changed the referral first.
        case gone
    }

    /// Offers a waiting referral the place the caller holds for it, with its money: the money first,
    /// then the referral `waiting → offered` (conditional, through `ReferralAction.offer`), then the
    /// commitment and the audit entry. Whatever is not used goes back, except the place: on `noMoney`
    /// and `gone` the caller still holds it.
    static func offer(_ w: Waiting, money: Money = .fromStream, basis: String, in ctx: UseCaseContext) async throws
        -> Offer
    {
        let today = ctx.today
        let claim: Claim
        switch money {
        case .fromStream:
            claim = try await claimMoney(stream: w.fundingStream, year: today.year, price: w.priceCents, in: ctx)
            if claim == .insufficient { return .noMoney }
        case .override(let streamID, _, _):
            try await sql(ctx).raw(
                """
                UPDATE funding_streams SET committed_cents = committed_cents + \(bind: w.priceCents), updated_at = \(bind: ctx.now) WHERE id = \(bind: streamID)
                """
            ).run()
            claim = .claimed(streamID: streamID)
        }
        let waited = max(0, today.dayNumber - (w.referredOn ?? today).dayNumber)
        guard
            try await transition(
                w.referralID, .offer, set: "waiting_for = NULL, offered_at = ?, waited_days = ?", [ctx.now, waited],
                in: ctx)
        else {
            if case .claimed(let sid) = claim { try await returnMoney(streamID: sid, price: w.priceCents, in: ctx) }
            return .gone
        }
        if case .claimed(let sid) = claim {
            var override: (reason: String, by: String)?
            if case .override(_, let reason, let by) = money { override = (reason, by) }
            try await commit(
                referralID: w.referralID, streamID: sid, personID: w.personID, interventionID: w.interventionID,
                district: w.districtCode, category: w.category, price: w.priceCents, contract: w.contract,
                override: override,
                in: ctx)
        }
        try await Audit.record(
            ctx, .referralUpdate, person: w.personID, basis: basis, detail: "offered:\(w.referralID)", on: ctx.db)
        return .offered(w.referralID)
    }

    /// A held place becomes free: it goes to the first on the waiting list (priority category, then
    /// referral time) if the stream has room, or is released. Returns the referral offered, if any.
    @discardableResult
    static func handOn(_ interventionID: UUID, in ctx: UseCaseContext) async throws -> UUID? {
        for _ in 0..<10 {
            guard let next = try await waiting(where: "r.intervention_id = ?", interventionID, limit: 1, in: ctx).first
            else { break }
            switch try await offer(next, basis: "waitingList", in: ctx) {
            case .offered(let id): return id
            case .gone: continue  // taken by another transaction first: the next in line
            case .noMoney:
                // Without room in the stream the place stays free and the line waits for budget.
                try await sql(ctx).raw(
                    """
                    UPDATE referrals SET waiting_for = 'budget' WHERE intervention_id = \(bind: interventionID) AND status = 'waiting' AND COALESCE(waiting_for, 'place') NOT IN ('exception', 'approval')
                    """
                ).run()
                try await releasePlace(interventionID, in: ctx)
                return nil
            }
        }
        try await releasePlace(interventionID, in: ctx)
        return nil
    }

    /// A new place (capacity raised): offered to the first waiting person. False when nobody waits or
    /// nothing is free.
    static func offerFreePlace(_ interventionID: UUID, in ctx: UseCaseContext) async throws -> Bool {
        try await ctx.db.transaction { db in
            let ctx = ctx.within(db)
            guard try await claimPlace(interventionID, in: ctx) else { return false }
            return try await handOn(interventionID, in: ctx) != nil
        }
    }

    /// Money came in (a stream raised, the valve opened): referrals that wait for money from `stream`
    /// get a place, in valve order, while there is room and a free place. `only` limits it to those
    /// referrals. Returns the referrals offered.
    static func startWaiting(stream: FundingStream, only: Set<UUID>?, in ctx: UseCaseContext) async throws -> [UUID] {
        // Money is claimed from the stream of the year a place is offered (as a new referral does).
        guard stream.year == ctx.today.year else { return [] }
        var started: [UUID] = []
        for w in try await waiting(
            where: "r.waiting_for = 'budget' AND i.funding_stream = ?", stream.code, limit: nil, in: ctx)
        {
            if let only, !only.contains(w.referralID) { continue }
            guard try await claimPlace(w.interventionID, in: ctx) else { continue }
            switch try await offer(w, basis: "budget", in: ctx) {
            case .offered(let id): started.append(id)
            case .gone: try await releasePlace(w.interventionID, in: ctx)
            case .noMoney:
                try await releasePlace(w.interventionID, in: ctx)
                return started  // no more room in this stream
            }
        }
        return started
    }

    /// A budget holder funds a referral that waits for money, beyond the stream's room. A place must
    /// be free: capacity is never overridden.
    static func fund(_ w: Waiting, streamID: UUID, reason: String, by: String, in ctx: UseCaseContext) async throws {
        guard try await claimPlace(w.interventionID, in: ctx) else {
            throw DomainError.conflict(
                .init(
                    nl: "Er is geen vrije plek; ook een budgethouder gaat niet boven de capaciteit.",
                    en: "There is no free place; a budget holder does not exceed capacity either."))
        }
        guard
            case .offered = try await offer(
                w, money: .override(streamID: streamID, reason: reason, by: by), basis: "budget", in: ctx)
        else {
            throw DomainError.conflict(
                .init(
                    nl: "De verwijzing is intussen gewijzigd; laad opnieuw.",
                    en: "The referral changed meanwhile; reload."))
        }
    }

    /// The valve lapses a referral: `withdraw` through `ReferralAction`, its money back, and a place it
    /// held handed on. False when the referral had meanwhile left the states the valve lapses.
    static func lapse(_ referralID: UUID, interventionID: UUID, reason: String, in ctx: UseCaseContext) async throws
        -> Bool
    {
        guard try await transition(referralID, .withdraw, set: "withdraw_reason = ?", [reason], in: ctx) else {
            return false
        }
        if try await releaseMoney(referralID: referralID, start: nil, plannedEnd: nil, end: ctx.today, in: ctx) != nil {
            // It held a place: the next in line gets it if the stream still has room.
            try await handOn(interventionID, in: ctx)
        }
        return true
    }

    // MARK: the one status change

    /// Moves a referral by `action` — from whichever status `ReferralAction.next` allows it from, in
    /// one conditional statement — and sets `assignments` (`column = ?`, with `binds`) with it.
    /// True iff the referral was in such a status.
    static func transition(
        _ referralID: UUID, _ action: ReferralAction, set assignments: String, _ binds: [any Encodable & Sendable],
        in ctx: UseCaseContext
    ) async throws -> Bool {
        let moves = ReferralStatus.allCases.compactMap { from in action.next(from: from).map { (from, $0) } }
        precondition(Set(moves.map(\.1)).count == 1, "a transition through one action ends in one status")
        let to = moves[0].1
        var query: SQLQueryString = "UPDATE referrals SET status = \(bind: to.rawValue), "
        let parts = assignments.split(separator: "?", omittingEmptySubsequences: false)
        for (i, part) in parts.enumerated() {
            query.appendLiteral(String(part))
            if i < binds.count { query.appendInterpolation(bind: binds[i]) }
        }
        query.appendLiteral(", updated_at = ")
        query.appendInterpolation(bind: ctx.now)
        query.appendLiteral(" WHERE id = ")
        query.appendInterpolation(bind: referralID)
        query.appendLiteral(
            " AND status IN (" + moves.map { "'\($0.0.rawValue)'" }.joined(separator: ", ") + ") RETURNING id")
        return try await !sql(ctx).raw(query).all().isEmpty
    }

    // MARK: reading the waiting list

    /// Waiting referrals that match `condition` (one `?` bound to `value`), in waiting-list order.
    private static func waiting(
        where condition: String, _ value: any Encodable & Sendable, limit: Int?, in ctx: UseCaseContext
    ) async throws -> [Waiting] {
        let parts = condition.split(separator: "?", omittingEmptySubsequences: false)
        var query: SQLQueryString = """
            SELECT r.id, r.referred_on, r.person_id, r.intervention_id, r.category, p.district_code, i.funding_stream, i.price_cents, i.contract
            FROM referrals r JOIN persons p ON p.id = r.person_id JOIN interventions i ON i.id = r.intervention_id
            WHERE r.status = 'waiting' AND COALESCE(r.waiting_for, 'place') NOT IN ('exception', 'approval') AND \(unsafeRaw: String(parts[0]))
            """
        query.appendInterpolation(bind: value)
        query.appendLiteral(String(parts.count > 1 ? parts[1] : ""))
        query.appendLiteral(
            " ORDER BY COALESCE(r.category, 9), r.referred_at, r.id" + (limit.map { " LIMIT \($0)" } ?? ""))
        return try await sql(ctx).raw(query).all().map { row in
            Waiting(
                referralID: try row.decode(column: "id", as: UUID.self),
                personID: try row.decode(column: "person_id", as: UUID.self),
                interventionID: try row.decode(column: "intervention_id", as: UUID.self),
                districtCode: try row.decode(column: "district_code", as: String.self),
                category: try row.decode(column: "category", as: Int?.self),
                referredOn: CalendarDate(iso: try row.decode(column: "referred_on", as: String.self)),
                fundingStream: try row.decode(column: "funding_stream", as: String.self),
                priceCents: try row.decode(column: "price_cents", as: Int.self),
                contract: try row.decode(column: "contract", as: String?.self).flatMap {
                    try? JSONDecoder().decode(ResultContract.self, from: Data($0.utf8))
                })
        }
    }

    /// The waiting referral `id`, as `offer` needs it.
    static func waiting(_ referralID: UUID, in ctx: UseCaseContext) async throws -> Waiting? {
        try await waiting(where: "r.id = ?", referralID, limit: 1, in: ctx).first
    }

    private static func sql(_ ctx: UseCaseContext) -> any SQLDatabase { ctx.db as! any SQLDatabase }
}
