import Fluent
import Foundation
import MeedoenCore
import SQLKit
import Testing
import VaporTesting

@testable import MeedoenServer

@Suite("Persons API") struct PersonsAPITests {
    @Test func healthAndTheContractAnswer() async throws {
        try await TestWorld.with { w in
            let health = try await w.send(.GET, "/health", as: nil)
            #expect(health.status == .ok)
            let spec = try await w.send(.GET, "/api/v1/openapi.json", as: nil)
            #expect(spec.status == .ok)
            #expect(spec.headers.first(name: "API-Version") == "1.0.0")
            let json = try spec.json()
            #expect((json["openapi"] as? String)?.hasPrefix("3.") == true)
            let paths = json["paths"] as? [String: Any] ?? [:]
            for path in [
                "/persons", "/persons/{id}", "/persons/{id}/audit-events", "/diagnoses/preview", "/households", "/me",
                "/districts",
            ] {
                #expect(paths[path] != nil, "the contract documents \(path)")
            }
        }
    }

    @Test func aCaseManagerRegistersAResidentAndReadsTheDossier() async throws {
        try await TestWorld.with { w in
            // MUT
            let res = try await w.send(
                .POST, "/api/v1/persons", as: "km",
                json: TestWorld.personBody(
                    ["circumstances": ["homeless"], "wishes": ["work"], "civicIntegration": "voluntary"]))
            // validation
            #expect(res.status == .created)
            #expect(res.headers.first(name: "API-Version") == "1.0.0")
            let id = try #require(try res.json()["id"] as? String)
            #expect(res.headers.first(name: .location) == "/api/v1/persons/\(id)")
            let dossier = try await w.send(.GET, "/api/v1/persons/\(id)", as: "km")
            #expect(dossier.status == .ok)
            let person = try #require(try dossier.json()["person"] as? [String: Any])
            #expect(person["bsn"] as? String == "111222333")
            #expect(person["circumstances"] as? [String] == ["homeless"])
            #expect(person["caseManagerId"] as? String == w.users["km"]!.id!.uuidString)
            let audit = try await AuditEvent.query(on: w.app.db).filter(\.$personID == UUID(uuidString: id)!).all()
            #expect(Set(audit.map(\.action)) == ["person.create", "person.read"])
            #expect(
                audit.allSatisfy {
                    $0.actorName == "Test km" && $0.actorRoles == "caseManager" && !$0.requestID.isEmpty
                })
        }
    }

    @Test func aBSNThatFailsTheElevenTestIsRefusedAndNothingIsStored() async throws {
        try await TestWorld.with { w in
            let res = try await w.send(.POST, "/api/v1/persons", as: "km", json: TestWorld.personBody(bsn: "123456789"))
            #expect(res.status == .unprocessableEntity)
            #expect(res.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            #expect(res.invalidParamNames == ["bsn"])
            #expect(try res.json()["status"] as? Int == 422)
            #expect(try await Person.query(on: w.app.db).count() == 0)
            #expect(try await AuditEvent.query(on: w.app.db).count() == 0)
        }
    }

    @Test func aDuplicateBSNIsAConflict() async throws {
        try await TestWorld.with { w in
            _ = try await w.register()
            let res = try await w.send(.POST, "/api/v1/persons", as: "km", json: TestWorld.personBody())
            #expect(res.status == .conflict)
            #expect(res.invalidParamNames == ["bsn"])
            #expect(try await Person.query(on: w.app.db).count() == 1)
        }
    }

    @Test func everyBadFieldIsNamedInDutchAndEnglish() async throws {
        try await TestWorld.with { w in
            let body: [String: Any] = [
                "bsn": "12", "givenName": "", "familyName": 7, "birthDate": "2004-02-30",
                "districtCode": "Q", "benefit": "bijstand", "civicIntegration": "maybe",
                "circumstances": ["homeless", "rich"], "wishes": "work", "email": "nope",
            ]
            let nl = try await w.send(.POST, "/api/v1/persons", as: "km", json: body)
            #expect(nl.status == .unprocessableEntity)
            #expect(
                Set(nl.invalidParamNames) == [
                    "bsn", "givenName", "familyName", "birthDate", "benefit", "civicIntegration",
                    "circumstances[1]", "wishes", "email",
                ])
            #expect(try nl.json()["title"] as? String == "De invoer is niet geldig.")
            let en = try await w.send(.POST, "/api/v1/persons", as: "km", json: body, language: "en")
            #expect(try en.json()["title"] as? String == "The input is not valid.")
            #expect(en.headers.first(name: .contentLanguage) == "en")
            // The district is checked once the fields are well-formed.
            let district = try await w.send(
                .POST, "/api/v1/persons", as: "km", json: TestWorld.personBody(district: "Q"))
            #expect(district.invalidParamNames == ["districtCode"])
            let future = try await w.send(
                .POST, "/api/v1/persons", as: "km", json: TestWorld.personBody(["birthDate": "2099-01-01"]))
            #expect(future.invalidParamNames == ["birthDate"])
            #expect(try await Person.query(on: w.app.db).count() == 0)
        }
    }

    @Test func aCaseManagerIsAssignedAndDetailsChangeWithAnAuditEntryNamingTheFields() async throws {
        try await TestWorld.with { w in
            let id = try await w.register()
            let west = w.users["km-west"]!.id!.uuidString
            #expect(try await w.send(.GET, "/api/v1/persons/\(id)", as: "km-west").status == .forbidden)
            let res = try await w.send(
                .PATCH, "/api/v1/persons/\(id)", as: "km",
                json: ["caseManagerId": west, "wishes": ["volunteer"], "phone": "06-12345678"])
            #expect(res.status == .ok)
            #expect(try res.json()["caseManagerId"] as? String == west)
            #expect(try res.json()["wishes"] as? [String] == ["volunteer"])
            // The new case manager now sees the person through their caseload, though they work in another district.
            #expect(try await w.send(.GET, "/api/v1/persons/\(id)", as: "km-west").status == .ok)
            let update = try #require(
                try await AuditEvent.query(on: w.app.db).filter(\.$action == "person.update").first())
            #expect(update.detail == "wishes,phone,caseManagerId")
            let readOnly = try await w.send(
                .PATCH, "/api/v1/persons/\(id)", as: "km", json: ["bsn": TestBSN.b, "birthDate": "1990-01-01"])
            #expect(Set(readOnly.invalidParamNames) == ["bsn", "birthDate"])
            let notACaseManager = try await w.send(
                .PATCH, "/api/v1/persons/\(id)", as: "km",
                json: ["caseManagerId": w.users["loket"]!.id!.uuidString])
            #expect(notACaseManager.invalidParamNames == ["caseManagerId"])
            #expect(
                try await w.send(.PATCH, "/api/v1/persons/\(id)", as: "analist", json: ["phone": "1"]).status
                    == .forbidden)
        }
    }

    @Test func malformedBodiesAreBadRequests() async throws {
        try await TestWorld.with { w in
            for raw in ["", "not json", "[1,2]", "\"text\""] {
                let res = try await w.send(.POST, "/api/v1/persons", as: "km", raw: raw)
                #expect(res.status == .badRequest, "body \(raw)")
                #expect(res.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            }
            let notUUID = try await w.send(.GET, "/api/v1/persons/abc", as: "km")
            #expect(notUUID.status == .notFound)
            let paging = try await w.send(.GET, "/api/v1/persons?page=0&pageSize=9999", as: "km")
            #expect(Set(paging.invalidParamNames) == ["page", "pageSize"])
        }
    }

    @Test func withoutATokenTheAnswerIs401() async throws {
        try await TestWorld.with { w in
            for path in ["/api/v1/persons", "/api/v1/me", "/api/v1/districts"] {
                let res = try await w.send(.GET, path, as: nil)
                #expect(res.status == .unauthorized)
                #expect(res.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            }
            let wrong = try await w.send(.GET, "/api/v1/me", as: "mdn_not-a-real-token")
            #expect(wrong.status == .unauthorized)
        }
    }
}

@Suite("Need to know") struct NeedToKnowTests {
    @Test func aCaseManagerOfAnotherDistrictMayNotReadTheFileAndTheAttemptIsAudited() async throws {
        try await TestWorld.with { w in
            let id = try await w.register(as: "km", district: "T")
            let res = try await w.send(.GET, "/api/v1/persons/\(id)", as: "km-west")
            #expect(res.status == .forbidden)
            let denied = try await AuditEvent.query(on: w.app.db).filter(\.$action == "person.read.denied").all()
            #expect(denied.count == 1)
            #expect(denied.first?.actorName == "Test km-west")
            let list = try await w.send(.GET, "/api/v1/persons", as: "km-west")
            #expect(try list.json()["total"] as? Int == 0)
        }
    }

    @Test(arguments: ["analist", "beheer", "budget", "ondernemer", "aanbieder"])
    func rolesWithoutANeedToKnowSeeNoPersonalData(who: String) async throws {
        try await TestWorld.with { w in
            let id = try await w.register()
            #expect(try await w.send(.GET, "/api/v1/persons/\(id)", as: who).status == .forbidden)
            #expect(try await w.send(.GET, "/api/v1/persons", as: who).status == .forbidden)
            #expect(try await w.send(.GET, "/api/v1/persons/\(id)/audit-events", as: who).status == .forbidden)
            #expect(
                try await w.send(.POST, "/api/v1/persons", as: who, json: TestWorld.personBody(bsn: TestBSN.b)).status
                    == .forbidden)
        }
    }

    @Test func theCounterSeesWhomItRegisteredButNotOthers() async throws {
        try await TestWorld.with { w in
            let mine = try await w.register(as: "loket", bsn: TestBSN.a)
            let other = try await w.register(as: "km", bsn: TestBSN.b)
            #expect(try await w.send(.GET, "/api/v1/persons/\(mine)", as: "loket").status == .ok)
            #expect(try await w.send(.GET, "/api/v1/persons/\(other)", as: "loket").status == .forbidden)
            // The case manager of the district sees both.
            let list = try await w.send(.GET, "/api/v1/persons", as: "km")
            #expect(try list.json()["total"] as? Int == 2)
            let listed = try await AuditEvent.query(on: w.app.db).filter(\.$action == "person.list").count()
            #expect(listed == 2)
        }
    }

    @Test func theCaseloadIsSearchedByNameOrBSNAndTheChairSeesOnlyCasesOnTheTable() async throws {
        try await TestWorld.with { w in
            let a = try await w.register(bsn: TestBSN.a, ["givenName": "Kofi", "familyName": "Asante"])
            _ = try await w.register(bsn: TestBSN.b, ["givenName": "Iris", "familyName": "de Vries"])
            let byName = try await w.send(.GET, "/api/v1/persons?q=asan", as: "km").json()
            #expect((byName["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [a])
            let byBSN = try await w.send(.GET, "/api/v1/persons?q=\(TestBSN.b)", as: "km").json()
            #expect(byBSN["total"] as? Int == 1)
            #expect(try await w.send(.GET, "/api/v1/persons", as: "voorzitter").json()["total"] as? Int == 0)
            // A diagnosis with three weak ZRM domains puts the person on the district case table.
            let zrm: [String: Int] = ["financien": 1, "huisvesting": 2, "sociaalNetwerk": 2]
            let d = try await w.send(
                .POST, "/api/v1/persons/\(a)/diagnoses", as: "km",
                json: ["workProspect": false, "selfReliant": false, "motivated": true, "zrm": zrm])
            #expect(d.status == .created)
            let chair = try await w.send(.GET, "/api/v1/persons", as: "voorzitter").json()
            #expect((chair["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [a])
            // The chair searches by name, not by BSN: refused at the parameter, in Dutch and English.
            #expect(try await w.send(.GET, "/api/v1/persons?q=asante", as: "voorzitter").json()["total"] as? Int == 1)
            let byNumber = try await w.send(.GET, "/api/v1/persons?q=\(TestBSN.a)", as: "voorzitter")
            #expect(byNumber.status == .unprocessableEntity)
            #expect(byNumber.body.string.contains("\"name\":\"q\"") && byNumber.body.string.contains("BSN"))
        }
    }

    @Test func onlyCaseManagersAndCounterStaffSearchByBSNOnTheirPage() async throws {
        try await TestWorld.with { w in
            let work = WorkPagesTests()
            let pages = PagesTests()
            let adviser = try await work.user(w, "bas", roles: [.residentAdviser], district: "T")
            let page = try await pages.get(w, "/mijn-werk", cookie: adviser)
            #expect(page.body.string.contains("Zoek op naam<") && !page.body.string.contains("naam of BSN"))
            let refused = try await pages.get(w, "/mijn-werk?q=\(TestBSN.a)", cookie: adviser)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Zoeken op BSN is voorbehouden aan klantmanagers en loketmedewerkers"))
            #expect(refused.body.string.contains("<title>Fout: Mijn werk — Meedoen</title>"))
            let km = try await work.user(w, "karin", roles: [.caseManager], district: "T")
            let allowed = try await pages.get(w, "/mijn-werk?q=\(TestBSN.a)", cookie: km)
            #expect(allowed.status == .ok && allowed.body.string.contains("Zoek op naam of BSN"))
        }
    }

    @Test func aResidentSeesOnlyTheirOwnFileAndWhoLookedAtIt() async throws {
        try await TestWorld.with { w in
            let own = try await w.register(bsn: TestBSN.a)
            let other = try await w.register(bsn: TestBSN.b)
            let resident = w.users["inwoner"]!
            resident.personID = UUID(uuidString: own)
            try await resident.save(on: w.app.db)
            _ = try await w.send(.GET, "/api/v1/persons/\(own)", as: "km")
            #expect(try await w.send(.GET, "/api/v1/persons/\(own)", as: "inwoner").status == .ok)
            #expect(try await w.send(.GET, "/api/v1/persons/\(other)", as: "inwoner").status == .forbidden)
            let trail = try await w.send(.GET, "/api/v1/persons/\(own)/audit-events", as: "inwoner")
            #expect(trail.status == .ok)
            let events = try trail.jsonArray()
            #expect(
                events.contains { $0["actorName"] as? String == "Test km" && $0["action"] as? String == "person.read" })
            #expect(events.contains { $0["basis"] as? String == "ownFile" })
            // A resident cannot register or assess.
            #expect(
                try await w.send(
                    .POST, "/api/v1/persons/\(own)/assessments", as: "inwoner",
                    json: ["kind": "rung", "facts": ["paidWork"]]
                ).status == .forbidden)
        }
    }

    @Test func theAuditTrailIsAppendOnlyInTheDatabase() async throws {
        try await TestWorld.with { w in
            let id = try await w.register()
            let sql = w.app.db as! any SQLDatabase
            await #expect(throws: (any Error).self) {
                try await sql.raw("UPDATE audit_events SET actor_name = 'nobody'").run()
            }
            await #expect(throws: (any Error).self) {
                try await sql.raw("DELETE FROM audit_events").run()
            }
            let count = try await AuditEvent.query(on: w.app.db).filter(\.$personID == UUID(uuidString: id)!).count()
            #expect(count == 1)
        }
    }

    @Test func theDossierRunsAFixedNumberOfStatementsWhateverTheCaseload() async throws {
        _ = SQLCounter.shared
        try await TestWorld.with(sqlLogLevel: .critical) { w in
            var ids: [String] = []
            for bsn in [TestBSN.a, TestBSN.b, TestBSN.c] { ids.append(try await w.register(bsn: bsn)) }
            var household: [String: Any] = ["name": "Huishouden El Amrani", "districtCode": "T", "memberIds": ids]
            household["address"] = "Bijlmerdreef 1"
            #expect(try await w.send(.POST, "/api/v1/households", as: "km", json: household).status == .created)
            _ = try await w.send(
                .POST, "/api/v1/persons/\(ids[0])/assessments", as: "km",
                json: ["kind": "rung", "facts": ["socialContact"]])
            var headers = w.headers("km")
            headers.replaceOrAdd(name: .xRequestId, value: "count-dossier-\(UUID())")
            let res = try await w.app.testing().sendRequest(.GET, "/api/v1/persons/\(ids[0])", headers: headers)
            #expect(res.status == .ok)
            // Token + user, person + household, assessments, diagnoses; the audit entry is this request's
            // row in a group-committed INSERT (AuditWriter), written before the answer.
            let statements = SQLCounter.shared.statements(for: headers.first(name: .xRequestId)!)
            #expect(statements.count == 4, "\(statements)")
            let audited = try await AuditEvent.query(on: w.app.db).filter(
                \.$requestID == headers.first(name: .xRequestId)!
            ).count()
            #expect(audited == 1)
            let members = try #require((try res.json()["household"] as? [String: Any])?["members"] as? [Any])
            #expect(members.count == 3)
        }
    }
}

@Suite("Audit under load") struct AuditUnderLoadTests {
    @Test func concurrentReadsEachGetTheirOwnCommittedAuditEntry() async throws {
        try await TestWorld.with { w in
            let id = try await w.register()
            let world = w
            // 60 reads at once: every one answered 200 and every one audited, none lost in the batching.
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<60 {
                    group.addTask { try await world.send(.GET, "/api/v1/persons/\(id)", as: "km").status }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .ok })
            let reads = try await AuditEvent.query(on: w.app.db).filter(\.$action == "person.read").all()
            #expect(reads.count == 60)
            #expect(Set(reads.map(\.requestID)).count == 60)
        }
    }
}
