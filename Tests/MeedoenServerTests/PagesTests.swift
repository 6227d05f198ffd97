import Fluent
import Foundation
import Testing
import VaporTesting

@testable import MeedoenServer

/// The pages as a browser sees them: sign-in, CSRF, need-to-know, escaping, language.
@Suite("Pages") struct PagesTests {
    /// Signs in through the login form and returns the session cookie and the CSRF token of the next page.
    func signIn(_ w: TestWorld, as username: String, password: String) async throws -> (cookie: String, csrf: String) {
        let login = try await w.app.testing().sendRequest(.GET, "/login")
        let loginCookie = try #require(login.headers.setCookie?["meedoen_login"]?.string)
        let body = "_csrf=\(loginCookie)&username=\(username)&password=\(password)"
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        headers.cookie = HTTPCookies(dictionaryLiteral: ("meedoen_login", .init(string: loginCookie)))
        let res = try await w.app.testing().sendRequest(
            .POST, "/login", headers: headers, body: ByteBuffer(string: body))
        #expect(res.status == .seeOther)
        let session = try #require(res.headers.setCookie?["meedoen_session"]?.string)
        let page = try await get(w, "/mijn-werk", cookie: session)
        let csrf = try #require(page.body.string.firstMatch(of: /name="_csrf" value="([0-9a-f]+)"/)?.1)
        return (session, String(csrf))
    }

    /// Signs in through the login form (with its CSRF cookie); returns the session cookie.
    func signIn(_ w: TestWorld, _ name: String, password: String) async throws -> String {
        let login = try await w.app.testing().sendRequest(.GET, "/login")
        let loginCookie = try #require(login.headers.setCookie?["meedoen_login"]?.string)
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        headers.cookie = HTTPCookies(dictionaryLiteral: ("meedoen_login", .init(string: loginCookie)))
        let res = try await w.app.testing().sendRequest(
            .POST, "/login", headers: headers,
            body: ByteBuffer(string: "_csrf=\(loginCookie)&username=\(name)&password=\(password)"))
        return try #require(res.headers.setCookie?["meedoen_session"]?.string)
    }

    func get(_ w: TestWorld, _ path: String, cookie: String?) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let cookie { headers.cookie = HTTPCookies(dictionaryLiteral: ("meedoen_session", .init(string: cookie))) }
        return try await w.app.testing().sendRequest(.GET, path, headers: headers)
    }

    func post(_ w: TestWorld, _ path: String, cookie: String, form: String) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.cookie = HTTPCookies(dictionaryLiteral: ("meedoen_session", .init(string: cookie)))
        headers.contentType = .urlEncodedForm
        return try await w.app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: form))
    }

    func withPasswordUser(_ body: (TestWorld, String, String) async throws -> Void) async throws {
        try await TestWorld.with { w in
            _ = try await User.create(
                username: "karin", displayName: "Karin <de> Klantmanager", roles: [.caseManager], districtCode: "T",
                password: "een-lang-wachtwoord", on: w.app.db, hasher: w.app.password.sync)
            let (cookie, csrf) = try await signIn(w, as: "karin", password: "een-lang-wachtwoord")
            try await body(w, cookie, csrf)
        }
    }

    /// One middleware checks the CSRF token of every page form: each POST route of the pages, sent by a
    /// signed-in user without the token or with another one, is refused before its handler runs.
    @Test func everyPageFormWithoutTheSessionsTokenIsRefused() async throws {
        try await withPasswordUser { w, cookie, csrf in
            let posts = w.app.routes.all.filter { $0.method == .POST && $0.path.first.map { "\($0)" } != "api" }
            #expect(posts.count >= 30)
            for route in posts where route.path.map({ "\($0)" }) != ["login"] {
                let path =
                    "/"
                    + route.path.map { c in
                        switch c {
                        case .parameter: "00000000-0000-0000-0000-000000000001"
                        default: "\(c)"
                        }
                    }.joined(separator: "/")
                for form in ["reason=x", "_csrf=\(String(repeating: "0", count: csrf.count))&reason=x"] {
                    let res = try await post(w, path, cookie: cookie, form: form)
                    #expect(res.status == .forbidden, "\(path) with \(form.prefix(6)): \(res.status)")
                    #expect(res.body.string.contains("Het formulier is verlopen of komt niet van deze site"), "\(path)")
                }
            }
            // With the token the form reaches its handler (here: sign out).
            #expect(try await post(w, "/logout", cookie: cookie, form: "_csrf=\(csrf)").status == .seeOther)
        }
    }

    /// One form path: a saved form redirects and the next page says once what was saved; a wrong form
    /// comes back with what was typed and the error at its field.
    @Test func aSavedFormSaysSoOnceAndAWrongOneKeepsWhatWasTyped() async throws {
        try await withPasswordUser { w, cookie, csrf in
            let fields =
                "bsn=\(TestBSN.a)&givenName=Fatima&familyName=El+Amrani&birthDate=2004-03-01&districtCode=T&benefit=participatiewet"
            let wrong = try await post(
                w, "/personen", cookie: cookie,
                form: "_csrf=\(csrf)&" + fields.replacingOccurrences(of: TestBSN.a, with: "123456789"))
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains(#"value="Fatima""#), "what was typed is kept")
            #expect(wrong.body.string.contains(##"href="#f-bsn""##), "the error links to its field")
            let saved = try await post(w, "/personen", cookie: cookie, form: "_csrf=\(csrf)&" + fields)
            #expect(saved.status == .seeOther)
            let next = try #require(saved.headers.first(name: .location))
            let page = try await get(w, next, cookie: cookie)
            #expect(page.body.string.contains("De inwoner is geregistreerd."))
            let again = try await get(w, next, cookie: cookie)
            #expect(!again.body.string.contains("De inwoner is geregistreerd."), "shown once")
        }
    }

    @Test func anonymousVisitorsAreSentToTheLoginPageInDutch() async throws {
        try await TestWorld.with { w in
            let res = try await get(w, "/mijn-werk", cookie: nil)
            #expect(res.status == .seeOther)
            #expect(res.headers.first(name: .location)?.hasPrefix("/login") == true)
            let login = try await get(w, "/login", cookie: nil)
            #expect(login.body.string.contains("<html lang=\"nl\">"))
            #expect(login.body.string.contains("Aanmelden bij Meedoen"))
            let english = try await get(w, "/login?lang=en", cookie: nil)
            #expect(english.body.string.contains("Sign in to Meedoen"))
            #expect(english.headers.setCookie?["lang"]?.string == "en")
        }
    }

    @Test func anonymousVisitorsGetNoSession() async throws {
        try await TestWorld.with { w in
            for path in ["/login", "/catalogus", "/wegwijzer"] {
                let res = try await get(w, path, cookie: nil)
                #expect(res.status == .ok, "\(path)")
                #expect(res.headers.setCookie?["meedoen_session"] == nil, "no session before sign-in: \(path)")
                #expect(!res.body.string.contains(#"name="_csrf" value="""#), "no empty form token: \(path)")
            }
        }
    }

    @Test func aWrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() async throws {
        try await withPasswordUser { w, _, _ in
            let login = try await w.app.testing().sendRequest(.GET, "/login")
            let token = try #require(login.headers.setCookie?["meedoen_login"]?.string)
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            headers.cookie = HTTPCookies(dictionaryLiteral: ("meedoen_login", .init(string: token)))
            let res = try await w.app.testing().sendRequest(
                .POST, "/login", headers: headers,
                body: ByteBuffer(string: "_csrf=\(token)&username=karin&password=fout"))
            #expect(res.status == .unauthorized)
            #expect(res.body.string.contains("Onjuiste gebruikersnaam of wachtwoord."))
            #expect(res.headers.setCookie?["meedoen_session"] == nil)
        }
    }

    @Test func repeatedWrongPasswordsLockTheUserNameForAWhile() async throws {
        try await withPasswordUser { w, _, _ in
            func attempt(_ password: String) async throws -> TestingHTTPResponse {
                let login = try await w.app.testing().sendRequest(.GET, "/login")
                let token = try #require(login.headers.setCookie?["meedoen_login"]?.string)
                var headers = HTTPHeaders()
                headers.contentType = .urlEncodedForm
                headers.cookie = HTTPCookies(dictionaryLiteral: ("meedoen_login", .init(string: token)))
                return try await w.app.testing().sendRequest(
                    .POST, "/login", headers: headers,
                    body: ByteBuffer(string: "_csrf=\(token)&username=karin&password=\(password)"))
            }
            for _ in 0..<SignInService.freeFailures { #expect(try await attempt("fout").status == .unauthorized) }
            let locked = try await attempt("een-lang-wachtwoord")
            #expect(locked.status == .tooManyRequests, "even the right password waits once the name is locked")
            #expect(locked.body.string.contains("Te veel mislukte pogingen"))
            #expect(locked.headers.setCookie?["meedoen_session"] == nil)
        }
    }

    @Test func aSignedInCaseManagerSeesTheCaseloadAndTheDossier() async throws {
        try await withPasswordUser { w, cookie, _ in
            let id = try await w.register()
            let list = try await get(w, "/mijn-werk", cookie: cookie)
            #expect(list.status == .ok)
            #expect(list.body.string.contains("El Amrani, Fatima"))
            #expect(list.body.string.contains("******333"), "lists show a masked BSN")
            #expect(list.body.string.contains("<td class=\"date\">"), "dates never break at their hyphens")
            #expect(list.body.string.contains("Karin &lt;de&gt; Klantmanager"), "names are escaped")
            let dossier = try await get(w, "/personen/\(id)", cookie: cookie)
            #expect(dossier.status == .ok)
            #expect(dossier.body.string.contains("<h1>Fatima El Amrani</h1>"))
            let reads = try await AuditEvent.query(on: w.app.db).filter(\.$action == "person.read").count()
            #expect(reads == 1)
        }
    }

    @Test func formsWithoutTheCSRFTokenAreRefused() async throws {
        try await withPasswordUser { w, cookie, csrf in
            let body = "bsn=111222333&givenName=A&familyName=B&birthDate=2000-01-01&districtCode=T&benefit=none"
            let forged = try await post(w, "/personen", cookie: cookie, form: body)
            #expect(forged.status == .forbidden)
            #expect(try await Person.query(on: w.app.db).count() == 0)
            let real = try await post(w, "/personen", cookie: cookie, form: "_csrf=\(csrf)&" + body)
            #expect(real.status == .seeOther)
            #expect(try await Person.query(on: w.app.db).count() == 1)
        }
    }

    @Test func aBadFormComesBackWithErrorsLinkedToTheFieldsAndTheInputKept() async throws {
        try await withPasswordUser { w, cookie, csrf in
            let res = try await post(
                w, "/personen", cookie: cookie,
                form:
                    "_csrf=\(csrf)&bsn=123456789&givenName=%22%3E%3Cscript%3E&familyName=&birthDate=2000-02-30&districtCode=T&benefit=none"
            )
            #expect(res.status == .unprocessableEntity)
            let html = res.body.string
            #expect(html.contains("id=\"error-summary\""))
            #expect(html.contains("href=\"#f-bsn\""))
            #expect(html.contains("Dit BSN voldoet niet aan de elfproef."))
            #expect(html.contains("aria-invalid=\"true\""))
            #expect(html.contains("value=\"&quot;&gt;&lt;script&gt;\""), "typed input is kept, escaped")
            #expect(!html.contains("<script>"))
        }
    }

    @Test func aCaseManagerOfAnotherDistrictGetsAnErrorPageNotTheFile() async throws {
        try await TestWorld.with { w in
            let id = try await w.register(district: "T")
            _ = try await User.create(
                username: "wim", displayName: "Wim", roles: [.caseManager], districtCode: "E",
                password: "een-lang-wachtwoord", on: w.app.db, hasher: w.app.password.sync)
            let (cookie, _) = try await signIn(w, as: "wim", password: "een-lang-wachtwoord")
            let res = try await get(w, "/personen/\(id)", cookie: cookie)
            #expect(res.status == .forbidden)
            #expect(res.body.string.contains("geen noodzaak tot kennis"))
            #expect(!res.body.string.contains("El Amrani"))
        }
    }

    @Test func recordingARungAndADiagnosisThroughTheForms() async throws {
        try await withPasswordUser { w, cookie, csrf in
            let id = try await w.register()
            let rung = try await post(
                w, "/personen/\(id)/trede", cookie: cookie,
                form: "_csrf=\(csrf)&ladderId=national&facts=organisedActivity")
            #expect(rung.status == .seeOther)
            let preview = try await post(
                w, "/personen/\(id)/diagnose", cookie: cookie,
                form: "_csrf=\(csrf)&action=preview&workProspect=false&selfReliant=false&motivated=true&risks=isolation"
            )
            #expect(preview.status == .ok)
            #expect(preview.body.string.contains("Participatie: actieve toeleiding naar welzijn"))
            let refused = try await post(
                w, "/personen/\(id)/diagnose", cookie: cookie,
                form:
                    "_csrf=\(csrf)&action=save&workProspect=false&selfReliant=false&motivated=true&risks=isolation&decidedCategory=3"
            )
            #expect(refused.status == .unprocessableEntity)
            let saved = try await post(
                w, "/personen/\(id)/diagnose", cookie: cookie,
                form:
                    "_csrf=\(csrf)&action=save&workProspect=false&selfReliant=false&motivated=true&risks=isolation&decidedCategory=none&deviationReason=Eerst+schulden+op+orde"
            )
            #expect(saved.status == .seeOther)
            let d = try #require(try await Diagnosis.query(on: w.app.db).first())
            #expect(d.decidedCategory == nil)
            #expect(d.proposedCategory == 1)
            #expect(d.deviationReason == "Eerst schulden op orde")
            let dossier = try await get(w, "/personen/\(id)", cookie: cookie)
            #expect(dossier.body.string.contains("Eerst schulden op orde"))
            #expect(dossier.body.string.contains("trede 3"))
        }
    }

    @Test func signingOutEndsTheSession() async throws {
        try await withPasswordUser { w, cookie, csrf in
            let out = try await post(w, "/logout", cookie: cookie, form: "_csrf=\(csrf)")
            #expect(out.status == .seeOther)
            let after = try await get(w, "/mijn-werk", cookie: cookie)
            #expect(after.status == .seeOther)
        }
    }
}
