import Vapor
import Fluent
import SQLKit
import MeedoenCore

/// The participation budget: streams per year, commitments per referral, costs booked against them.
/// Money is claimed with one conditional `UPDATE … WHERE total - committed - spent >= price RETURNING`
/// in the same transaction that claims the place (STACK-NOTES), so concurrent referrals never overspend.
enum BudgetService {
    static let holderOnly = LocalizedText(nl: "Alleen budgethouders beheren de begroting.", en: "Only budget holders manage the budget.")
    static let viewers = LocalizedText(nl: "Alleen budgethouders en beleidsmedewerkers zien de begroting.", en: "Only budget holders and policy staff see the budget.")

    // MARK: claiming and releasing (inside a referral's transaction)

    enum Claim: Equatable { case claimed(streamID: UUID), noStream, insufficient }

    /// Claims `price` from the intervention's stream of `year`. A stream that is not budgeted for the
    /// year (no row) is not checked: the referral proceeds without a commitment.
    static func claim(stream code: String, year: Int, price: Int, on db: any Database) async throws -> Claim {
        let sql = db as! any SQLDatabase
        if let row = try await sql.raw("""
            UPDATE funding_streams SET committed_cents = committed_cents + \(bind: price), updated_at = \(bind: Date())
            WHERE year = \(bind: year) AND code = \(bind: code) AND total_cents - committed_cents - spent_cents >= \(bind: price) RETURNING id
            """).first() {
            return .claimed(streamID: try row.decode(column: "id", as: UUID.self))
        }
        let exists = try await sql.raw("SELECT id FROM funding_streams WHERE year = \(bind: year) AND code = \(bind: code)").first()
        return exists == nil ? .noStream : .insufficient
    }

    /// Gives back a claim that was not used (the referral was taken by someone else meanwhile).
    static func unclaim(streamID: UUID, price: Int, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("UPDATE funding_streams SET committed_cents = committed_cents - \(bind: price) WHERE id = \(bind: streamID)").run()
    }

    /// Records the commitment of a claim.
    static func record(referralID: UUID, streamID: UUID, personID: UUID, interventionID: UUID, district: String, category: Int?,
                       price: Int, override: (reason: String, by: String)? = nil, on db: any Database) async throws {
        let c = Commitment()
        c.referralID = referralID; c.streamID = streamID; c.personID = personID; c.interventionID = interventionID
        c.districtCode = district; c.category = category; c.amountCents = price; c.spentCents = 0; c.releasedCents = 0
        c.status = "open"; c.overrideReason = override?.reason; c.overrideBy = override?.by
        try await c.create(on: db)
    }

    /// A referral ends, is refused or withdrawn: what its commitment does not keep goes back to the stream
    /// (pro rata after a start). Returns the release, or nil when there was no open commitment.
    @discardableResult
    static func release(referralID: UUID, start: CalendarDate?, plannedEnd: CalendarDate?, end: CalendarDate?, on db: any Database) async throws -> Commitments.Release? {
        guard let c = try await Commitment.query(on: db).filter(\.$referralID == referralID).filter(\.$status == "open").first() else { return nil }
        let r = Commitments.release(amountCents: c.amountCents, spentCents: c.spentCents, releasedCents: c.releasedCents, start: start, plannedEnd: plannedEnd, end: end)
        let sql = db as! any SQLDatabase
        let done = try await sql.raw("""
            UPDATE commitments SET released_cents = released_cents + \(bind: r.releasedCents), status = 'closed', updated_at = \(bind: Date())
            WHERE id = \(bind: c.id!) AND status = 'open' RETURNING id
            """).all()
        guard !done.isEmpty else { return nil }
        if r.releasedCents > 0 {
            try await sql.raw("UPDATE funding_streams SET committed_cents = committed_cents - \(bind: r.releasedCents), updated_at = \(bind: Date()) WHERE id = \(bind: c.streamID)").run()
        }
        return r
    }

    // MARK: streams

    static func streams(year: Int, on db: any Database) async throws -> [FundingStream] {
        try await FundingStream.query(on: db).filter(\.$year == year).sort(\.$code).all()
    }

    /// Creates a stream for a year (budget holders). The code must be one of the policy's streams.
    static func createStream(_ input: inout Input, on req: Request) async throws -> FundingStream {
        let user = try req.requireRole(.budgetHolder, because: holderOnly)
        let year = input.int("year", range: 2000...2100)
        let code = input.string("code", maxLength: 64)
        let total = input.int("totalCents", range: 0...100_000_000_000)
        let name = input.string("name", required: false, maxLength: 200)
        let spec = code.flatMap { req.policies.money.stream($0) }
        if code != nil && spec == nil {
            input.fail("code", "unknownValue", nl: "Onbekende stroom; kies uit \(req.policies.money.streams.map(\.code).joined(separator: ", ")).",
                       en: "Unknown stream; choose from \(req.policies.money.streams.map(\.code).joined(separator: ", ")).")
        }
        try input.validate()
        let s = FundingStream()
        s.year = year!; s.code = code!; s.name = name ?? spec!.nl; s.totalCents = total!; s.committedCents = 0; s.spentCents = 0
        do {
            try await req.db.transaction { db in
                try await s.create(on: db)
                try await Audit.record(req, .budgetUpdate, person: nil, basis: "budgetHolder", detail: "stream.create \(s.year) \(s.code) \(s.totalCents) by \(user.username)", on: db)
            }
        } catch let e as any DatabaseError where e.isConstraintFailure {
            throw Problem.conflict(.init(nl: "Deze stroom bestaat al voor \(year!).", en: "This stream already exists for \(year!)."))
        }
        return s
    }

    /// Raises (or lowers, as far as nothing committed is touched) a stream's total; with more room the
    /// waiting referrals that wait for money are offered a place in valve order. A deeper cut goes through the valve.
    static func changeTotal(_ id: UUID, _ input: inout Input, on req: Request) async throws -> FundingStream {
        let user = try req.requireRole(.budgetHolder, because: holderOnly)
        let total = input.int("totalCents", range: 0...100_000_000_000)
        let reason = input.string("reason", maxLength: 2000)
        try input.validate()
        guard try await FundingStream.find(id, on: req.db) != nil else { throw Problem.notFound(.init(nl: "Geen budgetstroom met deze id.", en: "No funding stream with this id.")) }
        let today = req.today
        try await req.db.transaction { db in
            let sql = db as! any SQLDatabase
            let ok = try await sql.raw("""
                UPDATE funding_streams SET total_cents = \(bind: total!), updated_at = \(bind: Date())
                WHERE id = \(bind: id) AND committed_cents + spent_cents <= \(bind: total!) RETURNING id
                """).all()
            guard !ok.isEmpty else {
                throw Problem.conflict(.init(nl: "Dit bedrag ligt onder wat al is verplicht en uitgegeven. Een korting loopt via de ventielsimulatie, die laat zien wie het raakt.",
                                             en: "This amount is below what is already committed and spent. A cut goes through the valve simulation, which shows whom it affects."),
                                       param: .init(name: "totalCents", code: "belowCommitted", reason: .init(nl: "Onder verplicht + uitgegeven.", en: "Below committed + spent.")))
            }
            try await Audit.record(req, .budgetUpdate, person: nil, basis: "budgetHolder", detail: "stream.total \(id) \(total!) by \(user.username): \(reason!)", on: db)
            _ = try await startWaiting(streamID: id, limit: nil, today: today, req: req, on: db)
        }
        return try await FundingStream.find(id, on: req.db)!
    }

    /// Offers a place to referrals that wait for money from this stream, in valve order (category, then
    /// referral time), while there is room and a free place. Returns the referrals offered.
    static func startWaiting(streamID: UUID, limit: Set<UUID>?, today: CalendarDate, req: Request, on db: any Database) async throws -> [UUID] {
        let sql = db as! any SQLDatabase
        // Money is claimed from the stream of the year a place is offered (as `refer` and `handOn` do).
        guard let s = try await FundingStream.find(streamID, on: db), s.year == today.year else { return [] }
        let rows = try await sql.raw("""
            SELECT r.id, r.person_id, r.intervention_id, r.category, r.referred_on, p.district_code, i.price_cents
            FROM referrals r JOIN interventions i ON i.id = r.intervention_id JOIN persons p ON p.id = r.person_id
            WHERE r.status = 'waiting' AND r.waiting_for = 'budget' AND i.funding_stream = \(bind: s.code)
            ORDER BY COALESCE(r.category, 9), r.referred_at, r.id
            """).all()
        var started: [UUID] = []
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            if let limit, !limit.contains(id) { continue }
            let interventionID = try row.decode(column: "intervention_id", as: UUID.self)
            let price = try row.decode(column: "price_cents", as: Int.self)
            guard try await ReferralService.claimPlace(interventionID, on: db) else { continue }
            guard case .claimed(let sid) = try await claim(stream: s.code, year: s.year, price: price, on: db) else {
                try await ReferralService.releasePlace(interventionID, on: db)
                break  // no more room in this stream
            }
            let referredOn = CalendarDate(iso: try row.decode(column: "referred_on", as: String.self)) ?? today
            let changed = try await sql.raw("""
                UPDATE referrals SET status = 'offered', waiting_for = NULL, offered_at = \(bind: Date()), waited_days = \(bind: max(0, today.dayNumber - referredOn.dayNumber)), updated_at = \(bind: Date())
                WHERE id = \(bind: id) AND status = 'waiting' RETURNING id
                """).all()
            guard !changed.isEmpty else {
                try await unclaim(streamID: sid, price: price, on: db)
                try await ReferralService.releasePlace(interventionID, on: db)
                continue
            }
            let personID = try row.decode(column: "person_id", as: UUID.self)
            try await record(referralID: id, streamID: sid, personID: personID, interventionID: interventionID,
                             district: try row.decode(column: "district_code", as: String.self), category: try row.decode(column: "category", as: Int?.self),
                             price: price, on: db)
            try await Audit.record(req, .referralUpdate, person: personID, basis: "budget", detail: "offered:\(id)", on: db)
            started.append(id)
        }
        return started
    }

    static func allocate(_ streamID: UUID, _ input: inout Input, on req: Request) async throws -> BudgetAllocation {
        let user = try req.requireRole(.budgetHolder, because: holderOnly)
        let district = input.string("districtCode", maxLength: 8)
        let total = input.int("totalCents", range: 0...100_000_000_000)
        try input.validate()
        guard let stream = try await FundingStream.find(streamID, on: req.db) else { throw Problem.notFound(.init(nl: "Geen budgetstroom met deze id.", en: "No funding stream with this id.")) }
        guard try await District.find(district!, on: req.db) != nil else {
            throw Problem.invalid("districtCode", "unknownDistrict", .init(nl: "Onbekend stadsdeel.", en: "Unknown district."))
        }
        let others = try await BudgetAllocation.query(on: req.db).filter(\.$streamID == streamID).filter(\.$districtCode != district!).all().reduce(0) { $0 + $1.totalCents }
        if others + total! > stream.totalCents {
            throw Problem.invalid("totalCents", "aboveStream", .init(nl: "De verdeling over stadsdelen komt boven het totaal van de stroom (\(Valve.euros(stream.totalCents))).",
                                                                      en: "The allocation over districts exceeds the stream's total (\(Valve.euros(stream.totalCents)))."))
        }
        let a = try await BudgetAllocation.query(on: req.db).filter(\.$streamID == streamID).filter(\.$districtCode == district!).first() ?? {
            let n = BudgetAllocation(); n.streamID = streamID; n.districtCode = district!; return n
        }()
        a.totalCents = total!
        try await req.db.transaction { db in
            try await a.save(on: db)
            try await Audit.record(req, .budgetUpdate, person: nil, basis: "budgetHolder", detail: "allocation \(streamID) \(district!) \(total!) by \(user.username)", on: db)
        }
        return a
    }

    // MARK: costs

    /// Books an actual cost against a commitment: from committed to spent, never beyond the commitment.
    static func bookCost(_ commitmentID: UUID, _ input: inout Input, on req: Request) async throws -> CostBooking {
        let user = try req.requireRole(.budgetHolder, because: holderOnly)
        let amount = input.int("amountCents", range: 1...100_000_000)
        let description = input.string("description", maxLength: 500)
        let on = input.date("bookedOn", required: false) ?? req.today
        if on > req.today { input.fail("bookedOn", "inFuture", nl: "De datum ligt in de toekomst.", en: "The date is in the future.") }
        try input.validate()
        guard let c = try await Commitment.find(commitmentID, on: req.db) else { throw Problem.notFound(.init(nl: "Geen verplichting met deze id.", en: "No commitment with this id.")) }
        let b = CostBooking()
        b.commitmentID = commitmentID; b.amountCents = amount!; b.description = description!; b.bookedOn = on.iso; b.bookedByName = user.displayName
        try await req.db.transaction { db in
            let sql = db as! any SQLDatabase
            let ok = try await sql.raw("""
                UPDATE commitments SET spent_cents = spent_cents + \(bind: amount!), updated_at = \(bind: Date())
                WHERE id = \(bind: commitmentID) AND amount_cents - spent_cents - released_cents >= \(bind: amount!) RETURNING id
                """).all()
            guard !ok.isEmpty else {
                throw Problem.invalid("amountCents", "aboveCommitment", .init(nl: "Hoger dan wat op deze verplichting openstaat (\(Valve.euros(c.remainingCents))).",
                                                                              en: "Higher than what is open on this commitment (\(Valve.euros(c.remainingCents)))."))
            }
            try await sql.raw("""
                UPDATE funding_streams SET committed_cents = committed_cents - \(bind: amount!), spent_cents = spent_cents + \(bind: amount!), updated_at = \(bind: Date())
                WHERE id = \(bind: c.streamID)
                """).run()
            try await b.create(on: db)
            try await Audit.record(req, .costBooked, person: c.personID, basis: "budgetHolder", detail: "commitment:\(commitmentID) \(amount!)", on: db)
        }
        return b
    }

    // MARK: budget-holder override

    /// A referral waits because its stream has no room: a budget holder may fund it anyway, with a
    /// recorded reason. A place must be free (capacity is never overridden).
    static func fund(_ referralID: UUID, _ input: inout Input, on req: Request) async throws -> Commitment {
        let user = try req.requireRole(.budgetHolder, because: holderOnly)
        let reason = input.string("reason", maxLength: 2000)
        if let reason, reason.count < 10 { input.fail("reason", "tooShort", nl: "Leg in minstens 10 tekens uit waarom u afwijkt.", en: "Explain in at least 10 characters why you deviate.") }
        try input.validate()
        guard let r = try await Referral.find(referralID, on: req.db), let i = try await Intervention.find(r.$intervention.id, on: req.db),
              let p = try await Person.find(r.$person.id, on: req.db) else {
            throw Problem.notFound(.init(nl: "Geen verwijzing met deze id.", en: "No referral with this id."))
        }
        guard r.status == "waiting", r.waitingFor == "budget" else {
            throw Problem.conflict(.init(nl: "Deze verwijzing wacht niet op budget.", en: "This referral is not waiting for budget."))
        }
        let year = req.today.year
        guard let stream = try await FundingStream.query(on: req.db).filter(\.$year == year).filter(\.$code == i.fundingStream).first() else {
            throw Problem.conflict(.init(nl: "Er is geen budgetstroom \(i.fundingStream) voor \(year).", en: "There is no funding stream \(i.fundingStream) for \(year)."))
        }
        let today = req.today
        let c: Commitment = try await req.db.transaction { db in
            guard try await ReferralService.claimPlace(i.id!, on: db) else {
                throw Problem.conflict(.init(nl: "Er is geen vrije plek; ook een budgethouder gaat niet boven de capaciteit.", en: "There is no free place; a budget holder does not exceed capacity either."))
            }
            let sql = db as! any SQLDatabase
            let changed = try await sql.raw("""
                UPDATE referrals SET status = 'offered', waiting_for = NULL, offered_at = \(bind: Date()),
                  waited_days = \(bind: max(0, today.dayNumber - (CalendarDate(iso: r.referredOn) ?? today).dayNumber)), updated_at = \(bind: Date())
                WHERE id = \(bind: referralID) AND status = 'waiting' RETURNING id
                """).all()
            guard !changed.isEmpty else { throw Problem.conflict(.init(nl: "De verwijzing is intussen gewijzigd; laad opnieuw.", en: "The referral changed meanwhile; reload.")) }
            // The override: committed beyond the stream's room, on the record.
            try await sql.raw("UPDATE funding_streams SET committed_cents = committed_cents + \(bind: i.priceCents), updated_at = \(bind: Date()) WHERE id = \(bind: stream.id!)").run()
            try await record(referralID: referralID, streamID: stream.id!, personID: p.id!, interventionID: i.id!, district: p.districtCode, category: r.category,
                             price: i.priceCents, override: (reason!, user.displayName), on: db)
            try await Audit.record(req, .budgetOverride, person: p.id, basis: "budgetHolder", detail: "referral:\(referralID) \(i.priceCents): \(reason!)", on: db)
            return try await Commitment.query(on: db).filter(\.$referralID == referralID).first()!
        }
        return c
    }

    // MARK: views

    struct Line: Content { var key: String; var label: String; var allocatedCents: Int?; var committedCents: Int; var spentCents: Int; var count: Int }
    struct Overview: Content {
        struct StreamLine: Content {
            var id: UUID; var code: String; var name: String; var totalCents: Int; var committedCents: Int; var spentCents: Int; var availableCents: Int
            var byDistrict: [Line]
        }
        var year: Int
        var streams: [StreamLine]
        var byCategory: [Line]
        var byIntervention: [Line]
        var waitingForBudget: Int
        var totalCents: Int; var committedCents: Int; var spentCents: Int; var availableCents: Int
    }

    /// Available / committed / spent per stream, and the commitments per district, category and
    /// intervention — aggregates only (no person is named). Four statements.
    static func overview(year: Int, on req: Request) async throws -> Overview {
        try req.requireRole(.budgetHolder, .analyst, because: viewers)
        let sql = req.db as! any SQLDatabase
        let streams = try await streams(year: year, on: req.db)
        let allocations = try await BudgetAllocation.query(on: req.db).filter(\.$streamID ~~ streams.map { $0.id! }).all()
        let rows = try await sql.raw("""
            SELECT c.stream_id, c.district_code, COALESCE(c.category, 0) AS category, c.intervention_id, i.name AS i_name,
              CAST(SUM(c.amount_cents - c.spent_cents - c.released_cents) AS BIGINT) AS committed, CAST(SUM(c.spent_cents) AS BIGINT) AS spent, COUNT(*) AS n
            FROM commitments c JOIN funding_streams s ON s.id = c.stream_id JOIN interventions i ON i.id = c.intervention_id
            WHERE s.year = \(bind: year)
            GROUP BY c.stream_id, c.district_code, COALESCE(c.category, 0), c.intervention_id, i.name
            """).all()
        struct Agg { var committed = 0, spent = 0, n = 0 }
        var byStreamDistrict: [UUID: [String: Agg]] = [:], byCategory: [Int: Agg] = [:], byIntervention: [UUID: (String, Agg)] = [:]
        for row in rows {
            let sid = try row.decode(column: "stream_id", as: UUID.self)
            let d = try row.decode(column: "district_code", as: String.self)
            let cat = try row.decode(column: "category", as: Int.self)
            let iid = try row.decode(column: "intervention_id", as: UUID.self)
            let committed = try row.decode(column: "committed", as: Int.self), spent = try row.decode(column: "spent", as: Int.self), n = try row.decode(column: "n", as: Int.self)
            func add(_ a: inout Agg) { a.committed += committed; a.spent += spent; a.n += n }
            add(&byStreamDistrict[sid, default: [:]][d, default: Agg()])
            add(&byCategory[cat, default: Agg()])
            let iName = try row.decode(column: "i_name", as: String.self)
            var entry = byIntervention[iid] ?? (iName, Agg())
            add(&entry.1); byIntervention[iid] = entry
        }
        let waiting = try await sql.raw("SELECT COUNT(*) AS n FROM referrals WHERE status = 'waiting' AND waiting_for = 'budget'").first()?.decode(column: "n", as: Int.self) ?? 0
        let names = Dictionary(uniqueKeysWithValues: DemoData.districts.map { ($0.0, $0.1) })
        let lines = streams.map { s in
            let alloc = allocations.filter { $0.streamID == s.id }
            let districts = Set(alloc.map(\.districtCode)).union((byStreamDistrict[s.id!] ?? [:]).keys).sorted()
            return Overview.StreamLine(id: s.id!, code: s.code, name: s.name, totalCents: s.totalCents, committedCents: s.committedCents, spentCents: s.spentCents,
                                       availableCents: s.availableCents, byDistrict: districts.map { d in
                let a = byStreamDistrict[s.id!]?[d] ?? Agg()
                return Line(key: d, label: names[d] ?? d, allocatedCents: alloc.first { $0.districtCode == d }?.totalCents, committedCents: a.committed, spentCents: a.spent, count: a.n)
            })
        }
        return Overview(year: year, streams: lines,
                        byCategory: byCategory.sorted { $0.key < $1.key }.map { Line(key: String($0.key), label: $0.key == 0 ? "open" : String($0.key), allocatedCents: nil, committedCents: $0.value.committed, spentCents: $0.value.spent, count: $0.value.n) },
                        byIntervention: byIntervention.sorted { $0.value.1.committed + $0.value.1.spent > $1.value.1.committed + $1.value.1.spent }
                            .map { Line(key: $0.key.uuidString.lowercased(), label: $0.value.0, allocatedCents: nil, committedCents: $0.value.1.committed, spentCents: $0.value.1.spent, count: $0.value.1.n) },
                        waitingForBudget: waiting,
                        totalCents: streams.reduce(0) { $0 + $1.totalCents }, committedCents: streams.reduce(0) { $0 + $1.committedCents },
                        spentCents: streams.reduce(0) { $0 + $1.spentCents }, availableCents: streams.reduce(0) { $0 + $1.availableCents })
    }
}
