import Foundation
import MeedoenCore
import MeedoenPolicies
import Testing

@Suite("Indicators and suppression") struct IndicatorTests {
    func shipped() throws -> IndicatorSet {
        let url = try #require(PolicyFiles.files(in: "indicators").first)
        return try IndicatorSet.load(Data(contentsOf: url), file: url.lastPathComponent)
    }

    @Test func theShippedIndicatorsCarryTheSourceTargets() throws {
        let set = try shipped()
        let outflow = try #require(set.indicator("uitstroom-werk"))
        #expect(outflow.target(for: 2011)?.value == 3500 && outflow.target(for: 2014)?.value == 4200)
        // A target holds until replaced: 2026 still has 2014's 4,200; before the first target there is none.
        #expect(outflow.target(for: 2026)?.value == 4200 && outflow.target(for: 2026)?.year == 2014)
        #expect(outflow.target(for: 2005) == nil)
        #expect(set.indicator("taal-starts")?.target(for: 2026)?.value == 6200)
        #expect(
            set.indicator("taal-duaal")?.target(for: 2026)?.value == 80
                && set.indicator("taal-geslaagd")?.target(for: 2026)?.value == 60)
        #expect(
            set.indicator("trede2-dagbesteding")?.target(for: 2015)?.value == 38
                && set.indicator("trede2-dagbesteding")?.target(for: 2018)?.value == 50)
        #expect(
            set.indicator("doorstroom-trede1")?.target(for: 2026)?.value == 10
                && set.indicator("doorstroom-trede2")?.target(for: 2026)?.value == 10)
        #expect(set.indicator("risico-zorg")?.target(for: 2026)?.value == 90)
        #expect(set.indicators.allSatisfy { !$0.owner.label.nl.isEmpty })
    }

    @Test func aBrokenIndicatorFileNamesTheEntry() throws {
        var set = try shipped()
        set.indicators[0].targets.append(.init(year: 2011, value: 1))
        if case .failure(let e) = Result(catching: { () throws(PolicyError) in try set.validate(file: "x") }) {
            #expect(e.entry == "indicators.uitstroom-werk.targets")
        } else {
            Issue.record("accepted")
        }
        set = try shipped()
        set.indicators[2].unit = .count  // a share computation in a count unit
        if case .failure(let e) = Result(catching: { () throws(PolicyError) in try set.validate(file: "x") }) {
            #expect(e.entry == "indicators.taal-duaal.unit")
        } else {
            Issue.record("accepted")
        }
        set = try shipped()
        set.indicators[2].targets = [.init(year: 2020, value: 120)]
        if case .failure(let e) = Result(catching: { () throws(PolicyError) in try set.validate(file: "x") }) {
            #expect(e.message.contains("at most 100"))
        } else {
            Issue.record("accepted")
        }
    }

    @Test func targetAgainstActualIsJudgedInWordsAndProRataDuringTheYear() throws {
        let set = try shipped()
        let outflow = try #require(set.indicator("uitstroom-werk"))
        let share = try #require(set.indicator("taal-duaal"))
        // Half-way through the year 2,100 of 4,200 is on track; a district with a quarter of the clients owns a quarter.
        let (s1, r1, e1) = TargetStatus.evaluate(outflow, actual: 2100, year: 2026, yearFraction: 0.5)
        #expect(s1 == .met && e1 == 2100 && r1.text.nl.contains("naar rato") && r1.text.nl.contains("doel van 2014"))
        #expect(TargetStatus.evaluate(outflow, actual: 900, year: 2026, yearFraction: 1, share: 0.25).0 == .behind)
        #expect(TargetStatus.evaluate(outflow, actual: 1000, year: 2026, yearFraction: 1, share: 0.25).2 == 1050)
        #expect(TargetStatus.evaluate(outflow, actual: 960, year: 2026, yearFraction: 1, share: 0.25).0 == .close)
        // A value too small to show is "unknown", but the district's part of the target is still known.
        let (unknown, _, part) = TargetStatus.evaluate(outflow, actual: nil, year: 2026, yearFraction: 1, share: 0.25)
        #expect(unknown == .unknown && part == 1050)
        // Percentages are not pro rata and not split over districts.
        #expect(TargetStatus.evaluate(share, actual: 81, year: 2026, yearFraction: 0.1, share: 0.1).0 == .met)
        #expect(
            TargetStatus.evaluate(share, actual: 50, year: 2026, yearFraction: 1).1.text.nl
                == "50% tegen 80% (doel van 2011): achter (63%).")
        // Lower is better for waiting time.
        let wait = try #require(set.indicator("wachttijd"))
        #expect(TargetStatus.evaluate(wait, actual: 20, year: 2026, yearFraction: 1).0 == .met)
        #expect(TargetStatus.evaluate(wait, actual: 60, year: 2026, yearFraction: 1).0 == .behind)
        // An average is never split over districts: 28 days' waiting is 28 days in a district with a
        // seventh of the clients (it was 4, so every district was behind while the city was on target).
        let (districtWait, _, districtTarget) = TargetStatus.evaluate(
            wait, actual: 20, year: 2026, yearFraction: 1, share: 1.0 / 7)
        #expect(districtWait == .met && districtTarget == wait.target(for: 2026)?.value)
        #expect(TargetStatus.evaluate(outflow, actual: nil, year: 2026, yearFraction: 1).0 == .unknown)
        #expect(
            TargetStatus.evaluate(try #require(set.indicator("wachtlijst")), actual: 3, year: 2026, yearFraction: 1).0
                == .noTarget)
        #expect(
            TargetStatus.format(4200, .count) == "4.200" && TargetStatus.format(38.45, .percent) == "38,5%"
                && TargetStatus.format(50, .percent) == "50%")
    }

    @Test func smallCellsAreSuppressedAlsoWhenATotalWouldGiveThemAway() {
        #expect(Suppression.suppressed(Measured(numerator: 3)))
        #expect(!Suppression.suppressed(Measured(numerator: 0)) && !Suppression.suppressed(Measured(numerator: 5)))
        #expect(Suppression.suppressed(Measured(numerator: 2, denominator: 40)), "2 of 40 names two people")
        #expect(Suppression.suppressed(Measured(numerator: 10, denominator: 4)) == true)
        #expect(Suppression.suppressed(Measured(numerator: 3, mean: 12)), "a mean over 3 people")
        #expect(
            Measured(numerator: 20, denominator: 80).value == 25 && Measured(numerator: 0, denominator: 0).value == nil)
        // One small cell with a total shown: the next smallest goes too, so the small one cannot be derived.
        #expect(Suppression.row([12, 3, 40, 0, 7]) == [false, true, false, false, true])
        #expect(Suppression.row([12, 3, 40, 2, 7]) == [false, true, false, true, false])
        #expect(Suppression.row([12, 30, 40]) == [false, false, false])
    }
}

@Suite("What works") struct EffectivenessTests {
    @Test func aSummaryCountsOutcomesCostsAndTheInterval() throws {
        let assumptions = Effectiveness.Assumptions(monthlyBenefitCents: 130_000, monthsSavedPerExit: 12)
        let records: [Effectiveness.Record] = [
            .init(outcome: .exitToWork, zrmChange: 0.5, durationDays: 100, waitDays: 10, costCents: 300_000),
            .init(outcome: .stepUp, zrmChange: 0.3, durationDays: 120, waitDays: 20, costCents: 300_000),
            .init(outcome: .dropOut, zrmChange: -0.1, durationDays: 30, waitDays: 30, costCents: 100_000),
            .init(outcome: nil, waitDays: 40, costCents: 50_000),
        ]
        let s = Effectiveness.summarise(records, assumptions: assumptions)
        #expect(s.enrolments == 4 && s.ended == 3 && s.exitToWork == 1 && s.stepUp == 1 && s.dropOut == 1)
        #expect(
            abs(s.exitRate! - 1.0 / 3) < 1e-9 && s.meanWaitDays == 25 && abs(s.meanDurationDays! - 250.0 / 3) < 1e-9)
        #expect(s.costPerTrajectoryCents == 700_000 / 3 && s.costPerSuccessCents == 350_000)
        #expect(s.netBenefitCents == 12 * 130_000 - 750_000 && s.costKnown == 3)
        // An enrolment without a commitment has no known cost: it is left out of the cost figures
        // (it used to count as €0 and pulled the cost per trajectory down to almost nothing), and the
        // social return is not computed on half the costs.
        let partly = Effectiveness.summarise(
            records + [.init(outcome: .exitToWork, durationDays: 90, costCents: nil)], assumptions: assumptions)
        #expect(partly.costPerTrajectoryCents == 700_000 / 3 && partly.costKnown == 3)
        #expect(partly.costPerSuccessCents == 350_000 && partly.netBenefitCents == nil)
        // Mean 0.2333, sd 0.3055, n 3, t(2) = 4.303: half-width 0.759.
        let z = try #require(s.zrm)
        #expect(abs(z.mean - 0.7 / 3) < 1e-9 && abs((z.high - z.low) / 2 - 0.759) < 0.001 && z.n == 3)
        #expect(Effectiveness.interval([1]) == nil)
        // Large samples use 1.96.
        let many = (0..<200).map { Double($0 % 2) }
        let i = try #require(Effectiveness.interval(many))
        #expect(
            abs(
                (i.high - i.low) / 2 - 1.96 * (many.reduce(0) { $0 + ($1 - 0.5) * ($1 - 0.5) } / 199).squareRoot()
                    / 200.0.squareRoot()) < 1e-9)
    }
}

@Suite("Reading a residents file") struct PersonImportTests {
    @Test func eachLineIsReadOrExplained() {
        let h = PersonImport.header("bsn;voornaam;achternaam;geboortedatum;stadsdeel;uitkering")
        #expect(h.separator == ";" && h.problems.isEmpty)
        let today = CalendarDate(year: 2026, month: 11, day: 27)!
        // Excel dropped the leading zero of 012345672.
        guard
            case .success(let r) = PersonImport.parse(
                "12345672;Piet;Zwart;7-3-1970;t;Bijstand", line: 2, separator: ";", columns: h.columns,
                districts: ["T"], today: today)
        else {
            Issue.record("a good line refused")
            return
        }
        #expect(
            r.bsn == "012345672" && r.birthDate.iso == "1970-03-07" && r.districtCode == "T"
                && r.benefit == .participatiewet)
        guard
            case .failure(let list) = PersonImport.parse(
                "999999999;;Zwart;2020-01-01;Q", line: 3, separator: ";", columns: h.columns, districts: ["T"],
                today: today)
        else {
            Issue.record("a bad line accepted")
            return
        }
        let columns = Set(list.problems.map(\.column))
        #expect(columns.isSuperset(of: ["regel", "bsn", "voornaam", "geboortedatum", "stadsdeel", "uitkering"]))
        #expect(list.problems.first { $0.column == "geboortedatum" }?.reason.nl.contains("leeftijd 6") == true)
        #expect(PersonImport.split("a;\"b;c\";\"d \"\"e\"\"\"", ";") == ["a", "b;c", "d \"e\""])
    }
}
