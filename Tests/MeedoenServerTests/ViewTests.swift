import Foundation
import MeedoenCore
import Testing

@testable import MeedoenServer

/// Views rendered from their values alone: no server, no database.
@Suite("Views without a server") struct ViewTests {
    @Test func theLayoutShowsTheSavedMessageOnceAndEscapesContent() {
        let layout = Layout(
            title: "Dossier", user: nil, language: .nl, csrf: nil, path: "/personen", flash: "De trede is vastgelegd.")
        let html = layout.render(el("p", [], txt("<script>alert(1)</script>")))
        #expect(html.contains(#"<html lang="nl">"#))
        #expect(html.contains(#"role="status">De trede is vastgelegd.</p>"#))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script>alert"))
        let plain = Layout(title: "Dossier", user: nil, language: .en, csrf: nil, path: "/").render(.empty)
        #expect(!plain.contains("flash") && plain.contains(#"<html lang="en">"#))
    }

    @Test func aFormFieldCarriesItsErrorAndTheSummaryLinksToIt() {
        var errors = FieldErrors()
        errors.messages = [("bsn", "Dit is geen geldig BSN.")]
        let t = Texts(language: .nl)
        let field = textInput(FormField(name: "bsn", label: "BSN", errors: errors), value: "12\"3", required: true)
        let summary = errorSummary(errors, t).render()
        let input = field.render()
        #expect(summary.contains(##"href="#f-bsn""##) && summary.contains("Dit is geen geldig BSN."))
        #expect(input.contains(#"id="f-bsn""#) && input.contains(#"aria-invalid="true""#), "\(input)")
        #expect(input.contains("12&quot;3"), "what was typed, escaped: \(input)")
    }

    @Test func theTrendChartIsAnAccessibleSVG() {
        let svg = TrendChart.svg(
            id: "t", title: "Uitstroom <naar> werk", years: [2025, 2026, 2027], actual: [10, nil, 30],
            target: [20, 25, 30])
        #expect(svg.hasPrefix("<svg") && svg.contains(#"role="img""#))
        #expect(svg.contains("Uitstroom &lt;naar&gt; werk"))
    }

    // MARK: pages rendered from their models

    static func resident(_ given: String, _ family: String, district: String = "T") -> Person {
        let p = Person()
        p.id = UUID()
        p.bsn = "111222333"
        p.givenName = given
        p.familyName = family
        p.birthDate = "1990-04-01"
        p.districtCode = district
        p.benefit = "participatiewet"
        p.civicIntegration = "none"
        p.circumstances = []
        p.wishes = []
        p.onCaseTable = false
        return p
    }

    static func caseManager() -> User {
        let u = User()
        u.id = UUID()
        u.username = "km"
        u.displayName = "Karin de Klantmanager"
        u.roles = [Role.caseManager.rawValue]
        u.districtCode = "T"
        u.active = true
        return u
    }

    static let view = ViewContext(language: .nl, csrfToken: "token", today: CalendarDate(year: 2027, month: 3, day: 1)!)

    @Test func myWorkRendersTheCaseloadWithDistrictNamesMaskedNumbersAndPaging() {
        let people = [Self.resident("Fatima", "<Bakker>"), Self.resident("Samira", "Yilmaz", district: "E")]
        let model = CaseloadPage.Model(
            user: Self.caseManager(), people: people, total: 120, page: 2, pageSize: 50, search: "a&b",
            districts: ["T": "Zuidoost", "E": "West"],
            budgetDecisions: [.init(simulationID: UUID(), applied: true, lapse: 2, start: 1)])
        let html = CaseloadPage.view(model, Self.view).render()
        #expect(html.contains("&lt;Bakker&gt;, Fatima") && !html.contains("<Bakker>"), "names escaped")
        #expect(html.contains("Zuidoost") && html.contains("West"), "district names, not codes")
        #expect(!html.contains("111222333") && html.contains("*"), "the BSN masked in the list")
        #expect(html.contains("120 inwoners gevonden voor ‘a&amp;b’"))
        #expect(html.contains("Pagina 2 van 3") && html.contains("?page=1") && html.contains("?page=3"))
        #expect(html.contains("Budgetbesluit (toegepast): 2 van uw inwoners verliezen een aanbod, 1 kunnen starten"))
        #expect(!html.contains("Aandacht nodig"), "no worklist block when the model has none")
    }

    @Test func theDossierShowsWhatItsModelHoldsAndOffersActionsOnlyToWhoMayAssess() {
        let p = Self.resident("Fatima", "Bakker")
        let dossier = PersonService.Dossier(person: p, household: nil, members: [], assessments: [], diagnoses: [])
        var model = DossierPage.Model(
            dossier: dossier, canAssess: true, districts: ["T": "Zuidoost"], ladders: [:], referrals: [],
            money: nil, frontDoor: nil)
        let html = DossierPage.view(model, Self.view).render()
        #expect(html.contains("<h1>Fatima Bakker</h1>") && html.contains("Zuidoost"))
        #expect(html.contains("Nog geen trede vastgelegd.") && html.contains("Nog geen diagnose."))
        #expect(html.contains("/personen/\(p.id!)/verwijzen"), "a case manager with a need to know may refer")
        model.canAssess = false
        model.referrals = nil
        let reader = DossierPage.view(model, Self.view).render()
        #expect(!reader.contains("/verwijzen") && !reader.contains("Trede vastleggen"))
    }

    @Test func theBudgetShowsAggregatesInEurosAndOnlyAHolderGetsTheForms() {
        let stream = BudgetService.Overview.StreamLine(
            id: UUID(), code: "werkdeel", name: "Participatiebudget werkdeel", totalCents: 1_000_000_00,
            committedCents: 250_000_00, spentCents: 500_000_00, availableCents: 250_000_00,
            byDistrict: [.init(key: "T", label: "Zuidoost", committedCents: 250_000_00, spentCents: 0, count: 12)])
        let overview = BudgetService.Overview(
            year: 2027, streams: [stream], byCategory: [], byIntervention: [], waitingForBudget: 0,
            exceptions: .init(requested: 1, granted: 2, refused: 0, grantedCents: 400_000),
            totalCents: 1_000_000_00, committedCents: 250_000_00, spentCents: 500_000_00, availableCents: 250_000_00)
        var model = BudgetPages.Model(
            year: 2027, overview: overview, isHolder: true, streams: [], waitingForBudget: nil,
            districts: [("T", "Zuidoost")], simulations: [])
        let html = BudgetPages.view(model, Self.view).render()
        #expect(html.contains("Participatiebudget 2027"))
        #expect(html.contains("€ 1.000.000") && html.contains("€ 250.000"), "euros the Dutch way")
        #expect(html.contains("<svg") && html.contains("Participatiebudget werkdeel"), "the chart, server-drawn")
        #expect(html.contains(#"name="_csrf" value="token""#), "a holder's forms carry the form token")
        model.isHolder = false
        let analyst = BudgetPages.view(model, Self.view).render()
        #expect(!analyst.contains("Toewijzen"), "an analyst reads, and allocates nothing")
    }
}
