import Fluent
import Foundation
import MeedoenCore
import Testing
import VaporTesting

@testable import MeedoenServer

/// The front door ([4/5]): pages anyone can open without signing in.
@Suite("Pages: public") struct PublicPagesTests {
    @Test func theCatalogueNeedsNoLoginFiltersAndShowsNoPersonalData() async throws {
        try await TestWorld.with { w in
            _ = try await CatalogueService.load(w.app.policyStore.demoCatalogue, on: w.app.db)
            _ = try await w.register(bsn: TestBSN.make(1))
            let all = try await w.app.testing().sendRequest(.GET, "/catalogus")
            #expect(all.status == .ok)
            let page = all.body.string
            #expect(page.contains("Voor wie") && page.contains("Hoe aanmelden"))
            #expect(!page.contains("El Amrani") && !page.contains("BSN"))
            let total = Int(try #require(page.firstMatch(of: /([0-9]+) mogelijkheden/)?.1)) ?? 0
            #expect(total == w.app.policyStore.demoCatalogue.interventions.count)
            // One district: the basic package plus that district's own extra offers, not another district's.
            let zuidoost = try await w.app.testing().sendRequest(.GET, "/catalogus?stadsdeel=T").body.string
            let plusT = w.app.policyStore.demoCatalogue.interventions.filter { $0.district == "T" }
            let plusE = w.app.policyStore.demoCatalogue.interventions.filter { $0.district == "E" }
            #expect(plusT.allSatisfy { zuidoost.contains(escape($0.name)) })
            #expect(!plusE.contains { zuidoost.contains(escape($0.name)) })
            // A theme and a life situation narrow it further.
            let volunteering = try await w.app.testing().sendRequest(
                .GET, "/catalogus?thema=volunteering&situatie=older"
            ).body.string
            let n = Int(try #require(volunteering.firstMatch(of: /([0-9]+) mogelijkheden/)?.1)) ?? -1
            #expect(n > 0 && n < total)
            #expect(
                try await w.app.testing().sendRequest(.GET, "/catalogus?lang=en").body.string.contains(
                    "No sign-in needed"))
            // In plain words (B1): no ladder, and how to apply names the district's counter with its hours.
            #expect(!page.contains("trede") && !zuidoost.contains("participatieladder"))
            w.app.municipality.set(.init(file: try DemoData.municipality().file, hasLogo: false, logoSVG: nil))
            let withCounters = try await w.app.testing().sendRequest(.GET, "/catalogus?stadsdeel=T").body.string
            #expect(withCounters.contains("Werkplein Zuidoost, Bijlmerdreef 101, 1102 BR Amsterdam ("))
        }
    }
}
