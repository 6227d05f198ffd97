import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// `meedoen benchmark policy --persons 100000 [--rounds 5]`: the policy simulation as the server runs
/// it — everyone's latest diagnosis read from the database, then recomputed under a draft — on N
/// synthetic persons inserted inside a transaction that is rolled back afterwards (nothing stays).
/// Uses the configured database (`DATABASE_URL`, default the SQLite file).
struct BenchmarkCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "what", help: "policy | dashboard")
        var what: String
        @Option(name: "persons", help: "How many synthetic persons (default 100000).")
        var persons: Int?
        @Option(name: "rounds", help: "Measured rounds (default 5); the median is reported.")
        var rounds: Int?
        @Option(
            name: "sql",
            help: "dashboard: write the dashboard's statements, binds written in, to this file (for sqlite3 or psql).")
        var sql: String?
        @Flag(
            name: "keep",
            help:
                "Keep the synthetic persons (commit instead of rolling back), e.g. to query them with sqlite3 or psql.")
        var keep: Bool
    }
    var help: String { "Benchmarks against the database; see docs/PERFORMANCE.md." }

    struct Rollback: Error {}

    func run(using context: CommandContext, signature: Signature) async throws {
        if signature.what == "dashboard" { return try await dashboard(context, signature) }
        guard signature.what == "policy" else {
            throw CommandFailure("Unknown benchmark '\(signature.what)'; try: policy, dashboard")
        }
        let app = context.application
        try await app.autoMigrate()
        let n = signature.persons ?? 100_000
        let rounds = max(1, signature.rounds ?? 5)
        let policy = app.policyStore.current
        // The draft: young people moved from category 1 to 3 (a real policy question).
        var draftTarget = policy
        draftTarget.targetGroups = policy.targetGroups.map {
            var g = $0
            if g.id == "youngPeople" { g.category = 3 }
            return g
        }
        let draft = DiagnosisEngine(policy: draftTarget)
        let engine = DiagnosisEngine(policy: policy)
        let today = Clock.today(now: app.time.now())
        let console = context.console
        do {
            try await app.db.transaction { db in
                if try await District.find("T", on: db) == nil {
                    for (code, name) in DemoData.districts { try await District(code: code, name: name).create(on: db) }
                }
                let t0 = DispatchTime.now()
                var rng = SeededRandom(seed: 7)
                let decider = UUID()
                var persons: [Person] = []
                var diagnoses: [Diagnosis] = []
                let encoder = JSONEncoder()
                for i in 0..<n {
                    let p = Person()
                    p.id = UUID()
                    p.bsn = String(format: "8%08d", i)
                    p.givenName = "Synthetisch"
                    p.familyName = "Persoon \(i)"
                    let birth = CalendarDate(
                        year: today.year - 18 - rng.int(49), month: 1 + rng.int(12), day: 1 + rng.int(28))!
                    p.birthDate = birth.iso
                    p.districtCode = DemoData.districts[rng.int(DemoData.districts.count)].0
                    let benefit = BenefitKind.allCases[rng.int(BenefitKind.allCases.count)]
                    p.benefit = benefit.rawValue
                    p.civicIntegration = "none"
                    p.circumstances = []
                    p.wishes = []
                    p.onCaseTable = false
                    persons.append(p)
                    let facts = DiagnosisFacts(
                        birthDate: birth, referenceDate: today, benefit: benefit, workProspect: rng.int(2) == 0,
                        selfReliant: rng.int(3) == 0, motivated: rng.int(5) > 0,
                        risks: rng.int(4) == 0 ? [.isolation] : [],
                        civicIntegration: .none, circumstances: rng.int(12) == 0 ? [.homeless] : [],
                        wishes: rng.int(4) == 0 ? [.volunteer] : [], zrm: nil)
                    let c = engine.classify(facts)
                    let d = Diagnosis()
                    d.$person.id = p.id!
                    d.facts = String(decoding: try encoder.encode(facts), as: UTF8.self)
                    d.proposedRoute = c.route.rawValue
                    d.proposedCategory = c.category
                    d.targetGroups = c.targetGroups
                    d.caseTableProposed = false
                    d.enforcementAvailable = false
                    d.reasons = "[]"
                    d.policyID = policy.id
                    d.policyVersion = policy.version
                    d.decidedRoute = c.route.rawValue
                    d.decidedCategory = c.category
                    d.decidedByID = decider
                    d.decidedByName = "benchmark"
                    d.decidedOn = today.iso
                    diagnoses.append(d)
                }
                for chunk in persons.chunked(500) { try await chunk.create(on: db) }
                for chunk in diagnoses.chunked(500) { try await chunk.create(on: db) }
                let setup = Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) / 1e6
                console.print(
                    "inserted \(n) persons with a diagnosis in \(Int(setup)) ms (inside a transaction that is rolled back)"
                )
                // Cold: the snapshot reads and decodes everyone. Warm: it reads only what changed (here: 100 new diagnoses per round).
                let snapshot = FactsSnapshot()
                var cold: [Double] = []
                var warm: [Double] = []
                var compute: [Double] = []
                var changed = 0
                var total = 0
                for round in 0..<rounds {
                    snapshot.reset()
                    let a = DispatchTime.now()
                    _ = try await PolicySimulationService.people(today: today, snapshot: snapshot, on: db)
                    cold.append(Double(DispatchTime.now().uptimeNanoseconds - a.uptimeNanoseconds) / 1e6)
                    for k in 0..<100 {
                        let d = Diagnosis()
                        let source = diagnoses[(round * 100 + k) % diagnoses.count]
                        d.$person.id = source.$person.id
                        d.facts = source.facts
                        d.proposedRoute = source.proposedRoute
                        d.proposedCategory = source.proposedCategory
                        d.targetGroups = source.targetGroups
                        d.caseTableProposed = false
                        d.enforcementAvailable = false
                        d.reasons = "[]"
                        d.policyID = policy.id
                        d.policyVersion = policy.version
                        d.decidedRoute = source.decidedRoute
                        d.decidedCategory = source.decidedCategory
                        d.decidedByID = decider
                        d.decidedByName = "benchmark"
                        d.decidedOn = today.iso
                        try await d.create(on: db)
                    }
                    let b = DispatchTime.now()
                    let people = try await PolicySimulationService.people(today: today, snapshot: snapshot, on: db)
                    let c = DispatchTime.now()
                    let r = PolicySimulation.run(people, draft: draft)
                    let e = DispatchTime.now()
                    warm.append(Double(c.uptimeNanoseconds - b.uptimeNanoseconds) / 1e6)
                    compute.append(Double(e.uptimeNanoseconds - c.uptimeNanoseconds) / 1e6)
                    changed = r.changed
                    total = r.total
                }
                func median(_ xs: [Double]) -> Int { Int(xs.sorted()[xs.count / 2]) }
                let sums = zip(warm, compute).map { $0 + $1 }
                console.print(
                    "policy simulation over \(total) persons (\(changed) change category), median of \(rounds):")
                console.print("  cold load (first use after a start: read and decode everyone) \(median(cold)) ms")
                console.print(
                    "  warm load (100 new diagnoses since the last use) \(median(warm)) ms + compute \(median(compute)) ms = \(median(sums)) ms [goal ≤ 1000 ms]"
                )
                if !signature.keep { throw Rollback() }
            }
        } catch is Rollback {}
    }

    /// `meedoen benchmark dashboard [--rounds 5] [--sql FILE]`: the city-wide monitor's figures
    /// (every indicator over three years, the districts' shares) computed exactly as `/monitor` does,
    /// on the data in the database; the median of the rounds. With `--sql` the same statements are
    /// written out so the database's own client can run them for comparison.
    func dashboard(_ context: CommandContext, _ signature: Signature) async throws {
        let app = context.application
        let set = app.policyStore.indicators
        let today = Clock.today(now: app.time.now())
        let rounds = max(1, signature.rounds ?? 5)
        if let path = signature.sql {
            let text = IndicatorService.dashboardSQL(
                set, year: today.year, today: today, on: app.db as! any SQLDatabase
            ).joined(separator: "\n")
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        var times: [Double] = []
        var statements = 0
        for _ in 0...rounds {  // one unmeasured round first
            let t0 = DispatchTime.now()
            let (_, rows) = try await IndicatorService.dashboard(set, year: today.year, today: today, on: app.db)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0.uptimeNanoseconds) / 1e6)
            statements =
                1
                + rows.joined().filter {
                    IndicatorService.query($0.indicator.computation, year: $0.year, today: today, ladder: set.ladder)
                        != nil
                }.count
        }
        let measured = times.dropFirst().sorted()
        context.console.print(
            "dashboard (\(set.indicators.count) indicators × 3 years, \(statements) statements), median of \(rounds): \(String(format: "%.0f", measured[measured.count / 2])) ms (min \(String(format: "%.0f", measured.first!)) ms)"
        )
    }
}
