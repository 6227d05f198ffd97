import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting

@testable import MeedoenServer

@Suite("Diagnoses and assessments API") struct DiagnosisAPITests {
    static var youngJobless: [String: Any] {
        [
            "birthDate": "2004-03-01", "referenceDate": "2026-11-27", "benefit": "participatiewet",
            "workProspect": true, "selfReliant": false, "motivated": true,
        ]
    }

    @Test func thePreviewProposesARouteACategoryAndExplainsItselfWithoutStoringAnything() async throws {
        try await TestWorld.with { w in
            let res = try await w.send(.POST, "/api/v1/diagnoses/preview", as: "loket", json: Self.youngJobless)
            #expect(res.status == .ok)
            let json = try res.json()
            #expect(json["route"] as? String == "work.active")
            #expect(json["category"] as? Int == 1)
            #expect(json["targetGroups"] as? [String] == ["youngPeople", "needsSupportToWork"])
            #expect(json["enforcementAvailable"] as? Bool == false)
            #expect(json["caseTableProposed"] as? Bool == false)
            #expect((json["policy"] as? [String: Any])?["id"] as? String == "amsterdam-2011-2014")
            let reasons = try #require(json["reasons"] as? [[String: Any]])
            #expect(
                reasons.contains {
                    $0["code"] as? String == "route.work.active"
                        && ($0["text"] as? String)?.contains("actieve begeleiding") == true
                })
            #expect(try await Diagnosis.query(on: w.app.db).count() == 0)
            #expect(try await AuditEvent.query(on: w.app.db).count() == 0, "no personal data: nothing to audit")
        }
    }

    @Test func thePreviewAnswersInEnglishAndWithoutACategoryWhenNoGroupApplies() async throws {
        try await TestWorld.with { w in
            let body: [String: Any] = [
                "birthDate": "1980-05-05", "referenceDate": "2026-11-27", "benefit": "wajong",
                "workProspect": true, "selfReliant": false, "motivated": false,
            ]
            let res = try await w.send(.POST, "/api/v1/diagnoses/preview", as: "analist", json: body, language: "en")
            let json = try res.json()
            #expect(json["route"] as? String == "work.limitedOffer")
            #expect(json["category"] is NSNull)
            let reasons = try #require(json["reasons"] as? [[String: Any]])
            #expect(
                reasons.contains {
                    $0["code"] as? String == "category.none"
                        && ($0["text"] as? String)?.contains("professional judgement") == true
                })
        }
    }

    @Test func thePreviewProposesTheCaseTableOnThreeWeakZrmDomains() async throws {
        try await TestWorld.with { w in
            var body = Self.youngJobless
            body["zrm"] = ["financien": 1, "huisvesting": 2, "geestelijkeGezondheid": 1]
            body["risks"] = ["isolation"]
            body["circumstances"] = ["addicted"]
            let json = try await w.send(.POST, "/api/v1/diagnoses/preview", as: "km", json: body).json()
            #expect(json["caseTableProposed"] as? Bool == true)
            #expect(json["targetGroups"] as? [String] == ["addicted", "youngPeople", "needsSupportToWork"])
        }
    }

    @Test func thePreviewNamesEveryBadField() async throws {
        try await TestWorld.with { w in
            let body: [String: Any] = [
                "birthDate": "05-05-1980", "benefit": "bijstand", "workProspect": "yes", "motivated": 1,
                "risks": ["boredom"], "civicIntegration": "later", "wishes": ["fame"], "circumstances": "homeless",
                "zrm": ["financien": 9, "geld": 2], "referenceDate": "2026-13-01",
            ]
            let res = try await w.send(.POST, "/api/v1/diagnoses/preview", as: "km", json: body)
            #expect(res.status == .unprocessableEntity)
            #expect(
                Set(res.invalidParamNames) == [
                    "birthDate", "referenceDate", "benefit", "workProspect", "selfReliant", "motivated",
                    "risks[0]", "civicIntegration", "wishes[0]", "circumstances", "zrm.financien",
                ])
            var later = Self.youngJobless
            later["referenceDate"] = "2000-01-01"
            #expect(
                try await w.send(.POST, "/api/v1/diagnoses/preview", as: "km", json: later).invalidParamNames == [
                    "birthDate"
                ])
        }
    }

    @Test func residentsAndBusinessesCannotUseThePreview() async throws {
        let body = Self.youngJobless
        try await TestWorld.with { w in
            let resident = try await w.send(.POST, "/api/v1/diagnoses/preview", as: "inwoner", json: body)
            let business = try await w.send(.POST, "/api/v1/diagnoses/preview", as: "ondernemer", json: body)
            let anonymous = try await w.send(.POST, "/api/v1/diagnoses/preview", as: nil, json: body)
            #expect(resident.status == .forbidden)
            #expect(business.status == .forbidden)
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test func aStoredDiagnosisKeepsProposalDecisionAndTheReasonForDeviating() async throws {
        try await TestWorld.with { w in
            let id = try await w.register()
            let facts: [String: Any] = ["workProspect": true, "selfReliant": false, "motivated": true]
            let same = try await w.send(.POST, "/api/v1/persons/\(id)/diagnoses", as: "km", json: facts)
            #expect(same.status == .created)
            #expect(try same.json()["decidedRoute"] as? String == "work.active")
            // Deviating without a reason is refused…
            var deviate = facts
            deviate["decidedRoute"] = "work.passive"
            let refused = try await w.send(.POST, "/api/v1/persons/\(id)/diagnoses", as: "km", json: deviate)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.invalidParamNames == ["deviationReason"])
            // …and accepted with one ("om de regels heen werken, als je het maar kunt uitleggen").
            deviate["deviationReason"] = "Heeft net een baan aangeboden gekregen; begeleiding is niet meer nodig."
            let ok = try await w.send(.POST, "/api/v1/persons/\(id)/diagnoses", as: "km", json: deviate)
            #expect(ok.status == .created)
            let json = try ok.json()
            #expect((json["proposal"] as? [String: Any])?["route"] as? String == "work.active")
            #expect(json["decidedRoute"] as? String == "work.passive")
            #expect(json["deviationReason"] as? String != nil)
            let list = try await w.send(.GET, "/api/v1/persons/\(id)/diagnoses", as: "km")
            #expect(try list.jsonArray().count == 2)
            // The database refuses a deviation without reason, whatever the code does.
            let d = try await Diagnosis.query(on: w.app.db).filter(\.$decidedRoute == "work.passive").first()!
            d.deviationReason = nil
            await #expect(throws: (any Error).self) { try await d.save(on: w.app.db) }
        }
    }

    @Test func aCounterMayNotRecordADiagnosis() async throws {
        try await TestWorld.with { w in
            let id = try await w.register(as: "loket")
            let res = try await w.send(
                .POST, "/api/v1/persons/\(id)/diagnoses", as: "loket",
                json: ["workProspect": true, "selfReliant": false, "motivated": true])
            #expect(res.status == .forbidden)
        }
    }

    @Test func theRungIsProposedFromFactsAndAnOverrideNeedsAReason() async throws {
        try await TestWorld.with { w in
            let id = try await w.register()
            let proposed = try await w.send(
                .POST, "/api/v1/persons/\(id)/assessments", as: "km",
                json: ["kind": "rung", "facts": ["unpaidWork", "socialContact"], "assessedOn": "2026-11-01"])
            #expect(proposed.status == .created)
            #expect(try proposed.json()["rung"] as? Int == 4)
            #expect(try proposed.json()["proposedRung"] as? Int == 4)
            #expect(try proposed.json()["rungName"] as? String == "Onbetaald werk")
            let noReason = try await w.send(
                .POST, "/api/v1/persons/\(id)/assessments", as: "km",
                json: ["kind": "rung", "facts": ["unpaidWork"], "rung": 3])
            #expect(noReason.invalidParamNames == ["overrideReason"])
            let overridden = try await w.send(
                .POST, "/api/v1/persons/\(id)/assessments", as: "km",
                json: [
                    "kind": "rung", "facts": ["unpaidWork"], "rung": 3,
                    "overrideReason": "Vrijwilligerswerk is net gestopt.",
                ])
            #expect(overridden.status == .created)
            #expect(try overridden.json()["overrideReason"] as? String == "Vrijwilligerswerk is net gestopt.")
            // The Amsterdam ladder is assessed, not derived; Enschede has domains.
            let amsterdam = try await w.send(
                .POST, "/api/v1/persons/\(id)/assessments", as: "km",
                json: ["kind": "rung", "ladderId": "amsterdam", "rung": 2])
            #expect(amsterdam.status == .created)
            let enschede = try await w.send(
                .POST, "/api/v1/persons/\(id)/assessments", as: "km",
                json: ["kind": "rung", "ladderId": "enschede", "rung": 1, "participationDomain": "schaken"])
            #expect(enschede.invalidParamNames == ["participationDomain"])
            let history = try await w.send(.GET, "/api/v1/persons/\(id)/assessments", as: "km")
            #expect(try history.jsonArray().count == 3)
        }
    }

    @Test func aZrmNeedsAllThirteenDomainsScoredOneToFive() async throws {
        try await TestWorld.with { w in
            let id = try await w.register()
            let partial = try await w.send(
                .POST, "/api/v1/persons/\(id)/assessments", as: "km", json: ["kind": "zrm", "scores": ["financien": 2]])
            #expect(partial.invalidParamNames == ["scores"])
            var scores: [String: Int] = [:]
            for key in [
                "financien", "werkOpleiding", "tijdsbesteding", "huisvesting", "huiselijkeRelaties",
                "geestelijkeGezondheid",
                "lichamelijkeGezondheid", "middelengebruik", "basaleAdl", "instrumenteleAdl", "sociaalNetwerk",
                "maatschappelijkeParticipatie", "justitie",
            ] { scores[key] = 3 }
            scores["justitie"] = 6
            let outOfRange = try await w.send(
                .POST, "/api/v1/persons/\(id)/assessments", as: "km", json: ["kind": "zrm", "scores": scores])
            #expect(outOfRange.invalidParamNames == ["scores.justitie"])
            scores["justitie"] = 5
            let ok = try await w.send(
                .POST, "/api/v1/persons/\(id)/assessments", as: "km", json: ["kind": "zrm", "scores": scores])
            #expect(ok.status == .created)
            #expect((try ok.json()["zrm"] as? [String: Int])?["justitie"] == 5)
        }
    }
}

@Suite("Reference data and households") struct ReferenceAPITests {
    @Test func meDistrictsAndLadders() async throws {
        try await TestWorld.with { w in
            let me = try await w.send(.GET, "/api/v1/me", as: "km").json()
            #expect(me["roles"] as? [String] == ["caseManager"])
            #expect(me["districtCode"] as? String == "T")
            let districts = try await w.send(.GET, "/api/v1/districts", as: "analist").jsonArray()
            #expect(districts.compactMap { $0["code"] as? String } == ["A", "E", "F", "K", "M", "N", "T"])
            let ladders = try await w.send(.GET, "/api/v1/ladders", as: "km").jsonArray()
            #expect(Set(ladders.compactMap { $0["id"] as? String }) == ["national", "amsterdam", "enschede"])
        }
    }

    @Test func aHouseholdGathersItsMembers() async throws {
        try await TestWorld.with { w in
            let a = try await w.register(bsn: TestBSN.a)
            let b = try await w.register(bsn: TestBSN.b)
            let created = try await w.send(
                .POST, "/api/v1/households", as: "km",
                json: ["name": "Huishouden El Amrani", "districtCode": "T", "memberIds": [a]])
            #expect(created.status == .created)
            let hid = try #require(try created.json()["id"] as? String)
            let added = try await w.send(.POST, "/api/v1/households/\(hid)/members", as: "km", json: ["personId": b])
            #expect(((try added.json()["members"]) as? [Any])?.count == 2)
            #expect(try await w.send(.GET, "/api/v1/households/\(hid)", as: "km-west").status == .forbidden)
            let bad = try await w.send(
                .POST, "/api/v1/households", as: "km", json: ["name": "X", "districtCode": "T", "memberIds": ["nope"]])
            #expect(bad.invalidParamNames == ["memberIds[0]"])
        }
    }
}
