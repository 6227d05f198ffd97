import Fluent
import Foundation
import MeedoenCore
import Testing
import VaporTesting

@testable import MeedoenServer

/// The pages of [2/5]: plan editor, matches and referral, the provider's view, catalogue editing.
@Suite("Pages: plans, referrals, catalogue") struct WorkPagesTests {
    let pages = PagesTests()

    func user(_ w: TestWorld, _ name: String, roles: [Role], district: String? = nil, provider: UUID? = nil)
        async throws -> String
    {
        _ = try await User.create(
            username: name, displayName: "Test \(name)", roles: roles, districtCode: district, providerID: provider,
            password: "een-lang-wachtwoord", on: w.app.db, hasher: w.app.password.sync)
        return try await pages.signIn(w, name, password: "een-lang-wachtwoord")
    }

    func csrf(_ page: TestingHTTPResponse) throws -> String {
        String(try #require(page.body.string.firstMatch(of: /name="_csrf" value="([0-9a-f]+)"/)?.1))
    }

    @Test func aCaseManagerPlansRefersAndTheProviderAnswers() async throws {
        try await TestWorld.with { w in
            _ = try await CatalogueService.load(w.app.policyStore.demoCatalogue, on: w.app.db)
            let regenboog = try await Provider.query(on: w.app.db).filter(\.$code == "regenboog").first()!
            let person = try await w.register(bsn: TestBSN.make(0), ["birthDate": "1985-05-05"])
            _ = try await w.send(
                .POST, "/api/v1/persons/\(person)/assessments", as: "km",
                json: ["kind": "rung", "ladderId": "amsterdam", "rung": 2])
            let km = try await user(w, "karin", roles: [.caseManager], district: "T")

            // The plan editor: create with a goal and an involved organisation; a malformed line is named.
            let planPage = try await pages.get(w, "/personen/\(person)/plan", cookie: km)
            #expect(planPage.status == .ok)
            let token = try csrf(planPage)
            let bad = try await pages.post(
                w, "/personen/\(person)/plan", cookie: km,
                form: "_csrf=\(token)&goal.work=Werk+vinden&involved=alleen+een+naam")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("organisatie | doel | contactpersoon"))
            let ok = try await pages.post(
                w, "/personen/\(person)/plan", cookie: km,
                form: "_csrf=\(token)&goal.work=Werk+vinden&involved=Schuldhulp+%7C+Regeling+%7C+M.+de+Vries")
            #expect(ok.status == .seeOther)
            let shown = try await pages.get(w, "/personen/\(person)/plan", cookie: km)
            #expect(shown.body.string.contains("Werk vinden") && shown.body.string.contains("Schuldhulp"))

            // Matches with reasons; refer to trajectory guidance (Regenboog) from the page.
            let refer = try await pages.get(w, "/personen/\(person)/verwijzen", cookie: km)
            #expect(refer.status == .ok)
            #expect(refer.body.string.contains("Past bij trede 2."))
            let tb = try await Intervention.query(on: w.app.db).filter(\.$code == "TB-UIT").first()!
            let missingGoal = try await pages.post(
                w, "/personen/\(person)/verwijzen", cookie: km,
                form: "_csrf=\(token)&interventionId=\(tb.id!)&o-TBUIT-goal=&o-TBUIT-hours=16")
            #expect(missingGoal.status == .unprocessableEntity)
            #expect(missingGoal.body.string.contains("f-o-TBUIT-goal"))
            let referred = try await pages.post(
                w, "/personen/\(person)/verwijzen", cookie: km,
                form:
                    "_csrf=\(token)&interventionId=\(tb.id!)&o-TBUIT-goal=Uitstromen+uit+dagbesteding&o-TBUIT-hours=16")
            #expect(referred.status == .seeOther)
            let referralPath = try #require(referred.headers.first(name: .location))

            // The provider: "my work" is their incoming referrals; only what they need; accept from the page.
            let provider = try await user(w, "anton", roles: [.provider], provider: regenboog.id)
            let home = try await pages.get(w, "/mijn-werk", cookie: provider)
            #expect(home.headers.first(name: .location) == "/verwijzingen")
            let incoming = try await pages.get(w, "/verwijzingen", cookie: provider)
            #expect(incoming.body.string.contains("El Amrani") && incoming.body.string.contains("wacht op u"))
            let detail = try await pages.get(w, referralPath, cookie: provider)
            #expect(
                !detail.body.string.contains(TestBSN.make(0)) && !detail.body.string.contains("Prioriteitscategorie"))
            let accepted = try await pages.post(
                w, referralPath + "/accept", cookie: provider, form: "_csrf=\(try csrf(detail))")
            #expect(accepted.status == .seeOther)
            #expect(try await pages.get(w, referralPath, cookie: provider).body.string.contains("geaccepteerd"))
            // A provider opening the dossier is refused.
            #expect(try await pages.get(w, "/personen/\(person)", cookie: provider).status == .forbidden)
            // The case manager's dossier lists the referral.
            #expect(
                try await pages.get(w, "/personen/\(person)", cookie: km).body.string.contains(
                    "Trajectbegeleiding uitstroom dagbesteding"))
        }
    }

    @Test func administratorsEditTheCatalogueWithErrorsNamedPerField() async throws {
        try await TestWorld.with { w in
            let providerID = try await w.provider()
            let admin = try await user(w, "bea", roles: [.admin])
            let form = try await pages.get(w, "/aanbod/nieuw", cookie: admin)
            #expect(form.status == .ok)
            let token = try csrf(form)
            let body =
                "_csrf=\(token)&code=SAP-Z&name=SAP+Zuidoost&type=socialActivationPlace&domain=burgerschap&package=plus&districtCode=&providerId=\(providerID.uppercased())&fundingStream=werkdeel&priceEuros=1200&maxMonths=9&capacity=5&hoursPerWeek=8&location=Bijlmer"
            let refused = try await pages.post(w, "/aanbod/nieuw", cookie: admin, form: body)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("href=\"#f-maxMonths\""))
            #expect(refused.body.string.contains("href=\"#f-districtCode\""))
            let saved = try await pages.post(
                w, "/aanbod/nieuw", cookie: admin,
                form: body.replacingOccurrences(of: "maxMonths=9", with: "maxMonths=6").replacingOccurrences(
                    of: "districtCode=", with: "districtCode=T"))
            #expect(saved.status == .seeOther, "\(saved.body.string.prefix(2000))")
            let sap = try #require(try await Intervention.query(on: w.app.db).filter(\.$code == "SAP-Z").first())
            #expect(sap.priceCents == 120_000 && sap.districtCode == "T")
            // Editing: a name or capacity emptied is refused by name, not silently kept as it was.
            let edit = body.replacingOccurrences(of: "maxMonths=9", with: "maxMonths=6").replacingOccurrences(
                of: "districtCode=", with: "districtCode=T"
            ).replacingOccurrences(of: "name=SAP+Zuidoost", with: "name=+").replacingOccurrences(
                of: "capacity=5", with: "capacity=")
            let emptied = try await pages.post(
                w, "/aanbod/\(sap.id!)/bewerken", cookie: admin, form: edit + "&active=true")
            #expect(emptied.status == .unprocessableEntity)
            #expect(
                emptied.body.string.contains("href=\"#f-name\"") && emptied.body.string.contains("href=\"#f-capacity\"")
            )
            #expect(try await Intervention.find(sap.id, on: w.app.db)?.name == "SAP Zuidoost")
            // A case manager sees the catalogue but not the editor.
            let km = try await user(w, "karin", roles: [.caseManager], district: "T")
            #expect(try await pages.get(w, "/aanbod", cookie: km).body.string.contains("SAP Zuidoost"))
            #expect(try await pages.get(w, "/aanbod/nieuw", cookie: km).status == .forbidden)
        }
    }
}
