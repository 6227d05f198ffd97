import Fluent
import Foundation
import MeedoenCore
import SQLKit
import Testing
import VaporTesting

@testable import MeedoenServer

@Suite("Synthetic city") struct CityTests {
    @Test func theSameSeedGivesTheSameCityWithTwoYearsOfPlausibleHistory() async throws {
        var first: [String] = []
        for run in 0..<2 {
            try await TestWorld.with { w in
                let s = try await CityGenerator.generate(w.app, persons: 1500, seed: 42)
                #expect(s.persons == 1500 && s.diagnoses == 1500 && s.referrals > 600)
                let people = try await Person.query(on: w.app.db).sort(\.$bsn).all()
                let fingerprint = people.prefix(50).map { "\($0.id!)|\($0.bsn)|\($0.districtCode)|\($0.benefit)" }
                if run == 0 {
                    first = fingerprint
                } else {
                    #expect(fingerprint == first, "the same seed, the same city")
                }
                // Every BSN passes the 11-test; districts roughly as weighted (Zuidoost ~21%, Centrum ~6%).
                #expect(people.allSatisfy { (try? BSN($0.bsn)) != nil })
                let zuidoost = Double(people.filter { $0.districtCode == "T" }.count) / 1500
                let centrum = Double(people.filter { $0.districtCode == "A" }.count) / 1500
                #expect(abs(zuidoost - 0.21) < 0.04 && abs(centrum - 0.06) < 0.03)
                // Two years of history: referrals from before the window's start to now, outcomes, reassessments.
                let referrals = try await Referral.query(on: w.app.db).all()
                let today = Clock.today()
                #expect(referrals.contains { ($0.referredOn) < CalendarDate(dayNumber: today.dayNumber - 600).iso })
                #expect(Set(referrals.map(\.status)).isSuperset(of: [ReferralStatus.waiting, .started, .ended]))
                #expect(
                    Set(referrals.compactMap(\.outcome)).isSuperset(of: [
                        "exitToWork", "stepUp", "dropOut", "completed",
                    ]))
                // The generated city obeys the spending rules, as a referral does.
                #expect(try await DemoDataTests.paidAgainstTheSpendingRules(w.app) == 0)
                // No place overbooked; the streams hold exactly what their commitments hold.
                for i in try await Intervention.query(on: w.app.db).all() {
                    let held = referrals.filter { $0.$intervention.id == i.id && $0.status.holdsPlace }.count
                    #expect(i.taken == held && i.taken <= i.capacity)
                }
                let commitments = try await Commitment.query(on: w.app.db).all()
                for stream in try await FundingStream.query(on: w.app.db).all() {
                    let mine = commitments.filter { $0.streamID == stream.id }
                    #expect(
                        stream.committedCents == mine.reduce(0) { $0 + $1.remainingCents }
                            && stream.spentCents == mine.reduce(0) { $0 + $1.spentCents })
                    #expect(stream.totalCents >= stream.committedCents + stream.spentCents)
                }
                // Offers with a result-based contract are paid by it: results achieved and missed, the start
                // part kept on a miss, the result part only on a result.
                let contracted = Dictionary(
                    uniqueKeysWithValues: try await Intervention.query(on: w.app.db).all().compactMap { i in
                        i.contract.map { (i.id!, ($0, i.priceCents)) }
                    })
                let settled = commitments.filter { contracted[$0.interventionID] != nil && $0.result != nil }
                #expect(Set(settled.compactMap(\.result)).isSuperset(of: ["achieved", "missed"]))
                for c in settled {
                    let (contract, price) = contracted[c.interventionID]!
                    switch c.result {
                    case "achieved": #expect(c.spentCents == price && c.status == .closed)
                    case "missed": #expect(c.spentCents == contract.startCents(price) && c.status == .closed)
                    default: #expect(c.status == .open && c.resultDueOn != nil)
                    }
                }
                // The dashboard's statements written out for the sqlite3 client give the server's figures.
                if run == 0 {
                    let sql = w.app.db as! any SQLDatabase
                    let set = w.app.policyStore.indicators
                    let text = IndicatorService.dashboardSQL(set, year: today.year, today: today, on: sql)
                    let (_, rows) = try await IndicatorService.dashboard(
                        set, year: today.year, today: today, on: w.app.db)
                    let served = rows.joined().filter {
                        IndicatorService.query(
                            $0.indicator.computation, year: $0.year, today: today, ladder: set.ladder) != nil
                    }
                    #expect(
                        text.count == served.count + 1 && !text.joined().contains("?") && !text.joined().contains("$1"))
                    for (statement, row) in zip(text.dropFirst(), served) {
                        let n = try await sql.raw(SQLQueryString(String(statement.dropLast()))).all().reduce(0) {
                            $0 + ((try? $1.decode(column: "n", as: Int?.self)) ?? 0 ?? 0)
                        }
                        let perDistrict = row.districts.values.reduce(0) { $0 + $1.numerator }
                        #expect(
                            Double(n) == perDistrict || Double(n) == row.city?.numerator,
                            "\(row.indicator.id) \(row.year)")
                    }
                }
                // Into a database that already has residents it refuses, saying why.
                await #expect(throws: CityGenerator.Failure.self) {
                    _ = try await CityGenerator.generate(w.app, persons: 10, seed: 1)
                }
            }
        }
    }

    @Test func thePlantedEffectsShowInTheOutcomes() async throws {
        try await TestWorld.with { w in
            _ = try await CityGenerator.generate(w.app, persons: 4000, seed: 3)
            let rows = try await (w.app.db as! any SQLDatabase).raw(
                """
                SELECT i.type AS t, COUNT(*) AS n, CAST(SUM(CASE WHEN r.outcome = 'exitToWork' THEN 1 ELSE 0 END) AS BIGINT) AS work
                FROM referrals r JOIN interventions i ON i.id = r.intervention_id WHERE r.outcome IS NOT NULL AND r.goal <> 'Naast de taal: meedoen' GROUP BY i.type
                """
            ).all()
            var checked = 0
            for row in rows {
                let type = try #require(InterventionType(rawValue: try row.decode(column: "t", as: String.self)))
                let n = Double(try row.decode(column: "n", as: Int.self))
                let work = Double(try row.decode(column: "work", as: Int.self))
                guard n >= 80, let effect = CityGenerator.trueEffects[type] else { continue }
                // Within four standard errors of the planted rate.
                let se = (effect.exitToWork * (1 - effect.exitToWork) / n).squareRoot()
                #expect(
                    abs(work / n - effect.exitToWork) <= max(0.03, 4 * se),
                    "\(type): \(work / n) vs \(effect.exitToWork) (n \(Int(n)))")
                checked += 1
            }
            #expect(checked >= 4)
        }
    }

    @Test func whatWorksFindsThePlantedEffectsPerIntervention() async throws {
        try await TestWorld.with { w in
            _ = try await CityGenerator.generate(w.app, persons: 4000, seed: 11)
            let today = Clock.today()
            let lines = try await EffectivenessService.lines(
                from: today.adding(months: -36).iso, to: today.iso,
                assumptions: w.app.policyStore.indicators.effectiveness, in: UseCaseContext(app: w.app))
            // Per kind: the exit rate near the planted chance, and the planted ZRM gain inside (or near) the 95% interval.
            var checked = 0
            for type in Set(lines.map(\.type)) {
                guard let effect = CityGenerator.trueEffects[type] else { continue }
                let mine = lines.filter { $0.type == type && $0.summary.ended >= 60 }
                for l in mine {
                    let s = l.summary
                    let se = (effect.exitToWork * (1 - effect.exitToWork) / Double(s.ended)).squareRoot()
                    // Dual side enrolments all end as completed: only compare kinds that are never a side enrolment.
                    if ![.volunteerPlace, .workWithRetainedBenefit, .internshipPlace].contains(type) {
                        #expect(
                            abs((s.exitRate ?? 0) - effect.exitToWork) <= max(0.04, 4 * se),
                            "\(l.name): \(s.exitRate ?? 0) vs \(effect.exitToWork)")
                    }
                    if let z = s.zrm, z.n >= 40,
                        ![.volunteerPlace, .workWithRetainedBenefit, .internshipPlace].contains(type)
                    {
                        // The planted gain is scaled down for drop-outs: expected = gain × (1 − 0.7 × dropOut).
                        let expected = effect.zrmGain * (1 - 0.7 * effect.dropOut)
                        #expect(abs(z.mean - expected) < 0.15, "\(l.name): ZRM \(z.mean) vs \(expected)")
                    }
                    checked += 1
                }
            }
            #expect(checked >= 5)
            // Client experience: answered for about four in ten ended enrolments, on a 1-5 scale.
            let rated = lines.compactMap(\.summary.experience).filter { $0.n >= 20 }
            #expect(
                !rated.isEmpty
                    && rated.allSatisfy { (2...5).contains($0.mean) && $0.low < $0.mean && $0.mean < $0.high })
            // The page: analysts see it, suppression applies, CSV for Excel.
            let analyst = try await FrontDoorTests().session(w, "analist")
            let page = try await PagesTests().get(w, "/monitor/wat-werkt", cookie: analyst)
            #expect(
                page.status == .ok && page.body.string.contains("Toeleiding naar werk")
                    && page.body.string.contains("95%"))
            let csv = try await PagesTests().get(w, "/monitor/wat-werkt?formaat=csv", cookie: analyst)
            #expect(csv.body.string.hasPrefix("\u{FEFF}aanbod;soort;aanbieder;trajecten"))
        }
    }
}
