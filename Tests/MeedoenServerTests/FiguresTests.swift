import Fluent
import Foundation
import MeedoenCore
import Testing
import VaporTesting

@testable import MeedoenServer

/// [3/7] Figures that were shown wrong, each corrected and pinned here.
@Suite("Figures shown right") struct FiguresTests {
    /// An urgent signal ("spoed: vandaag handelen") keeps today as its follow-up date when the counter
    /// hands it over; an ordinary one gets the case manager's week, never a later date than it had.
    @Test func aHandOverNeverMovesTheFollowUpDateLater() async throws {
        try await TestWorld.with { w in
            let person = try await w.register(as: "loket", bsn: TestBSN.make(41))
            let created = try await w.send(
                .POST, "/api/v1/signals", as: "loket",
                json: [
                    "kind": "signal", "source": "neighbour", "personId": person, "description": "Dreigende uitzetting",
                ])
            #expect(created.status == .created, "\(created.body.string)")
            let sid = try #require(try created.json()["id"] as? String)
            let walked = try await w.send(
                .POST, "/api/v1/decision-trees/geld-en-schulden/walks", as: "loket",
                json: ["answers": ["nee", "ja"], "signalId": sid])
            #expect(walked.status == .ok)
            let today = Clock.today().iso
            #expect(try await w.send(.GET, "/api/v1/signals/\(sid)", as: "loket").json()["dueOn"] as? String == today)
            let handed = try await w.send(
                .POST, "/api/v1/signals/\(sid)/actions", as: "loket",
                json: ["action": "handOver", "caseManagerId": w.users["km"]!.id!.uuidString])
            #expect(handed.status == .ok, "\(handed.body.string)")
            #expect(try handed.json()["dueOn"] as? String == today, "the urgent date survives the hand-over")

            // An ordinary signal (due in 14 days) is handed over with a week to follow up.
            let other = try await w.send(
                .POST, "/api/v1/signals", as: "loket",
                json: ["kind": "signal", "source": "school", "personId": person, "description": "Vaak afwezig"])
            let oid = try #require(try other.json()["id"] as? String)
            let handedOther = try await w.send(
                .POST, "/api/v1/signals/\(oid)/actions", as: "loket",
                json: ["action": "handOver", "caseManagerId": w.users["km"]!.id!.uuidString])
            #expect(
                try handedOther.json()["dueOn"] as? String == CalendarDate(dayNumber: Clock.today().dayNumber + 7).iso)
        }
    }

    /// A referral's waiting time is the days from the referral to the start of the help — not the
    /// moment of an offer (which made it 0 for everyone offered a free place at once).
    @Test func theWaitingTimeRunsFromTheReferralToTheStart() async throws {
        try await TestWorld.with { w in
            let provider = try await w.provider()
            let offer = try await w.intervention(provider: provider)
            let person = try await w.register(bsn: TestBSN.make(42))
            let referral = try await w.refer(person, to: offer)
            #expect(try referral.json()["status"] as? String == "offered" && referral.json()["waitedDays"] as? Int == 0)
            let id = try referral.json()["id"] as! String
            #expect(try await w.send(.POST, "/api/v1/referrals/\(id)/accept", as: "aanbieder", json: [:]).status == .ok)
            let startOn = CalendarDate(dayNumber: Clock.today().dayNumber + 12).iso
            let started = try await w.send(
                .POST, "/api/v1/referrals/\(id)/start", as: "aanbieder", json: ["startOn": startOn])
            #expect(started.status == .ok, "\(started.body.string)")
            #expect(try started.json()["waitedDays"] as? Int == 12)
            let r = try #require(try await Referral.find(UUID(uuidString: id), on: w.app.db))
            #expect(r.waitedDays == 12)
        }
    }

    /// Proposing a resident for the district case table needs a reason; the page shows the error at
    /// that form, named by its own label, and says "Fout:" in its title.
    @Test func theCaseTableFlagNeedsAReason() async throws {
        try await TestWorld.with { w in
            let person = try await w.register(as: "loket", bsn: TestBSN.make(43))
            let created = try await w.send(
                .POST, "/api/v1/signals", as: "loket",
                json: ["kind": "signal", "source": "school", "personId": person, "description": "Veel problemen thuis"])
            let sid = try #require(try created.json()["id"] as? String)
            let bare = try await w.send(
                .POST, "/api/v1/signals/\(sid)/actions", as: "loket", json: ["action": "caseTable"])
            #expect(bare.status == .unprocessableEntity && bare.invalidParamNames == ["note"])
            let short = try await w.send(
                .POST, "/api/v1/signals/\(sid)/actions", as: "loket", json: ["action": "caseTable", "note": "zorg"])
            #expect(short.status == .unprocessableEntity)
            #expect(try await Person.find(UUID(uuidString: person), on: w.app.db)?.onCaseTable == false)

            let pages = PagesTests()
            let loket = try #require(try await User.find(w.users["loket"]!.id, on: w.app.db))
            loket.passwordHash = try w.app.password.hash("een-lang-wachtwoord")
            try await loket.save(on: w.app.db)
            let cookie = try await pages.signIn(w, "loket", password: "een-lang-wachtwoord")
            let page = try await pages.get(w, "/signalen/\(sid)", cookie: cookie)
            let token = String(try #require(page.body.string.firstMatch(of: /name="_csrf" value="([0-9a-f]+)"/)?.1))
            let refused = try await pages.post(
                w, "/signalen/\(sid)/caseTable", cookie: cookie, form: "_csrf=\(token)&note-caseTable=")
            let html = refused.body.string
            #expect(refused.status == .unprocessableEntity)
            #expect(html.contains("<title>Fout: "))
            #expect(html.contains(##"<a href="#f-note-caseTable">Waarom samen bespreken: "##), "\(html)")
            #expect(html.contains(#"id="f-note-caseTable-error""#) && !html.contains(#"id="f-note-error""#))

            let proposed = try await w.send(
                .POST, "/api/v1/signals/\(sid)/actions", as: "loket",
                json: ["action": "caseTable", "note": "Schulden, huisvesting en school: drie organisaties betrokken"])
            #expect(proposed.status == .ok)
            #expect(try await Person.find(UUID(uuidString: person), on: w.app.db)?.onCaseTable == true)
        }
    }

    /// An address is listed in the district its postcode lies in (the municipality's areas), not in
    /// the district of whoever wrote it down.
    @Test func anAddressIsInTheDistrictOfItsPostcode() async throws {
        try await TestWorld.with { w in
            _ = try await MunicipalityJourneyTests.setUpAmsterdam(w)
            func district(_ address: String) async throws -> String? {
                let res = try await w.send(
                    .POST, "/api/v1/signals", as: "loket",
                    json: [
                        "kind": "signal", "source": "neighbour", "address": address,
                        "description": "Post stapelt zich op",
                    ])
                #expect(res.status == .created, "\(res.body.string)")
                return try res.json()["districtCode"] as? String
            }
            #expect(try await district("Javastraat 12, 1094 HB Amsterdam") == "M")  // Oost, by a counter in Zuidoost
            #expect(try await district("Gein 12, 1104 AB") == "T")
            #expect(try await district("Gein 12") == "T")  // no postcode: the writer's district
        }
    }

    /// Amsterdam's staff are offered Amsterdam's ladder and the national one — not Enschede's, nor its
    /// participation domains.
    @Test func theRungFormOffersOnlyTheMunicipalitysLadder() async throws {
        try await TestWorld.with { w in
            _ = try await MunicipalityJourneyTests.setUpAmsterdam(w)
            let person = try await w.register(bsn: TestBSN.make(44))
            let km = try #require(try await User.find(w.users["km"]!.id, on: w.app.db))
            km.passwordHash = try w.app.password.hash("een-lang-wachtwoord")
            try await km.save(on: w.app.db)
            let pages = PagesTests()
            let cookie = try await pages.signIn(w, "km", password: "een-lang-wachtwoord")
            let form = try await pages.get(w, "/personen/\(person)/trede", cookie: cookie).body.string
            #expect(
                form.contains(#"<option value="amsterdam""#) && form.contains(#"<option value="national" selected"#))
            #expect(
                !form.contains("Enschede") && !form.contains("vakmanschap") && !form.contains("participationDomain"))
        }
    }
}
