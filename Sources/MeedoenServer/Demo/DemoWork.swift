import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// The demo's catalogue, household plans and referrals: built from the matching itself, so every
/// referral fits its person, and places are never overbooked (`taken` counts the places held).
extension DemoData {
    static func generateWork(app: Application, rng: inout SeededRandom, userIDs: [String: UUID]) async throws {
        let store = app.policyStore
        _ = try await CatalogueService.load(try DemoCatalogue.file(), on: app.db)
        let regenboog = try await Provider.query(on: app.db).filter(\.$code == "regenboog").first()!
        if let provider = try await User.query(on: app.db).filter(\.$username == "aanbieder").first() {
            provider.providerID = regenboog.id
            try await provider.save(on: app.db)
        }
        let today = Clock.today(now: app.time.now())
        let interventions = try await Intervention.query(on: app.db).all()
        var taken: [UUID: Int] = [:]
        let offers = interventions.map { CatalogueService.offer($0, waiting: 0, meanWait: nil) }
        let (people, _) = try await MatchingService.candidates(
            where: SQLLiteral.boolean(true), ladder: store.ladderInUse.id, today: today, on: app.db)
        let persons = Dictionary(uniqueKeysWithValues: try await Person.query(on: app.db).all().map { ($0.id!, $0) })
        let names: [UUID: String] = [
            "klantmanager": "Karin de Klantmanager", "klantmanager-west": "Wim van West",
            "tafelvoorzitter": "Tamara Tafel",
        ]
        .reduce(into: [:]) { $0[userIDs[$1.key]!] = $1.value }
        let caseManagers: [String: UUID] = [
            "T": userIDs["klantmanager"]!, "E": userIDs["klantmanager-west"]!, "N": userIDs["tafelvoorzitter"]!,
        ]

        var referrals: [Referral] = []
        var notes: [ReferralNote] = []
        let goals = [
            "Ritme opbouwen en mensen ontmoeten", "Werkervaring opdoen richting betaald werk",
            "Taalvaardigheid verbeteren",
            "Zelfvertrouwen en vaardigheden opbouwen", "Stap naar vrijwilligerswerk zetten",
        ]
        // About one in five residents with a case manager has a referral; the best fitting offer is chosen.
        for c in people where caseManagers[c.district] != nil && rng.int(100) < 22 {
            guard let best = Matcher.rank(c, offers, limit: 3).dropFirst(rng.int(2)).first else { continue }
            let i = interventions[best.offerIndex]
            let cm = caseManagers[c.district]!
            let r = Referral()
            r.id = UUID()
            r.$person.id = c.id
            r.$intervention.id = i.id!
            r.referredByID = cm
            r.referredByName = names[cm] ?? "Demo klantmanager"
            let daysAgo = 5 + rng.int(200)
            r.referredAt = Date().addingTimeInterval(-Double(daysAgo) * 86_400)
            r.referredOn = CalendarDate(dayNumber: today.dayNumber - daysAgo).iso
            r.goal = goals[rng.int(goals.count)]
            r.agreedHours = i.hoursPerWeek
            r.category = c.category
            r.checks = ReferralService.encode(
                AccessCheck.check(c, offers[best.offerIndex]).map {
                    ReferralService.CheckRecord(
                        criterion: $0.criterion.rawValue, passed: $0.passed, nl: $0.reason.text.nl,
                        en: $0.reason.text.en)
                })
            let free = (taken[i.id!] ?? 0) < i.capacity
            if free {
                taken[i.id!, default: 0] += 1
                r.offeredAt = r.referredAt
                r.waitedDays = 0
                let roll = rng.int(100)
                if roll < 55 {
                    r.status = "started"
                    let start = CalendarDate(dayNumber: today.dayNumber - max(1, daysAgo - 10))
                    r.startedOn = start.iso
                    // Some run to their maximum soon: they show up in "my work".
                    let planned = Duration.latestEnd(start: start, maxMonths: i.maxMonths)
                    r.plannedEndOn = planned.iso
                    let n = ReferralNote()
                    n.$referral.id = r.id!
                    n.kind = "attendance"
                    n.onDate = CalendarDate(dayNumber: today.dayNumber - 3).iso
                    n.attended = rng.int(100) < 80
                    n.hours = n.attended! ? i.hoursPerWeek / 2 : 0
                    n.authorID = userIDs["aanbieder"]!
                    n.authorName = "Anton Aanbieder"
                    notes.append(n)
                } else if roll < 75 {
                    r.status = "accepted"
                } else {
                    r.status = "offered"
                }
            } else {
                r.status = "waiting"
            }
            referrals.append(r)
        }
        // The demo provider always has a referral waiting for its answer.
        func ofRegenboog(_ r: Referral) -> Bool {
            interventions.first { $0.id == r.$intervention.id }?.$provider.id == regenboog.id
        }
        if !referrals.contains(where: { $0.status == "offered" && ofRegenboog($0) }),
            let r = referrals.first(where: { $0.status == "accepted" && ofRegenboog($0) })
        {
            r.status = "offered"
        }
        // Ended enrolments with outcomes (history for the next issues' monitoring).
        for r in referrals.prefix(40) where r.status == "started" && rng.int(100) < 50 {
            let i = interventions.first { $0.id == r.$intervention.id }!
            let outcomes: [EnrolmentOutcome] = [
                .exitToWork, .stepUp, .stepUp, .completed, .completed, .dropOut, .stepBack,
            ]
            let o = outcomes[rng.int(outcomes.count)]
            r.status = "ended"
            r.outcome = o.rawValue
            r.endedOn = CalendarDate(dayNumber: today.dayNumber - 1 - rng.int(3)).iso
            let next = Outcomes.nextStep(
                o, currentRung: nil, topRung: store.ladderInUse.rungs.map(\.number).max() ?? 5,
                tier: i.interventionType.tier)
            r.nextStep = ReferralService.encode(
                ReferralService.NextStepRecord(
                    proposedRung: next.proposedRung, nextTier: next.nextTier.map { "\($0)" },
                    reasons: next.reasons.map {
                        ReferralService.CheckRecord(criterion: $0.code, passed: true, nl: $0.text.nl, en: $0.text.en)
                    }))
            taken[i.id!, default: 0] -= 1
        }

        // Household plans for the households of Zuidoost (the demo case manager's district).
        var plans: [Plan] = []
        var revisions: [PlanRevision] = []
        var agreements: [Agreement] = []
        let households = try await Household.query(on: app.db).filter(\.$districtCode == "T").all()
        let director = userIDs["klantmanager"]!
        for (n, h) in households.enumerated() where n % 2 == 0 {
            let members = persons.values.filter { $0.$household.id == h.id }
            guard let first = members.first else { continue }
            let p = Plan()
            p.id = UUID()
            p.$household.id = h.id!
            p.$director.id = director
            p.status = "active"
            let started = CalendarDate(dayNumber: today.dayNumber - 20 - rng.int(200))
            p.startedOn = started.iso
            p.reassessmentDue = started.adding(months: 6).iso
            p.goals = ReferralService.encode(
                [
                    PlanService.Goal(domain: "work", text: "Stap zetten op de participatieladder"),
                    PlanService.Goal(domain: "incomeAndDebts", text: "Vaste lasten op orde"),
                ]
                    + (rng.int(2) == 0 ? [PlanService.Goal(domain: "health", text: "Huisarts en GGZ betrekken")] : []))
            p.strengths = ReferralService.encode([
                PlanService.Strength(of: "person", text: "Wil graag iets doen"),
                PlanService.Strength(of: "network", text: "Familie dichtbij"),
            ])
            p.involved = ReferralService.encode(
                rng.int(2) == 0
                    ? [
                        PlanService.Involved(
                            organisation: "Schuldhulpverlening Zuidoost", goal: "Budgetbeheer", contactName: "R. Pinas",
                            contactDetails: "020-5551234")
                    ] : [])
            p.residentAgreedOn = rng.int(100) < 70 ? started.iso : nil
            p.revision = 1
            plans.append(p)
            let rev = PlanRevision()
            rev.$plan.id = p.id!
            rev.revision = 1
            rev.snapshot = ReferralService.encode(PlanService.body(p))
            rev.summary = "created"
            rev.changedByID = director
            rev.changedByName = "Karin de Klantmanager"
            rev.at = Date()
            revisions.append(rev)
            for k in 0..<(1 + rng.int(3)) {
                let a = Agreement()
                a.$plan.id = p.id!
                a.$person.id = first.id
                a.who = k == 0 ? "inwoner" : "klantmanager"
                a.what =
                    [
                        "Aanmelden bij het werkplein", "Gesprek met schuldhulp plannen",
                        "Vrijwilligerswerk uitproberen", "Taalles volgen",
                    ][rng.int(4)]
                let due = CalendarDate(dayNumber: today.dayNumber - 30 + rng.int(90))
                a.dueOn = due.iso
                if due < today && rng.int(100) < 60 {
                    a.status = "done"
                    a.doneOn = CalendarDate(dayNumber: due.dayNumber - rng.int(5)).iso
                } else {
                    a.status = "open"
                }
                agreements.append(a)
            }
        }

        let (allReferrals, allNotes, allPlans, allRevisions, allAgreements, holding) = (
            referrals, notes, plans, revisions, agreements, taken
        )
        try await app.db.transaction { db in
            for chunk in allReferrals.chunked(100) { try await chunk.create(on: db) }
            for chunk in allNotes.chunked(100) { try await chunk.create(on: db) }
            for chunk in allPlans.chunked(100) { try await chunk.create(on: db) }
            for chunk in allRevisions.chunked(100) { try await chunk.create(on: db) }
            for chunk in allAgreements.chunked(100) { try await chunk.create(on: db) }
            let sql = db as! any SQLDatabase
            for (id, n) in holding {
                try await sql.raw("UPDATE interventions SET taken = \(bind: n) WHERE id = \(bind: id)").run()
            }
        }
    }
}
