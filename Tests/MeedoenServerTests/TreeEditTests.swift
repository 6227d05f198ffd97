import Fluent
import Foundation
import MeedoenCore
import Testing
import VaporTesting

@testable import MeedoenServer

/// [3/7] Guides edited as forms, not as pasted JSON: validated as the files are, saved as a new
/// version, with the versions listed and a way back.
@Suite("Guide editor") struct TreeEditTests {
    let pages = PagesTests()
    let work = WorkPagesTests()

    @Test func anAdministratorEditsAGuideAsAFormAndCanGoBack() async throws {
        try await TestWorld.with { w in
            let admin = try await work.user(w, "bea", roles: [.admin])
            let form = try await pages.get(w, "/wegwijzer/beheer/werk-en-meedoen/bewerken", cookie: admin)
            #expect(form.status == .ok)
            let page = form.body.string
            #expect(page.contains("name=\"q.wens.nl\"") && page.contains("name=\"a.wens.taal.to\""))
            #expect(!page.contains("\"kind\"") && !page.contains("<textarea id=\"f-document\""), "no JSON box")
            let token = try work.csrf(form)
            func post(_ body: String) async throws -> TestingHTTPResponse {
                try await pages.post(
                    w, "/wegwijzer/beheer/werk-en-meedoen/bewerken", cookie: admin, form: "_csrf=\(token)&" + body)
            }
            // No version number: refused by name, nothing changes.
            let noVersion = try await post("title.nl=Werk+en+meedoen+in+de+buurt")
            #expect(noVersion.status == .unprocessableEntity)
            #expect(noVersion.body.string.contains("href=\"#f-version\""))
            #expect(noVersion.body.string.contains("value=\"Werk en meedoen in de buurt\""), "what was typed is kept")
            // A loop (the first answer leads back to its own question) is refused with the file's own check.
            let loop = try await post("version=2027-1&a.wens.werk.to=q%3Awens")
            #expect(loop.status == .unprocessableEntity)
            #expect(w.app.trees.tree("werk-en-meedoen")?.version == "2026-1")
            // A link that leaves a result unreachable is refused too, with the reason.
            let orphan = try await post("version=2027-1&a.wens.taal.to=r%3Astage")
            #expect(orphan.status == .unprocessableEntity)
            #expect(orphan.body.string.contains("uitkomst ‘Nederlands leren’: geen antwoord leidt naar deze uitkomst"))
            // A changed title and a changed hint: a new version, in force at once.
            let saved = try await post(
                "version=2027-1&title.nl=Werk+en+meedoen+in+de+buurt&q.wens.hint.nl=Kies+wat+het+meest+past.")
            #expect(saved.status == .seeOther, "\(saved.body.string.prefix(3000))")
            let now = try #require(w.app.trees.tree("werk-en-meedoen"))
            #expect(now.version == "2027-1" && now.title.nl == "Werk en meedoen in de buurt")
            #expect(now.questions.first { $0.id == "wens" }?.hint?.nl == "Kies wat het meest past.")
            #expect(try await DecisionTreeVersion.query(on: w.app.db).count() == 1)
            // The same number twice is refused.
            #expect(try await post("version=2027-1&title.nl=Nog+eens").status == .unprocessableEntity)
            // The versions: the new one in force, the shipped one below it, and back to the shipped one.
            let versions = try await pages.get(w, "/wegwijzer/beheer/werk-en-meedoen/versies", cookie: admin)
            #expect(versions.body.string.contains("2027-1") && versions.body.string.contains("meegeleverd met Meedoen"))
            let back = try await pages.post(
                w, "/wegwijzer/beheer/werk-en-meedoen/versies", cookie: admin,
                form: "_csrf=\(token)&from=&version=2027-2")
            #expect(back.status == .seeOther, "\(back.body.string.prefix(3000))")
            let restored = try #require(w.app.trees.tree("werk-en-meedoen"))
            #expect(restored.version == "2027-2" && restored.title.nl == "Werk en meedoen")
            #expect(try await DecisionTreeVersion.query(on: w.app.db).count() == 2)
            // Only administrators.
            let km = try await work.user(w, "karin", roles: [.caseManager], district: "T")
            #expect(
                try await pages.get(w, "/wegwijzer/beheer/werk-en-meedoen/bewerken", cookie: km).status == .forbidden)
        }
    }
}
