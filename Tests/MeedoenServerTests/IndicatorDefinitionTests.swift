import Fluent
import Foundation
import MeedoenCore
import Testing
import VaporTesting

@testable import MeedoenServer

/// Issue 16, item 9: the indicators count what the source documents define.
@Suite("Indicators as defined") struct IndicatorDefinitionTests {
    func measure(_ w: TestWorld, _ id: String) async throws -> IndicatorService.Row {
        let set = w.app.policyStore.indicators
        let today = Clock.today()
        return try await IndicatorService.measure(
            set.indicator(id)!, year: today.year, today: today, ladder: set.ladder, on: w.app.db)
    }

    /// Referred, accepted, started and ended today with `outcome` (and `exam`, if given).
    func runToTheEnd(_ w: TestWorld, _ person: String, _ offer: String, outcome: String, exam: String? = nil)
        async throws -> (String, TestingHTTPResponse)
    {
        let today = Clock.today().iso
        let r = try await w.refer(person, to: offer)
        #expect(r.status == .created, "\(r.body.string)")
        let id = try r.json()["id"] as! String
        #expect(try await w.send(.POST, "/api/v1/referrals/\(id)/accept", as: "aanbieder").status == .ok)
        let start = try await w.send(.POST, "/api/v1/referrals/\(id)/start", as: "aanbieder", json: ["startOn": today])
        #expect(start.status == .ok, "\(start.body.string)")
        var body: [String: Any] = ["outcome": outcome, "endOn": today]
        if let exam { body["exam"] = exam }
        return (id, try await w.send(.POST, "/api/v1/referrals/\(id)/end", as: "aanbieder", json: body))
    }

    @Test func outflowToWorkCountsPeopleByTheDateTheyLeaveWhateverTheRoute() async throws {
        try await TestWorld.with { w in
            try await w.stream(total: 10_000_000)
            let provider = try await w.provider()
            let ips = try await w.intervention(provider: provider, code: "IPS", type: "ips", capacity: 5)
            var people: [String] = []
            for n in 0..<6 { people.append(try await w.register(bsn: TestBSN.make(n))) }
            let today = Clock.today()
            // Three leave for work at the end of an enrolment: the exit is the person's, on the end date.
            for p in people[0..<3] {
                let (rid, end) = try await runToTheEnd(w, p, ips, outcome: "exitToWork")
                #expect(end.status == .ok, "\(end.body.string)")
                let exits = try await w.send(.GET, "/api/v1/persons/\(p)/exits", as: "km").jsonArray()
                #expect(exits.count == 1 && exits[0]["referralId"] as? String == rid)
                #expect(
                    exits[0]["leftOn"] as? String == today.iso && exits[0]["kindLabel"] as? String == "betaald werk")
            }
            // Two find work on their own (the passive route): the case manager records it.
            for p in people[3..<5] {
                let res = try await w.send(
                    .POST, "/api/v1/persons/\(p)/exits", as: "km",
                    json: ["kind": "work", "leftOn": today.iso, "note": "Zelf een baan gevonden bij de bakker."])
                #expect(res.status == .created, "\(res.body.string)")
            }
            // One of the first three left for work earlier this year too: a person counts once.
            let earlier = CalendarDate(year: today.year, month: 1, day: 2)!.iso
            #expect(
                try await w.send(
                    .POST, "/api/v1/persons/\(people[0])/exits", as: "km", json: ["kind": "work", "leftOn": earlier]
                ).status == .created)
            // Back to school is not work.
            #expect(
                try await w.send(
                    .POST, "/api/v1/persons/\(people[5])/exits", as: "km",
                    json: ["kind": "school", "leftOn": today.iso]
                ).status == .created)
            let outflow = try await measure(w, "uitstroom-werk")
            #expect(outflow.city?.numerator == 5 && outflow.districts["T"]?.numerator == 5)

            // The same exit twice is 409; a future date and an unknown kind are named; roles without a need to know get 403.
            let twice = try await w.send(
                .POST, "/api/v1/persons/\(people[3])/exits", as: "km", json: ["kind": "work", "leftOn": today.iso])
            #expect(twice.status == .conflict)
            let bad = try await w.send(
                .POST, "/api/v1/persons/\(people[3])/exits", as: "km",
                json: ["kind": "holiday", "leftOn": CalendarDate(dayNumber: today.dayNumber + 3).iso])
            #expect(bad.status == .unprocessableEntity && Set(bad.invalidParamNames) == ["kind", "leftOn"])
            for who in ["analist", "aanbieder", "budget"] {
                #expect(
                    try await w.send(
                        .POST, "/api/v1/persons/\(people[3])/exits", as: who,
                        json: ["kind": "work", "leftOn": earlier]
                    ).status == .forbidden, "\(who)")
            }
            #expect(try await w.send(.GET, "/api/v1/persons/\(people[3])/exits", as: "analist").status == .forbidden)
            // Recorded and read on the file's access log.
            let audit = try await AuditEvent.query(on: w.app.db).filter(\.$action == "exit.record").count()
            #expect(audit == 4)
        }
    }

    @Test func theCaseManagerRecordsAnExitOnTheDossierPage() async throws {
        try await TestWorld.with { w in
            let pages = PagesTests()
            let person = try await w.register()
            let km = try await FrontDoorTests().session(w, "km")
            let dossier = try await pages.get(w, "/personen/\(person)", cookie: km)
            #expect(dossier.body.string.contains("Uitstroom naar werk of school"))
            let csrf = try WorkPagesTests().csrf(dossier)
            let wrong = try await pages.post(
                w, "/personen/\(person)/uitstroom", cookie: km, form: "_csrf=\(csrf)&kind=&leftOn=2099-01-01")
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("De datum ligt in de toekomst"))
            let ok = try await pages.post(
                w, "/personen/\(person)/uitstroom", cookie: km,
                form: "_csrf=\(csrf)&kind=work&leftOn=\(Clock.today().iso)&note=Werkt+bij+de+bakker")
            #expect(ok.status == .seeOther, "\(ok.body.string)")
            let after = try await pages.get(w, "/personen/\(person)", cookie: km).body.string
            #expect(after.contains("betaald werk · Werkt bij de bakker"))
            #expect(!after.contains(Clock.today().iso + " ·"), "dates in words")
        }
    }

    @Test func thePassRateIsOfThoseWhoSatTheExam() async throws {
        try await TestWorld.with { w in
            try await w.stream(total: 10_000_000)
            let provider = try await w.provider()
            let taal = try await w.intervention(provider: provider, code: "TAAL", type: "languageCourse", capacity: 6)
            let ips = try await w.intervention(provider: provider, code: "IPS", type: "ips", capacity: 1)
            let results = ["passed", "passed", "passed", "failed", "failed", "notSat"]
            var ids: [String] = []
            for (n, exam) in results.enumerated() {
                let p = try await w.register(bsn: TestBSN.make(n))
                let (id, end) = try await runToTheEnd(w, p, taal, outcome: "completed", exam: exam)
                let examNow = try end.json()["exam"] as? String
                #expect(end.status == .ok && examNow == exam, "\(end.body.string)")
                ids.append(id)
            }
            let rate = try await measure(w, "taal-geslaagd")
            #expect(rate.city?.numerator == 3 && rate.city?.denominator == 5, "who did not sit the exam is not counted")
            #expect(rate.city?.value == 60)
            // Only a language course or civic integration has an exam.
            let other = try await w.register(bsn: TestBSN.make(9))
            let (_, wrong) = try await runToTheEnd(w, other, ips, outcome: "completed", exam: "passed")
            #expect(wrong.status == .unprocessableEntity && wrong.invalidParamNames == ["exam"])
            // The referral page says it in words.
            let km = try await FrontDoorTests().session(w, "km")
            let page = try await PagesTests().get(w, "/verwijzingen/\(ids[3])", cookie: km).body.string
            #expect(page.contains("Examen gedaan, niet geslaagd"))
        }
    }

    @Test func aYoungPersonOnSchoolFirstIsFollowedUntilEnrolledOrWorking() async throws {
        try await TestWorld.with { w in
            let young = try await w.register(bsn: TestBSN.make(1), ["circumstances": ["noStartingQualification"]])
            let d = try await w.send(
                .POST, "/api/v1/persons/\(young)/diagnoses", as: "km",
                json: ["workProspect": true, "selfReliant": false, "motivated": true])
            #expect(try d.json()["decidedRoute"] as? String == "work.schoolFirst", "\(d.body.string)")
            let km = try await FrontDoorTests().session(w, "km")
            let work = try await PagesTests().get(w, "/mijn-werk", cookie: km).body.string
            #expect(work.contains("Jongeren: eerst school, nog niet ingeschreven of aan het werk (1)"))
            #expect(work.contains("Fatima El Amrani"))
            let before = try await measure(w, "jongeren-school-of-werk")
            #expect(before.city?.numerator == 0 && before.city?.denominator == 1)
            // Enrolled at school: off the list, and counted.
            #expect(
                try await w.send(
                    .POST, "/api/v1/persons/\(young)/exits", as: "km",
                    json: ["kind": "school", "leftOn": Clock.today().iso, "note": "Ingeschreven bij het ROC, mbo 2."]
                ).status == .created)
            let after = try await PagesTests().get(w, "/mijn-werk", cookie: km).body.string
            #expect(!after.contains("Jongeren: eerst school"))
            let now = try await measure(w, "jongeren-school-of-werk")
            #expect(now.city?.numerator == 1 && now.city?.denominator == 1)
        }
    }

    @Test func riskReferredToCareCountsOnlyReferralsToCare() async throws {
        try await TestWorld.with { w in
            try await w.stream(total: 10_000_000)
            let provider = try await w.provider()
            let taal = try await w.intervention(provider: provider, code: "TAAL", type: "languageCourse", capacity: 5)
            let dag = try await w.intervention(provider: provider, code: "DAG", type: "dayActivitiesLow", capacity: 5)
            var people: [String] = []
            for n in 0..<3 {
                let p = try await w.register(bsn: TestBSN.make(n))
                let d = try await w.send(
                    .POST, "/api/v1/persons/\(p)/diagnoses", as: "km",
                    json: ["workProspect": false, "selfReliant": false, "motivated": true, "risks": ["isolation"]])
                #expect(d.status == .created, "\(d.body.string)")
                people.append(p)
            }
            // A language course is not care; Wmo day activities are.
            #expect(try await w.refer(people[0], to: taal).status == .created)
            #expect(try await w.refer(people[1], to: dag).status == .created)
            let risk = try await measure(w, "risico-zorg")
            #expect(risk.city?.numerator == 1 && risk.city?.denominator == 3)
        }
    }
}
