import Fluent
import Foundation
import MeedoenCore
import Testing
import VaporTesting

@testable import MeedoenServer

/// The pages of [3/5]: budget and valve for budget holders, the business's till, the resident's vouchers.
@Suite("Pages: money") struct MoneyPagesTests {
    let pages = PagesTests()
    let work = WorkPagesTests()

    @Test func anOfferWithFreePlacesButNoMoneySaysWhoWaitsForBudget() async throws {
        try await TestWorld.with { w in
            let provider = try await w.provider()
            let offer = try await w.intervention(provider: provider, capacity: 5)
            try await w.stream(total: 300_000)
            for n in 0..<3 { _ = try await w.refer(try await w.register(bsn: TestBSN.make(n + 1)), to: offer) }
            let km = try await work.user(w, "karin", roles: [.caseManager], district: "T")
            let list = try await pages.get(w, "/aanbod", cookie: km).body.string
            #expect(list.contains("4 vrij · 2 wachten op budget"), "not '4 vrij' while two wait")
            let detail = try await pages.get(w, "/aanbod/\(offer)", cookie: km).body.string
            #expect(detail.contains("1 van 5 bezet, 2 wachtend (2 op budget)"))
            #expect(detail.contains("Wacht op") && detail.contains("<td>budget</td>"))
            #expect(detail.contains("Re-integratie (werkdeel)"), "the stream by its name")
            // A stream the budget does not have is refused by name, with the ones it has.
            let wrong = try await w.send(
                .PATCH, "/api/v1/interventions/\(offer)", as: "beheer", json: ["fundingStream": "potje"])
            #expect(wrong.status == .unprocessableEntity || wrong.status == .badRequest, "\(wrong.status)")
            #expect(wrong.body.string.contains("fundingStream") && wrong.body.string.contains("werkdeel"))
        }
    }

    @Test func aBudgetHolderSimulatesTheValveAndOnlyBudgetHoldersApplyIt() async throws {
        try await TestWorld.with { w in
            let provider = try await w.provider()
            let offer = try await w.intervention(provider: provider, capacity: 5)
            try await w.stream(total: 3 * 300_000)
            for n in 0..<3 {
                let p = try await w.register(bsn: TestBSN.make(n + 1))
                let r = try await w.refer(p, to: offer).json()["id"] as! String
                try await w.setCategory(r, n == 2 ? 3 : 2)
            }
            let holder = try await work.user(w, "bert", roles: [.budgetHolder])
            let budget = try await pages.get(w, "/begroting", cookie: holder)
            #expect(budget.status == .ok)
            #expect(budget.body.string.contains("<svg"))
            #expect(budget.body.string.contains("€ 900.000,00") || budget.body.string.contains("€ 9.000,00"))
            #expect(!budget.body.string.contains("El Amrani"))
            let token = try work.csrf(budget)
            // Allocating part of a stream to a district; more than the stream is named on its field.
            let stream = try await w.streamRow()
            let allocated = try await pages.post(
                w, "/begroting/verdeling", cookie: holder,
                form: "_csrf=\(token)&allocationStream=\(stream.id!)&allocationDistrict=T&allocationTotal=2.000")
            #expect(
                allocated.status == .seeOther || allocated.status == .found || allocated.status == .movedPermanently,
                "\(allocated.status)")
            #expect(try await BudgetAllocation.query(on: w.app.db).first()?.totalCents == 200_000)
            // The district's use of its part: three commitments of € 3.000 against € 2.000 allocated.
            let perDistrict = try await pages.get(w, "/begroting", cookie: holder).body.string
            #expect(perDistrict.contains("Nog vrij"))
            #expect(perDistrict.contains("€ 7.000,00 te veel (450% gebruikt)"), "\(perDistrict)")
            let tooMuch = try await pages.post(
                w, "/begroting/verdeling", cookie: holder,
                form: "_csrf=\(token)&allocationStream=\(stream.id!)&allocationDistrict=E&allocationTotal=7.000%2C01")
            #expect(tooMuch.status == .unprocessableEntity)
            #expect(tooMuch.body.string.contains("href=\"#f-allocationTotal\""))
            // A bad percentage is named on its field.
            let bad = try await pages.post(
                w, "/begroting/ventiel", cookie: holder, form: "_csrf=\(token)&streamCode=werkdeel&percent=veel")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("href=\"#f-percent\""))
            let sim = try await pages.post(
                w, "/begroting/ventiel", cookie: holder, form: "_csrf=\(token)&streamCode=werkdeel&percent=-33%2C34")
            #expect(sim.status == .seeOther || sim.status == .found || sim.status == .movedPermanently, "\(sim.status)")
            let location = try #require(sim.headers.first(name: .location))
            let result = try await pages.get(w, location, cookie: holder)
            #expect(result.body.string.contains("Re-integratie (werkdeel) −33,34%"))
            // The stream by its name, not its code; no referral id, districts by name.
            #expect(result.body.string.contains("<li>Re-integratie (werkdeel): 2 verplichtingen vervallen"))
            #expect(!result.body.string.contains("<td>T</td>"))
            #expect(
                result.body.string.contains("2 verplichtingen vervallen"),
                "\(result.body.string.firstMatch(of: /<li>werkdeel[^<]*/)?.0 ?? "")")
            #expect(result.body.string.contains("Simulatie toepassen"))
            // A case manager does not reach the budget; the analyst sees the simulation but cannot apply it.
            let km = try await work.user(w, "karin", roles: [.caseManager], district: "T")
            #expect(try await pages.get(w, "/begroting", cookie: km).status == .forbidden)
            let analyst = try await work.user(w, "anna", roles: [.analyst])
            let seen = try await pages.get(w, location, cookie: analyst)
            #expect(seen.status == .ok && !seen.body.string.contains("Simulatie toepassen"))
            // A simulation changes nothing: it is on nobody's work list. Only the applied decision reaches
            // the case manager of the residents it touches.
            let owner = try #require(try await User.find(w.users["km"]!.id, on: w.app.db))
            owner.passwordHash = try w.app.password.hash("een-lang-wachtwoord")
            try await owner.save(on: w.app.db)
            let ownerCookie = try await pages.signIn(w, "km", password: "een-lang-wachtwoord")
            #expect(!(try await pages.get(w, "/mijn-werk", cookie: ownerCookie).body.string.contains("Budgetbesluit")))
            let applied = try await pages.post(
                w, location + "/toepassen", cookie: holder, form: "_csrf=\(token)&reason=Besluit+college+november")
            #expect(
                applied.status == .seeOther || applied.status == .found || applied.status == .movedPermanently,
                "\(applied.status) \(applied.body.string.suffix(1500))")
            let after = try await pages.get(w, location, cookie: holder)
            #expect(after.body.string.contains("Toegepast door"), "\(after.body.string.suffix(3000))")
            // a shortfall of €3.000,60: just over one price
            #expect(try await Referral.query(on: w.app.db).filter(\.$status == .withdrawn).count() == 2)
            let work = try await pages.get(w, "/mijn-werk", cookie: ownerCookie).body.string
            #expect(work.contains("Budgetbesluit (toegepast)"), "\(work.prefix(3000))")
        }
    }

    @Test func theTillAppliesADoubleSubmittedFormOnceAndShowsNoName() async throws {
        try await TestWorld.with { w in
            let (p, card) = try await MoneyAPITests.voucherWorld(&w)
            let business = try await work.user(w, "olga", roles: [.business])
            let olga = try await User.query(on: w.app.db).filter(\.$username == "olga").first()!
            olga.businessID = try await Business.query(on: w.app.db).first()!.id
            try await olga.save(on: w.app.db)
            let till = try await pages.get(w, "/inwisselen", cookie: business)
            #expect(till.status == .ok)
            let token = try work.csrf(till)
            let key = String(
                try #require(till.body.string.firstMatch(of: /name="idempotencyKey" value="([a-z0-9-]+)"/)?.1))
            let form = "_csrf=\(token)&idempotencyKey=\(key)&cardCode=\(card)&amountCents=7%2C50"
            let first = try await pages.post(w, "/inwisselen", cookie: business, form: form)
            #expect(first.body.string.contains("Ingenomen: € 7,50"))
            let twice = try await pages.post(w, "/inwisselen", cookie: business, form: form)
            #expect(twice.body.string.contains("niet dubbel afgeschreven"))
            #expect(!twice.body.string.contains("El Amrani"))
            #expect(try await VoucherAccount.query(on: w.app.db).first()!.balanceCents == 2_500 - 750)
            let tooMuch = try await pages.post(
                w, "/inwisselen", cookie: business,
                form: "_csrf=\(token)&idempotencyKey=till-other-key-1&cardCode=\(card)&amountCents=100")
            #expect(tooMuch.status == .conflict)
            #expect(tooMuch.body.string.contains("saldo is niet genoeg"))
            // What was typed stays after an error; the business sees its own redemptions (once, not twice).
            #expect(tooMuch.body.string.contains("value=\"\(card)\"") && tooMuch.body.string.contains("value=\"100\""))
            #expect(tooMuch.body.string.contains("1 inname in totaal; deze maand € 7,50."))

            // The resident sees the balance and where it was spent.
            let ilse = try await work.user(w, "ilse", roles: [.resident])
            let resident = try await User.query(on: w.app.db).filter(\.$username == "ilse").first()!
            resident.personID = UUID(uuidString: p)
            try await resident.save(on: w.app.db)
            let mine = try await pages.get(w, "/mijn-vouchers", cookie: ilse)
            #expect(mine.body.string.contains("€ 17,50"))
            #expect(mine.body.string.contains("Buurtsuper De Hoek"))
            #expect(try await pages.get(w, "/inwisselen", cookie: ilse).status == .forbidden)
        }
    }

    @Test func theDossierListsVouchersByTheDayTheyHappenedAsTheResidentSeesThem() async throws {
        try await TestWorld.with { w in
            let (p, _) = try await MoneyAPITests.voucherWorld(&w)
            // Recorded later, but done ten days earlier: below today's entry in both lists.
            let earlier = CalendarDate(dayNumber: Clock.today().dayNumber - 10).iso
            let late = try await w.send(
                .POST, "/api/v1/persons/\(p)/voucher-earnings", as: "km",
                json: ["activity": "Koffie schenken in het buurthuis", "hours": 2, "on": earlier])
            #expect(late.status == .created, "\(late.body.string)")
            let km = try await work.user(w, "karin", roles: [.caseManager], district: "T")
            let file = try await pages.get(w, "/personen/\(p)", cookie: km).body.string
            let today = try #require(file.range(of: "Buurttuin onderhouden"))
            let before = try #require(file.range(of: "Koffie schenken in het buurthuis"))
            #expect(today.lowerBound < before.lowerBound, "newest day first")
            let ilse = try await work.user(w, "ilse", roles: [.resident])
            let resident = try await User.query(on: w.app.db).filter(\.$username == "ilse").first()!
            resident.personID = UUID(uuidString: p)
            try await resident.save(on: w.app.db)
            let mine = try await pages.get(w, "/mijn-vouchers", cookie: ilse).body.string
            #expect(
                try #require(mine.range(of: "Buurttuin onderhouden")).lowerBound
                    < (try #require(mine.range(of: "Koffie schenken in het buurthuis"))).lowerBound)
        }
    }

    @Test func amountsAreReadAsDutchPeopleTypeThem() {
        #expect(Euro.cents("1250") == 125_000)
        #expect(Euro.cents("1.250") == 125_000)
        #expect(Euro.cents("1.250,50") == 125_050)
        #expect(Euro.cents("€ 12,5") == 1_250)
        #expect(Euro.cents("12.5") == 1_250)
        #expect(Euro.cents("-20") == -2_000)
        #expect(Euro.cents("12,345") == nil)
        #expect(Euro.cents("veel") == nil)
        #expect(Euro.text(125_050) == "€ 1.250,50")
        #expect(Euro.text(-5) == "-€ 0,05")
    }
}
