import Fluent
import MeedoenCore
import Vapor

/// The demo's front door: signals and questions in Zuidoost at every stage (some overdue, some
/// handed over, on the case table, closed with how help arrived), anonymous decision-tree results,
/// and for the demo resident an appointment, activities and an open agreement in their plan.
extension DemoData {
    static func generateFrontDoor(app: Application, rng: inout SeededRandom, userIDs: [String: UUID]) async throws {
        let today = Clock.today(now: app.time.now())
        let counter = userIDs["loket"]!
        let adviser = userIDs["bewonersadviseur"]!
        let cm = userIDs["klantmanager"]!
        let registered = try await Person.query(on: app.db).filter(\.$registeredByID ~~ [counter, adviser]).sort(
            \.$familyName
        ).limit(12).all()
        let streets = [
            "Bijlmerdreef", "Kraaiennest", "Ganzenhoef", "Develstein", "Hoogoord", "Holendrecht", "Reigersbos", "Gein",
        ]
        let texts: [(SignalSource, String, String)] = [
            (.neighbour, "signal", "Buren maken zich zorgen: al weken geen contact, post stapelt zich op."),
            (
                .school, "signal",
                "School meldt dat de kinderen vaak zonder ontbijt komen; moeder zoekt werk maar weet niet hoe."
            ),
            (.ownVisit, "signal", "Huisbezoek: man zit sinds ontslag thuis, wil graag iets doen, heeft schulden."),
            (.provider, "signal", "Buurthuis meldt een vrouw die vaak komt en vraagt naar taallessen."),
            (.resident, "question", "Vraagt naar vrijwilligerswerk in de buurt en of dat kan met een uitkering."),
            (
                .resident, "question",
                "Heeft een brief over een betalingsachterstand van de huur; weet niet wat te doen."
            ),
            (.ownVisit, "signal", "Huisbezoek na melding: jonge man, geen uitkering, geen werk, geen school."),
            (.neighbour, "signal", "Buurvrouw vertelt dat de bewoner hulp nodig heeft met papieren."),
        ]
        var signals: [Signal] = []
        var events: [SignalEvent] = []
        for i in 0..<28 {
            let (source, kind, text) = texts[i % texts.count]
            let s = Signal()
            s.id = UUID()
            s.kind = kind
            s.source = source.rawValue
            s.description = text
            s.districtCode = "T"
            let byCounter = kind == "question"
            s.createdByID = byCounter ? counter : adviser
            s.ownerID = s.createdByID
            if i < registered.count && i % 2 == 0 {
                s.personID = registered[i].id
            } else {
                s.address =
                    "\(streets[i % streets.count]) \(10 + rng.int(400)), 11\(rng.int(2) == 0 ? "02" : "03") \(["AB", "CD", "KL", "MN"][rng.int(4)])"
            }
            // Recorded in the last three weeks: most are within their follow-up date, some are not.
            let age = 1 + rng.int(20)
            s.dueOn = CalendarDate(dayNumber: today.dayNumber - age + (byCounter ? 7 : 14)).iso
            var status: SignalStatus = [.open, .inProgress, .inProgress, .closed, .handedOver, .caseTable, .open][i % 7]
            if s.personID == nil && (status == .handedOver || status == .caseTable) { status = .inProgress }
            s.status = status
            if status == .closed {
                s.outcome =
                    [
                        "Aangemeld bij de taalcursus; start volgende maand.",
                        "Inwoner heeft zelf contact gelegd met het buurthuis.",
                        "Schuldhulp gestart; betalingsregeling met de verhuurder.",
                    ][i % 3]
            }
            if status == .handedOver {
                s.ownerID = cm
                s.dueOn = CalendarDate(dayNumber: today.dayNumber + 3).iso
            }
            signals.append(s)
            let created = Date().addingTimeInterval(-Double(age) * 86_400)
            events.append(
                SignalEvent(
                    id: UUID(), at: Date(), signalID: s.id!, actorID: s.createdByID, action: "created", note: nil))
            events.last!.at = created
            if status != .open {
                let e = SignalEvent(
                    id: UUID(), at: Date(), signalID: s.id!, actorID: s.createdByID, action: "note",
                    note: "Contact gehad; afspraak gemaakt voor een gesprek.")
                e.at = created.addingTimeInterval(86_400)
                events.append(e)
            }
            if status == .handedOver {
                let e = SignalEvent(
                    id: UUID(), at: Date(), signalID: s.id!, actorID: s.createdByID, action: "handOver",
                    note: "Karin de Klantmanager")
                e.at = created.addingTimeInterval(2 * 86_400)
                events.append(e)
            }
            if status == .caseTable {
                let e = SignalEvent(
                    id: UUID(), at: Date(), signalID: s.id!, actorID: s.createdByID, action: "caseTable",
                    note: "Schulden, gezondheid en werk tegelijk.")
                e.at = created.addingTimeInterval(2 * 86_400)
                events.append(e)
            }
            if status == .closed {
                let e = SignalEvent(
                    id: UUID(), at: Date(), signalID: s.id!, actorID: s.createdByID, action: "close", note: s.outcome)
                e.at = created.addingTimeInterval(5 * 86_400)
                events.append(e)
            }
        }
        // Anonymous walks through the trees (what residents looked for).
        var results: [TreeResult] = []
        for tree in app.trees.all {
            for _ in 0..<(30 + rng.int(30)) {
                var path: [String] = []
                var step = tree.walk([])
                while case .success(let w) = step, case .question(let q) = w.step {
                    path.append(q.answers[rng.int(q.answers.count)].id)
                    step = tree.walk(path)
                }
                guard case .success(let w) = step, case .result(let r) = w.step else { continue }
                let row = TreeResult()
                row.treeID = tree.id
                row.version = tree.version
                row.resultID = r.id
                row.answers = path.joined(separator: ",")
                results.append(row)
            }
        }
        let (allSignals, allEvents, allResults) = (signals, events, results)
        try await app.db.transaction { db in
            for s in allSignals { try await s.create(on: db) }
            for e in allEvents { try await e.create(on: db) }
            for r in allResults { try await r.create(on: db) }
        }

        // The demo resident: an appointment, activities, an agreement they can mark done.
        guard let residentUser = try await User.find(userIDs["inwoner"]!, on: app.db), let pid = residentUser.personID,
            let person = try await Person.find(pid, on: app.db)
        else { return }
        let cmName = "Karin de Klantmanager"
        let appointment = Appointment()
        appointment.id = UUID()
        appointment.personID = pid
        appointment.startsAt = "\(CalendarDate(dayNumber: today.dayNumber + 6).iso)T10:30"
        appointment.withName = cmName
        appointment.place = "Stadsloket Zuidoost, Anton de Komplein 150"
        appointment.about = "Bespreken hoe het gaat en het plan bijstellen"
        appointment.createdByID = person.$caseManager.id ?? cm
        try await appointment.create(on: app.db)
        for (days, text, hours, status) in [
            (12, "Helpen in de buurttuin", 3, "pending"), (30, "Koffie schenken in het buurthuis", 2, "rejected"),
        ] {
            let a = ResidentActivity()
            a.id = UUID()
            a.personID = pid
            a.onDate = CalendarDate(dayNumber: today.dayNumber - days).iso
            a.description = text
            a.hours = hours
            a.status = ActivityStatus(rawValue: status)!
            if status == "rejected" {
                a.decidedByID = cm
                a.decisionNote = "Dit was al opgegeven via het buurthuis."
            }
            try await a.create(on: app.db)
        }
        if let household = person.$household.id {
            let plan: Plan
            if let existing = try await PlanService.active(householdID: household, in: UseCaseContext(app: app)) {
                plan = existing
            } else {
                plan = Plan()
                plan.id = UUID()
                plan.$household.id = household
                plan.$director.id = person.$caseManager.id ?? cm
                plan.status = .active
                plan.goals =
                    #"[{"domain":"work","text":"Binnen een jaar betaald werk, eerst werkervaring opdoen"},{"domain":"socialNetwork","text":"Meer mensen in de buurt leren kennen"}]"#
                plan.strengths = "[]"
                plan.involved = "[]"
                plan.startedOn = CalendarDate(dayNumber: today.dayNumber - 40).iso
                plan.reassessmentDue = today.adding(months: 4).iso
                plan.revision = 1
                try await plan.create(on: app.db)
            }
            let a = Agreement()
            a.$plan.id = plan.id!
            a.$person.id = pid
            a.who = "inwoner"
            a.what = "Cv bijwerken en meenemen naar het volgende gesprek"
            a.dueOn = CalendarDate(dayNumber: today.dayNumber + 5).iso
            a.status = AgreementStatus.open
            try await a.create(on: app.db)
        }
    }
}
