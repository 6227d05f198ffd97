import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// The demo acts as its users on the days things happened, through the same use cases as the API,
/// the pages and the commands: a context acting as the user, with the clock pinned to that day.
struct DemoScene {
    let base: UseCaseContext
    let users: [UUID: User]

    init(app: Application) async throws {
        base = UseCaseContext(app: app, runID: "demo")
        users = Dictionary(uniqueKeysWithValues: try await User.query(on: app.db).all().map { ($0.id!, $0) })
    }

    var today: CalendarDate { base.today }

    /// `user` acting on `day` (today when nil).
    func ctx(_ userID: UUID, on day: CalendarDate? = nil) -> UseCaseContext {
        var c = base.acting(as: users[userID]!)
        if let day { c.time = .pinned(today: day) }
        return c
    }
}

/// The demo's catalogue, referrals and household plans, made through the real use cases: a case
/// manager refers (the place and the money are claimed as for anyone), the provider accepts and
/// starts, reports attendance, and ends some with an outcome; freed places go to the next in line.
/// Every referral fits its person (chosen by the matching itself) and has its audit trail.
extension DemoData {
    /// One user per provider, so each provider can answer its own referrals (the demo's `aanbieder`
    /// signs in for Regenbooggroep; the others act only through the demo). Made as an administrator makes them.
    static func providerUsers(app: Application, demoProvider: UUID) async throws -> [UUID: UUID] {
        var out: [UUID: UUID] = [:]
        let system = UseCaseContext(app: app, runID: "demo")
        for p in try await Provider.query(on: app.db).sort(\.$code).all() {
            if p.code == "regenboog" {
                out[p.id!] = demoProvider
                continue
            }
            var input = Input.of([
                "username": .string("aanbieder-\(p.code)"), "displayName": .string("Trajectbegeleider \(p.name)"),
                "roles": .array([.string("provider")]), "providerCode": .string(p.code),
            ])
            out[p.id!] = try await UserAdminService.create(&input, in: system).user.id!
        }
        return out
    }

    static func generateWork(app: Application, rng: inout SeededRandom, userIDs: [String: UUID]) async throws {
        let store = app.policyStore
        let providerUser = try await providerUsers(app: app, demoProvider: userIDs["aanbieder"]!)
        let scene = try await DemoScene(app: app)
        let today = scene.today
        let interventions = try await Intervention.query(on: app.db).sort(\.$code).all()
        let regenboog = try await Provider.query(on: app.db).filter(\.$code == "regenboog").first()!
        let offers = interventions.map { CatalogueService.offer($0, waiting: 0, meanWait: nil) }
        let (people, _) = try await MatchingService.candidates(
            where: SQLLiteral.boolean(true), ladder: store.ladderInUse.id, today: today, on: app.db)
        let caseManagers: [String: UUID] = [
            "T": userIDs["klantmanager"]!, "E": userIDs["klantmanager-west"]!, "N": userIDs["tafelvoorzitter"]!,
        ]
        try await openStreams(app: app, scene: scene, holder: userIDs["budgethouder"]!, interventions: interventions)

        // What happens to whom, drawn first; then played in the order it happened.
        struct Planned {
            var candidate: Candidate
            var intervention: Intervention
            var caseManager: UUID
            var daysAgo: Int
            var goal: String
            var roll: Int
            var attended: Bool
        }
        let goals = [
            "Ritme opbouwen en mensen ontmoeten", "Werkervaring opdoen richting betaald werk",
            "Taalvaardigheid verbeteren",
            "Zelfvertrouwen en vaardigheden opbouwen", "Stap naar vrijwilligerswerk zetten",
        ]
        var planned: [Planned] = []
        // About one in five residents with a case manager has a referral; one of the best fitting offers.
        for c in people where caseManagers[c.district] != nil && rng.int(100) < 22 {
            // Only what the spending rules let the budget pay for this resident.
            let fundable = interventions.indices.filter {
                ReferralService.fundable(c, interventions[$0], store.current)
            }
            guard let best = Matcher.rank(c, fundable.map { offers[$0] }, limit: 3).dropFirst(rng.int(2)).first
            else { continue }
            planned.append(
                Planned(
                    candidate: c, intervention: interventions[fundable[best.offerIndex]],
                    caseManager: caseManagers[c.district]!,
                    daysAgo: 5 + rng.int(200), goal: goals[rng.int(goals.count)], roll: rng.int(100),
                    attended: rng.int(100) < 80))
        }
        planned.sort { $0.daysAgo > $1.daysAgo }

        var started: [(Referral, Intervention, CalendarDate)] = []
        var regenboogOffered = false
        for p in planned {
            let referredOn = CalendarDate(dayNumber: today.dayNumber - p.daysAgo)
            var refer = Input.of([
                "personId": .string(p.candidate.id.uuidString),
                "interventionId": .string(p.intervention.id!.uuidString),
                "goal": .string(p.goal),
            ])
            // Offers paid from the Wmo keep a few places free: the browser journey refers to one.
            if p.intervention.fundingStream == "wmo",
                let now = try await Intervention.find(p.intervention.id, on: app.db), now.taken >= now.capacity - 3
            {
                continue
            }
            let made: ReferralService.Loaded
            do {
                made = try await ReferralService.refer(&refer, in: scene.ctx(p.caseManager, on: referredOn))
            } catch let error as DomainError where error.fields.allSatisfy({ $0.name == "criteria.age" }) {
                continue  // matched on today's age, but younger on the day of the referral: not referred
            }
            guard made.referral.status == .offered else { continue }  // it waits for a place or money
            let provider = providerUser[p.intervention.$provider.id]!
            // The demo provider always has a referral waiting for its answer.
            if p.intervention.$provider.id == regenboog.id && !regenboogOffered {
                regenboogOffered = true
                continue
            }
            guard p.roll < 75 else { continue }  // offered, no answer yet
            let id = made.referral.id!
            var none = Input.of([:])
            _ = try await ReferralService.act(
                id, .accept, &none, in: scene.ctx(provider, on: CalendarDate(dayNumber: referredOn.dayNumber + 1)))
            guard p.roll < 55 else { continue }  // accepted, not started yet
            // About ten days after the referral (at the latest yesterday); it runs for the offer's maximum.
            let startOn = CalendarDate(dayNumber: today.dayNumber - max(1, p.daysAgo - 10))
            let running = try await ReferralService.act(id, .start, &none, in: scene.ctx(provider, on: startOn))
            var attendance = Input.of([
                "kind": .string("attendance"),
                "on": .string(CalendarDate(dayNumber: max(startOn.dayNumber, today.dayNumber - 3)).iso),
                // The week as agreed, or absent (on a duty offer that is a missed agreement for the case manager).
                "attended": .bool(p.attended), "hours": .int(p.attended ? running.referral.agreedHours : 0),
            ])
            _ = try await ReferralService.act(id, .note, &attendance, in: scene.ctx(provider))
            started.append((running.referral, p.intervention, startOn))
        }

        // The invoices so far, booked by the budget holder; then some enrolments end with an outcome
        // (the money left is released pro rata and the place goes to the next in line).
        try await bookInvoices(started, scene: scene, holder: userIDs["budgethouder"]!)
        let outcomes: [EnrolmentOutcome] = [.exitToWork, .stepUp, .stepUp, .completed, .completed, .dropOut, .stepBack]
        for (r, i, startOn) in started.prefix(40) where rng.int(100) < 50 {
            let endOn = CalendarDate(dayNumber: max(startOn.dayNumber, today.dayNumber - 1 - rng.int(3)))
            var end = Input.of([
                "outcome": .string(outcomes[rng.int(outcomes.count)].rawValue), "endOn": .string(endOn.iso),
            ])
            _ = try await ReferralService.act(r.id!, .end, &end, in: scene.ctx(providerUser[i.$provider.id]!))
        }

        try await generatePlans(app: app, scene: scene, rng: &rng, director: userIDs["klantmanager"]!)
    }

    /// Household plans for half the households of Zuidoost (the demo case manager's district), made
    /// on the day they started, with agreements, some kept.
    static func generatePlans(app: Application, scene: DemoScene, rng: inout SeededRandom, director: UUID)
        async throws
    {
        let today = scene.today
        let households = try await Household.query(on: app.db).filter(\.$districtCode == "T").sort(\.$id).all()
        let members = Dictionary(
            grouping: try await Person.query(on: app.db).filter(\.$districtCode == "T").sort(\.$id).all(),
            by: { $0.$household.id })
        let tasks = [
            "Aanmelden bij het werkplein", "Gesprek met schuldhulp plannen", "Vrijwilligerswerk uitproberen",
            "Taalles volgen",
        ]
        for (n, h) in households.enumerated() where n % 2 == 0 {
            guard let first = members[h.id]?.first else { continue }
            let startedOn = CalendarDate(dayNumber: today.dayNumber - 20 - rng.int(200))
            let ctx = scene.ctx(director, on: startedOn)
            var goals: [JSONValue] = [
                .object(["domain": .string("work"), "text": .string("Stap zetten op de participatieladder")]),
                .object(["domain": .string("incomeAndDebts"), "text": .string("Vaste lasten op orde")]),
            ]
            if rng.int(2) == 0 {
                goals.append(.object(["domain": .string("health"), "text": .string("Huisarts en GGZ betrekken")]))
            }
            var fields: [String: JSONValue] = [
                "householdId": .string(h.id!.uuidString), "goals": .array(goals),
                "strengths": .array([
                    .object(["of": .string("person"), "text": .string("Wil graag iets doen")]),
                    .object(["of": .string("network"), "text": .string("Familie dichtbij")]),
                ]),
            ]
            if rng.int(2) == 0 {
                fields["involved"] = .array([
                    .object([
                        "organisation": .string("Schuldhulpverlening Zuidoost"), "goal": .string("Budgetbeheer"),
                        "contactName": .string("R. Pinas"), "contactDetails": .string("020-5551234"),
                    ])
                ])
            }
            var create = Input.of(fields)
            let plan = try await PlanService.create(&create, in: ctx).plan
            if rng.int(100) < 70 {
                var agreed = Input.of(["residentAgreed": .bool(true)])
                _ = try await PlanService.update(plan.id!, &agreed, in: ctx)
            }
            for k in 0..<(1 + rng.int(3)) {
                let due = CalendarDate(dayNumber: max(startedOn.dayNumber + 7, today.dayNumber - 30 + rng.int(90)))
                var add = Input.of([
                    "personId": .string(first.id!.uuidString), "who": .string(k == 0 ? "inwoner" : "klantmanager"),
                    "what": .string(tasks[rng.int(tasks.count)]), "dueOn": .string(due.iso),
                ])
                let a = try await PlanService.addAgreement(plan.id!, &add, in: ctx)
                if due < today && rng.int(100) < 60 {
                    let doneOn = CalendarDate(dayNumber: max(startedOn.dayNumber, due.dayNumber - rng.int(5)))
                    var done = Input.of(["status": .string(AgreementStatus.done.rawValue)])
                    _ = try await PlanService.updateAgreement(
                        plan.id!, a.id!, &done, in: scene.ctx(director, on: doneOn))
                }
            }
        }
    }
}
