import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// The demo's money. The streams are opened before the first referral (`openStreams`), so every
/// referral's money is claimed and committed by the referral itself; the budget holder books the
/// invoices so far (`bookInvoices`). Afterwards the totals are set as a budget holder would: werkdeel
/// with about 4 % room, WEB and WI with more, and one stream (wmo, or the first with a free place)
/// exactly used up — so the next referrals to it wait for money. Then incentives, vouchers with a
/// local business, and enforcement cases at each step.
extension DemoData {
    /// This year's streams (and last year's, when the demo's referrals reach back into it), generous
    /// enough that no referral of the demo waits for money while it is being made.
    static func openStreams(app: Application, scene: DemoScene, holder: UUID, interventions: [Intervention])
        async throws
    {
        let today = scene.today
        let ctx = scene.ctx(holder)
        for year in Set([CalendarDate(dayNumber: today.dayNumber - 210).year, today.year]).sorted() {
            for spec in app.policyStore.money.streams {
                let places = interventions.filter { $0.fundingStream == spec.code }.reduce(0) {
                    $0 + $1.priceCents * $1.capacity
                }
                var input = Input.of([
                    "year": .int(year), "code": .string(spec.code), "totalCents": .int(max(3 * places, 250_000_00)),
                ])
                _ = try await BudgetService.createStream(&input, in: ctx)
            }
        }
    }

    /// Monthly invoices so far, pro rata to the days used, booked against each running referral's commitment.
    static func bookInvoices(_ running: [(Referral, Intervention, CalendarDate)], scene: DemoScene, holder: UUID)
        async throws
    {
        let today = scene.today
        let ctx = scene.ctx(holder)
        // Offers under a result-based contract are paid by the contract's steps, not by invoices.
        for (r, i, start) in running {
            guard let planned = r.plannedEndOn.flatMap(CalendarDate.init(iso:)),
                let c = try await Commitment.query(on: ctx.db).filter(\.$referralID == r.id!).first(),
                c.contractJSON == nil
            else { continue }
            let used = max(0, min(today.dayNumber, planned.dayNumber) - start.dayNumber)
            let invoiced = (i.priceCents * used / max(1, planned.dayNumber - start.dayNumber)) / 100 * 100
            guard invoiced > 0 else { continue }
            var input = Input.of([
                "amountCents": .int(invoiced),
                "description": .string("Facturen \(i.name) t/m \(today.adding(months: -1).monthYear(.nl))"),
            ])
            _ = try await BudgetService.bookCost(c.id!, &input, in: ctx)
        }
    }

    static func generateMoney(app: Application, rng: inout SeededRandom, userIDs: [String: UUID]) async throws {
        let scene = try await DemoScene(app: app)
        let today = scene.today
        let persons = Dictionary(uniqueKeysWithValues: try await Person.query(on: app.db).all().map { ($0.id!, $0) })
        let referrals = try await Referral.query(on: app.db).sort(\.$referredAt).all()
        try await setTotals(
            app: app, scene: scene, holder: userIDs["budgethouder"]!, referrals: referrals, userIDs: userIDs)

        // Incentives, granted by the referring case manager: outflow bonuses after exit to work,
        // participant allowances on running trajectories.
        for r in referrals where r.status == .ended && r.outcome == EnrolmentOutcome.exitToWork.rawValue {
            var input = Input.of([
                "referralId": .string(r.id!.uuidString), "kind": .string(IncentiveKind.outflowBonus.rawValue),
            ])
            _ = try await IncentiveService.create(&input, in: scene.ctx(r.referredByID))
        }
        for r in referrals.filter({ $0.status == .started }).prefix(12) {
            var input = Input.of([
                "referralId": .string(r.id!.uuidString), "kind": .string(IncentiveKind.participantAllowance.rawValue),
                "amountCents": .int([25_000, 50_000, 62_500][rng.int(3)]),
                "period": .string(String(today.iso.prefix(7))),
            ])
            _ = try await IncentiveService.create(&input, in: scene.ctx(r.referredByID))
        }

        // Vouchers: a local business (registered by the administrator), and residents of Zuidoost who
        // help in their neighbourhood (approved by their case manager) and spend some at the business.
        let till = try await DemoScene(app: app)  // the owner, now of the business
        let activities = [
            "Buurttuin onderhouden", "Koffie schenken in het buurthuis", "Boodschappen voor een buurvrouw",
            "Huiswerkbegeleiding", "Zwerfvuil opruimen",
        ]
        let km = userIDs["klantmanager"]!
        let residentID = try await User.find(userIDs["inwoner"]!, on: app.db)?.personID
        let zuidoost = persons.values.filter { $0.districtCode == "T" }.sorted { $0.id!.uuidString < $1.id!.uuidString }
        var helpers: [Person] = []
        for p in [residentID].compactMap({ $0 }).compactMap({ persons[$0] }) + zuidoost.prefix(40)
        where !helpers.contains(where: { $0.id == p.id }) {
            helpers.append(p)
        }
        for p in helpers {
            var balance = 0
            for k in 0..<(1 + rng.int(4)) {
                let hours = 1 + rng.int(6)
                var earn = Input.of([
                    "activity": .string(activities[rng.int(activities.count)]), "hours": .int(hours),
                    "on": .string(CalendarDate(dayNumber: today.dayNumber - 10 - 20 * k - rng.int(10)).iso),
                ])
                balance += try await VoucherService.earn(p.id!, &earn, in: scene.ctx(km)).amountCents
            }
            if rng.int(100) < 50, let card = try await VoucherService.account(p.id!, in: scene.ctx(km)).cardCode {
                var spend = Input.of([
                    "cardCode": .string(card), "amountCents": .int(min(balance, 500 * (1 + rng.int(3)))),
                ])
                let shopDay = CalendarDate(dayNumber: today.dayNumber - rng.int(8))
                _ = try await VoucherService.redeem(
                    &spend, idempotencyKey: "demo-\(p.id!.uuidString)",
                    in: till.ctx(userIDs["ondernemer"]!, on: shopDay))
            }
        }

        // Enforcement: overdue agreements of benefit clients in Zuidoost, one at each step.
        let opened = CalendarDate(dayNumber: today.dayNumber - 10)
        let overdue = try await Agreement.query(on: app.db).filter(\.$status == .open).filter(\.$dueOn < opened.iso)
            .sort(\.$id).all()
        for (n, a) in overdue.filter({ $0.$person.id != nil }).prefix(3).enumerated() {
            var open = Input.of(["agreementId": .string(a.id!.uuidString)])
            let (c, _) = try await EnforcementService.open(&open, in: scene.ctx(km, on: opened))
            guard n >= 1 else { continue }
            var hearing = Input.of([
                "note": .string("Afspraak vergeten door een verhuizing; wil opnieuw beginnen."),
                "heldOn": .string(CalendarDate(dayNumber: today.dayNumber - 3).iso),
            ])
            _ = try await EnforcementService.act(c.id!, .hearing, &hearing, in: scene.ctx(km))
            guard n == 2, c.relation == .municipalBenefit else { continue }
            var alternatives = Input.of([
                "alternatives": .array([
                    .string("Afspraak telefonisch herhaald en schriftelijk bevestigd"),
                    .string("Hulp bij de verhuizing via het wijkteam geregeld"),
                ])
            ])
            _ = try await EnforcementService.act(c.id!, .alternatives, &alternatives, in: scene.ctx(km))
            var proposal = Input.of(["violation": .string("agreementMissed")])
            _ = try await EnforcementService.act(c.id!, .proposal, &proposal, in: scene.ctx(km))
        }
    }

    /// This year's totals as a budget holder sets them once the year is under way; then a few more
    /// referrals to the stream that is used up, which wait for money.
    static func setTotals(
        app: Application, scene: DemoScene, holder: UUID, referrals: [Referral], userIDs: [String: UUID]
    ) async throws {
        let today = scene.today
        let ctx = scene.ctx(holder)
        let interventions = try await Intervention.query(on: app.db).filter(\.$active == true).sort(\.$code).all()
        let offers = interventions.map { CatalogueService.offer($0, waiting: 0, meanWait: nil) }
        let caseManagers: [String: UUID] = [
            "T": userIDs["klantmanager"]!, "E": userIDs["klantmanager-west"]!, "N": userIDs["tafelvoorzitter"]!,
        ]
        let referred = Set(referrals.map(\.$person.id))
        let (people, _) = try await MatchingService.candidates(
            where: SQLLiteral.boolean(true), ladder: app.policyStore.ladderInUse.id, today: today, on: app.db)
        let free = people.filter { caseManagers[$0.district] != nil && !referred.contains($0.id) }
        // The stream to use up: the first in which offers are out (offered or accepted), with a free
        // place and residents it fits — never wmo: the browser journey refers to a wmo offer and
        // expects a place with money.
        let streamOf = Dictionary(uniqueKeysWithValues: interventions.map { ($0.id!, $0.fundingStream) })
        let offering = Set(
            referrals.filter { [.offered, .accepted].contains($0.status) }.compactMap {
                streamOf[$0.$intervention.id]
            })
        var tight: (code: String, asks: [(Candidate, Intervention)])?
        for code in ["WEB", "WI", "werkdeel"] where offering.contains(code) {
            let open = Set(
                interventions.indices.filter {
                    interventions[$0].fundingStream == code && interventions[$0].taken < interventions[$0].capacity
                })
            var asks: [(Candidate, Intervention)] = []
            for c in free where asks.count < 4 {
                if let m = Matcher.rank(c, offers).first(where: {
                    open.contains($0.offerIndex)
                        && ReferralService.fundable(c, interventions[$0.offerIndex], app.policyStore.current)
                }) {
                    asks.append((c, interventions[m.offerIndex]))
                }
            }
            if !asks.isEmpty {
                tight = (code, asks)
                break
            }
        }
        for s in try await BudgetService.streams(year: today.year, in: ctx) {
            let used = s.committedCents + s.spentCents
            let total =
                s.code == tight?.code
                ? used : s.code == "werkdeel" ? (used * 104 / 100) / 100 * 100 : max(used * 120 / 100, 250_000_00)
            var input = Input.of([
                "totalCents": .int(total), "reason": .string("Begroting \(today.year) na de voorjaarsnota"),
            ])
            _ = try await BudgetService.changeTotal(s.id!, &input, in: ctx)
        }
        for (c, i) in tight?.asks ?? [] {
            var refer = Input.of([
                "personId": .string(c.id.uuidString), "interventionId": .string(i.id!.uuidString),
                "goal": .string("Dagbesteding in de buurt"),
            ])
            _ = try await ReferralService.refer(&refer, in: scene.ctx(caseManagers[c.district]!))
        }
    }
}
