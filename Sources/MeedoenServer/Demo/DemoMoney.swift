import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// The demo's money: this year's streams sized so there is a little room (werkdeel) and none (wmo, or the first stream with open offers, where
/// a few referrals wait for budget), a commitment for every referral that holds or held a place, some
/// costs booked, incentives, vouchers with a local business, and enforcement cases at each step.
/// Built from the referrals the demo made, so committed money equals the commitments.
extension DemoData {
    static func generateMoney(app: Application, rng: inout SeededRandom, userIDs: [String: UUID]) async throws {
        let today = Clock.today(now: app.time.now())
        let policy = app.policyStore.money
        let sql = app.db as! any SQLDatabase
        let interventions = Dictionary(
            uniqueKeysWithValues: try await Intervention.query(on: app.db).all().map { ($0.id!, $0) })
        let persons = Dictionary(uniqueKeysWithValues: try await Person.query(on: app.db).all().map { ($0.id!, $0) })
        let referrals = try await Referral.query(on: app.db).sort(\.$referredAt).all()

        // A few offers on Wmo day activities wait for money instead (the stream is used up): the place goes back.
        var waitingForBudget = Set<UUID>()
        var tight = "wmo"
        for code in ["wmo", "WEB", "WI", "werkdeel"] {
            let open = referrals.filter {
                ($0.status == "offered" || $0.status == "accepted")
                    && interventions[$0.$intervention.id]?.fundingStream == code
            }
            if !open.isEmpty {
                tight = code
                waitingForBudget = Set(open.suffix(4).map { $0.id! })
                break
            }
        }

        var streams: [String: FundingStream] = [:]
        for spec in policy.streams {
            let s = FundingStream()
            s.id = UUID()
            s.year = today.year
            s.code = spec.code
            s.name = spec.nl
            s.totalCents = 0
            s.committedCents = 0
            s.spentCents = 0
            streams[spec.code] = s
        }
        var commitments: [Commitment] = []
        var bookings: [CostBooking] = []
        for r in referrals {
            guard let i = interventions[r.$intervention.id], let s = streams[i.fundingStream],
                let p = persons[r.$person.id]
            else { continue }
            guard ["offered", "accepted", "started", "ended"].contains(r.status), !waitingForBudget.contains(r.id!)
            else { continue }
            let c = Commitment()
            c.id = UUID()
            c.referralID = r.id!
            c.streamID = s.id!
            c.personID = p.id!
            c.interventionID = i.id!
            c.districtCode = p.districtCode
            c.category = r.category
            c.amountCents = i.priceCents
            c.spentCents = 0
            c.releasedCents = 0
            c.status = "open"
            if let start = r.startedOn.flatMap(CalendarDate.init(iso:)),
                let planned = r.plannedEndOn.flatMap(CalendarDate.init(iso:))
            {
                // Invoices so far: monthly, pro rata to the days used.
                let used = max(0, min(today.dayNumber, planned.dayNumber) - start.dayNumber)
                let total = max(1, planned.dayNumber - start.dayNumber)
                let invoiced = (i.priceCents * used / total) / 100 * 100
                if invoiced > 0 {
                    c.spentCents = invoiced
                    let b = CostBooking()
                    b.commitmentID = c.id!
                    b.amountCents = invoiced
                    b.description = "Facturen \(i.name) t/m \(today.adding(months: -1).iso.prefix(7))"
                    b.bookedOn = today.iso
                    b.bookedByName = "Bert Budgethouder"
                    bookings.append(b)
                }
                if r.status == "ended", let end = r.endedOn.flatMap(CalendarDate.init(iso:)) {
                    let rel = Commitments.release(
                        amountCents: c.amountCents, spentCents: c.spentCents, releasedCents: 0, start: start,
                        plannedEnd: planned, end: end)
                    c.releasedCents = rel.releasedCents
                    c.status = "closed"
                }
            }
            s.committedCents += c.remainingCents
            s.spentCents += c.spentCents
            commitments.append(c)
        }
        // Totals: werkdeel with about 4 % room, WEB and WI with more, wmo exactly used up.
        for (code, s) in streams {
            let used = s.committedCents + s.spentCents
            if code == tight {
                s.totalCents = used
            } else if code == "werkdeel" {
                s.totalCents = (used * 104 / 100) / 100 * 100
            } else {
                s.totalCents = max(used * 120 / 100, 250_000_00)
            }
        }

        // Incentives: outflow bonuses after exit to work, participant allowances on running trajectories.
        var incentives: [IncentivePayment] = []
        let km = userIDs["klantmanager"]!
        for r in referrals where r.status == "ended" && r.outcome == "exitToWork" {
            let p = IncentivePayment()
            p.personID = r.$person.id
            p.referralID = r.id!
            p.kind = IncentiveKind.outflowBonus.rawValue
            p.amountCents = policy.outflowBonusCents
            p.reasons = ReferralService.encode([
                Reason(
                    code: "incentive.outflow",
                    nl: "Uitgestroomd naar betaald werk: uitstroompremie \(Valve.euros(policy.outflowBonusCents)).",
                    en: "Exit to paid work: outflow bonus \(Valve.euros(policy.outflowBonusCents)).")
            ])
            p.status = "payable"
            p.createdByID = r.referredByID
            p.createdByName = r.referredByName
            incentives.append(p)
        }
        for r in referrals.filter({ $0.status == "started" }).prefix(12) {
            let amount = [25_000, 50_000, 62_500][rng.int(3)]
            let p = IncentivePayment()
            p.personID = r.$person.id
            p.referralID = r.id!
            p.kind = IncentiveKind.participantAllowance.rawValue
            p.amountCents = amount
            p.period = today.iso.prefix(7).description
            p.reasons = ReferralService.encode([
                Reason(
                    code: "incentive.allowance",
                    nl:
                        "Deelnemersvergoeding \(Valve.euros(amount)); maximaal \(Valve.euros(policy.participantAllowanceCapCents)) per traject.",
                    en:
                        "Participant allowance \(Valve.euros(amount)); at most \(Valve.euros(policy.participantAllowanceCapCents)) per trajectory."
                )
            ])
            p.status = "payable"
            p.createdByID = r.referredByID
            p.createdByName = r.referredByName
            incentives.append(p)
        }

        // Vouchers: a local business, and residents of Zuidoost who help in their neighbourhood.
        let business = Business()
        business.id = UUID()
        business.code = "buurtsuper-de-hoek"
        business.name = "Buurtsuper De Hoek"
        business.districtCode = "T"
        business.address = "Ganzenhoef 12"
        let activities = [
            "Buurttuin onderhouden", "Koffie schenken in het buurthuis", "Boodschappen voor een buurvrouw",
            "Huiswerkbegeleiding", "Zwerfvuil opruimen",
        ]
        var accounts: [VoucherAccount] = []
        var entries: [VoucherEntry] = []
        let residentID = try await User.find(userIDs["inwoner"]!, on: app.db)?.personID
        let zuidoost = persons.values.filter { $0.districtCode == "T" }.sorted { $0.id!.uuidString < $1.id!.uuidString }
        for p in ([residentID].compactMap { $0 }.compactMap { persons[$0] } + zuidoost.prefix(40))
        where !accounts.contains(where: { $0.personID == p.id }) {
            let a = VoucherAccount()
            a.id = UUID()
            a.personID = p.id!
            a.cardCode = VoucherService.cardCode()
            a.balanceCents = 0
            for k in 0..<(1 + rng.int(4)) {
                let hours = 1 + rng.int(6)
                let e = VoucherEntry()
                e.accountID = a.id!
                e.kind = "earn"
                e.amountCents = Vouchers.earned(hours: hours, policy: policy)
                e.hours = hours
                e.activity = activities[rng.int(activities.count)]
                e.onDate = CalendarDate(dayNumber: today.dayNumber - 10 - 20 * k - rng.int(10)).iso
                e.approvedByName = "Karin de Klantmanager"
                a.balanceCents += e.amountCents
                entries.append(e)
            }
            if rng.int(100) < 50 {
                let spend = min(a.balanceCents, 500 * (1 + rng.int(3)))
                let e = VoucherEntry()
                e.accountID = a.id!
                e.kind = "redeem"
                e.amountCents = -spend
                e.onDate = CalendarDate(dayNumber: today.dayNumber - rng.int(8)).iso
                e.businessID = business.id
                e.idempotencyKey = "demo-\(UUID().uuidString.prefix(8))"
                a.balanceCents -= spend
                entries.append(e)
            }
            accounts.append(a)
        }

        // Enforcement: overdue agreements of benefit clients in Zuidoost, one at each step.
        var cases: [EnforcementCase] = []
        let overdue = try await Agreement.query(on: app.db).filter(\.$status == "open").filter(\.$dueOn < today.iso)
            .all()
        let relationOf = { (p: Person) in
            Enforcement.Relation.of(BenefitKind(rawValue: p.benefit) ?? .none, policy: app.policyStore.current)
        }
        let candidates = overdue.compactMap { a in a.$person.id.flatMap { persons[$0] }.map { (a, $0) } }
        for (n, (a, p)) in candidates.prefix(3).enumerated() {
            let c = EnforcementCase()
            c.personID = p.id!
            c.agreementID = a.id!
            c.relation = relationOf(p).rawValue
            c.status = c.relation == "municipalBenefit" ? "reminded" : "invited"
            c.openedByName = "Karin de Klantmanager"
            c.openedOn = CalendarDate(dayNumber: today.dayNumber - 10).iso
            if n >= 1 {
                c.status = "heard"
                c.hearingOn = CalendarDate(dayNumber: today.dayNumber - 3).iso
                c.hearingNote = "Afspraak vergeten door een verhuizing; wil opnieuw beginnen."
            }
            if n == 2 && c.relation == "municipalBenefit" {
                c.alternatives = ReferralService.encode([
                    "Afspraak telefonisch herhaald en schriftelijk bevestigd",
                    "Hulp bij de verhuizing via het wijkteam geregeld",
                ])
                if let proposal = try? Enforcement.propose(
                    status: .heard, relation: .municipalBenefit, alternatives: c.alternativesList,
                    violation: "agreementMissed",
                    earlierSanctions: 0, policy: policy)
                {
                    c.status = "proposed"
                    c.violation = "agreementMissed"
                    c.occurrence = proposal.occurrence
                    c.percent = proposal.percent
                    c.months = proposal.months
                    c.proposalReasons = ReferralService.encode(proposal.reasons)
                    c.proposedByID = km
                    c.proposedByName = "Karin de Klantmanager"
                    c.proposedOn = today.iso
                }
            }
            cases.append(c)
        }

        let (allStreams, allCommitments, allBookings, allIncentives, allAccounts, allEntries, allCases, budgetWaiting) =
            (Array(streams.values), commitments, bookings, incentives, accounts, entries, cases, waitingForBudget)
        try await app.db.transaction { db in
            let sql = db as! any SQLDatabase
            for id in budgetWaiting {
                try await sql.raw(
                    "UPDATE referrals SET status = 'waiting', waiting_for = 'budget', offered_at = NULL, waited_days = NULL, decided_at = NULL WHERE id = \(bind: id)"
                ).run()
                try await sql.raw(
                    "UPDATE interventions SET taken = taken - 1 WHERE id = (SELECT intervention_id FROM referrals WHERE id = \(bind: id))"
                ).run()
            }
            try await sql.raw(
                "UPDATE referrals SET waiting_for = 'place' WHERE status = 'waiting' AND waiting_for IS NULL"
            ).run()
            for s in allStreams { try await s.create(on: db) }
            for chunk in allCommitments.chunked(100) { try await chunk.create(on: db) }
            for chunk in allBookings.chunked(100) { try await chunk.create(on: db) }
            for chunk in allIncentives.chunked(100) { try await chunk.create(on: db) }
            try await business.create(on: db)
            if let owner = try await User.find(userIDs["ondernemer"]!, on: db) {
                owner.businessID = business.id
                try await owner.save(on: db)
            }
            for chunk in allAccounts.chunked(100) { try await chunk.create(on: db) }
            for chunk in allEntries.chunked(100) { try await chunk.create(on: db) }
            for c in allCases { try await c.create(on: db) }
        }
        _ = sql
    }
}
