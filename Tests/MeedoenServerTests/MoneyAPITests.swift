import Fluent
import Foundation
import MeedoenCore
import MeedoenPolicies
import SQLKit
import Testing
import VaporTesting

@testable import MeedoenServer

extension TestWorld {
    /// A funding stream for this year; returns its id.
    @discardableResult
    func stream(_ code: String = "werkdeel", total: Int) async throws -> String {
        let res = try await send(
            .POST, "/api/v1/budget-streams", as: "budget",
            json: ["year": Clock.today().year, "code": code, "totalCents": total])
        #expect(res.status == .created, "\(res.body.string)")
        return try res.json()["id"] as! String
    }

    func streamRow(_ code: String = "werkdeel") async throws -> FundingStream {
        try await FundingStream.query(on: app.db).filter(\.$code == code).filter(\.$year == Clock.today().year).first()!
    }

    /// Sets a referral's (and its commitment's) priority category, as a diagnosis would have.
    func setCategory(_ referral: String, _ category: Int) async throws {
        let sql = app.db as! any SQLDatabase
        let id = UUID(uuidString: referral)!
        try await sql.raw("UPDATE referrals SET category = \(bind: category) WHERE id = \(bind: id)").run()
        try await sql.raw("UPDATE commitments SET category = \(bind: category) WHERE referral_id = \(bind: id)").run()
    }
}

@Suite("Money API") struct MoneyAPITests {
    static let price = 300_000  // TestWorld.intervention's price

    @Test(arguments: [1, 3]) func concurrentReferralsNeverOverspendAStream(_ fundable: Int) async throws {
        try await TestWorld.with(sqlLogLevel: .trace, sqliteFile: true) { w in
            let provider = try await w.provider()
            let offer = try await w.intervention(provider: provider, capacity: 20)
            try await w.stream(total: fundable * Self.price)
            var people: [String] = []
            for n in 0..<12 { people.append(try await w.register(bsn: TestBSN.make(n))) }
            let world = w
            let statuses = try await withThrowingTaskGroup(of: (String, String).self) { group in
                for p in people {
                    group.addTask {
                        let res = try await world.refer(p, to: offer)
                        #expect(res.status == .created, "\(res.body.string)")
                        return (
                            try res.json()["status"] as? String ?? "", try res.json()["waitingFor"] as? String ?? ""
                        )
                    }
                }
                var out: [(String, String)] = []
                for try await s in group { out.append(s) }
                return out
            }
            #expect(statuses.filter { $0.0 == "offered" }.count == fundable)
            #expect(statuses.filter { $0 == ("waiting", "budget") }.count == 12 - fundable)
            let s = try await w.streamRow()
            #expect(s.committedCents == fundable * Self.price)
            #expect(s.availableCents == 0)
            #expect(try await Commitment.query(on: w.app.db).count() == fundable)
            // The places taken are exactly the funded ones.
            #expect(try await Intervention.find(UUID(uuidString: offer)!, on: w.app.db)!.taken == fundable)

            // More money: the first waiting in line is offered a place at once.
            let raised = try await w.send(
                .PATCH, "/api/v1/budget-streams/\(s.id!)", as: "budget",
                json: ["totalCents": (fundable + 1) * Self.price, "reason": "Extra middelen van de raad"])
            #expect(raised.status == .ok, "\(raised.body.string)")
            #expect(try await Referral.query(on: w.app.db).filter(\.$status == .offered).count() == fundable + 1)
            // A cut below what is committed does not go around the valve.
            let cut = try await w.send(
                .PATCH, "/api/v1/budget-streams/\(s.id!)", as: "budget",
                json: ["totalCents": Self.price, "reason": "Bezuiniging door het rijk"])
            #expect(cut.status == .conflict)
            // A budget holder funds one more, with a reason; a case manager may not.
            let waiting = try await Referral.query(on: w.app.db).filter(\.$status == .waiting).first()!
            #expect(
                try await w.send(
                    .POST, "/api/v1/referrals/\(waiting.id!)/fund", as: "km",
                    json: ["reason": "Dringend nodig voor deze inwoner"]
                ).status == .forbidden)
            let short = try await w.send(
                .POST, "/api/v1/referrals/\(waiting.id!)/fund", as: "budget", json: ["reason": "kort"])
            #expect(short.invalidParamNames == ["reason"])
            let funded = try await w.send(
                .POST, "/api/v1/referrals/\(waiting.id!)/fund", as: "budget",
                json: ["reason": "Acute situatie, wethouder akkoord"])
            #expect(funded.status == .ok, "\(funded.body.string)")
            #expect(try funded.json()["overrideReason"] as? String == "Acute situatie, wethouder akkoord")
            let after = try await w.streamRow()
            #expect(after.committedCents == (fundable + 2) * Self.price)
            #expect(after.availableCents == -Self.price)
            #expect(try await AuditEvent.query(on: w.app.db).filter(\.$action == "budget.override").count() == 1)
        }
    }

    @Test func refusalReleasesEverythingAndAnEarlyEndReleasesProRata() async throws {
        try await TestWorld.with { w in
            let provider = try await w.provider()
            let offer = try await w.intervention(provider: provider, capacity: 5)
            try await w.stream(total: 10 * Self.price)
            let a = try await w.register(bsn: TestBSN.make(1))
            let b = try await w.register(bsn: TestBSN.make(2))
            let ra = try await w.refer(a, to: offer).json()["id"] as! String
            let rb = try await w.refer(b, to: offer).json()["id"] as! String
            #expect(try await w.streamRow().committedCents == 2 * Self.price)
            _ = try await w.send(
                .POST, "/api/v1/referrals/\(ra)/refuse", as: "aanbieder", json: ["reason": "Past niet in de groep"])
            #expect(try await w.streamRow().committedCents == Self.price)

            // Started 100 days ago for 200 days, ended today: half is kept, half goes back.
            let today = Clock.today()
            let start = CalendarDate(dayNumber: today.dayNumber - 100)
            let planned = CalendarDate(dayNumber: today.dayNumber + 100)
            _ = try await w.send(.POST, "/api/v1/referrals/\(rb)/accept", as: "aanbieder", json: [:])
            let started = try await w.send(
                .POST, "/api/v1/referrals/\(rb)/start", as: "aanbieder",
                json: ["startOn": start.iso, "plannedEndOn": planned.iso])
            #expect(started.status == .ok, "\(started.body.string)")
            // Actual costs are booked against the commitment, never beyond it.
            let c = try await Commitment.query(on: w.app.db).filter(\.$referralID == UUID(uuidString: rb)!).first()!
            let booked = try await w.send(
                .POST, "/api/v1/commitments/\(c.id!)/costs", as: "budget",
                json: ["amountCents": 100_000, "description": "Factuur oktober"])
            #expect(booked.status == .created, "\(booked.body.string)")
            let tooMuch = try await w.send(
                .POST, "/api/v1/commitments/\(c.id!)/costs", as: "budget",
                json: ["amountCents": Self.price, "description": "Factuur november"])
            #expect(tooMuch.invalidParamNames == ["amountCents"])
            var s = try await w.streamRow()
            #expect(s.committedCents == Self.price - 100_000)
            #expect(s.spentCents == 100_000)
            let ended = try await w.send(
                .POST, "/api/v1/referrals/\(rb)/end", as: "aanbieder",
                json: ["outcome": "completed", "endOn": today.iso])
            #expect(ended.status == .ok, "\(ended.body.string)")
            s = try await w.streamRow()
            let closed = try await Commitment.find(c.id!, on: w.app.db)!
            #expect(closed.status == .closed)
            #expect(closed.releasedCents == Self.price / 2)
            // What stays is for the final invoice: half the price, less what was already spent.
            #expect(s.committedCents == Self.price / 2 - 100_000)
            #expect(s.spentCents == 100_000)

            // The overview: per stream, category, intervention; aggregates only.
            let overview = try await w.send(.GET, "/api/v1/budget", as: "analist")
            #expect(overview.status == .ok)
            let streams = try overview.json()["streams"] as? [[String: Any]] ?? []
            #expect(streams.first?["availableCents"] as? Int == 10 * Self.price - Self.price / 2)
            #expect(!overview.body.string.contains("El Amrani"))
            #expect(try await w.send(.GET, "/api/v1/budget", as: "km").status == .forbidden)
        }
    }

    @Test func aTwentyPercentCutLapsesCategoryThreeBeforeAnyOfCategoryTwo() async throws {
        try await TestWorld.with { w in
            let provider = try await w.provider()
            let offer = try await w.intervention(provider: provider, capacity: 10)
            try await w.stream(total: 5 * Self.price)
            var referrals: [String] = []
            for (n, cat) in [2, 3, 2, 3, 2].enumerated() {
                let p = try await w.register(bsn: TestBSN.make(n + 1))
                let r = try await w.refer(p, to: offer).json()["id"] as! String
                try await w.setCategory(r, cat)
                referrals.append(r)
            }
            // 20 %: a shortfall of one price; the latest category-3 offer gives way.
            // Without changes there is nothing to simulate: refused, nothing stored.
            let nothing = try await w.send(.POST, "/api/v1/valve-simulations", as: "budget", json: [:])
            #expect(nothing.status == .unprocessableEntity && nothing.invalidParamNames == ["changes"])
            #expect(try await ValveSimulationRecord.query(on: w.app.db).count() == 0)
            let sim = try await w.send(
                .POST, "/api/v1/valve-simulations", as: "budget",
                json: ["changes": [["streamCode": "werkdeel", "basisPoints": -2000]]])
            #expect(sim.status == .created, "\(sim.body.string)")
            let json = try sim.json()
            let byCat = (json["lapsedByCategory"] as? [[String: Any]] ?? []).map {
                ($0["key"] as! String, $0["count"] as! Int)
            }
            #expect(byCat.count == 1 && byCat.first! == ("3", 1))
            let affected = json["affected"] as? [[String: Any]] ?? []
            #expect(affected.map { $0["referralId"] as? String } == [referrals[3]])
            #expect(affected.allSatisfy { $0["personName"] is NSNull || $0["personName"] == nil })
            #expect((json["streams"] as? [[String: Any]])?.first?["protectedHit"] as? Bool == false)
            // Nothing changed by simulating.
            #expect(try await Referral.query(on: w.app.db).filter(\.$status == .offered).count() == 5)
            #expect(try await w.streamRow().totalCents == 5 * Self.price)
            // 50 %: both category-3 offers lapse, and only then one of category 2 (protected hit, said so).
            let deep = try await w.send(
                .POST, "/api/v1/valve-simulations", as: "analist",
                json: ["changes": [["streamCode": "werkdeel", "basisPoints": -5000]]]
            ).json()
            let deepCats = (deep["lapsedByCategory"] as? [[String: Any]] ?? []).reduce(into: [String: Int]()) {
                $0[$1["key"] as! String] = $1["count"] as? Int
            }
            #expect(deepCats == ["2": 1, "3": 2])
            #expect((deep["streams"] as? [[String: Any]])?.first?["protectedHit"] as? Bool == true)

            // The case manager concerned sees their own people by name.
            let id = json["id"] as! String
            let mine = try await w.send(.GET, "/api/v1/valve-simulations/\(id)", as: "km").json()
            #expect((mine["affected"] as? [[String: Any]])?.first?["personName"] as? String == "Fatima El Amrani")
            #expect(
                (try await w.send(.GET, "/api/v1/valve-simulations/\(id)", as: "km-west").json()["affected"]
                    as? [[String: Any]])?.isEmpty == true)

            // Applying is a separate act of a budget holder, with a reason, once.
            #expect(
                try await w.send(
                    .POST, "/api/v1/valve-simulations/\(id)/apply", as: "analist",
                    json: ["reason": "Besluit college 12 november"]
                ).status == .forbidden)
            let applied = try await w.send(
                .POST, "/api/v1/valve-simulations/\(id)/apply", as: "budget",
                json: ["reason": "Besluit college 12 november"])
            #expect(applied.status == .ok, "\(applied.body.string)")
            #expect((try applied.json()["applied"] as? [String: Any])?["withdrawn"] as? Int == 1)
            let lapsed = try await Referral.find(UUID(uuidString: referrals[3])!, on: w.app.db)!
            #expect(lapsed.status == .withdrawn)
            #expect(lapsed.withdrawReason?.contains("ventiel") == true)
            let s = try await w.streamRow()
            #expect(s.totalCents == 4 * Self.price)
            #expect(s.committedCents == 4 * Self.price)
            #expect(
                try await w.send(
                    .POST, "/api/v1/valve-simulations/\(id)/apply", as: "budget",
                    json: ["reason": "Besluit college 12 november"]
                ).status == .conflict)
            #expect(try await AuditEvent.query(on: w.app.db).filter(\.$action == "valve.apply").count() == 1)
        }
    }

    @Test func aPolicySimulationShowsTheShiftAndAdoptionKeepsOldDiagnosesOnTheirVersion() async throws {
        try await TestWorld.with { w in
            let young = try await w.register(bsn: TestBSN.make(1))  // born 2004: young (category 1)
            let first = try await w.send(
                .POST, "/api/v1/persons/\(young)/diagnoses", as: "km",
                json: ["workProspect": true, "selfReliant": false, "motivated": true])
            #expect(first.status == .created)
            #expect(try first.json()["decidedCategory"] as? Int == 1)
            // Draft: young people no longer a category-1 group (moved to 3).
            var draft =
                try JSONSerialization.jsonObject(with: Data(contentsOf: PolicyFiles.files(in: "diagnosis")[0]))
                as! [String: Any]
            draft["version"] = "2026-concept"
            var groups = draft["targetGroups"] as! [[String: Any]]
            for i in groups.indices where groups[i]["id"] as? String == "youngPeople" { groups[i]["category"] = 3 }
            draft["targetGroups"] = groups
            let sim = try await w.send(.POST, "/api/v1/policy-simulations", as: "analist", json: ["policy": draft])
            #expect(sim.status == .ok, "\(sim.body.string)")
            let r = try sim.json()
            #expect(r["total"] as? Int == 1)
            #expect(r["changed"] as? Int == 1)
            let matrix = (r["matrix"] as? [[String: Any]] ?? []).map { $0["counts"] as? [Int] ?? [] }
            try #require(matrix.count == 6 && matrix[1].count == 6)
            #expect(matrix[1][2] == 1)  // still "motivated, work prospect, needs support": category 2
            #expect(
                try await w.send(.POST, "/api/v1/policy-simulations", as: "km", json: ["policy": draft]).status
                    == .forbidden)
            var broken = draft
            broken["categories"] = []
            let bad = try await w.send(.POST, "/api/v1/policy-simulations", as: "analist", json: ["policy": broken])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.invalidParamNames.first?.hasPrefix("policy.") == true)

            // Adopted: new diagnoses use it; the old one keeps its version.
            let adopted = try await w.send(
                .POST, "/api/v1/policy-adoptions", as: "analist",
                json: ["policy": draft, "reason": "Raadsbesluit begroting 2027"])
            #expect(adopted.status == .created, "\(adopted.body.string)")
            #expect(
                try await w.send(
                    .POST, "/api/v1/policy-adoptions", as: "analist",
                    json: ["policy": draft, "reason": "Raadsbesluit begroting 2027"]
                ).status == .conflict)
            let second = try await w.send(
                .POST, "/api/v1/persons/\(young)/diagnoses", as: "km",
                json: ["workProspect": true, "selfReliant": false, "motivated": true])
            #expect(try second.json()["decidedCategory"] as? Int == 2)
            let list = try await w.send(.GET, "/api/v1/persons/\(young)/diagnoses", as: "km").jsonArray()
            let versions = Set(
                list.compactMap { ($0["proposal"] as? [String: Any])?["policy"] as? [String: Any] }.compactMap {
                    $0["version"] as? String
                })
            #expect(versions.count == 2 && versions.contains("2026-concept"))
            // The simulation reads what changed since its last run: the new diagnosis (category 2 now),
            // and a move to another district.
            let again = try await w.send(.POST, "/api/v1/policy-simulations", as: "analist", json: ["policy": draft])
                .json()
            #expect(again["total"] as? Int == 1 && again["changed"] as? Int == 0, "\(again)")
            _ = try await w.send(.PATCH, "/api/v1/persons/\(young)", as: "km", json: ["districtCode": "E"])
            let original =
                try JSONSerialization.jsonObject(with: Data(contentsOf: PolicyFiles.files(in: "diagnosis")[0]))
                as! [String: Any]
            let back = try await w.send(.POST, "/api/v1/policy-simulations", as: "analist", json: ["policy": original])
                .json()
            #expect(
                (back["changedByDistrict"] as? [[String: Any]])?.first?["districtCode"] as? String == "E", "\(back)")
            #expect(try await AuditEvent.query(on: w.app.db).filter(\.$action == "policy.adopt").count() == 1)
        }
    }

    @Test func incentivesFollowTheRulesAndAreExportedOnce() async throws {
        try await TestWorld.with { w in
            let provider = try await w.provider()
            let offer = try await w.intervention(provider: provider, type: "volunteerPlace", capacity: 5)
            let p = try await w.register(bsn: TestBSN.make(1))
            let r = try await w.refer(p, to: offer).json()["id"] as! String
            func incentive(_ body: [String: Any], as who: String = "km") async throws -> TestingHTTPResponse {
                var b = body
                b["referralId"] = r
                return try await w.send(.POST, "/api/v1/incentive-payments", as: who, json: b)
            }
            // Not before the enrolment runs.
            #expect(
                try await incentive(["kind": "performanceAllowance", "amountCents": 1000, "hours": 10]).status
                    == .unprocessableEntity)
            _ = try await w.send(.POST, "/api/v1/referrals/\(r)/accept", as: "aanbieder", json: [:])
            _ = try await w.send(.POST, "/api/v1/referrals/\(r)/start", as: "aanbieder", json: [:])
            // At minimum wage (€14.40 × 10 h) refused with the reason; just below allowed.
            let atWage = try await incentive([
                "kind": "performanceAllowance", "amountCents": 14_400, "hours": 10, "period": "2026-11",
            ])
            #expect(atWage.status == .unprocessableEntity)
            #expect(atWage.invalidParamNames == ["amountCents"])
            #expect(atWage.body.string.contains("minimumloon"))
            // Without the household of the benefit it cannot be weighed against the minimum wage.
            let noHousehold = try await incentive([
                "kind": "performanceAllowance", "amountCents": 14_390, "hours": 10, "period": "2026-11",
            ])
            #expect(noHousehold.invalidParamNames == ["householdType"])
            let granted = try await incentive([
                "kind": "performanceAllowance", "amountCents": 14_390, "hours": 10, "period": "2026-11",
                "householdType": "single",
            ])
            #expect(granted.status == .created, "\(granted.body.string)")
            #expect(try granted.json()["householdType"] as? String == "single")
            // Benefit plus the month's allowances stays below the net minimum wage: € 550,20 room for a
            // single person, € 143,90 used, so € 406,31 more is refused and € 406,30 is the most.
            let overMonth = try await incentive([
                "kind": "performanceAllowance", "amountCents": 40_631, "hours": 80, "period": "2026-11",
                "householdType": "single",
            ])
            #expect(overMonth.invalidParamNames == ["amountCents"])
            #expect(overMonth.body.string.contains("In november 2026 kan nog €406,30."), "\(overMonth.body.string)")
            // A couple's norm is the minimum wage: nothing.
            #expect(
                try await incentive([
                    "kind": "performanceAllowance", "amountCents": 100, "hours": 1, "period": "2026-12",
                    "householdType": "couple",
                ]).invalidParamNames == ["amountCents"])
            // The participant allowance stays within €1,250 per trajectory.
            #expect(try await incentive(["kind": "participantAllowance", "amountCents": 100_000]).status == .created)
            let over = try await incentive(["kind": "participantAllowance", "amountCents": 30_000])
            #expect(over.invalidParamNames == ["amountCents"])
            // The outflow bonus only on exit to paid work, once.
            #expect(try await incentive(["kind": "outflowBonus"]).status == .unprocessableEntity)
            _ = try await w.send(.POST, "/api/v1/referrals/\(r)/end", as: "aanbieder", json: ["outcome": "exitToWork"])
            let bonus = try await incentive(["kind": "outflowBonus"])
            #expect(bonus.status == .created)
            #expect(try bonus.json()["amountCents"] as? Int == 100_000)
            #expect(try await incentive(["kind": "outflowBonus"]).status == .unprocessableEntity)
            #expect(try await incentive(["kind": "outflowBonus"], as: "aanbieder").status == .forbidden)

            // Exported once, as CSV for Dutch Excel.
            #expect(
                try await w.send(.POST, "/api/v1/incentive-exports", as: "km", json: ["reason": "betaalrun november"])
                    .status == .forbidden)
            let export = try await w.send(
                .POST, "/api/v1/incentive-exports", as: "betaal", json: ["reason": "betaalrun november"])
            #expect(export.status == .created, "\(export.body.string)")
            #expect(try export.json()["items"] as? Int == 3)
            #expect(try export.json()["totalCents"] as? Int == 14_390 + 100_000 + 100_000)
            let file = try await w.send(
                .GET, "/api/v1/incentive-exports/\(try export.json()["id"] as! String)?reason=controle", as: "betaal")
            #expect(file.headers.contentType?.subType == "csv")
            let csv = file.body.string
            #expect(csv.hasPrefix("\u{FEFF}kenmerk;bsn;"))
            #expect(csv.contains(";143,90;2026-11;10;"))
            #expect(csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 4)
            // F2: the file with BSNs is a payments officer's duty, opened with a reason, and each opening
            // is in the resident's own access log.
            let exportPath = "/api/v1/incentive-exports/\(try export.json()["id"] as! String)"
            #expect(try await w.send(.GET, exportPath + "?reason=controle", as: "budget").status == .forbidden)
            #expect(try await w.send(.GET, exportPath, as: "betaal").invalidParamNames == ["reason"])
            let personID = UUID(uuidString: p)!
            let opened = try await AuditEvent.query(on: w.app.db).filter(\.$personID == personID)
                .filter(\.$action == "incentive.export").all().compactMap(\.detail)
            #expect(opened.contains { $0.hasPrefix("export:") && $0.contains("reason:betaalrun november") })
            #expect(opened.contains { $0.hasPrefix("download:") && $0.contains("reason:controle") }, "\(opened)")
            #expect(
                try await w.send(.POST, "/api/v1/incentive-exports", as: "betaal", json: ["reason": "nog een keer"])
                    .status
                    == .conflict)
            let listed = try await w.send(.GET, "/api/v1/incentive-payments?status=exported", as: "betaal").jsonArray()
            #expect(listed.count == 3)
        }
    }

    static func voucherWorld(_ w: inout TestWorld) async throws -> (person: String, card: String) {
        let p = try await w.register(bsn: TestBSN.make(1))
        let earned = try await w.send(
            .POST, "/api/v1/persons/\(p)/voucher-earnings", as: "km",
            json: ["activity": "Buurttuin onderhouden", "hours": 5])
        #expect(earned.status == .created, "\(earned.body.string)")
        #expect(try earned.json()["amountCents"] as? Int == 2_500)
        let business = try await w.send(
            .POST, "/api/v1/businesses", as: "beheer",
            json: ["code": "buurtsuper", "name": "Buurtsuper De Hoek", "districtCode": "T"])
        #expect(business.status == .created, "\(business.body.string)")
        let user = try await User.find(w.users["ondernemer"]!.id, on: w.app.db)!
        user.businessID = UUID(uuidString: try business.json()["id"] as! String)
        try await user.save(on: w.app.db)
        let card = try await VoucherAccount.query(on: w.app.db).first()!.cardCode
        return (p, card)
    }

    func redeem(_ w: TestWorld, card: String, amount: Int, key: String?) async throws -> TestingHTTPResponse {
        var h = w.headers("ondernemer")
        if let key { h.replaceOrAdd(name: "Idempotency-Key", value: key) }
        let body = ByteBuffer(
            data: try JSONSerialization.data(withJSONObject: ["cardCode": card, "amountCents": amount]))
        return try await w.app.testing().sendRequest(.POST, "/api/v1/voucher-redemptions", headers: h, body: body)
    }

    @Test func aRedemptionSentTwiceIsAppliedOnceAndTheBalanceNeverGoesNegative() async throws {
        try await TestWorld.with(sqlLogLevel: .trace, sqliteFile: true) { w in
            let (p, card) = try await Self.voucherWorld(&w)
            // Without a key: refused, so a retry cannot double-spend.
            #expect(try await redeem(w, card: card, amount: 500, key: nil).invalidParamNames == ["Idempotency-Key"])
            let first = try await redeem(w, card: card, amount: 500, key: "kassa-1-bon-0001")
            #expect(first.status == .created)
            let again = try await redeem(w, card: card, amount: 500, key: "kassa-1-bon-0001")
            #expect(again.status == .ok)
            #expect(try again.json()["replayed"] as? Bool == true)
            #expect(try again.json()["id"] as? String == (try first.json()["id"] as? String))
            #expect(try await redeem(w, card: card, amount: 700, key: "kassa-1-bon-0001").status == .conflict)
            // The same key six times at once: applied once.
            let world = w
            let same = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        Int(try await self.redeem(world, card: card, amount: 500, key: "kassa-1-bon-0002").status.code)
                    }
                }
                var out: [Int] = []
                for try await s in group { out.append(s) }
                return out
            }
            #expect(same.filter { $0 == 201 }.count == 1)
            #expect(same.allSatisfy { $0 == 201 || $0 == 200 })
            #expect(try await VoucherAccount.query(on: w.app.db).first()!.balanceCents == 1_500)
            // Eight different redemptions of €5 at once on €15: three succeed, the balance ends at zero, never below.
            let many = try await withThrowingTaskGroup(of: Int.self) { group in
                for n in 0..<8 {
                    group.addTask {
                        Int(
                            try await self.redeem(world, card: card, amount: 500, key: "kassa-2-bon-\(n)000").status
                                .code)
                    }
                }
                var out: [Int] = []
                for try await s in group { out.append(s) }
                return out
            }
            #expect(many.filter { $0 == 201 }.count == 3)
            #expect(many.filter { $0 == 409 }.count == 5)
            #expect(try await VoucherAccount.query(on: w.app.db).first()!.balanceCents == 0)
            // The resident sees balance and history; another resident and the business do not.
            let inwoner = try await User.find(w.users["inwoner"]!.id, on: w.app.db)!
            inwoner.personID = UUID(uuidString: p)
            try await inwoner.save(on: w.app.db)
            let mine = try await w.send(.GET, "/api/v1/persons/\(p)/vouchers", as: "inwoner")
            #expect(mine.status == .ok)
            #expect(try mine.json()["balanceCents"] as? Int == 0)
            #expect((try mine.json()["entries"] as? [[String: Any]])?.count == 6)
            #expect(try await w.send(.GET, "/api/v1/persons/\(p)/vouchers", as: "ondernemer").status == .forbidden)
            #expect(try await w.send(.GET, "/api/v1/persons/\(p)/vouchers", as: "km-west").status == .forbidden)
            // Expiry only for a year that has ended.
            #expect(
                try await w.send(.POST, "/api/v1/voucher-expiries", as: "budget", json: ["year": Clock.today().year])
                    .invalidParamNames == ["year"])
        }
    }

    @Test func vouchersEarnedLastYearExpireFirstInFirstOut() async throws {
        try await TestWorld.with { w in
            let (p, card) = try await Self.voucherWorld(&w)
            // Backdate the 5 hours to last year, then earn 2 hours this year and spend €10.
            try await (w.app.db as! any SQLDatabase).raw(
                "UPDATE voucher_entries SET on_date = \(bind: "\(Clock.today().year - 1)-06-01")"
            ).run()
            _ = try await w.send(
                .POST, "/api/v1/persons/\(p)/voucher-earnings", as: "km",
                json: ["activity": "Koffie schenken in het buurthuis", "hours": 2])
            #expect(try await redeem(w, card: card, amount: 1_000, key: "kassa-3-bon-0001").status == .created)
            // Last year's €25 less the €10 spent (oldest first): €15 expires, this year's €10 stays.
            let run = try await w.send(
                .POST, "/api/v1/voucher-expiries", as: "budget", json: ["year": Clock.today().year - 1])
            #expect(run.status == .ok, "\(run.body.string)")
            #expect(try run.json()["expiredCents"] as? Int == 1_500)
            #expect(try await VoucherAccount.query(on: w.app.db).first()!.balanceCents == 1_000)
            // Twice: nothing more.
            #expect(
                try await w.send(
                    .POST, "/api/v1/voucher-expiries", as: "budget", json: ["year": Clock.today().year - 1]
                ).json()["expiredCents"] as? Int == 0)
        }
    }

    static func overdueAgreement(_ w: TestWorld, person: String) async throws -> String {
        let plan =
            try await w.send(.POST, "/api/v1/plans", as: "km", json: ["personId": person]).json()["id"] as! String
        let a = try await w.send(
            .POST, "/api/v1/plans/\(plan)/agreements", as: "km",
            json: [
                "who": "Fatima", "what": "Twee sollicitaties per week versturen",
                "dueOn": Clock.today().adding(months: 1).iso, "personId": person,
            ])
        #expect(a.status == .created, "\(a.body.string)")
        let json = try a.json()
        let id = json["id"] as! String
        try await (w.app.db as! any SQLDatabase).raw(
            "UPDATE agreements SET due_on = \(bind: CalendarDate(dayNumber: Clock.today().dayNumber - 14).iso)"
        ).run()
        return id
    }

    @Test func aSanctionNeedsAlternativesAHearingAndASecondPerson() async throws {
        try await TestWorld.with { w in
            let (_, token) = try await User.create(
                username: "km2", displayName: "Tweede klantmanager", roles: [.caseManager], districtCode: "T",
                password: nil, on: w.app.db, hasher: w.app.password.sync)
            w.tokens["km2"] = token
            let p = try await w.register(bsn: TestBSN.make(1))
            let agreement = try await Self.overdueAgreement(w, person: p)
            let opened = try await w.send(
                .POST, "/api/v1/enforcement-cases", as: "km", json: ["agreementId": agreement])
            #expect(opened.status == .created, "\(opened.body.string)")
            #expect(try opened.json()["status"] as? String == "reminded")
            let id = try opened.json()["id"] as! String
            func step(_ s: String, _ body: [String: Any], as who: String = "km") async throws -> TestingHTTPResponse {
                try await w.send(.POST, "/api/v1/enforcement-cases/\(id)/\(s)", as: who, json: body)
            }
            // Not before the hearing, not without alternatives.
            #expect(try await step("proposal", ["violation": "agreementMissed"]).status == .conflict)
            #expect(
                try await step("hearing", ["note": "Fatima vertelt dat haar moeder ziek is; ze zorgt voor haar."])
                    .status == .ok)
            let noAlt = try await step("proposal", ["violation": "agreementMissed"])
            #expect(noAlt.invalidParamNames == ["alternatives"])
            #expect(try await step("alternatives", ["alternatives": ["kort"]]).invalidParamNames == ["alternatives"])
            #expect(
                try await step(
                    "alternatives",
                    [
                        "alternatives": [
                            "Afspraak verzet naar een moment zonder mantelzorg",
                            "Mantelzorgondersteuning aangeboden via het wijkteam",
                        ]
                    ]
                ).status == .ok)
            let proposed = try await step("proposal", ["violation": "agreementMissed"])
            #expect(proposed.status == .ok, "\(proposed.body.string)")
            #expect(try proposed.json()["percent"] as? Int == 10)
            #expect(try proposed.json()["months"] as? Int == 1)
            // Four eyes: the proposer cannot decide.
            let own = try await step("decision", ["decision": "approve", "note": "Akkoord"])
            #expect(own.status == .unprocessableEntity)
            #expect(own.invalidParamNames == ["decision"])
            // Weighed: never above the table, lower only with a reason, urgent reasons always assessed.
            let unweighed = try await step(
                "decision", ["decision": "approve", "note": "Zorgvuldig afgewogen", "percent": 20, "months": 0],
                as: "km2")
            #expect(Set(unweighed.invalidParamNames) == ["percent", "months", "weighingReason", "urgentReasons"])
            #expect(unweighed.body.string.contains("Hoger dan de beleidstabel (10%) kan niet"))
            let noWhy = try await step(
                "decision",
                [
                    "decision": "approve", "note": "Afgewogen", "percent": 5, "urgentReasons": "present",
                    "urgentReasonsNote": "zorg",
                ],
                as: "km2")
            #expect(Set(noWhy.invalidParamNames) == ["weighingReason", "urgentReasonsNote"])
            let decided = try await step(
                "decision",
                [
                    "decision": "approve", "note": "Zorgvuldig afgewogen", "percent": 5,
                    "weighingReason": "Zij zorgt dagelijks voor haar zieke moeder en kwam daardoor in tijdnood",
                    "urgentReasons": "none",
                ], as: "km2")
            #expect(decided.status == .ok, "\(decided.body.string)")
            let letter = try decided.json()["notification"] as? String ?? ""
            #expect(letter.contains("met 5% te verlagen"), "\(letter)")
            #expect(
                letter.contains("Volgens onze beleidsregels hoort hierbij een verlaging van 10% gedurende 1 maand."))
            #expect(letter.contains("We hebben uw situatie meegewogen: Zij zorgt dagelijks voor haar zieke moeder"))
            #expect(letter.contains("Die hebben we niet gevonden.") && letter.contains("binnen zes weken"))
            #expect(try decided.json()["tablePercent"] as? Int == 10 && decided.json()["percent"] as? Int == 5)
            #expect(try decided.json()["urgentReasons"] as? String == "none")
            #expect(try decided.json()["decidedBy"] as? String == "Tweede klantmanager")
            // The database refuses a decision by the proposer, whatever the code does.
            let c = try await EnforcementCase.find(UUID(uuidString: id)!, on: w.app.db)!
            c.decidedByID = c.proposedByID
            await #expect(throws: (any Error).self) { try await c.save(on: w.app.db) }
            #expect(try await AuditEvent.query(on: w.app.db).filter(\.$action == "enforcement.update").count() == 4)
            #expect(try await w.send(.GET, "/api/v1/enforcement-cases/\(id)", as: "km-west").status == .forbidden)
        }
    }

    @Test func withoutMunicipalBenefitOnlyInvitationAndAgreement() async throws {
        try await TestWorld.with { w in
            let p = try await w.register(bsn: TestBSN.make(1), district: "T", ["benefit": "none"])
            let agreement = try await Self.overdueAgreement(w, person: p)
            let opened = try await w.send(
                .POST, "/api/v1/enforcement-cases", as: "km", json: ["agreementId": agreement])
            #expect(try opened.json()["status"] as? String == "invited")
            let id = try opened.json()["id"] as! String
            _ = try await w.send(
                .POST, "/api/v1/enforcement-cases/\(id)/hearing", as: "km",
                json: ["note": "Uitnodigingsgesprek gevoerd, nieuwe afspraak gemaakt."])
            _ = try await w.send(
                .POST, "/api/v1/enforcement-cases/\(id)/alternatives", as: "km",
                json: ["alternatives": ["Samen een nieuw rooster gemaakt voor de sollicitaties"]])
            let proposal = try await w.send(
                .POST, "/api/v1/enforcement-cases/\(id)/proposal", as: "km", json: ["violation": "agreementMissed"])
            #expect(proposal.invalidParamNames == ["relation"])
            let closed = try await w.send(
                .POST, "/api/v1/enforcement-cases/\(id)/close", as: "km", json: ["note": "Nieuwe afspraak gemaakt"])
            #expect(try closed.json()["status"] as? String == "closed")
        }
    }

    @Test func theBudgetOverviewAndARedemptionUseAFixedNumberOfStatements() async throws {
        _ = SQLCounter.shared
        try await TestWorld.with(sqlLogLevel: .critical) { w in
            let provider = try await w.provider()
            let offer = try await w.intervention(provider: provider, capacity: 5)
            try await w.stream(total: 10 * Self.price)
            for n in 0..<3 { _ = try await w.refer(try await w.register(bsn: TestBSN.make(n + 5)), to: offer) }
            func count(
                _ method: HTTPMethod, _ path: String, as who: String, json: [String: Any]? = nil, key: String? = nil
            ) async throws -> [String] {
                var headers = w.headers(who)
                headers.replaceOrAdd(name: .xRequestId, value: "count-\(UUID())")
                if let key { headers.replaceOrAdd(name: "Idempotency-Key", value: key) }
                let body = try json.map { ByteBuffer(data: try JSONSerialization.data(withJSONObject: $0)) }
                let res = try await w.app.testing().sendRequest(method, path, headers: headers, body: body)
                #expect(res.status.code < 300, "\(res.body.string)")
                return SQLCounter.shared.statements(for: headers.first(name: .xRequestId)!)
            }
            // token, streams, allocations, the aggregate over commitments, the count waiting for budget.
            let overview = try await count(.GET, "/api/v1/budget", as: "budget")
            #expect(overview.count == 5, "\(overview)")
            let (_, card) = try await Self.voucherWorld(&w)
            // token, the key looked up, the conditional debit, the ledger entry, the audit entry (+ transaction control).
            let redeem = try await count(
                .POST, "/api/v1/voucher-redemptions", as: "ondernemer", json: ["cardCode": card, "amountCents": 100],
                key: "count-key-0001")
            #expect(redeem.filter { !["BEGIN", "COMMIT"].contains($0.uppercased()) }.count <= 5, "\(redeem)")
        }
    }
}
