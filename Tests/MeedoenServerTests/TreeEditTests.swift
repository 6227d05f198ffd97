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

    @Test func questionsAnswersAndResultsAreAddedAndRemovedInTheForm() async throws {
        try await TestWorld.with { w in
            let admin = try await work.user(w, "bea", roles: [.admin])
            let form = try await pages.get(w, "/wegwijzer/beheer/werk-en-meedoen/bewerken", cookie: admin)
            let page = form.body.string
            #expect(page.contains("name=\"nq.nl\"") && page.contains("name=\"nr.title.nl\""))
            #expect(page.contains("name=\"na.wens.nl\"") && page.contains("name=\"r.tafel.remove\""))
            #expect(!page.contains("gaat met een bestand"))
            let token = try work.csrf(form)
            func post(_ body: String) async throws -> TestingHTTPResponse {
                try await pages.post(
                    w, "/wegwijzer/beheer/werk-en-meedoen/bewerken", cookie: admin, form: "_csrf=\(token)&" + body)
            }
            // Removing a result an answer still leads to is refused at that answer's link.
            let dangling = try await post("version=2027-1&r.stage.remove=1&a.klaar.nee.to=r%3Astage")
            #expect(dangling.status == .unprocessableEntity)
            #expect(dangling.body.string.contains("href=\"#f-a-klaar-nee-to\""))
            #expect(dangling.body.string.contains("Leidt naar een uitkomst die u verwijdert"))
            #expect(dangling.body.string.contains("name=\"r.stage.remove\" value=\"1\" checked"), "the tick is kept")
            // A link to the new question while none is filled in; a new answer without English.
            let missing = try await post("version=2027-1&a.klaar.nee.to=nq&na.wens.nl=Iets+anders&na.wens.to=r%3Ataal")
            #expect(missing.status == .unprocessableEntity)
            let text = missing.body.string
            #expect(text.contains("Leidt naar de nieuwe vraag, maar die is niet ingevuld."))
            #expect(text.contains("href=\"#f-na-wens-en\"") && text.contains("Vul ook de Engelse tekst in."))
            #expect(w.app.trees.tree("werk-en-meedoen")?.version == "2026-1")
            // One save: a new question (reached from 'nee' of 'klaar'), its answers leading to the old
            // 'stage' result and to a new result; a new answer on the first question; an answer removed.
            let saved = try await post(
                [
                    "version=2027-1",
                    "a.klaar.nee.to=nq",
                    "nq.nl=Wilt+u+eerst+werkervaring+opdoen%3F", "nq.en=Would+you+first+like+work+experience%3F",
                    "nq.a1.nl=Ja", "nq.a1.en=Yes", "nq.a1.to=r%3Astage",
                    "nq.a2.nl=Liever+een+opleiding", "nq.a2.en=Rather+a+course", "nq.a2.to=nr",
                    "nr.title.nl=Een+opleiding+kiezen", "nr.title.en=Choosing+a+course",
                    "nr.text.nl=Het+Leerwerkloket+helpt+u+kiezen.", "nr.text.en=The+desk+helps+you+choose.",
                    "nr.followUp=referral",
                    "na.wens.nl=Eerst+mijn+geldzaken+op+orde", "na.wens.en=First+sort+out+my+money",
                    "na.wens.to=r%3Atafel",
                    "a.zorgen.gezondheid.remove=1", "r.dagbesteding.remove=1",
                ].joined(separator: "&"))
            #expect(saved.status == .seeOther, "\(saved.body.string.prefix(4000))")
            let now = try #require(w.app.trees.tree("werk-en-meedoen"))
            #expect(now.version == "2027-1")
            let added = try #require(now.questions.first { $0.text.nl == "Wilt u eerst werkervaring opdoen?" })
            #expect(now.question("klaar")?.answers.first { $0.id == "nee" }?.next == added.id)
            #expect(added.answers.map(\.text.nl) == ["Ja", "Liever een opleiding"])
            let course = try #require(now.results.first { $0.title.nl == "Een opleiding kiezen" })
            #expect(added.answers.last?.result == course.id && course.followUp == .referral)
            #expect(now.question("wens")?.answers.last?.text.nl == "Eerst mijn geldzaken op orde")
            #expect(now.question("zorgen")?.answers.map(\.id) == ["meerdere", "nee"])
            #expect(now.result("dagbesteding") == nil)
            // A walk follows the new question to the new result.
            let walk = try now.walk(["werk", "nee", added.answers[1].id]).get()
            #expect(walk.step == .result(course))
            // Removing the first question needs another first question; a question left with one answer is refused.
            let edit = try await pages.get(w, "/wegwijzer/beheer/werk-en-meedoen/bewerken", cookie: admin)
            let token2 = try work.csrf(edit)
            let first = try await pages.post(
                w, "/wegwijzer/beheer/werk-en-meedoen/bewerken", cookie: admin,
                form: "_csrf=\(token2)&version=2027-2&q.wens.remove=1&a.klaar.ja.remove=1")
            #expect(first.status == .unprocessableEntity)
            #expect(first.body.string.contains("U verwijdert de eerste vraag"))
            #expect(first.body.string.contains("Een vraag heeft minstens twee antwoorden."))
        }
    }
}
