import Fluent
import Foundation
import MeedoenCore
import Testing
import VaporTesting

@testable import MeedoenServer

/// [3/7] The diagnosis policy edited as a form, not as pasted JSON: target groups with their
/// conditions and categories, checked in words and then with the file's own rules, simulated,
/// adopted with a reason; the versions listed, and a way back to an earlier one.
@Suite("Policy editor") struct PolicyEditTests {
    let pages = PagesTests()
    let work = WorkPagesTests()

    @Test func policyStaffEditTargetGroupsAsAFormAndCanGoBack() async throws {
        try await TestWorld.with { w in
            let young = try await w.register(bsn: TestBSN.make(1))  // born 2004: young (category 1)
            let diagnosed = try await w.send(
                .POST, "/api/v1/persons/\(young)/diagnoses", as: "km",
                json: ["workProspect": true, "selfReliant": false, "motivated": true])
            #expect(diagnosed.status == .created)
            let analyst = try await work.user(w, "anna", roles: [.analyst])
            let page = try await pages.get(w, "/beleid/simulatie", cookie: analyst)
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(
                html.contains("name=\"tg.youngPeople.category\"") && html.contains("name=\"tg.homeless.circumstance\""))
            #expect(!html.contains("<textarea id=\"f-policy\""), "no JSON box")
            // [4/7] The spending rules in words, where policy staff read the policy.
            #expect(html.contains("Wat het budget betaalt") && html.contains("Re-integratie (werkdeel)"))
            #expect(html.contains("<strong>Categorie 5 ‘geen inzet (meer)’</strong>: niets (meer)."))
            #expect(
                html.contains("alleen voorschakeltraject; verder handhaving.")
                    && html.contains("vrijwilligersplek; geen traject."))
            #expect(html.contains("jongeren (18-27)") && html.contains("18 tot en met 27 jaar"), "conditions in words")
            let token = try work.csrf(page)
            func post(_ body: String) async throws -> TestingHTTPResponse {
                try await pages.post(w, "/beleid/simulatie", cookie: analyst, form: "_csrf=\(token)&" + body)
            }

            // A simulation: young people moved to category 3; one of one resident changes.
            let sim = try await post("action=simulate&tg.youngPeople.category=3")
            #expect(sim.status == .ok, "\(sim.body.string.prefix(2000))")
            #expect(sim.body.string.contains("Uitkomst: 1 van 1 inwoners krijgen een andere categorie"))
            #expect(sim.body.string.contains("value=\"adopt\""), "adoption is offered after a simulation")
            let select = try #require(sim.body.string.firstRange(of: "name=\"tg.youngPeople.category\""))
            let rest = sim.body.string[select.upperBound...]
            let kept = rest[..<(rest.firstRange(of: "</select>")?.lowerBound ?? rest.endIndex)]
            #expect(kept.contains("<option value=\"3\" selected"), "what was chosen is kept")
            #expect(w.app.policyStore.current.version == "1.0", "a simulation changes nothing")

            // A group left without any condition, and ages the wrong way round: named, in Dutch, at the field.
            let bad = try await post("action=simulate&tg.homeless.circumstance=&tg.youngPeople.minAge=30")
            #expect(bad.status == .unprocessableEntity)
            let badHTML = bad.body.string
            #expect(badHTML.contains("‘dak- en thuislozen’ heeft geen voorwaarde"))
            #expect(badHTML.contains("href=\"#f-tg-homeless-name-nl\""))
            #expect(badHTML.contains("de hoogste leeftijd is lager dan de laagste"))
            #expect(badHTML.contains("href=\"#f-tg-youngPeople-maxAge\""))
            #expect(badHTML.contains("<title>Fout:"))

            // Adoption asks for a number and a reason.
            let noReason = try await post("action=adopt&version=2027-1&tg.youngPeople.category=3")
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("href=\"#f-reason\""))
            let noVersion = try await post("action=adopt&version=&reason=Raadsbesluit+begroting+2027")
            #expect(noVersion.status == .unprocessableEntity)
            #expect(noVersion.body.string.contains("href=\"#f-version\""))
            // The shipped number may not be reused for other content.
            let shippedNumber = try await post(
                "action=adopt&version=1.0&tg.youngPeople.category=3&reason=Raadsbesluit+begroting+2027")
            #expect(shippedNumber.status == .conflict)

            // Adopted: young people in 3, one group dropped, one new group with its conditions.
            let adopted = try await post(
                "action=adopt&version=2027-1&reason=Raadsbesluit+begroting+2027&tg.youngPeople.category=3"
                    + "&tg.volunteer.remove=1&new.name.nl=Jongeren+zonder+startkwalificatie&new.category=1"
                    + "&new.maxAge=27&new.wish=secondaryDiploma&new.civicIntegration.shown=1")
            #expect(adopted.status == .seeOther, "\(adopted.body.string.prefix(3000))")
            let now = w.app.policyStore.current
            #expect(now.version == "2027-1")
            #expect(now.targetGroups.first { $0.id == "youngPeople" }?.category == 3)
            #expect(!now.targetGroups.contains { $0.id == "volunteer" })
            let added = try #require(now.targetGroups.first { $0.id == "jongeren-zonder-startkwalificatie" })
            #expect(added.category == 1 && added.when.maxAge == 27 && added.when.wish == .secondaryDiploma)
            #expect(added.name.en == "Jongeren zonder startkwalificatie", "an empty English name takes the Dutch one")
            let second = try await w.send(
                .POST, "/api/v1/persons/\(young)/diagnoses", as: "km",
                json: ["workProspect": true, "selfReliant": false, "motivated": true])
            #expect(try second.json()["decidedCategory"] as? Int == 2, "new diagnoses use the adopted version")
            // The same number twice is refused.
            #expect(try await post("action=adopt&version=2027-1&reason=Nog+een+keer+vastgesteld").status == .conflict)

            // The versions: the new one in force, the shipped one below it, and back to the shipped one.
            let versions = try await pages.get(w, "/beleid/simulatie", cookie: analyst)
            let vHTML = versions.body.string
            #expect(vHTML.contains("2027-1") && vHTML.contains("Raadsbesluit begroting 2027"))
            #expect(
                vHTML.contains("meegeleverd met Meedoen") && vHTML.contains("href=\"/beleid/simulatie?vanaf=shipped\""))
            #expect(vHTML.contains("value=\"2027-2\""), "the next number is proposed")
            let fromShipped = try await pages.get(w, "/beleid/simulatie?vanaf=shipped", cookie: analyst)
            #expect(fromShipped.body.string.contains("Het concept begint bij versie 1.0"))
            #expect(fromShipped.body.string.contains("name=\"tg.volunteer.category\""), "the dropped group is back")
            let back = try await post("action=adopt&base=shipped&version=2027-2&reason=Terug+naar+het+oude+beleid")
            #expect(back.status == .seeOther, "\(back.body.string.prefix(3000))")
            var shipped = try #require(w.app.policyStore.policies.first)
            shipped.version = "2027-2"
            #expect(w.app.policyStore.current == shipped, "the shipped content is in force again, under a new number")
            #expect(try await AuditEvent.query(on: w.app.db).filter(\.$action == "policy.adopt").count() == 2)
            #expect(try await PolicyAdoption.query(on: w.app.db).count() == 2)

            // Budget holders simulate but do not adopt; case managers do neither.
            let holder = try await work.user(w, "bert", roles: [.budgetHolder])
            let holderPage = try await pages.get(w, "/beleid/simulatie", cookie: holder)
            let holderToken = try work.csrf(holderPage)
            let holderSim = try await pages.post(
                w, "/beleid/simulatie", cookie: holder, form: "_csrf=\(holderToken)&action=simulate")
            #expect(holderSim.status == .ok && !holderSim.body.string.contains("value=\"adopt\""))
            let holderAdopt = try await pages.post(
                w, "/beleid/simulatie", cookie: holder,
                form: "_csrf=\(holderToken)&action=adopt&version=2027-3&reason=Zelf+vastgesteld+door+budgethouder")
            #expect(holderAdopt.status == .forbidden)
            let km = try await work.user(w, "karin", roles: [.caseManager], district: "T")
            #expect(try await pages.get(w, "/beleid/simulatie", cookie: km).status == .forbidden)
        }
    }

    /// [4/7] A changed spending rule is simulated on the running trajectories before it is adopted,
    /// and adopted with the policy.
    @Test func policyStaffChangeASpendingRuleAndSeeItsMoneyEffectFirst() async throws {
        try await TestWorld.with { w in
            let provider = try await w.provider()
            let work = try await w.intervention(provider: provider, code: "TOELEIDING", type: "guidanceToWork")
            try await w.stream(total: 10 * 300_000)
            let young = try await w.register(bsn: TestBSN.make(1))  // born 2004: young (category 1)
            _ = try await w.send(
                .POST, "/api/v1/persons/\(young)/diagnoses", as: "km",
                json: ["workProspect": true, "selfReliant": false, "motivated": true])
            #expect(try await w.refer(young, to: work).status == .created)
            let analyst = try await self.work.user(w, "anna", roles: [.analyst])
            let page = try await pages.get(w, "/beleid/simulatie", cookie: analyst)
            let html = page.body.string
            #expect(html.contains("name=\"sp.1.allows\"") && html.contains("name=\"sp.withoutDuty\""))
            #expect(html.contains("alleen de gekozen soorten aanbod (verder handhaving)"))
            let token = try self.work.csrf(page)
            func post(_ body: String) async throws -> TestingHTTPResponse {
                try await pages.post(w, "/beleid/simulatie", cookie: analyst, form: "_csrf=\(token)&" + body)
            }
            // Category 1 only volunteering: the running trajectory to work falls outside what the budget pays.
            let sim = try await post(
                "action=simulate&sp.1.allows=listed&sp.1.types.shown=1&sp.1.types=volunteerPlace")
            #expect(sim.status == .ok, "\(sim.body.string.prefix(2000))")
            let body = sim.body.string
            #expect(body.contains("nu: geen; onder het concept: 1 traject met nog € 3.000,00 verplicht"), "\(body)")
            #expect(body.contains("Onder het concept valt € 3.000,00 meer aan lopende verplichtingen buiten"))
            let unknown = try await post("action=simulate&sp.2.allows=soms")
            #expect(unknown.status == .unprocessableEntity && unknown.body.string.contains("href=\"#f-sp-2-allows\""))
            // Adopted with the policy: new referrals follow the new rule.
            let adopted = try await post(
                "action=adopt&version=2027-1&reason=Raadsbesluit+bestedingsregels+2027"
                    + "&sp.1.allows=listed&sp.1.types.shown=1&sp.1.types=volunteerPlace"
                    + "&sp.withoutDuty.shown=1")
            #expect(adopted.status == .seeOther, "\(adopted.body.string.prefix(3000))")
            let rules = try #require(w.app.policyStore.current.spending)
            #expect(rules.rule(1) == .init(category: 1, allows: .listed, types: [.volunteerPlace]))
            #expect(rules.withoutDuty.isEmpty && rules.rule(2)?.allows == .all)
        }
    }

    @Test func policyFileErrorsReadInDutch() {
        #expect(
            PolicyError(file: "f", entry: "targetGroups[2]", message: "minAge 30 is above maxAge 27").dutchMessage
                == "de laagste leeftijd (30) is hoger dan de hoogste (27)")
        #expect(PolicyError(file: "f", entry: "x", message: "is required but missing").dutchMessage == "ontbreekt")
        #expect(PolicyError(file: "f", entry: "x", message: "something new").dutchMessage == "something new")
        #expect(PolicyEditor.newID("Vrouwen 55+ (Nieuw-West)", taken: []) == "vrouwen-55-nieuw-west")
        #expect(PolicyEditor.newID("Café-bezoekers", taken: ["cafe-bezoekers"]) == "cafe-bezoekers-2")
        #expect(PolicySimulationService.nextVersion(after: "1.0", taken: ["1.1"]) == "1.2")
        #expect(PolicySimulationService.nextVersion(after: "2027-1", taken: []) == "2027-2")
        #expect(PolicySimulationService.nextVersion(after: "concept", taken: []) == "concept-1")
    }
}
