import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// The participation budget: streams per year, commitments per referral, costs booked against them.
/// Money is claimed with one conditional `UPDATE … WHERE total - committed - spent >= price RETURNING`
/// in the same transaction that claims the place (STACK-NOTES), so concurrent referrals never overspend.
enum BudgetService {
    static let holderOnly = LocalizedText(
        nl: "Alleen budgethouders beheren de begroting.", en: "Only budget holders manage the budget.")
    static let viewers = LocalizedText(
        nl: "Alleen budgethouders en beleidsmedewerkers zien de begroting.",
        en: "Only budget holders and policy staff see the budget.")

    /// The referrals that wait for money (50 at most, oldest first) with their interventions (no names).
    static func waitingForBudget(in ctx: UseCaseContext) async throws -> ([Referral], [UUID: Intervention]) {
        try ctx.requireRole(.budgetHolder, because: holderOnly)
        let waiting = try await Referral.query(on: ctx.db).filter(\.$status == .waiting).filter(
            \.$waitingFor == .budget
        ).sort(\.$referredAt).limit(50).all()
        let interventions = try await Intervention.query(on: ctx.db).filter(
            \.$id ~~ waiting.map { $0.$intervention.id }
        ).all()
        return (waiting, Dictionary(uniqueKeysWithValues: interventions.map { ($0.id!, $0) }))
    }

    // MARK: streams

    static func streams(year: Int, in ctx: UseCaseContext) async throws -> [FundingStream] {
        try await FundingStream.query(on: ctx.db).filter(\.$year == year).sort(\.$code).all()
    }

    /// Creates a stream for a year (budget holders). The code must be one of the policy's streams.
    static func createStream(_ input: inout Input, in ctx: UseCaseContext) async throws -> FundingStream {
        let user = try ctx.requireRole(.budgetHolder, because: holderOnly)
        let year = input.int("year", range: 2000...2100)
        let code = input.string("code", maxLength: 64)
        let total = input.int("totalCents", range: 0...100_000_000_000)
        let name = input.string("name", required: false, maxLength: 200)
        let spec = code.flatMap { ctx.policies.money.stream($0) }
        if code != nil && spec == nil {
            input.fail(
                "code", "unknownValue",
                nl: "Onbekende stroom; kies uit \(ctx.policies.money.streams.map(\.code).joined(separator: ", ")).",
                en: "Unknown stream; choose from \(ctx.policies.money.streams.map(\.code).joined(separator: ", ")).")
        }
        try input.validate()
        let s = FundingStream()
        s.id = ctx.newID()
        s.year = year!
        s.code = code!
        s.name = name ?? spec!.nl
        s.totalCents = total!
        s.committedCents = 0
        s.spentCents = 0
        do {
            try await ctx.db.transaction { db in
                try await s.create(on: db)
                try await Audit.record(
                    ctx, .budgetUpdate, person: nil, basis: "budgetHolder",
                    detail: "stream.create \(s.year) \(s.code) \(s.totalCents) by \(user.username)", on: db)
            }
        } catch let e as any DatabaseError where e.isConstraintFailure {
            throw DomainError.conflict(
                .init(nl: "Deze stroom bestaat al voor \(year!).", en: "This stream already exists for \(year!)."))
        }
        return s
    }

    /// Raises (or lowers, as far as nothing committed is touched) a stream's total; with more room the
    /// waiting referrals that wait for money are offered a place in valve order. A deeper cut goes through the valve.
    static func changeTotal(_ id: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws -> FundingStream {
        let user = try ctx.requireRole(.budgetHolder, because: holderOnly)
        let total = input.int("totalCents", range: 0...100_000_000_000)
        let reason = input.string("reason", maxLength: 2000)
        try input.validate()
        guard try await FundingStream.find(id, on: ctx.db) != nil else {
            throw DomainError.notFound(
                .init(nl: "Geen budgetstroom met deze id.", en: "No funding stream with this id."))
        }
        try await ctx.db.transaction { db in
            let sql = db as! any SQLDatabase
            let ok = try await sql.raw(
                """
                UPDATE funding_streams SET total_cents = \(bind: total!), updated_at = \(bind: ctx.now)
                WHERE id = \(bind: id) AND committed_cents + spent_cents <= \(bind: total!) RETURNING id
                """
            ).all()
            guard !ok.isEmpty else {
                throw DomainError.conflict(
                    .init(
                        nl:
                            "Dit bedrag ligt onder wat al is verplicht en uitgegeven. Een korting loopt via de ventielsimulatie, die laat zien wie het raakt.",
                        en:
                            "This amount is below what is already committed and spent. A cut goes through the valve simulation, which shows whom it affects."
                    ),
                    param: .init(
                        name: "totalCents", code: "belowCommitted",
                        reason: .init(nl: "Onder verplicht + uitgegeven.", en: "Below committed + spent.")))
            }
            try await Audit.record(
                ctx, .budgetUpdate, person: nil, basis: "budgetHolder",
                detail: "stream.total \(id) \(total!) by \(user.username): \(reason!)", on: db)
            if let stream = try await FundingStream.find(id, on: db) {
                _ = try await Placement.startWaiting(stream: stream, only: nil, in: ctx.within(db))
            }
        }
        return try await FundingStream.find(id, on: ctx.db)!
    }

    static func allocate(_ streamID: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws
        -> BudgetAllocation
    {
        let user = try ctx.requireRole(.budgetHolder, because: holderOnly)
        let district = input.string("districtCode", maxLength: 8)
        let total = input.int("totalCents", range: 0...100_000_000_000)
        try input.validate()
        guard let stream = try await FundingStream.find(streamID, on: ctx.db) else {
            throw DomainError.notFound(
                .init(nl: "Geen budgetstroom met deze id.", en: "No funding stream with this id."))
        }
        guard try await District.find(district!, on: ctx.db) != nil else {
            throw DomainError.invalid(
                "districtCode", "unknownDistrict", .init(nl: "Onbekend stadsdeel.", en: "Unknown district."))
        }
        let others = try await BudgetAllocation.query(on: ctx.db).filter(\.$streamID == streamID).filter(
            \.$districtCode != district!
        ).all().reduce(0) { $0 + $1.totalCents }
        if others + total! > stream.totalCents {
            throw DomainError.invalid(
                "totalCents", "aboveStream",
                .init(
                    nl:
                        "De verdeling over stadsdelen komt boven het totaal van de stroom (\(Valve.euros(stream.totalCents))).",
                    en: "The allocation over districts exceeds the stream's total (\(Valve.euros(stream.totalCents))).")
            )
        }
        let a =
            try await BudgetAllocation.query(on: ctx.db).filter(\.$streamID == streamID).filter(
                \.$districtCode == district!
            ).first()
            ?? {
                let n = BudgetAllocation()
                n.id = ctx.newID()
                n.streamID = streamID
                n.districtCode = district!
                return n
            }()
        a.totalCents = total!
        try await ctx.db.transaction { db in
            try await a.save(on: db)
            try await Audit.record(
                ctx, .budgetUpdate, person: nil, basis: "budgetHolder",
                detail: "allocation \(streamID) \(district!) \(total!) by \(user.username)", on: db)
        }
        return a
    }

    // MARK: costs

    /// Books an actual cost against a commitment: from committed to spent, never beyond the commitment.
    static func bookCost(_ commitmentID: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws -> CostBooking
    {
        let user = try ctx.requireRole(.budgetHolder, because: holderOnly)
        let amount = input.int("amountCents", range: 1...100_000_000)
        let description = input.string("description", maxLength: 500)
        let on = input.date("bookedOn", required: false) ?? ctx.today
        if on > ctx.today {
            input.fail("bookedOn", "inFuture", nl: "De datum ligt in de toekomst.", en: "The date is in the future.")
        }
        try input.validate()
        guard let c = try await Commitment.find(commitmentID, on: ctx.db) else {
            throw DomainError.notFound(.init(nl: "Geen verplichting met deze id.", en: "No commitment with this id."))
        }
        let b = CostBooking()
        b.id = ctx.newID()
        b.commitmentID = commitmentID
        b.amountCents = amount!
        b.description = description!
        b.bookedOn = on.iso
        b.bookedByName = user.displayName
        try await ctx.db.transaction { db in
            let sql = db as! any SQLDatabase
            let ok = try await sql.raw(
                """
                UPDATE commitments SET spent_cents = spent_cents + \(bind: amount!), updated_at = \(bind: ctx.now)
                WHERE id = \(bind: commitmentID) AND amount_cents - spent_cents - released_cents >= \(bind: amount!) RETURNING id
                """
            ).all()
            guard !ok.isEmpty else {
                throw DomainError.invalid(
                    "amountCents", "aboveCommitment",
                    .init(
                        nl: "Hoger dan wat op deze verplichting openstaat (\(Valve.euros(c.remainingCents))).",
                        en: "Higher than what is open on this commitment (\(Valve.euros(c.remainingCents)))."))
            }
            try await sql.raw(
                """
                UPDATE funding_streams SET committed_cents = committed_cents - \(bind: amount!), spent_cents = spent_cents + \(bind: amount!), updated_at = \(bind: ctx.now)
                WHERE id = \(bind: c.streamID)
                """
            ).run()
            try await b.create(on: db)
            try await Audit.record(
                ctx, .costBooked, person: c.personID, basis: "budgetHolder",
                detail: "commitment:\(commitmentID) \(amount!)", on: db)
        }
        return b
    }

    // MARK: budget-holder override

    /// A referral waits because its stream has no room: a budget holder may fund it anyway, with a
    /// recorded reason. A place must be free (capacity is never overridden).
    static func fund(_ referralID: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws -> Commitment {
        let user = try ctx.requireRole(.budgetHolder, because: holderOnly)
        let reason = input.reason(
            nl: "Leg in minstens 10 tekens uit waarom u afwijkt.",
            en: "Explain in at least 10 characters why you deviate.")
        try input.validate()
        guard let r = try await Referral.find(referralID, on: ctx.db),
            let i = try await Intervention.find(r.$intervention.id, on: ctx.db),
            let p = try await Person.find(r.$person.id, on: ctx.db)
        else {
            throw DomainError.notFound(.init(nl: "Geen verwijzing met deze id.", en: "No referral with this id."))
        }
        guard r.status == .waiting, r.waitingFor == .budget else {
            throw DomainError.conflict(
                .init(nl: "Deze verwijzing wacht niet op budget.", en: "This referral is not waiting for budget."))
        }
        let year = ctx.today.year
        guard
            let stream = try await FundingStream.query(on: ctx.db).filter(\.$year == year).filter(
                \.$code == i.fundingStream
            ).first()
        else {
            throw DomainError.conflict(
                .init(
                    nl: "Er is geen budgetstroom \(i.fundingStream) voor \(year).",
                    en: "There is no funding stream \(i.fundingStream) for \(year)."))
        }
        let c: Commitment = try await ctx.db.transaction { db in
            let ctx = ctx.within(db)
            guard let w = try await Placement.waiting(referralID, in: ctx) else {
                throw DomainError.conflict(
                    .init(
                        nl: "De verwijzing is intussen gewijzigd; laad opnieuw.",
                        en: "The referral changed meanwhile; reload."))
            }
            // The override: committed beyond the stream's room, on the record.
            try await Placement.fund(w, streamID: stream.id!, reason: reason!, by: user.displayName, in: ctx)
            try await Audit.record(
                ctx, .budgetOverride, person: p.id, basis: "budgetHolder",
                detail: "referral:\(referralID) \(i.priceCents): \(reason!)", on: db)
            return try await Commitment.query(on: db).filter(\.$referralID == referralID).first()!
        }
        return c
    }

    // MARK: views

    struct Line: Codable, Sendable {
        var key: String
        var label: String
        var allocatedCents: Int?
        var committedCents: Int
        var spentCents: Int
        var count: Int
    }
    struct Overview: Codable, Sendable {
        struct StreamLine: Codable, Sendable {
            var id: UUID
            var code: String
            var name: String
            var totalCents: Int
            var committedCents: Int
            var spentCents: Int
            var availableCents: Int
            var byDistrict: [Line]
        }
        var year: Int
        var streams: [StreamLine]
        var byCategory: [Line]
        var byIntervention: [Line]
        var waitingForBudget: Int
        /// Exceptions to the spending rules asked for this year, by status, and what the granted cost.
        var exceptions: SpendingExceptionService.Summary
        var totalCents: Int
        var committedCents: Int
        var spentCents: Int
        var availableCents: Int
    }

    /// Available / committed / spent per stream, and the commitments per district, category and
    /// intervention — aggregates only (no person is named). Four statements.
    static func overview(year: Int, in ctx: UseCaseContext) async throws -> Overview {
        try ctx.requireRole(.budgetHolder, .analyst, because: viewers)
        let sql = ctx.db as! any SQLDatabase
        let streams = try await streams(year: year, in: ctx)
        let allocations = try await BudgetAllocation.query(on: ctx.db).filter(\.$streamID ~~ streams.map { $0.id! })
            .all()
        let rows = try await sql.raw(
            """
            SELECT c.stream_id, c.district_code, COALESCE(c.category, 0) AS category, c.intervention_id, i.name AS i_name,
              CAST(SUM(c.amount_cents - c.spent_cents - c.released_cents) AS BIGINT) AS committed, CAST(SUM(c.spent_cents) AS BIGINT) AS spent, COUNT(*) AS n
            FROM commitments c JOIN funding_streams s ON s.id = c.stream_id JOIN interventions i ON i.id = c.intervention_id
            WHERE s.year = \(bind: year)
            GROUP BY c.stream_id, c.district_code, COALESCE(c.category, 0), c.intervention_id, i.name
            """
        ).all()
        struct Agg { var committed = 0, spent = 0, n = 0 }
        var byStreamDistrict: [UUID: [String: Agg]] = [:]
        var byCategory: [Int: Agg] = [:]
        var byIntervention: [UUID: (String, Agg)] = [:]
        for row in rows {
            let sid = try row.decode(column: "stream_id", as: UUID.self)
            let d = try row.decode(column: "district_code", as: String.self)
            let cat = try row.decode(column: "category", as: Int.self)
            let iid = try row.decode(column: "intervention_id", as: UUID.self)
            let committed = try row.decode(column: "committed", as: Int.self)
            let spent = try row.decode(column: "spent", as: Int.self)
            let n = try row.decode(column: "n", as: Int.self)
            func add(_ a: inout Agg) {
                a.committed += committed
                a.spent += spent
                a.n += n
            }
            add(&byStreamDistrict[sid, default: [:]][d, default: Agg()])
            add(&byCategory[cat, default: Agg()])
            let iName = try row.decode(column: "i_name", as: String.self)
            var entry = byIntervention[iid] ?? (iName, Agg())
            add(&entry.1)
            byIntervention[iid] = entry
        }
        // The referrals waiting for money and the year's exceptions to the spending rules, in one statement.
        var countsQuery: SQLQueryString = """
            SELECT 'waitingForBudget' AS status, COUNT(*) AS n, CAST(NULL AS BIGINT) AS cents FROM referrals
            WHERE status = 'waiting' AND waiting_for = 'budget'
            UNION ALL

            """
        countsQuery.appendInterpolation(SpendingExceptionService.summaryQuery(year: year))
        let counts = try await sql.raw(countsQuery).all()
        let waiting =
            try counts.first { try $0.decode(column: "status", as: String.self) == "waitingForBudget" }?
            .decode(column: "n", as: Int.self) ?? 0
        let names = try await ctx.districts.all(on: ctx.db).names
        let lines = streams.map { s in
            let alloc = allocations.filter { $0.streamID == s.id }
            let districts = Set(alloc.map(\.districtCode)).union((byStreamDistrict[s.id!] ?? [:]).keys).sorted()
            return Overview.StreamLine(
                id: s.id!, code: s.code, name: s.name, totalCents: s.totalCents, committedCents: s.committedCents,
                spentCents: s.spentCents,
                availableCents: s.availableCents,
                byDistrict: districts.map { d in
                    let a = byStreamDistrict[s.id!]?[d] ?? Agg()
                    return Line(
                        key: d, label: names[d] ?? d, allocatedCents: alloc.first { $0.districtCode == d }?.totalCents,
                        committedCents: a.committed, spentCents: a.spent, count: a.n)
                })
        }
        return Overview(
            year: year, streams: lines,
            byCategory: byCategory.sorted { $0.key < $1.key }.map {
                Line(
                    key: String($0.key), label: $0.key == 0 ? "open" : String($0.key), allocatedCents: nil,
                    committedCents: $0.value.committed, spentCents: $0.value.spent, count: $0.value.n)
            },
            byIntervention: byIntervention.sorted {
                $0.value.1.committed + $0.value.1.spent > $1.value.1.committed + $1.value.1.spent
            }
            .map {
                Line(
                    key: $0.key.uuidString.lowercased(), label: $0.value.0, allocatedCents: nil,
                    committedCents: $0.value.1.committed, spentCents: $0.value.1.spent, count: $0.value.1.n)
            },
            waitingForBudget: waiting,
            exceptions: try SpendingExceptionService.summary(counts),
            totalCents: streams.reduce(0) { $0 + $1.totalCents },
            committedCents: streams.reduce(0) { $0 + $1.committedCents },
            spentCents: streams.reduce(0) { $0 + $1.spentCents },
            availableCents: streams.reduce(0) { $0 + $1.availableCents })
    }

    /// The commitments (1,000 at most, newest first), of one stream or status if asked.
    static func commitments(streamID: UUID?, status: String?, in ctx: UseCaseContext) async throws -> [Commitment] {
        try ctx.requireRole(.budgetHolder, .analyst, because: viewers)
        var q = Commitment.query(on: ctx.db)
        if let streamID { q = q.filter(\.$streamID == streamID) }
        if let status {
            guard let s = CommitmentStatus(rawValue: status) else { return [] }
            q = q.filter(\.$status == s)
        }
        return try await q.sort(\.$createdAt, .descending).limit(1000).all()
    }
}
