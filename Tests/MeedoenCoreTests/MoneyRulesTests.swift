import Foundation
import MeedoenCore
import MeedoenPolicies
import Testing

@Suite("Money rules: commitments, incentives, vouchers, enforcement") struct MoneyRulesTests {
    static let money: MoneyPolicy = {
        let url = PolicyFiles.files(in: "money")[0]
        return try! MoneyPolicy.load(try! Data(contentsOf: url), file: url.lastPathComponent)
    }()
    let d = { (s: String) in CalendarDate(iso: s)! }

    @Test func theShippedMoneyPolicyLoadsAndBadFilesNameTheirEntry() throws {
        #expect(Self.money.participantAllowanceCapCents == 125_000)
        #expect(Self.money.streams.map(\.code) == ["werkdeel", "WEB", "WI", "wmo"])
        var json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: PolicyFiles.files(in: "money")[0]))
            as! [String: Any]
        json["minimumWageHourlyCents"] = 5
        #expect(throws: PolicyError.self) {
            try MoneyPolicy.load(try JSONSerialization.data(withJSONObject: json), file: "x.json")
        }
        do { _ = try MoneyPolicy.load(try JSONSerialization.data(withJSONObject: json), file: "x.json") } catch {
            #expect((error as? PolicyError)?.entry == "minimumWageHourlyCents")
        }
        json["minimumWageHourlyCents"] = 1440
        var rules = json["sanctions"] as! [[String: Any]]
        rules[0]["steps"] = [["percent": 120, "months": 1]]
        json["sanctions"] = rules
        do {
            _ = try MoneyPolicy.load(try JSONSerialization.data(withJSONObject: json), file: "x.json")
            Issue.record("accepted 120%")
        } catch { #expect((error as? PolicyError)?.entry == "sanctions.agreementMissed.steps[0]") }
    }

    @Test func beforeAStartEverythingGoesBackAfterItProRata() {
        let none = Commitments.release(
            amountCents: 300_000, spentCents: 0, releasedCents: 0, start: nil, plannedEnd: nil, end: d("2026-11-27"))
        #expect(none.keptCents == 0 && none.releasedCents == 300_000)
        // 100 of 200 days: half stays.
        let half = Commitments.release(
            amountCents: 300_000, spentCents: 0, releasedCents: 0, start: d("2026-01-01"), plannedEnd: d("2026-07-20"),
            end: d("2026-04-11"))
        #expect(half.keptCents == 150_000 && half.releasedCents == 150_000)
        // More already spent than the pro-rata share: what was spent stays.
        let spent = Commitments.release(
            amountCents: 300_000, spentCents: 200_000, releasedCents: 0, start: d("2026-01-01"),
            plannedEnd: d("2026-07-20"), end: d("2026-04-11"))
        #expect(spent.keptCents == 200_000 && spent.releasedCents == 100_000)
        // Ended at or after the planned end: nothing goes back. One day of three: rounded up, never more than the price.
        #expect(
            Commitments.release(
                amountCents: 300_000, spentCents: 0, releasedCents: 0, start: d("2026-01-01"),
                plannedEnd: d("2026-07-20"), end: d("2026-09-01")
            ).releasedCents == 0)
        let third = Commitments.release(
            amountCents: 100, spentCents: 0, releasedCents: 0, start: d("2026-01-01"), plannedEnd: d("2026-01-04"),
            end: d("2026-01-02"))
        #expect(third.keptCents == 34 && third.releasedCents == 66)
        #expect(third.reason.text.nl.contains("1 van 3 dagen"))
    }

    func context(
        _ status: String, outcome: String? = nil, type: InterventionType = .volunteerPlace,
        earlier: [IncentiveKind: Cents] = [:], count: [IncentiveKind: Int] = [:]
    ) -> Incentives.Context {
        Incentives.Context(
            status: status, outcome: outcome, interventionType: type, earlier: earlier, earlierCount: count)
    }

    /// A single resident on a benefit, working in November 2026 (norms of 1 January 2024 in force).
    static let single = Incentives.Income(
        household: .single, month: CalendarDate(year: 2026, month: 11, day: 1)!, age: 40)

    @Test func aPerformanceAllowanceAtOrAboveMinimumWageIsRefusedWithAReason() {
        let atWage = Incentives.decide(
            .performanceAllowance, amountCents: 14_400, hours: 10, context: context("started"), policy: Self.money,
            income: Self.single)
        #expect(!atWage.payable)
        #expect(atWage.field == "amountCents")
        #expect(atWage.reasons[0].code == "incentive.minimumWage")
        #expect(atWage.reasons[0].text.nl.contains("€14,40 per uur"))
        #expect(
            Incentives.decide(
                .performanceAllowance, amountCents: 14_399, hours: 10, context: context("started"), policy: Self.money,
                income: Self.single
            ).payable)
        // Only on a participation place, only once it has started, and with hours.
        #expect(
            Incentives.decide(
                .performanceAllowance, amountCents: 100, hours: 10, context: context("started", type: .languageCourse),
                policy: Self.money, income: Self.single
            ).reasons[0].code == "incentive.notAPlace")
        #expect(
            !Incentives.decide(
                .performanceAllowance, amountCents: 100, hours: 10, context: context("offered"), policy: Self.money,
                income: Self.single
            ).payable)
        #expect(
            Incentives.decide(
                .performanceAllowance, amountCents: 100, hours: nil, context: context("started"), policy: Self.money,
                income: Self.single
            ).field == "hours")
    }

    /// 004 §4.4: working on a participation place with a benefit may be rewarded, "zonder dat mensen qua
    /// inkomensniveau het minimumloon naderen".
    @Test func benefitPlusPerformanceAllowanceStaysBelowTheMinimumWage() {
        func decide(_ amount: Cents, _ income: Incentives.Income?) -> Incentives.Decision {
            Incentives.decide(
                .performanceAllowance, amountCents: amount, hours: 80, context: context("started"), policy: Self.money,
                income: income)
        }
        // A single person: norm € 1.283,83, net minimum wage € 1.834,04 — room for € 550,20 a month.
        let norms = IncomeNorms.inForce(Self.money.incomeNorms, on: CalendarDate(year: 2026, month: 11, day: 1)!)!
        #expect(norms.benefit(.single) == 128_383 && norms.netMinimumWageMonthlyCents == 183_404)
        let justBelow = decide(55_020, Self.single)
        #expect(justBelow.payable)
        #expect(justBelow.reasons.map(\.code) == ["incentive.performance", "incentive.income"])
        #expect(
            justBelow.reasons[1].text.nl.contains("€1.283,83 (alleenstaande) plus prestatievergoeding €550,20")
                && justBelow.reasons[1].text.nl.contains("1 januari 2024"))
        let atWage = decide(55_021, Self.single)
        #expect(!atWage.payable && atWage.field == "amountCents" && atWage.reasons[0].code == "incentive.income")
        // What was granted for the month already counts, over all enrolments.
        var later = Self.single
        later.earlierThisMonth = 50_000
        let over = decide(10_000, later)
        #expect(!over.payable && over.reasons[0].text.nl.contains("In november 2026 kan nog €50,20."))
        #expect(decide(5_020, later).payable)
        // A couple's norm is the net minimum wage itself: no allowance can stay below it.
        var couple = Self.single
        couple.household = .couple
        let forCouple = decide(100, couple)
        #expect(!forCouple.payable && forCouple.reasons[0].text.nl.contains("al het netto minimumloon"))
        // Without the household, the month or a norm for that month, or under 21: not decided, the field named.
        #expect(decide(100, nil).field == "householdType")
        #expect(decide(100, .init(household: .single, month: nil, age: 40)).field == "period")
        #expect(
            decide(100, .init(household: .single, month: CalendarDate(year: 2023, month: 12, day: 1)!, age: 40))
                .reasons[
                    0
                ].code == "incentive.noNorms")
        #expect(
            decide(100, .init(household: .single, month: Self.single.month, age: 20)).reasons[0].code
                == "incentive.young")
    }

    @Test func incomeNormsAreValidatedAndTheLatestInForceApplies() throws {
        var m = Self.money
        m.incomeNorms.append(
            .init(
                from: "2026-07-01", netMinimumWageMonthlyCents: 200_000,
                benefitMonthlyCents: ["single": 140_000, "singleParent": 140_000, "couple": 200_000], source: "test"))
        try m.validate(file: "x")
        #expect(
            IncomeNorms.inForce(m.incomeNorms, on: CalendarDate(year: 2026, month: 6, day: 30)!)?.from == "2024-01-01")
        #expect(
            IncomeNorms.inForce(m.incomeNorms, on: CalendarDate(year: 2026, month: 7, day: 1)!)?.from == "2026-07-01")
        var bad = m
        bad.incomeNorms[1].from = "2023-01-01"
        #expect(throws: PolicyError.self) { try bad.validate(file: "x") }
        bad = m
        bad.incomeNorms[1].benefitMonthlyCents["couple"] = nil
        if case .failure(let e) = Result(catching: { () throws(PolicyError) in try bad.validate(file: "x") }) {
            #expect(e.entry == "incomeNorms[1].benefitMonthlyCents.couple")
        } else {
            Issue.record("accepted")
        }
        bad = m
        bad.incomeNorms[1].benefitMonthlyCents["single"] = 250_000
        #expect(throws: PolicyError.self) { try bad.validate(file: "x") }
    }

    @Test func bonusesOnceAllowancesWithinTheCap() {
        #expect(
            !Incentives.decide(
                .outflowBonus, amountCents: nil, hours: nil, context: context("ended", outcome: "completed"),
                policy: Self.money
            ).payable)
        let bonus = Incentives.decide(
            .outflowBonus, amountCents: 5, hours: nil, context: context("ended", outcome: "exitToWork"),
            policy: Self.money)
        #expect(bonus.payable && bonus.amountCents == Self.money.outflowBonusCents)  // the policy sets the amount
        #expect(
            !Incentives.decide(
                .outflowBonus, amountCents: nil, hours: nil,
                context: context("ended", outcome: "exitToWork", count: [.outflowBonus: 1]), policy: Self.money
            ).payable)
        #expect(
            !Incentives.decide(
                .activationPremium, amountCents: nil, hours: nil, context: context("ended", outcome: "dropOut"),
                policy: Self.money
            ).payable)
        #expect(
            Incentives.decide(
                .participantAllowance, amountCents: 25_000, hours: nil,
                context: context("started", earlier: [.participantAllowance: 100_000]), policy: Self.money
            ).payable)
        let over = Incentives.decide(
            .participantAllowance, amountCents: 25_001, hours: nil,
            context: context("started", earlier: [.participantAllowance: 100_000]), policy: Self.money)
        #expect(!over.payable && over.reasons[0].text.nl.contains("nog mogelijk €250,00"))
    }

    @Test func vouchersExpireFirstInFirstOut() {
        #expect(Vouchers.earned(hours: 3, policy: Self.money) == 1_500)
        #expect(Vouchers.expiring(earnedUpToYearEnd: 2_500, debitedSoFar: 1_000, balance: 2_500) == 1_500)
        #expect(Vouchers.expiring(earnedUpToYearEnd: 2_500, debitedSoFar: 3_000, balance: 500) == 0)
        #expect(Vouchers.expiring(earnedUpToYearEnd: 2_500, debitedSoFar: 0, balance: 1_000) == 1_000)
    }

    @Test func aSanctionNeedsMunicipalBenefitAHearingAlternativesAndASecondPerson() throws {
        let policy = Fixtures.policy
        #expect(Enforcement.Relation.of(.participatiewet, policy: policy) == .municipalBenefit)
        #expect(Enforcement.Relation.of(.ww, policy: policy) == .otherBenefit)
        #expect(Enforcement.Relation.of(.none, policy: policy) == .noBenefit)
        #expect(
            try Enforcement.open(
                agreementStatus: "open", dueOn: d("2026-11-01"), today: d("2026-11-27"), relation: .municipalBenefit)
                == .reminded)
        #expect(
            try Enforcement.open(
                agreementStatus: "open", dueOn: d("2026-11-01"), today: d("2026-11-27"), relation: .noBenefit)
                == .invited)
        #expect(throws: Enforcement.Refusal.self) {
            try Enforcement.open(
                agreementStatus: "open", dueOn: d("2026-12-01"), today: d("2026-11-27"), relation: .municipalBenefit)
        }
        let alternatives = ["Afspraak verzet naar de ochtend", "Schuldhulp ingeschakeld via het wijkteam"]
        func propose(_ status: Enforcement.Status, _ relation: Enforcement.Relation, _ alts: [String], earlier: Int = 0)
            throws(Enforcement.Refusal) -> Enforcement.Proposal
        {
            try Enforcement.propose(
                status: status, relation: relation, alternatives: alts, violation: "agreementMissed",
                earlierSanctions: earlier, policy: Self.money)
        }
        do {
            _ = try propose(.heard, .municipalBenefit, [])
            Issue.record("proposed without alternatives")
        } catch { #expect(error.field == "alternatives") }
        do {
            _ = try propose(.heard, .municipalBenefit, ["kort"])
            Issue.record("proposed with a too short alternative")
        } catch { #expect(error.field == "alternatives") }
        do {
            _ = try propose(.reminded, .municipalBenefit, alternatives)
            Issue.record("proposed before the hearing")
        } catch { #expect(error.field == "status") }
        do {
            _ = try propose(.heard, .noBenefit, alternatives)
            Issue.record("proposed without municipal benefit")
        } catch { #expect(error.field == "relation") }
        let first = try propose(.heard, .municipalBenefit, alternatives)
        #expect(first.percent == 10 && first.months == 1 && first.occurrence == 1)
        let third = try propose(.heard, .municipalBenefit, alternatives, earlier: 5)
        #expect(third.percent == 40 && third.months == 3)  // the last step of the table
        let me = UUID()
        do {
            _ = try Enforcement.decide(status: .proposed, proposerID: me, deciderID: me)
            Issue.record("proposer decided")
        } catch { #expect(error.reason.code == "enforcement.fourEyes") }
        #expect(try Enforcement.decide(status: .proposed, proposerID: me, deciderID: UUID()) == .decided)
        let letter = Enforcement.notification(
            givenName: "Fatima", agreement: "twee sollicitaties per week", approved: true, percent: 10, months: 1,
            decidedOn: d("2026-11-27"),
            sender: .init(
                municipality: "Gemeente Amsterdam", signedBy: "Tom Teamleider",
                objections: "Gemeente Amsterdam, Bezwaar en beroep, Postbus 202, 1000 AE Amsterdam"))
        #expect(letter.nl.contains("10%") && letter.nl.contains("bezwaar"))
        // The letter says who sends it, when, in words; where to object; and the months in the singular.
        #expect(letter.nl.hasPrefix("Gemeente Amsterdam\n27 november 2026\n"))
        #expect(letter.nl.contains("1 maand met 10%") && !letter.nl.contains("maand(en)"))
        #expect(letter.nl.contains("Stuur uw bezwaar naar: Gemeente Amsterdam, Bezwaar en beroep, Postbus 202"))
        #expect(letter.nl.hasSuffix("Tom Teamleider\nnamens Gemeente Amsterdam") && !letter.nl.contains("2026-11-27"))
        #expect(letter.en.contains("for 1 month,") && letter.en.contains("27 November 2026"))
    }
}

/// [4/7] Sanctions weighed (000 §2.1.3: the person's situation is weighed in the severity).
@Suite("Weighing a sanction") struct SanctionWeighingTests {
    @Test func theDeciderMayLowerTheTablesMeasureWithAReasonButNeverRaiseIt() throws {
        let asTable = try Enforcement.weigh(
            tablePercent: 20, tableMonths: 2, percent: nil, months: nil, reason: nil, urgentReasons: .absent,
            urgentNote: nil)
        #expect(asTable.percent == 20 && asTable.months == 2 && !asTable.lowered && asTable.reason == nil)
        let lowered = try Enforcement.weigh(
            tablePercent: 20, tableMonths: 2, percent: 10, months: 1, reason: "Mantelzorg voor haar moeder",
            urgentReasons: .present, urgentNote: "Dreigende huisuitzetting bij een lagere uitkering")
        #expect(lowered.lowered && lowered.reason == "Mantelzorg voor haar moeder.")
        #expect(lowered.urgentNote == "Dreigende huisuitzetting bij een lagere uitkering.")
        #expect(throws: Enforcement.Refusals.self) {
            try Enforcement.weigh(
                tablePercent: 20, tableMonths: 2, percent: 30, months: 2, reason: "Heel ernstig geval",
                urgentReasons: .absent, urgentNote: nil)
        }
        do {
            _ = try Enforcement.weigh(
                tablePercent: 20, tableMonths: 2, percent: 10, months: 3, reason: nil, urgentReasons: nil,
                urgentNote: nil)
            Issue.record("a raised duration, a missing reason and no assessment are refused")
        } catch {
            #expect(Set(error.all.map(\.field)) == ["months", "weighingReason", "urgentReasons"])
        }
    }

    @Test func theLetterStatesTheWeighingAndTheRightToObject() throws {
        let w = try Enforcement.weigh(
            tablePercent: 20, tableMonths: 2, percent: 10, months: 2, reason: "U zorgt voor uw moeder",
            urgentReasons: .absent, urgentNote: nil)
        let letter = Enforcement.notification(
            givenName: "Fatima", agreement: "sollicitatietraining volgen", approved: true, percent: 10, months: 2,
            decidedOn: CalendarDate(year: 2026, month: 12, day: 3)!,
            sender: .init(
                municipality: "Gemeente Amsterdam", signedBy: "T. Leider", objections: "Postbus 1, Amsterdam"),
            weighing: w
        ).nl
        #expect(
            letter.contains(
                "verlaging van 20% gedurende 2 maanden. We hebben uw situatie meegewogen: U zorgt voor uw moeder. Daarom is de verlaging lager."
            ))
        #expect(letter.contains("dringende redenen") && letter.contains("Die hebben we niet gevonden."))
        #expect(letter.contains("binnen zes weken") && letter.contains("Postbus 1, Amsterdam"))
    }
}
