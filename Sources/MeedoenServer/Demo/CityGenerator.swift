import Fluent
import MeedoenCore
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// `generate` is one function read top to bottom — the order of the random draws is what makes a
/// seed give the same city. What it draws from (the planted effects, the districts, the kinds per
/// rung) is in CityGenerator+Model.swift, the money of one enrolment in CityGenerator+Money.swift,
/// the command in GenerateCommand.swift.
///
/// A synthetic city (`meedoen generate --persons N --seed S`): residents over the seven districts with
/// realistic distributions and two years of history — intake rung and ZRM, a diagnosis, enrolments
/// with waiting times and outcomes, reassessments, commitments against the year's streams, and
/// vouchers. Deterministic: the same seed gives the same city. The true effect of each kind of
/// intervention is planted (`trueEffects`), so the effectiveness computed from the data can be
/// checked against what was put in.
enum CityGenerator {
    struct Summary: Sendable {
        var persons = 0, assessments = 0, diagnoses = 0, referrals = 0, commitments = 0, vouchers = 0
        var seconds = 0.0
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Builds the city into an empty registry. `progress` is told the share done (0…1) now and then.
    static func generate(
        _ app: Application, persons count: Int, seed: UInt64, today: CalendarDate? = nil,
        progress: @Sendable (Double, String) -> Void = { _, _ in }
    ) async throws -> Summary {
        let today = today ?? Clock.today(now: app.time.now())
        let started = Date()
        guard count >= 1, count <= 2_000_000 else { throw Failure(description: "--persons must be 1 to 2,000,000") }
        let existing = try await Person.query(on: app.db).count()
        guard existing == 0 else {
            throw Failure(
                description:
                    "the database already holds \(existing) residents; generate a city into an empty database (e.g. DATABASE_URL=sqlite://city.sqlite)"
            )
        }
        for (code, name) in DemoData.districts where try await District.find(code, on: app.db) == nil {
            try await app.districtDirectory.save(code: code, name: name, on: app.db)
        }
        if try await Intervention.query(on: app.db).count() == 0 {
            _ = try await CatalogueService.load(try DemoCatalogue.file(), on: app.db)
        }
        // One generated case manager per district (no password: they exist as authors of the history).
        var caseManagers: [String: UUID] = [:]
        for (code, name) in DemoData.districts {
            let username = "stad-km-\(code.lowercased())"
            if let u = try await User.query(on: app.db).filter(\.$username == username).first() {
                caseManagers[code] = u.id
                continue
            }
            let (u, _) = try await User.create(
                username: username, displayName: "Klantmanager \(name)", roles: [.caseManager], districtCode: code,
                password: nil, on: app.db, hasher: app.password.sync)
            caseManagers[code] = u.id
        }
        let interventions = try await Intervention.query(on: app.db).filter(\.$active == true).all()
        var byType: [InterventionType: [Intervention]] = [:]
        for i in interventions { byType[i.interventionType, default: []].append(i) }
        let engine = app.policyStore.engine
        let money = app.policyStore.money
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let windowStart = today.dayNumber - 730
        var rng = SeededRandom(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ 17)
        // Exams and exits on the passive route draw from their own sequence, so the rest of the city stays as it was.
        var side = SeededRandom(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ 91)
        // The six-month checks of result-based contracts draw from their own stream, leaving the others as they were.
        var contractCheck = SeededRandom(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ 173)
        func uuid() -> UUID {
            let a = rng.next()
            let b = rng.next()
            var bytes = [UInt8](repeating: 0, count: 16)
            for i in 0..<8 {
                bytes[i] = UInt8((a >> (8 * UInt64(i))) & 0xFF)
                bytes[8 + i] = UInt8((b >> (8 * UInt64(i))) & 0xFF)
            }
            bytes[6] = (bytes[6] & 0x0F) | 0x40
            bytes[8] = (bytes[8] & 0x3F) | 0x80
            return UUID(
                uuid: (
                    bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                    bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
                ))
        }
        func day(_ n: Int) -> String { CalendarDate(dayNumber: n).iso }
        let totalWeight = districtWeights.reduce(0) { $0 + $1.1 }
        var summary = Summary()
        // Per year and stream: what the generated referrals committed and spent.
        var streamUse: [String: (committed: Int, spent: Int)] = [:]
        var streams: [String: UUID] = [:]
        let chunk = 1000
        var made = 0
        var bsnCursor = 500_000_000 + Int(seed % 1000) * 100_000
        func nextBSN() -> String {
            while true {
                bsnCursor += 1
                let digits = String(bsnCursor).compactMap(\.wholeNumberValue)
                let sum = (0..<8).reduce(0) { $0 + digits[$1] * (9 - $1) } - digits[8]
                if sum % 11 == 0 { return String(bsnCursor) }
            }
        }
        while made < count {
            let n = min(chunk, count - made)
            var persons: [Person] = []
            var assessments: [Assessment] = []
            var diagnoses: [Diagnosis] = []
            var referrals: [Referral] = []
            var accounts: [VoucherAccount] = []
            var entries: [VoucherEntry] = []
            var commitments: [Commitment] = []
            var commitmentKeys: [String] = []
            var feedback: [EnrolmentFeedback] = []
            var exits: [PersonExit] = []
            func exit(_ person: UUID, on: Int, referral: UUID?, by name: String) {
                let e = PersonExit()
                e.id = uuid()
                e.personID = person
                e.kind = ExitKind.work.rawValue
                e.leftOn = day(on)
                e.referralID = referral
                e.recordedByName = name
                e.recordedAt = Date(
                    timeIntervalSince1970: Double(on - CalendarDate(year: 1970, month: 1, day: 1)!.dayNumber) * 86_400
                        + 36_000)
                exits.append(e)
            }
            for k in 0..<n {
                let index = made + k
                let p = Person()
                p.id = uuid()
                p.bsn = nextBSN()
                p.givenName = DemoData.givenNames[rng.int(DemoData.givenNames.count)]
                p.familyName = DemoData.familyNames[rng.int(DemoData.familyNames.count)]
                var w = rng.int(totalWeight)
                var district = "A"
                for (code, weight) in districtWeights {
                    if w < weight {
                        district = code
                        break
                    }
                    w -= weight
                }
                p.districtCode = district
                let age = 18 + min(48, Int(Double(rng.int(1000)) / 1000 * 49))
                let birth = CalendarDate(year: today.year - age, month: 1 + rng.int(12), day: 1 + rng.int(28))!
                p.birthDate = birth.iso
                let roll = rng.int(100)
                let benefit: BenefitKind =
                    roll < 62
                    ? .participatiewet
                    : roll < 66
                        ? .ioaw : roll < 67 ? .ioaz : roll < 74 ? .ww : roll < 78 ? .wia : roll < 84 ? .wajong : .none
                p.benefit = benefit.rawValue
                let civic: CivicIntegration = rng.int(100) < 9 ? .obliged : rng.int(100) < 6 ? .voluntary : .none
                p.civicIntegration = civic.rawValue
                var circumstances = Set<Circumstance>()
                for c in Circumstance.allCases where c != .noStartingQualification && rng.int(100) < 4 {
                    circumstances.insert(c)
                }
                if age <= 27, side.int(100) < 35 { circumstances.insert(.noStartingQualification) }
                p.circumstances = circumstances.map(\.rawValue).sorted()
                var wishes = Set<Wish>()
                for wsh in Wish.allCases where rng.int(100) < 20 { wishes.insert(wsh) }
                p.wishes = wishes.map(\.rawValue).sorted()
                p.phone = "06-\(10_000_000 + rng.int(89_999_999))"
                p.$caseManager.id = caseManagers[district]
                p.onCaseTable = false
                persons.append(p)
                let cm = caseManagers[district]!
                let cmName = "Klantmanager " + (DemoData.districts.first { $0.0 == district }?.1 ?? district)

                // Intake: 60% were clients before the window, the rest came in during it.
                let intake = rng.int(100) < 60 ? windowStart - rng.int(365) : windowStart + rng.int(640)
                let municipal = engine.policy.municipalBenefits.contains(benefit)
                let r100 = rng.int(100)
                var rung = municipal ? (r100 < 30 ? 1 : r100 < 68 ? 2 : r100 < 92 ? 3 : 4) : 2 + rng.int(3)
                func assess(_ on: Int, rung: Int) {
                    let a = Assessment()
                    a.id = uuid()
                    a.$person.id = p.id!
                    a.kind = .rung
                    a.ladderID = "amsterdam"
                    a.rung = rung
                    a.assessedOn = day(on)
                    a.assessorID = cm
                    a.assessorName = cmName
                    assessments.append(a)
                }
                func zrm(_ on: Int, base: Double) -> ZrmScores {
                    let z = Assessment()
                    z.id = uuid()
                    z.$person.id = p.id!
                    z.kind = .zrm
                    z.assessedOn = day(on)
                    z.assessorID = cm
                    z.assessorName = cmName
                    let scores = ZrmScores(
                        Dictionary(
                            uniqueKeysWithValues: ZrmDomain.allCases.map { d in
                                (d, min(5, max(1, Int((base + Double(rng.int(3) - 1) * 0.7).rounded()))))
                            }))
                    z.zrmScores = scores.raw
                    assessments.append(z)
                    return scores
                }
                assess(intake, rung: rung)
                var zrmBase = 1.6 + Double(rung) * 0.45 + Double(rng.int(5)) / 10
                let zrmScores = zrm(intake, base: zrmBase)
                // The diagnosis at intake, from facts consistent with the rung.
                let facts = DiagnosisFacts(
                    birthDate: birth, referenceDate: CalendarDate(dayNumber: intake), benefit: benefit,
                    workProspect: rung >= 3 || rng.int(100) < 12,
                    selfReliant: rng.int(100) < 45, motivated: rng.int(100) < 85,
                    risks: rung <= 2 && rng.int(100) < 40 ? [rng.int(2) == 0 ? .isolation : .decline] : [],
                    civicIntegration: civic, circumstances: circumstances, wishes: wishes, zrm: zrmScores)
                let proposal = engine.diagnose(facts)
                let d = Diagnosis()
                d.id = uuid()
                d.$person.id = p.id!
                d.facts = String(decoding: try encoder.encode(facts), as: UTF8.self)
                d.proposedRoute = proposal.route.rawValue
                d.proposedCategory = proposal.category
                d.targetGroups = proposal.targetGroups
                d.caseTableProposed = proposal.caseTableProposed
                d.enforcementAvailable = proposal.enforcementAvailable
                d.reasons = String(decoding: try encoder.encode(proposal.reasons), as: UTF8.self)
                d.policyID = proposal.policyID
                d.policyVersion = proposal.policyVersion
                d.decidedRoute = proposal.route.rawValue
                d.decidedCategory = proposal.category
                d.decidedByID = cm
                d.decidedByName = cmName
                d.decidedOn = day(intake + 7)
                if proposal.caseTableProposed { p.onCaseTable = true }
                diagnoses.append(d)

                // Enrolments: more for the priority categories; a second one for some after the first ends.
                let category = proposal.category ?? 6
                var chance = category <= 2 ? 70 : category == 3 ? 55 : category <= 5 ? 30 : 20
                var cursor = max(intake + 14, windowStart - 200)
                // The money of one enrolment (`enrolmentMoney`: pro rata, or by the offer's contract).
                func commit(
                    _ r: Referral, _ i: Intervention, start: Int, plannedEnd: Int, endDay: Int?,
                    outcome: EnrolmentOutcome?
                ) {
                    let year = CalendarDate(dayNumber: start).year
                    let (spent, released, stillOpen, result, resultDue) = enrolmentMoney(
                        i, start: start, plannedEnd: plannedEnd, endDay: endDay, outcome: outcome, today: today,
                        checks: &contractCheck)
                    let c = Commitment()
                    c.id = uuid()
                    c.referralID = r.id!
                    c.personID = p.id!
                    c.interventionID = i.id!
                    c.districtCode = district
                    c.category = proposal.category
                    c.amountCents = i.priceCents
                    c.spentCents = spent
                    c.releasedCents = released
                    c.status = stillOpen ? .open : .closed
                    c.contract = i.contract
                    c.result = result
                    c.resultDueOn = resultDue
                    c.streamID = UUID()  // set below, once the year's stream exists
                    let key = "\(year)|\(i.fundingStream)"
                    commitments.append(c)
                    commitmentKeys.append(key)
                    streamUse[key, default: (0, 0)].committed += c.amountCents - c.spentCents - c.releasedCents
                    streamUse[key, default: (0, 0)].spent += c.spentCents
                }
                for _ in 0..<2 {
                    guard rng.int(100) < chance, cursor < today.dayNumber - 5 else { break }
                    let kinds = kinds(forRung: rung, civic: civic)
                    let kind = kinds[rng.int(kinds.count)]
                    guard let options = byType[kind], !options.isEmpty else { break }
                    let local = options.filter { $0.districtCode == district }
                    let basic = options.filter { $0.districtCode == nil }
                    let pool = !local.isEmpty && rng.int(2) == 0 ? local : (basic.isEmpty ? options : basic)
                    let i = pool[rng.int(pool.count)]
                    // Only what the spending rules let the budget pay for this resident (as a referral checks).
                    guard
                        engine.policy.spendingDecision(
                            category: proposal.category, benefit: benefit, stream: i.fundingStream, type: kind)?.allowed
                            ?? true
                    else { break }
                    let referredOn = cursor + rng.int(60)
                    guard referredOn < today.dayNumber else { break }
                    let r = Referral()
                    r.id = uuid()
                    r.$person.id = p.id!
                    r.$intervention.id = i.id!
                    r.referredByID = cm
                    r.referredByName = cmName
                    r.referredAt = Date(
                        timeIntervalSince1970: Double(
                            referredOn - CalendarDate(year: 1970, month: 1, day: 1)!.dayNumber) * 86_400 + 36_000)
                    r.referredOn = day(referredOn)
                    r.goal = "Stap naar meedoen"
                    r.agreedHours = i.hoursPerWeek
                    r.category = proposal.category
                    r.checks = "[]"
                    let wait = rng.int(100) < 50 ? rng.int(10) : 10 + rng.int(70)
                    let offeredOn = referredOn + wait
                    if offeredOn >= today.dayNumber {
                        r.status = .waiting
                        r.waitingFor = .place
                        referrals.append(r)
                        break
                    }
                    r.offeredAt = r.referredAt.addingTimeInterval(Double(wait) * 86_400)
                    r.waitedDays = wait
                    let start = offeredOn + 7
                    let planned = min(i.maxMonths, 3 + rng.int(6))
                    let plannedEnd = CalendarDate(dayNumber: start).adding(months: planned).dayNumber
                    if start >= today.dayNumber {
                        r.status = .accepted
                        referrals.append(r)
                        break
                    }
                    r.startedOn = day(start)
                    r.plannedEndOn = day(plannedEnd)
                    r.waitedDays = start - referredOn  // from the referral to the start, as a start records it
                    let effect = trueEffects[kind] ?? .init(exitToWork: 0.1, stepUp: 0.2, dropOut: 0.15, zrmGain: 0.2)
                    var endDay: Int? = nil
                    if plannedEnd <= today.dayNumber {
                        let u = Double(rng.int(10_000)) / 10_000
                        let outcome = effect.outcome(u)
                        let end = outcome == .dropOut ? start + (plannedEnd - start) / 3 : plannedEnd
                        endDay = end
                        r.status = .ended
                        r.endedOn = day(end)
                        r.outcome = outcome.rawValue
                        if kind.hasExam {
                            // Most who finish sit the exam and six in ten of them pass; who drops out does not sit it.
                            let x = side.int(100)
                            r.exam =
                                outcome == .dropOut || x < 12
                                ? ExamResult.notSat.rawValue
                                : x < 66 ? ExamResult.passed.rawValue : ExamResult.failed.rawValue
                        }
                        if outcome == .exitToWork { exit(p.id!, on: end, referral: r.id, by: cmName) }
                        // The end's reassessment: the rung follows the outcome, the ZRM the planted gain.
                        switch outcome {
                        case .stepUp: rung = min(5, rung + 1)
                        case .exitToWork: rung = 5
                        case .stepBack: rung = max(1, rung - 1)
                        default: break
                        }
                        assess(end, rung: rung)
                        zrmBase += effect.zrmGain * (outcome == .dropOut ? 0.3 : 1)
                        _ = zrm(end, base: zrmBase)
                        cursor = end + 30
                        chance = outcome == .exitToWork ? 0 : 30
                        // Four in ten answer the questionnaire; those who left for work or stepped up are happier.
                        if rng.int(100) < 40 {
                            let f = EnrolmentFeedback()
                            let base = outcome == .exitToWork || outcome == .stepUp ? 4 : outcome == .dropOut ? 2 : 3
                            func score() -> Int { min(5, max(1, base + rng.int(3) - 1)) }
                            f.id = uuid()
                            f.referralID = r.id!
                            f.personID = p.id!
                            f.useful = score()
                            f.respect = min(5, score() + 1)
                            f.recommend = score()
                            feedback.append(f)
                        }
                    } else {
                        r.status = .started
                        cursor = today.dayNumber
                    }
                    referrals.append(r)
                    commit(
                        r, i, start: start, plannedEnd: plannedEnd, endDay: endDay,
                        outcome: r.outcome.flatMap(EnrolmentOutcome.init(rawValue:)))
                    // Language with work, an internship or volunteering alongside: a dual trajectory (about half).
                    if kind == .languageCourse || kind == .civicIntegration, rng.int(100) < 55 {
                        let sideKinds: [InterventionType] = [
                            .volunteerPlace, .workWithRetainedBenefit, .internshipPlace,
                        ]
                        let sideKind = sideKinds[rng.int(sideKinds.count)]
                        if let side = byType[sideKind], !side.isEmpty,
                            case let si = side[rng.int(side.count)],
                            engine.policy.spendingDecision(
                                category: proposal.category, benefit: benefit, stream: si.fundingStream, type: sideKind)?
                                .allowed ?? true
                        {
                            let s2 = Referral()
                            s2.id = uuid()
                            s2.$person.id = p.id!
                            s2.$intervention.id = si.id!
                            s2.referredByID = cm
                            s2.referredByName = cmName
                            s2.referredAt = r.referredAt
                            s2.referredOn = r.referredOn
                            s2.goal = "Naast de taal: meedoen"
                            s2.agreedHours = si.hoursPerWeek
                            s2.category = proposal.category
                            s2.checks = "[]"
                            s2.offeredAt = r.offeredAt
                            s2.waitedDays = r.waitedDays
                            s2.status = r.status
                            s2.startedOn = r.startedOn
                            s2.plannedEndOn = r.plannedEndOn
                            if r.status == .ended {
                                s2.endedOn = r.endedOn
                                s2.outcome = EnrolmentOutcome.completed.rawValue
                            }
                            referrals.append(s2)
                            commit(
                                s2, si, start: start, plannedEnd: plannedEnd, endDay: endDay,
                                outcome: s2.outcome.flatMap(EnrolmentOutcome.init(rawValue:)))
                        }
                    }
                }
                // Some on the upper rungs find work on their own, without an enrolment (the passive route).
                if rung >= 4, chance > 0, side.int(100) < 7 {
                    let on =
                        max(cursor, today.dayNumber - 700)
                        + side.int(max(1, today.dayNumber - max(cursor, today.dayNumber - 700)))
                    if on < today.dayNumber { exit(p.id!, on: on, referral: nil, by: cmName) }
                }
                // Vouchers for some who take part in the neighbourhood.
                if rng.int(100) < 8 {
                    let a = VoucherAccount()
                    a.id = uuid()
                    a.personID = p.id!
                    a.cardCode =
                        "MS-" + String(format: "%04d", (index / 10_000) % 10_000) + "-"
                        + String(format: "%04d", index % 10_000)
                    var balance = 0
                    for _ in 0..<(1 + rng.int(4)) {
                        let on = today.dayNumber - rng.int(300)
                        let hours = 1 + rng.int(6)
                        let e = VoucherEntry()
                        e.id = uuid()
                        e.accountID = a.id!
                        e.kind = .earn
                        e.amountCents = hours * money.voucherRateCentsPerHour
                        e.onDate = day(on)
                        e.activity = ["Buurttuin", "Buurthuis", "Voedselbank", "Sportvereniging"][rng.int(4)]
                        e.hours = hours
                        e.approvedByName = cmName
                        balance += e.amountCents
                        entries.append(e)
                    }
                    a.balanceCents = balance
                    accounts.append(a)
                }
            }
            // Streams first (a commitment points to its year's stream): made once per year and code.
            for (c, key) in zip(commitments, commitmentKeys) {
                if streams[key] == nil {
                    let parts = key.split(separator: "|")
                    let year = Int(parts[0])!
                    let code = String(parts[1])
                    if let s = try await FundingStream.query(on: app.db).filter(\.$year == year).filter(\.$code == code)
                        .first()
                    {
                        streams[key] = s.id
                    } else {
                        let stream = FundingStream()
                        stream.year = year
                        stream.code = code
                        stream.name = money.stream(code)?.nl ?? code
                        stream.totalCents = 0
                        stream.committedCents = 0
                        stream.spentCents = 0
                        try await stream.create(on: app.db)
                        streams[key] = stream.id
                    }
                }
                c.streamID = streams[key]!
            }
            let batch = (persons, assessments, diagnoses, referrals, commitments, accounts, entries, feedback, exits)
            try await app.db.transaction { db in
                for part in batch.0.chunked(500) { try await part.create(on: db) }
                for part in batch.1.chunked(1000) { try await part.create(on: db) }
                for part in batch.2.chunked(500) { try await part.create(on: db) }
                for part in batch.3.chunked(1000) { try await part.create(on: db) }
                for part in batch.4.chunked(1000) { try await part.create(on: db) }
                for part in batch.5.chunked(1000) { try await part.create(on: db) }
                for part in batch.6.chunked(1000) { try await part.create(on: db) }
                for part in batch.7.chunked(1000) { try await part.create(on: db) }
                for part in batch.8.chunked(1000) { try await part.create(on: db) }
            }
            summary.persons += persons.count
            summary.assessments += assessments.count
            summary.diagnoses += diagnoses.count
            summary.referrals += referrals.count
            summary.commitments += commitments.count
            summary.vouchers += accounts.count
            made += n
            progress(Double(made) / Double(count), "\(made) / \(count)")
        }
        // The streams: what was committed and spent, and a total with some room.
        for (key, use) in streamUse {
            let parts = key.split(separator: "|")
            let year = Int(parts[0])!
            let code = String(parts[1])
            guard
                let s = try await FundingStream.query(on: app.db).filter(\.$year == year).filter(\.$code == code)
                    .first()
            else { continue }
            s.committedCents += use.committed
            s.spentCents += use.spent
            s.totalCents = max(s.totalCents, (s.committedCents + s.spentCents) * 21 / 20)
            try await s.save(on: app.db)
        }
        // Places held now; capacity grows to hold them (a city's catalogue is larger than the demo's).
        let held = try await (app.db as! any SQLDatabase).raw(
            """
            SELECT intervention_id AS i, COUNT(*) AS n FROM referrals WHERE status IN ('offered', 'accepted', 'started') GROUP BY intervention_id
            """
        ).all()
        for row in held {
            let id = try row.decode(column: "i", as: UUID.self)
            let n = try row.decode(column: "n", as: Int.self)
            guard let i = try await Intervention.find(id, on: app.db) else { continue }
            i.taken = n
            i.capacity = max(i.capacity, n + max(2, n / 10))
            try await i.save(on: app.db)
        }
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }
}
