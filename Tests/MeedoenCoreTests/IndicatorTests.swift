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

    /// The KPI tables of the source documents, as written there (000: hoofddoelstellingen 2011-2014,
    /// §2.1.2 and §2.1.4; 003: the results table of project 3). A line per figure: year, value.
    static let kpi000 = """
        Het aantal mensen dat uitstroomt naar werk in een jaar:
        Nulmeting en peildatum (2009):	2.513
        2011:	3.500
        2012:	4.000
        2013:	4.000
        2014:	4.200
        Het aantal mensen dat een taal- of inburgeringscursus start:
        Nulmeting en peildatum (1 ^e half jaar 2010):	3.441
        2011:	6.200
        2012:	6.200
        2013:	6.200
        2014:	6.200
        De doelstelling hierbij is dat 80% een duaal WI-traject zal volgen en dat van diegenen die deelnemen aan het examen 60% slaagt.
        """
    static let kpi003 = """
        	2015	2016	2017	2018
        Percentage Amsterdammers met een bijstandsuitkering en een afstand tot de arbeidsmarkt (trede 2) met een zinvolle dagbesteding	38%	42%	46%	50%
        10% doorstroom van trede 1-klienten naar een hogere trede of naar werk	10%	10%	10%	10%
        10% doorstroom van trede 2-klienten naar een hogere trede of naar werk	10%	10%	10%	10%
        90-100% klienten met een risicoprofiel (meervoudige problematiek) wordt doorverwezen naar zorginfrastructuur	90-100%	90-100%	90-100%	90-100%
        """

    /// Dutch thousands ("4.200") and percentages ("38%", the lower bound of "90-100%").
    static func number(_ s: Substring) -> Double? {
        let head = s.split(separator: "-").first.map(String.init) ?? String(s)
        return Double(head.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: "%", with: ""))
    }

    /// The rows of a tab-separated table under its header of years: row text → [year: value].
    static func table(_ text: String) -> [String: [Int: Double]] {
        let lines = text.split(separator: "\n")
        let years = lines[0].split(separator: "\t").compactMap { Int($0) }
        var out: [String: [Int: Double]] = [:]
        for line in lines.dropFirst() {
            let cells = line.split(separator: "\t")
            out[String(cells[0])] = Dictionary(uniqueKeysWithValues: zip(years, cells.dropFirst().compactMap(number)))
        }
        return out
    }

    /// Reads the figures of 000 (year: value lines after a heading; "Nulmeting" is the baseline).
    static func series(_ text: String, after heading: String) -> (baseline: (Int, Double)?, targets: [Int: Double]) {
        var lines = text.split(separator: "\n").drop { !$0.hasPrefix(heading) }.dropFirst()
        var baseline: (Int, Double)?
        var targets: [Int: Double] = [:]
        while let line = lines.first, line.contains(":\t") {
            lines = lines.dropFirst()
            let parts = line.split(separator: "\t")
            let value = number(parts[1])!
            if line.hasPrefix("Nulmeting") {
                baseline = (Int(line.firstMatch(of: /(20\d\d)/)!.1)!, value)
            } else {
                targets[Int(parts[0].dropLast())!] = value
            }
        }
        return (baseline, targets)
    }

    @Test func everyIndicatorsSourceMatchesTheKPITablesOf000And003() throws {
        let set = try shipped()
        let t003 = Self.table(Self.kpi003)
        func targets(_ i: Indicator) -> [Int: Double] {
            Dictionary(uniqueKeysWithValues: i.targets.map { ($0.year, $0.value) })
        }
        // 000: the two series, their baselines shown as baselines (never as a target).
        for (id, heading) in [
            ("uitstroom-werk", "Het aantal mensen dat uitstroomt naar werk"),
            ("taal-starts", "Het aantal mensen dat een taal- of inburgeringscursus start"),
        ] {
            let i = try #require(set.indicator(id))
            let s = Self.series(Self.kpi000, after: heading)
            #expect(i.source?.document == "000", "\(id)")
            #expect(targets(i) == s.targets, "\(id)")
            #expect(i.baseline?.year == s.baseline?.0 && i.baseline?.value == s.baseline?.1, "\(id)")
            #expect(i.target(for: s.baseline!.0) == nil, "\(id): the baseline is not a target")
        }
        #expect(set.indicator("taal-starts")?.baseline?.period?.nl == "eerste half jaar 2010")
        // 000's percentages: 80% dual, 60% of those who sit the exam.
        #expect(Self.kpi000.contains("80% een duaal") && set.indicator("taal-duaal")?.targets.map(\.value) == [80])
        #expect(
            Self.kpi000.contains("examen 60% slaagt") && set.indicator("taal-geslaagd")?.targets.map(\.value) == [60])
        #expect(set.indicator("taal-duaal")?.source?.document == "000")
        #expect(set.indicator("taal-geslaagd")?.source?.document == "000")
        // 003: the results table, year by year (the target of "90-100%" is its lower bound).
        for (id, row) in [
            ("trede2-dagbesteding", "Percentage Amsterdammers met een bijstandsuitkering"),
            ("doorstroom-trede1", "10% doorstroom van trede 1-klienten"),
            ("doorstroom-trede2", "10% doorstroom van trede 2-klienten"),
            ("risico-zorg", "90-100% klienten met een risicoprofiel"),
        ] {
            let i = try #require(set.indicator(id))
            let expected = try #require(t003.first { $0.key.hasPrefix(row) }?.value)
            #expect(i.source?.document == "003", "\(id)")
            #expect(targets(i) == expected, "\(id): \(targets(i)) against \(expected)")
        }
        // Every other target says it is the municipality's own choice, not a source's.
        let fromSources: Set<String> = [
            "uitstroom-werk", "taal-starts", "taal-duaal", "taal-geslaagd", "trede2-dagbesteding", "doorstroom-trede1",
            "doorstroom-trede2", "risico-zorg",
        ]
        for i in set.indicators where !i.targets.isEmpty && !fromSources.contains(i.id) {
            #expect(i.source?.isOwn == true, "\(i.id)")
        }
        // The quotes are the documents' words.
        for i in set.indicators where i.source?.document == "003" {
            #expect(i.source?.quote.map { q in t003.keys.contains { q.hasPrefix($0) } } == true, "\(i.id)")
        }
    }

    /// When the source documents sit beside the repository (`../shared/reference`, as on the
    /// development machines and in CI), the tables above are checked against their text.
    @Test func theKPITablesAreQuotedFromTheDocuments() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/reference")
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: root.path) else { return }
        func text(_ prefix: String) throws -> String {
            let name = try #require(files.first { $0.hasPrefix(prefix) })
            return try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
        }
        let doc000 = try text("000_")
        let doc003 = try text("003_")
        for line in Self.kpi000.split(separator: "\n") { #expect(doc000.contains(line), "000: \(line)") }
        for line in Self.kpi003.split(separator: "\n") { #expect(doc003.contains(line), "003: \(line)") }
    }

    @Test func aBaselineIsNoTargetAndATargetNamesItsSource() throws {
        var set = try shipped()
        set.indicators[0].targets.append(.init(year: 2009, value: 2513))
        if case .failure(let e) = Result(catching: { () throws(PolicyError) in try set.validate(file: "x") }) {
            #expect(e.entry == "indicators.uitstroom-werk.baseline")
        } else {
            Issue.record("accepted")
        }
        set = try shipped()
        set.indicators[0].source = nil
        if case .failure(let e) = Result(catching: { () throws(PolicyError) in try set.validate(file: "x") }) {
            #expect(e.entry == "indicators.uitstroom-werk.source")
        } else {
            Issue.record("accepted")
        }
        set = try shipped()
        set.indicators[0].source?.document = "999"
        #expect(throws: PolicyError.self) { try set.validate(file: "x") }
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
        // Per area beside a city figure: one small area takes the smallest other with it.
        let city = Measured(numerator: 60, denominator: 200)
        let areas = Suppression.areas(
            [
                "A": Measured(numerator: 3, denominator: 20), "B": Measured(numerator: 30, denominator: 90),
                "C": Measured(numerator: 27, denominator: 60), "D": Measured(numerator: 0, denominator: 0),
            ], city: city)
        #expect(areas.filter { Suppression.suppressed($0.value) }.keys.sorted() == ["A", "C"])
        #expect(areas["C"]!.withheld == true && areas["A"]!.withheld == nil)
        let two = Suppression.areas(
            ["A": Measured(numerator: 3), "B": Measured(numerator: 2), "C": Measured(numerator: 40)],
            city: Measured(numerator: 45))
        #expect(two["C"]!.withheld == nil, "two small areas cannot be told apart from the total")
        #expect(
            Suppression.areas(
                ["A": Measured(numerator: 3), "B": Measured(numerator: 9)], city: Measured(numerator: 12))["B"]!
                .withheld == true)
        #expect(
            Suppression.areas(
                ["A": Measured(numerator: 3), "B": Measured(numerator: 9)], city: Measured(numerator: 2))[
                    "B"]!.withheld == nil, "a hidden city total gives nothing away")
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
