import Fluent
import Foundation
import MeedoenCore
import SQLKit
import Testing
import VaporTesting

@testable import MeedoenServer

/// Issue 16, item 6: commitments and payments follow an offer's result-based contract; each
/// contract's results, cost per result and waiting time are visible to the budget holder and to the
/// provider itself.
@Suite("Result-based provider contracts") struct ResultContractAPITests {
    func enrol(_ w: TestWorld, _ intervention: String, bsn: String) async throws -> String {
        let p = try await w.register(bsn: bsn)
        let r = try await w.refer(p, to: intervention)
        #expect(r.status == .created, "\(r.body.string)")
        let id = try r.json()["id"] as! String
        #expect(try await w.send(.POST, "/api/v1/referrals/\(id)/accept", as: "aanbieder").status == .ok)
        #expect(try await w.send(.POST, "/api/v1/referrals/\(id)/start", as: "aanbieder").status == .ok)
        return id
    }

    func commitment(_ w: TestWorld, _ referral: String) async throws -> Commitment {
        try await Commitment.query(on: w.app.db).filter(\.$referralID == UUID(uuidString: referral)!).first()!
    }

    @Test func aProviderIsPaidForResultsAndAnEndWithoutOneReleasesTheResultPart() async throws {
        try await TestWorld.with { w in
            let provider = try await w.provider()
            try await w.stream(total: 20 * 300_000)
            let work = try await w.intervention(
                provider: provider, code: "TOELEIDING", type: "guidanceToWork", capacity: 5,
                extra: ["contract": ["resultPercent": 60, "withinMonths": 12, "results": ["exitToWork"]]])
            let offer = try await w.send(.GET, "/api/v1/interventions/\(work)", as: "km").json()
            let contract = try #require(offer["contract"] as? [String: Any])
            #expect(contract["startCents"] as? Int == 120_000 && contract["resultCents"] as? Int == 180_000)
            #expect(
                (contract["summary"] as? String)?.contains("bij een resultaat binnen 12 maanden: uitstroom naar werk")
                    == true)
            // A wrong contract is named field by field.
            let bad = try await w.send(
                .PATCH, "/api/v1/interventions/\(work)", as: "beheer",
                json: ["contract": ["resultPercent": 0, "withinMonths": 12, "results": []]])
            #expect(Set(bad.invalidParamNames) == ["contract.resultPercent", "contract.results"])

            // At the start the start part is paid (booked as spent).
            let found = try await enrol(w, work, bsn: TestBSN.make(1))
            var c = try await commitment(w, found)
            #expect(c.spentCents == 120_000 && c.status == .open)
            // Exit to work within the term: the result part is paid too.
            let ended = try await w.send(
                .POST, "/api/v1/referrals/\(found)/end", as: "aanbieder", json: ["outcome": "exitToWork"])
            #expect(ended.status == .ok, "\(ended.body.string)")
            c = try await commitment(w, found)
            #expect(c.spentCents == 300_000 && c.releasedCents == 0 && c.status == .closed && c.result == "achieved")
            // Dropped out: the start part stays paid, the result part goes back to the stream.
            let dropped = try await enrol(w, work, bsn: TestBSN.make(2))
            _ = try await w.send(
                .POST, "/api/v1/referrals/\(dropped)/end", as: "aanbieder",
                json: ["outcome": "dropOut", "note": "Gestopt wegens verhuizing naar Zaandam."])
            // The end's note is on the referral page.
            let endPage = try await PagesTests().get(
                w, "/verwijzingen/\(dropped)", cookie: try await FrontDoorTests().session(w, "km")
            ).body.string
            #expect(endPage.contains("Toelichting bij het einde") && endPage.contains("verhuizing naar Zaandam"))
            c = try await commitment(w, dropped)
            #expect(c.spentCents == 120_000 && c.releasedCents == 180_000 && c.result == "missed")
            // Withdrawn before a start: nothing is paid.
            let p3 = try await w.register(bsn: TestBSN.make(3))
            let withdrawn = try await w.refer(p3, to: work).json()["id"] as! String
            _ = try await w.send(
                .POST, "/api/v1/referrals/\(withdrawn)/withdraw", as: "km", json: ["reason": "Verhuist naar elders."])
            c = try await commitment(w, withdrawn)
            #expect(c.spentCents == 0 && c.releasedCents == 300_000)
            let stream = try await w.streamRow()
            #expect(stream.spentCents == 420_000 && stream.committedCents == 0, "payments reached the stream")
            #expect(try await CostBooking.query(on: w.app.db).count() == 3, "start, result, start")

            // The budget holder and the provider see the contract's performance; a case manager does not.
            let seen = try await w.send(.GET, "/api/v1/contract-performance", as: "budget").jsonArray()
            #expect(seen.count == 1)
            #expect(seen[0]["achieved"] as? Int == 1 && seen[0]["missed"] as? Int == 1)
            #expect(seen[0]["resultRatePercent"] as? Int == 50 && seen[0]["costPerResultCents"] as? Int == 420_000)
            #expect(seen[0]["referred"] as? Int == 3 && seen[0]["started"] as? Int == 2)
            #expect(seen[0]["meanWaitDays"] as? Int == 0)
            #expect(try await w.send(.GET, "/api/v1/contract-performance", as: "aanbieder").jsonArray().count == 1)
            #expect(try await w.send(.GET, "/api/v1/contract-performance", as: "km").status == .forbidden)

            // The pages: the budget holder's "Contracten", the offer's payment, and the offer form.
            let pages = PagesTests()
            let workPages = WorkPagesTests()
            let holder = try await workPages.user(w, "bert", roles: [.budgetHolder])
            let html = try await pages.get(w, "/contracten", cookie: holder).body.string
            #expect(html.contains("Resultaatcontracten") && html.contains("Aanbod TOELEIDING"))
            #expect(html.contains("2 van 3") && html.contains("1 (50%)") && html.contains("€ 4.200,00"), "\(html)")
            let admin = try await workPages.user(w, "bea", roles: [.admin])
            let offerPage = try await pages.get(w, "/aanbod/\(work)", cookie: admin).body.string
            #expect(offerPage.contains("resultaatcontract: €1.200,00 bij de start"))
            let edit = try await pages.get(w, "/aanbod/\(work)/bewerken", cookie: admin)
            #expect(edit.body.string.contains("Wat telt als resultaat"))
        }
    }

    @Test func stillWorkingAfterSixMonthsIsCheckedByTheCaseManagerBeforeTheResultIsPaid() async throws {
        try await TestWorld.with { w in
            let provider = try await w.provider()
            try await w.stream(total: 20 * 300_000)
            let ips = try await w.intervention(
                provider: provider, code: "IPS", type: "ips", capacity: 3,
                extra: ["contract": ["resultPercent": 50, "withinMonths": 18, "results": ["workingAfterSixMonths"]]])
            let id = try await enrol(w, ips, bsn: TestBSN.make(1))
            _ = try await w.send(.POST, "/api/v1/referrals/\(id)/end", as: "aanbieder", json: ["outcome": "exitToWork"])
            var c = try await commitment(w, id)
            #expect(c.result == "pending" && c.status == .open && c.remainingCents == 150_000)
            let check = "/api/v1/referrals/\(id)/result-check"
            #expect(try await w.send(.POST, check, as: "aanbieder", json: ["stillWorking": true]).status == .forbidden)
            // Not before the six months are over.
            let early = try await w.send(.POST, check, as: "km", json: ["stillWorking": true])
            #expect(early.status == .unprocessableEntity && early.invalidParamNames == ["stillWorking"])
            // Moved six months on: still working pays the result part.
            let sql = w.app.db as! any SQLDatabase
            try await sql.raw(
                "UPDATE commitments SET result_due_on = \(bind: Clock.today().iso) WHERE id = \(bind: c.id!)"
            ).run()
            // Due: "Mijn werk" asks the case manager, the referral page has the form.
            let km = try await FrontDoorTests().session(w, "km")
            let work = try await PagesTests().get(w, "/mijn-werk", cookie: km).body.string
            #expect(work.contains("Resultaat na zes maanden vastleggen (1)"), "\(work)")
            #expect(work.contains("/verwijzingen/\(id)#resultaat"))
            let referralPage = try await PagesTests().get(w, "/verwijzingen/\(id)", cookie: km).body.string
            #expect(referralPage.contains("Werkt de inwoner zes maanden na de uitstroom nog?"))
            let paid = try await w.send(.POST, check, as: "km", json: ["stillWorking": true])
            #expect(paid.status == .ok, "\(paid.body.string)")
            #expect(try paid.json()["paidCents"] as? Int == 150_000)
            c = try await commitment(w, id)
            #expect(c.status == .closed && c.result == "achieved" && c.spentCents == 300_000)
            #expect(try await w.send(.POST, check, as: "km", json: ["stillWorking": true]).status == .conflict)
            #expect(
                !(try await PagesTests().get(w, "/mijn-werk", cookie: km).body.string)
                    .contains("Resultaat na zes maanden vastleggen"))
            // Not working any more: the result part goes back.
            let second = try await enrol(w, ips, bsn: TestBSN.make(2))
            _ = try await w.send(
                .POST, "/api/v1/referrals/\(second)/end", as: "aanbieder", json: ["outcome": "exitToWork"])
            let gone = try await w.send(
                .POST, "/api/v1/referrals/\(second)/result-check", as: "km", json: ["stillWorking": false])
            #expect(try gone.json()["releasedCents"] as? Int == 150_000)
        }
    }

    @Test func aContractAddedLaterIsForNewReferralsAndOnlyTheyCountInItsFigures() async throws {
        try await TestWorld.with { w in
            let provider = try await w.provider()
            try await w.stream(total: 20 * 300_000)
            let work = try await w.intervention(
                provider: provider, code: "TOELEIDING", type: "guidanceToWork", capacity: 5)
            // Enrolled while the offer was paid for effort.
            let before = try await enrol(w, work, bsn: TestBSN.make(1))
            #expect(try await commitment(w, before).spentCents == 0, "no start part without a contract")
            let patched = try await w.send(
                .PATCH, "/api/v1/interventions/\(work)", as: "beheer",
                json: ["contract": ["resultPercent": 60, "withinMonths": 12, "results": ["exitToWork"]]])
            #expect(patched.status == .ok, "\(patched.body.string)")
            let after = try await enrol(w, work, bsn: TestBSN.make(2))
            #expect(try await commitment(w, after).spentCents == 120_000, "the start part under the new contract")
            // The earlier enrolment ends as it was committed: pro rata, no result part kept or released by contract.
            _ = try await w.send(
                .POST, "/api/v1/referrals/\(before)/end", as: "aanbieder", json: ["outcome": "dropOut"])
            let old = try await commitment(w, before)
            #expect(old.contract == nil && old.result == nil && old.spentCents == 0 && old.releasedCents == 300_000)
            // Only the referral under the contract counts in its figures.
            let seen = try await w.send(.GET, "/api/v1/contract-performance", as: "budget").jsonArray()
            #expect(seen.count == 1 && seen[0]["referred"] as? Int == 1 && seen[0]["started"] as? Int == 1)
            #expect(seen[0]["missed"] as? Int == 0 && seen[0]["spentCents"] as? Int == 120_000)
            let holder = try await WorkPagesTests().user(w, "bert", roles: [.budgetHolder])
            let html = try await PagesTests().get(w, "/contracten", cookie: holder).body.string
            #expect(html.contains("Verwijzingen sinds \(Clock.today().long(.nl))"), "\(html)")
            #expect(!html.contains("Het percentage is"), "no percentage shows, so no footnote on it")
            // The earlier referral's page names no contract; the later one's does.
            let km = try await FrontDoorTests().session(w, "km")
            #expect(
                !(try await PagesTests().get(w, "/verwijzingen/\(before)", cookie: km).body.string)
                    .contains("Resultaatcontract"))
            #expect(
                try await PagesTests().get(w, "/verwijzingen/\(after)", cookie: km).body.string
                    .contains("Resultaatcontract"))
            // A provider without contracts reads that in its own words.
            let other = try await WorkPagesTests().user(w, "piet", roles: [.provider])
            let own = try await PagesTests().get(w, "/contracten", cookie: other).body.string
            #expect(own.contains("U heeft (nog) geen resultaatcontract met de gemeente."), "\(own)")
        }
    }
}
