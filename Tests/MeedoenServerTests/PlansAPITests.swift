import Fluent
import Foundation
import MeedoenCore
import Testing
import VaporTesting

@testable import MeedoenServer

@Suite("Plans, agreements, worklist and matching") struct PlansAPITests {
    @Test func oneHouseholdOnePlanOneDirectorWithHistory() async throws {
        try await TestWorld.with { w in
            let p = try await w.register(bsn: TestBSN.make(0))
            let created = try await w.send(
                .POST, "/api/v1/plans", as: "km",
                json: [
                    "personId": p,
                    "goals": [
                        ["domain": "work", "text": "Binnen een jaar 16 uur per week werken"],
                        ["domain": "incomeAndDebts", "text": "Schulden in beeld"],
                    ],
                    "strengths": [
                        ["of": "person", "text": "Doorzetter"], ["of": "network", "text": "Zus helpt met de kinderen"],
                    ],
                    "involved": [
                        [
                            "organisation": "Schuldhulp Zuidoost", "goal": "Schuldregeling",
                            "contactName": "M. de Vries", "contactDetails": "020-1234567",
                        ]
                    ],
                ])
            #expect(created.status == .created, "\(created.body.string)")
            let plan = try created.json()
            let planID = plan["id"] as! String
            #expect(plan["directorId"] as? String == w.users["km"]!.id!.uuidString)
            #expect((plan["members"] as? [[String: Any]])?.count == 1)
            // The reassessment is due within the policy's six months (no active route yet).
            let due = CalendarDate(iso: plan["reassessmentDue"] as! String)!
            #expect(due == Clock.today().adding(months: 6))
            // One household, one plan.
            let second = try await w.send(.POST, "/api/v1/plans", as: "km", json: ["personId": p])
            #expect(second.status == .conflict)
            // Bad input is named field by field.
            let bad = try await w.send(
                .POST, "/api/v1/plans/\(planID)/agreements", as: "km", json: ["what": "", "dueOn": "2026-13-01"])
            #expect(Set(bad.invalidParamNames) == ["who", "what", "dueOn"])
            let a = try await w.send(
                .POST, "/api/v1/plans/\(planID)/agreements", as: "km",
                json: ["who": "inwoner", "what": "Inschrijven bij het werkplein", "dueOn": "2026-01-10", "personId": p])
            #expect(a.status == .created)
            #expect(try a.json()["overdue"] as? Bool == true)
            let aID = try a.json()["id"] as! String
            // The resident agrees; the director changes; a revision for each change.
            let upd = try await w.send(
                .PATCH, "/api/v1/plans/\(planID)", as: "km",
                json: ["residentAgreed": true, "residentAgreementNote": "Besproken aan de keukentafel"])
            #expect(upd.status == .ok)
            #expect(try upd.json()["residentAgreedOn"] as? String == Clock.today().iso)
            let notDirector = try await w.send(
                .PATCH, "/api/v1/plans/\(planID)", as: "km", json: ["directorId": w.users["analist"]!.id!.uuidString])
            #expect(notDirector.invalidParamNames == ["directorId"])
            let revisions = try await w.send(.GET, "/api/v1/plans/\(planID)/revisions", as: "km").jsonArray()
            #expect(revisions.map { $0["summary"] as? String } == ["residentAgreement", "created"])

            // "My work": the overdue agreement and (being new) no stalled plan yet.
            let work = try await w.send(.GET, "/api/v1/worklist", as: "km").json()
            #expect((work["overdueAgreements"] as? [[String: Any]])?.count == 1)
            #expect((work["plansWithoutProgress"] as? [[String: Any]])?.isEmpty == true)
            // Done, with evidence.
            let done = try await w.send(
                .PATCH, "/api/v1/plans/\(planID)/agreements/\(aID)", as: "km",
                json: ["status": "done", "evidence": "Inschrijfbewijs gezien"])
            #expect(try done.json()["doneOn"] as? String == Clock.today().iso)
            #expect(
                ((try await w.send(.GET, "/api/v1/worklist", as: "km").json())["overdueAgreements"] as? [[String: Any]])?
                    .isEmpty == true)

            // Need to know: a case manager of another district sees nothing; the read is audited for each member.
            #expect(try await w.send(.GET, "/api/v1/plans/\(planID)", as: "km-west").status == .forbidden)
            #expect(try await w.send(.GET, "/api/v1/plans/\(planID)", as: "analist").status == .forbidden)
            #expect(try await w.send(.GET, "/api/v1/plans/\(planID)", as: "km").status == .ok)
            let reads = try await AuditEvent.query(on: w.app.db).filter(\.$personID == UUID(uuidString: p)!).filter(
                \.$action == "plan.read"
            ).count()
            #expect(reads >= 2)
            let household = try await w.send(.GET, "/api/v1/persons/\(p)", as: "km").json()["person"] as! [String: Any]
            #expect(
                try await w.send(.GET, "/api/v1/households/\(household["householdId"] as! String)/plan", as: "km")
                    .status == .ok)
        }
    }

    @Test func stalledPlansAndOverdueReassessmentsShowInMyWork() async throws {
        try await TestWorld.with { w in
            let p = try await w.register(bsn: TestBSN.make(0))
            let created = try await w.send(.POST, "/api/v1/plans", as: "km", json: ["personId": p])
            let planID = UUID(uuidString: try created.json()["id"] as! String)!
            // Age the plan: started five months ago, reassessment due last week.
            let plan = try await Plan.find(planID, on: w.app.db)!
            plan.startedOn = Clock.today().adding(months: -5).iso
            plan.reassessmentDue = CalendarDate(dayNumber: Clock.today().dayNumber - 7).iso
            try await plan.save(on: w.app.db)
            let work = try await w.send(.GET, "/api/v1/worklist", as: "km").json()
            #expect((work["overdueReassessments"] as? [[String: Any]])?.count == 1)
            #expect((work["plansWithoutProgress"] as? [[String: Any]])?.count == 1)
            // Reassessed: due again in six months, off the list.
            let re = try await w.send(.PATCH, "/api/v1/plans/\(planID)", as: "km", json: ["reassessed": true])
            #expect(try re.json()["reassessmentOverdue"] as? Bool == false)
            // A rung change is progress.
            _ = try await w.send(
                .POST, "/api/v1/persons/\(p)/assessments", as: "km",
                json: [
                    "kind": "rung", "ladderId": "amsterdam", "rung": 1,
                    "assessedOn": Clock.today().adding(months: -4).iso,
                ])
            _ = try await w.send(
                .POST, "/api/v1/persons/\(p)/assessments", as: "km",
                json: ["kind": "rung", "ladderId": "amsterdam", "rung": 2, "assessedOn": Clock.today().iso])
            let after = try await w.send(.GET, "/api/v1/worklist", as: "km").json()
            #expect((after["plansWithoutProgress"] as? [[String: Any]])?.isEmpty == true)
            #expect(try await w.send(.GET, "/api/v1/worklist", as: "aanbieder").status == .forbidden)
        }
    }

    @Test func matchesAreRankedAndCarryTheirReasons() async throws {
        try await TestWorld.with { w in
            _ = try await CatalogueService.load(w.app.policyStore.demoCatalogue, on: w.app.db)
            let p = try await w.register(bsn: TestBSN.make(0), ["birthDate": "1985-05-05", "wishes": ["volunteer"]])
            let rung = try await w.send(
                .POST, "/api/v1/persons/\(p)/assessments", as: "km",
                json: ["kind": "rung", "ladderId": "amsterdam", "rung": 2])
            #expect(rung.status == .created, "\(rung.body.string)")
            let res = try await w.send(.GET, "/api/v1/persons/\(p)/matches", as: "km")
            #expect(res.status == .ok, "\(res.body.string)")
            let body = try res.json()
            #expect(body["rung"] as? Int == 2)
            let matches = body["matches"] as! [[String: Any]]
            #expect(!matches.isEmpty)
            #expect(matches.allSatisfy { $0["fits"] as? Bool == true })
            // The order of preference: tiers never go back up the list.
            let order = ["paidWork", "activation", "volunteering", "dayActivities"]
            let tiers = matches.map { order.firstIndex(of: ($0["intervention"] as! [String: Any])["tier"] as! String)! }
            #expect(tiers == tiers.sorted())
            let reasons = matches.flatMap { ($0["reasons"] as! [[String: Any]]).map { $0["text"] as! String } }
            #expect(reasons.contains("Past bij trede 2."))
            #expect(reasons.contains("Past bij wens vrijwilligerswerk."))
            #expect(reasons.contains { $0.contains("vrij in eigen stadsdeel") })
            // Plus offers of other districts do not fit a resident of Zuidoost.
            #expect(
                !matches.contains {
                    (($0["intervention"] as! [String: Any])["districtCode"] as? String).map { $0 != "T" } ?? false
                })
            // With all=true, offers that do not fit follow, with the criteria they miss.
            let all =
                try await w.send(.GET, "/api/v1/persons/\(p)/matches?all=true", as: "km").json()["matches"]
                as! [[String: Any]]
            #expect(all.count > matches.count)
            #expect(all.last?["fits"] as? Bool == false && !((all.last?["unmet"] as? [String]) ?? []).isEmpty)
            // Only case managers with a need to know.
            #expect(try await w.send(.GET, "/api/v1/persons/\(p)/matches", as: "km-west").status == .forbidden)
            #expect(try await w.send(.GET, "/api/v1/persons/\(p)/matches", as: "aanbieder").status == .forbidden)

            // For a place: the people who fit, among the case manager's own.
            let tb = try await Intervention.query(on: w.app.db).filter(\.$code == "TB-UIT").first()!
            let fit = try await w.send(.GET, "/api/v1/interventions/\(tb.id!)/candidates", as: "km").jsonArray()
            #expect(fit.map { $0["personId"] as? String } == [p])
            #expect(
                try await w.send(.GET, "/api/v1/interventions/\(tb.id!)/candidates", as: "km-west").jsonArray().isEmpty)
            #expect(
                try await w.send(.GET, "/api/v1/interventions/\(tb.id!)/candidates", as: "analist").status == .forbidden
            )
        }
    }
}

@Suite("Statements per request, [2/5]") struct WorkStatementTests {
    /// Matching for one person and one referral read: a bounded number of statements, whatever the catalogue size.
    @Test func matchesAndReferralReadsUseAFixedNumberOfStatements() async throws {
        _ = SQLCounter.shared
        try await TestWorld.with(sqlLogLevel: .critical) { w in
            _ = try await CatalogueService.load(w.app.policyStore.demoCatalogue, on: w.app.db)
            let p = try await w.register(bsn: TestBSN.make(0))
            _ = try await w.send(
                .POST, "/api/v1/persons/\(p)/assessments", as: "km",
                json: ["kind": "rung", "ladderId": "amsterdam", "rung": 2])
            func count(_ path: String) async throws -> [String] {
                var headers = w.headers("km")
                headers.replaceOrAdd(name: .xRequestId, value: "count-\(UUID())")
                let res = try await w.app.testing().sendRequest(.GET, path, headers: headers)
                #expect(res.status == .ok, "\(res.body.string)")
                return SQLCounter.shared.statements(for: headers.first(name: .xRequestId)!)
            }
            // token, person, the person as candidate (latest rung and diagnosis as subqueries), the catalogue with waiting counts.
            let matches = try await count("/api/v1/persons/\(p)/matches")
            #expect(matches.count == 4, "\(matches)")
            let tb = try await Intervention.query(on: w.app.db).filter(\.$code == "TB-UIT").first()!
            let ref = try await w.refer(p, to: tb.id!.uuidString)
            let read = try await count("/api/v1/referrals/\(try ref.json()["id"] as! String)")
            // token, referral, person, intervention, provider, notes.
            #expect(read.count == 6, "\(read)")
        }
    }
}
