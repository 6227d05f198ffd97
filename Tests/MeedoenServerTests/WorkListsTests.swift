import Fluent
import Foundation
import MeedoenCore
import Testing
import VaporTesting

@testable import MeedoenServer

/// [3/7] Work lists that close the loop: what waits for a user is on their "Mijn werk", and lists that
/// grow have filters, search and pages.
@Suite("Work lists") struct WorkListsTests {
    let pages = PagesTests()
    let work = WorkPagesTests()

    /// A sanction proposed by one case manager waits in the other's "Mijn werk" for the second pair of
    /// eyes; once decided it is gone from there.
    @Test func aProposedSanctionWaitsInTheSecondCaseManagersWork() async throws {
        try await TestWorld.with { w in
            let (_, km2Token) = try await User.create(
                username: "km2", displayName: "Tweede klantmanager", roles: [.caseManager], districtCode: "T",
                password: "een-lang-wachtwoord", on: w.app.db, hasher: w.app.password.sync)
            w.tokens["km2"] = km2Token
            let second = try await pages.signIn(w, "km2", password: "een-lang-wachtwoord")
            let p = try await w.register(bsn: TestBSN.make(61), ["givenName": "Iris", "familyName": "Dijkstra"])
            let agreement = try await MoneyAPITests.overdueAgreement(w, person: p)
            let id = try #require(
                try await w.send(.POST, "/api/v1/enforcement-cases", as: "km", json: ["agreementId": agreement])
                    .json()["id"] as? String)
            func step(_ s: String, _ body: [String: Any]) async throws {
                let r = try await w.send(.POST, "/api/v1/enforcement-cases/\(id)/\(s)", as: "km", json: body)
                #expect(r.status == .ok, "\(r.body.string)")
            }
            // Pages about a person name the person in their title.
            let plan = try await pages.get(w, "/personen/\(p)/plan", cookie: second).body.string
            #expect(plan.contains("<title>Plan — Iris Dijkstra — Meedoen</title>"))
            for (path, title) in [
                ("trede", "Trede vastleggen"), ("zrm", "ZRM afnemen"), ("diagnose", "Diagnose stellen"),
            ] {
                let form = try await pages.get(w, "/personen/\(p)/\(path)", cookie: second).body.string
                #expect(form.contains("<title>\(title) — Iris Dijkstra — Meedoen</title>"), "\(path)")
            }
            let before = try await pages.get(w, "/mijn-werk", cookie: second).body.string
            #expect(!before.contains("Besluit nodig"))
            try await step("hearing", ["note": "Iris vertelt dat haar moeder ziek is; zij zorgt voor haar."])
            try await step(
                "alternatives",
                ["alternatives": ["Afspraak verzet naar een ander moment", "Mantelzorgondersteuning aangeboden"]])
            try await step("proposal", ["violation": "agreementMissed"])
            let waiting = try await pages.get(w, "/mijn-werk", cookie: second).body.string
            #expect(waiting.contains("Besluit nodig (vier ogen) (1)"))
            #expect(
                waiting.contains("href=\"/handhaving/\(id.uppercased())\"") || waiting.contains("/handhaving/\(id)"))
            #expect(waiting.contains("Iris Dijkstra"))
            let decided = try await w.send(
                .POST, "/api/v1/enforcement-cases/\(id)/decision", as: "km-west",
                json: ["decision": "approve", "note": "x"])
            #expect(decided.status == .forbidden, "a case manager of another district cannot decide")
            let ok = try await w.send(
                .POST, "/api/v1/enforcement-cases/\(id)/decision", as: "km2",
                json: ["decision": "approve", "note": "Zorgvuldig afgewogen", "urgentReasons": "none"])
            #expect(ok.status == .ok, "\(ok.body.string)")
            let after = try await pages.get(w, "/mijn-werk", cookie: second).body.string
            #expect(!after.contains("Besluit nodig"))
        }
    }

    /// The provider's referrals: open ones first, 25 to a page, finished ones behind a filter, and a
    /// search by name or offer with the words in any order.
    @Test func theProvidersReferralsHaveFiltersSearchAndPages() async throws {
        try await TestWorld.with { w in
            let provider = try await w.provider()
            let offer = try await w.intervention(provider: provider, capacity: 40)
            var referrals: [String] = []
            for n in 0..<27 {
                let p = try await w.register(
                    bsn: TestBSN.make(100 + n), ["givenName": "Iris\(n)", "familyName": "Dijkstra\(n)"])
                referrals.append(try #require(try await w.refer(p, to: offer).json()["id"] as? String))
            }
            for r in referrals.prefix(2) {
                let res = try await w.send(
                    .POST, "/api/v1/referrals/\(r)/withdraw", as: "km", json: ["reason": "Verhuisd"])
                #expect(res.status == .ok, "\(res.body.string)")
            }
            let cookie = try await work.user(w, "anton", roles: [.provider], provider: UUID(uuidString: provider))
            let open = try await pages.get(w, "/verwijzingen", cookie: cookie).body.string
            #expect(open.contains("25 verwijzingen"))
            #expect(!open.contains("Pagina 1 van"), "25 fit on one page")
            #expect(open.contains("wacht op u"))
            #expect(!open.contains("Iris0 Dijkstra0"), "a withdrawn referral is not among the open ones")
            let all = try await pages.get(w, "/verwijzingen?toon=all", cookie: cookie).body.string
            #expect(all.contains("27 verwijzingen") && all.contains("Pagina 1 van 2"))
            let second = try await pages.get(w, "/verwijzingen?toon=all&page=2", cookie: cookie).body.string
            #expect(second.contains("Pagina 2 van 2") && second.contains("Iris0 Dijkstra0"), "finished ones come last")
            let finished = try await pages.get(w, "/verwijzingen?toon=finished", cookie: cookie).body.string
            #expect(finished.contains("2 verwijzingen") && finished.contains("Iris1 Dijkstra1"))
            let found = try await pages.get(w, "/verwijzingen?toon=all&q=dijkstra13+iris13", cookie: cookie).body.string
            #expect(found.contains("1 verwijzing gevonden") && found.contains("Iris13 Dijkstra13"))
            // Only the page shown is recorded as read, not all 27.
            let listed = try await AuditEvent.query(on: w.app.db).filter(\.$action == "referral.list").count()
            #expect(listed == 25 + 25 + 2 + 2 + 1)
        }
    }
}
