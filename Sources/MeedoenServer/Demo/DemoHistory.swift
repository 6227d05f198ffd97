import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// Two years of finished enrolments for the demo's residents who have none yet, so that the monitor,
/// "what works" and the management report show figures for the demo as they would for a real city:
/// an intake on the municipality's ladder and a ZRM before, a referral with its wait, start, end and
/// outcome (drawn from the generated city's planted effects), a reassessment and a ZRM after, and for
/// some an answered questionnaire. Every enrolment has ended, so no place is held and this year's
/// money is not touched: the demo's places and budget scenarios stay exactly as `generateWork` and
/// `generateMoney` made them. What an enrolment of an earlier year cost is booked against that year's
/// stream (the price committed, spent pro rata to the days used and the rest released — or by the
/// offer's result-based contract, where a result part can still wait for its six-month check), so
/// that "what works" and the contracts weigh real costs. The history ends where the resident's
/// current rung begins.
extension DemoData {
    static func generateHistory(app: Application, rng: inout SeededRandom, userIDs: [String: UUID]) async throws {
        let today = Clock.today(now: app.time.now())
        let ladder = app.policyStore.indicators.ladder
        let sql = app.db as! any SQLDatabase
        // Who already has a referral, and everyone's current rung on the municipality's ladder.
        let busy = Set(
            try await sql.raw("SELECT DISTINCT person_id AS id FROM referrals").all().map {
                try $0.decode(column: "id", as: UUID.self)
            })
        var currentRung: [UUID: Int] = [:]
        for a in try await Assessment.query(on: app.db).filter(\.$kind == .rung).filter(\.$ladderID == ladder).all() {
            if let r = a.rung { currentRung[a.$person.id] = r }
        }
        let resident = try await User.query(on: app.db).filter(\.$username == "inwoner").first()?.personID
        let persons = try await Person.query(on: app.db).sort(\.$id).all().filter {
            !busy.contains($0.id!) && $0.id != resident && currentRung[$0.id!] != nil
        }
        let interventions = try await Intervention.query(on: app.db).filter(\.$active == true).all()
        var byType: [InterventionType: [Intervention]] = [:]
        for i in interventions { byType[i.interventionType, default: []].append(i) }
        let caseManagers: [String: UUID] = [
            "T": userIDs["klantmanager"]!, "E": userIDs["klantmanager-west"]!, "N": userIDs["tafelvoorzitter"]!,
        ]
        let epoch = CalendarDate(year: 1970, month: 1, day: 1)!.dayNumber
        func day(_ n: Int) -> String { CalendarDate(dayNumber: n).iso }

        var referrals: [Referral] = []
        var costed:
            [(
                referral: Referral, intervention: Intervention, start: Int, plannedEnd: Int, end: Int,
                outcome: EnrolmentOutcome
            )] = []
        var assessments: [Assessment] = []
        var feedback: [EnrolmentFeedback] = []
        var exits: [PersonExit] = []
        // Exams draw from their own sequence, so the rest of the history stays as it was.
        var side = SeededRandom(seed: 0x4558_414D)
        for p in persons where rng.int(100) < 70 {
            let cm = p.$caseManager.id ?? caseManagers[p.districtCode] ?? userIDs["klantmanager"]!
            let cmName = "Karin de Klantmanager"
            let now = currentRung[p.id!]!
            let civic = CivicIntegration(rawValue: p.civicIntegration) ?? .none
            // The outcome decides where the history starts, so that it ends at the current rung.
            let kinds = CityGenerator.kinds(forRung: now, civic: civic)
            let kind = kinds[rng.int(kinds.count)]
            // Only what the spending rules let the budget pay for this resident (no category then).
            let options = (byType[kind] ?? []).filter {
                app.policyStore.current.spendingDecision(
                    category: nil, benefit: BenefitKind(rawValue: p.benefit) ?? .none, stream: $0.fundingStream,
                    type: kind)?.allowed ?? true
            }
            guard !options.isEmpty else { continue }
            let effect =
                CityGenerator.trueEffects[kind] ?? .init(exitToWork: 0.1, stepUp: 0.2, dropOut: 0.15, zrmGain: 0.2)
            let u = Double(rng.int(10_000)) / 10_000
            let outcome = effect.outcome(u)
            let before = outcome == .stepUp ? max(1, now - 1) : outcome == .stepBack ? min(5, now + 1) : now
            let after = outcome == .exitToWork ? 5 : outcome == .stepUp || outcome == .stepBack ? now : before

            let intake = today.dayNumber - 900 + rng.int(720)
            let referredOn = intake + 7 + rng.int(21)
            let wait = rng.int(100) < 50 ? rng.int(10) : 10 + rng.int(60)
            let start = referredOn + wait + 7
            let planned = CalendarDate(dayNumber: start).adding(months: min(options[0].maxMonths, 3 + rng.int(6)))
                .dayNumber
            let plannedEnd = min(planned, today.dayNumber - 45)
            guard plannedEnd > start + 30 else { continue }
            let end = outcome == .dropOut ? start + (plannedEnd - start) / 3 : plannedEnd

            func rung(_ on: Int, _ r: Int) {
                let a = Assessment()
                a.id = UUID()
                a.$person.id = p.id!
                a.kind = .rung
                a.ladderID = ladder
                a.rung = r
                a.assessedOn = day(on)
                a.assessorID = cm
                a.assessorName = cmName
                assessments.append(a)
            }
            func zrm(_ on: Int, _ base: Double) {
                let z = Assessment()
                z.id = UUID()
                z.$person.id = p.id!
                z.kind = .zrm
                z.assessedOn = day(on)
                z.assessorID = cm
                z.assessorName = cmName
                var scores: [ZrmDomain: Int] = [:]
                for d in ZrmDomain.allCases {
                    let noise: Double = Double(rng.int(3) - 1) * 0.7
                    scores[d] = min(5, max(1, Int((base + noise).rounded())))
                }
                z.zrmScores = ZrmScores(scores).raw
                assessments.append(z)
            }
            let zrmBase = 1.6 + Double(before) * 0.45 + Double(rng.int(5)) / 10
            rung(intake, before)
            zrm(intake, zrmBase)

            let intervention = options[rng.int(options.count)]
            func referral(_ i: Intervention, goal: String, outcome: EnrolmentOutcome) -> Referral {
                let r = Referral()
                r.id = UUID()
                r.$person.id = p.id!
                r.$intervention.id = i.id!
                r.referredByID = cm
                r.referredByName = cmName
                r.referredAt = Date(timeIntervalSince1970: Double(referredOn - epoch) * 86_400 + 36_000)
                r.referredOn = day(referredOn)
                r.goal = goal
                r.agreedHours = i.hoursPerWeek
                r.category = nil
                r.checks = "[]"
                r.offeredAt = r.referredAt.addingTimeInterval(Double(wait) * 86_400)
                r.startedOn = day(start)
                r.waitedDays = start - referredOn
                r.plannedEndOn = day(plannedEnd)
                r.status = .ended
                r.endedOn = day(outcome == .completed ? plannedEnd : end)
                r.outcome = outcome.rawValue
                return r
            }
            let main = referral(intervention, goal: "Stap naar meedoen", outcome: outcome)
            if kind.hasExam {
                let x = side.int(100)
                main.exam =
                    outcome == .dropOut || x < 12
                    ? ExamResult.notSat.rawValue : x < 66 ? ExamResult.passed.rawValue : ExamResult.failed.rawValue
            }
            if outcome == .exitToWork, let on = main.endedOn {
                let e = PersonExit()
                e.id = UUID()
                e.personID = p.id!
                e.kind = ExitKind.work.rawValue
                e.leftOn = on
                e.referralID = main.id
                e.recordedByName = cmName
                e.recordedAt = Date(timeIntervalSince1970: Double(end - epoch) * 86_400 + 36_000)
                exits.append(e)
            }
            referrals.append(main)
            costed.append((main, intervention, start, plannedEnd, outcome == .completed ? plannedEnd : end, outcome))
            // Language with volunteering, work or an internship alongside: a dual trajectory (about six in ten).
            if kind == .languageCourse || kind == .civicIntegration, rng.int(100) < 60 {
                let sideKinds: [InterventionType] = [.volunteerPlace, .workWithRetainedBenefit, .internshipPlace]
                if let side = byType[sideKinds[rng.int(sideKinds.count)]], !side.isEmpty {
                    let s = referral(side[rng.int(side.count)], goal: "Naast de taal: meedoen", outcome: .completed)
                    s.endedOn = main.endedOn
                    referrals.append(s)
                }
            }
            rung(end, after)
            zrm(end, zrmBase + effect.zrmGain * (outcome == .dropOut ? 0.3 : 1))
            if rng.int(100) < 40 {
                let base = outcome == .exitToWork || outcome == .stepUp ? 4 : outcome == .dropOut ? 2 : 3
                func score() -> Int { min(5, max(1, base + rng.int(3) - 1)) }
                let f = EnrolmentFeedback()
                f.id = UUID()
                f.referralID = main.id!
                f.personID = p.id!
                f.useful = score()
                f.respect = min(5, score() + 1)
                f.recommend = score()
                feedback.append(f)
            }
        }
        // Earlier years' costs: a commitment per priced enrolment, against its start year's stream — pro
        // rata, or by the offer's contract as the generated city pays (`CityGenerator.enrolmentMoney`): a
        // result part waiting for its six-month check stays committed.
        var commitments: [Commitment] = []
        var spentPerStream: [String: (spent: Int, committed: Int)] = [:]
        var checks = SeededRandom(seed: 0x4348_4543)
        let money = app.policyStore.money
        let personByID = Dictionary(persons.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        var startYear: [UUID: Int] = [:]
        for (r, i, start, plannedEnd, end, outcome) in costed where i.priceCents > 0 {
            let year = CalendarDate(dayNumber: start).year
            guard year < today.year, let person = personByID[r.$person.id] else { continue }
            startYear[r.id!] = year
            let (spent, released, stillOpen, result, resultDue) = CityGenerator.enrolmentMoney(
                i, start: start, plannedEnd: plannedEnd, endDay: end, outcome: outcome, today: today, checks: &checks)
            let c = Commitment()
            c.id = UUID()
            c.referralID = r.id!
            c.personID = person.id!
            c.interventionID = i.id!
            c.districtCode = person.districtCode
            c.category = nil
            c.amountCents = i.priceCents
            c.spentCents = spent
            c.releasedCents = released
            c.status = stillOpen ? .open : .closed
            c.contract = i.contract
            c.result = result
            c.resultDueOn = resultDue
            c.streamID = UUID()  // the year's stream, below
            commitments.append(c)
            spentPerStream["\(year)|\(i.fundingStream)", default: (0, 0)].spent += spent
            spentPerStream["\(year)|\(i.fundingStream)", default: (0, 0)].committed += c.remainingCents
        }
        var streamIDs: [String: UUID] = [:]
        for (key, (spent, committed)) in spentPerStream.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "|").map(String.init)
            let (year, code) = (Int(parts[0])!, parts[1])
            if let s = try await FundingStream.query(on: app.db).filter(\.$year == year).filter(\.$code == code).first()
            {
                s.spentCents += spent
                s.committedCents += committed
                s.totalCents = max(s.totalCents, s.spentCents + s.committedCents)
                try await s.save(on: app.db)
                streamIDs[key] = s.id
            } else {
                let s = FundingStream()
                s.year = year
                s.code = code
                s.name = money.stream(code)?.nl ?? code
                s.totalCents = spent + committed
                s.committedCents = committed
                s.spentCents = spent
                try await s.create(on: app.db)
                streamIDs[key] = s.id
            }
        }
        let interventionStream = Dictionary(
            interventions.map { ($0.id!, $0.fundingStream) }, uniquingKeysWith: { a, _ in a })
        for c in commitments {
            c.streamID = streamIDs["\(startYear[c.referralID]!)|\(interventionStream[c.interventionID]!)"]!
        }
        let (allReferrals, allAssessments, allFeedback, allCommitments, allExits) = (
            referrals, assessments, feedback, commitments, exits
        )
        try await app.db.transaction { db in
            for chunk in allReferrals.chunked(200) { try await chunk.create(on: db) }
            for chunk in allCommitments.chunked(200) { try await chunk.create(on: db) }
            for chunk in allAssessments.chunked(200) { try await chunk.create(on: db) }
            for chunk in allFeedback.chunked(200) { try await chunk.create(on: db) }
            for chunk in allExits.chunked(200) { try await chunk.create(on: db) }
        }
    }
}
