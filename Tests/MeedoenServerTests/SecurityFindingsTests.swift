import Fluent
import Foundation
import MeedoenCore
import SQLKit
import Testing
import VaporTesting

@testable import MeedoenServer

/// Issue 14's findings, each reproduced as the attacker did it (F2 is in `MoneyAPITests`).
@Suite("Security findings") struct SecurityFindingsTests {

    // MARK: F1 — a household one may not see

    @Test func aCaseManagerCannotAddHisResidentToAHouseholdOfAnotherDistrict() async throws {
        try await TestWorld.with { w in
            let own = try await w.register(as: "km", bsn: TestBSN.a, district: "T")
            let household = try await w.send(
                .POST, "/api/v1/households", as: "km",
                json: ["name": "Huishouden Zuidoost", "districtCode": "T", "memberIds": [own]])
            #expect(household.status == .created, "\(household.body.string)")
            let h = try household.json()["id"] as! String
            let west = try await w.register(as: "km-west", bsn: TestBSN.b, district: "E")
            let counterOwn = try await w.register(as: "loket", bsn: TestBSN.c, district: "T")
            let before = try await AuditEvent.query(on: w.app.db).count()
            for (who, person) in [("km-west", west), ("loket", counterOwn)] {
                let added = try await w.send(
                    .POST, "/api/v1/households/\(h)/members", as: who, json: ["personId": person])
                #expect(added.status == .forbidden, "\(who): \(added.body.string)")
                let stored = try await Person.find(UUID(uuidString: person)!, on: w.app.db)
                #expect(stored?.$household.id == nil, "\(who)'s resident was not moved into the household")
                #expect(try await w.send(.GET, "/api/v1/households/\(h)/plan", as: who).status != .ok)
            }
            // Each refusal is in the log of the household's member it concerned.
            let denied = try await AuditEvent.query(on: w.app.db).filter(\.$action == "person.read.denied")
                .filter(\.$personID == UUID(uuidString: own)!).count()
            #expect(denied == 4, "two refused additions and two refused plan reads")
            #expect(try await AuditEvent.query(on: w.app.db).count() > before)
            // The household's own case manager still may.
            let other = try await w.register(as: "km", bsn: TestBSN.d, district: "T")
            #expect(
                try await w.send(.POST, "/api/v1/households/\(h)/members", as: "km", json: ["personId": other]).status
                    == .ok)
        }
    }

    // MARK: F3 — every refusal audited: `AuthorisationMatrixTests` walks every route as every role.

    // MARK: F4 — open redirect after sign-in

    @Test func signInSendsOnlyToAPathOnThisSite() async throws {
        for bad in [
            "/\\evil.example", "/\tevil.example", "/\t/evil.example", "//evil.example", "https://evil.example",
            "/%5Cevil.example", "/%2F/evil.example", "/ /evil.example", "javascript:alert(1)", "", "evil",
        ] {
            #expect(SafeRedirect.relativePath(bad) == nil, "\(bad.debugDescription)")
        }
        for good in ["/mijn-werk", "/personen/123?tab=plan", "/begroting?jaar=2027"] {
            #expect(SafeRedirect.relativePath(good) == good)
        }
        try await TestWorld.with { w in
            _ = try await User.create(
                username: "karin", displayName: "Karin", roles: [.caseManager], districtCode: "T",
                password: "een-lang-wachtwoord", on: w.app.db, hasher: w.app.password.sync)
            for next in ["/%5Cevil.example", "/%09/evil.example", "%2F%2Fevil.example"] {
                let res = try await w.signInResponse("karin", password: "een-lang-wachtwoord", query: "?next=\(next)")
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location) == "/mijn-werk", "next=\(next)")
            }
            let res = try await w.signInResponse("karin", password: "een-lang-wachtwoord", query: "?next=/personen")
            #expect(res.headers.first(name: .location) == "/personen")
        }
    }

    // MARK: F5 — security headers on every response

    @Test func everyResponseCarriesTheSecurityHeadersErrorsIncluded() async throws {
        try await TestWorld.with { w in
            let responses: [(String, TestingHTTPResponse)] = [
                ("api 404", try await w.send(.GET, "/api/v1/persons/\(UUID())", as: "km")),
                ("api 401", try await w.send(.GET, "/api/v1/persons", as: nil)),
                ("api 403", try await w.send(.GET, "/api/v1/persons", as: "analist")),
                ("api 422", try await w.send(.POST, "/api/v1/persons", as: "km", json: ["bsn": "1"])),
                ("api 200", try await w.send(.GET, "/api/v1/persons", as: "km")),
                ("html 404", try await w.app.testing().sendRequest(.GET, "/bestaat-niet")),
                ("html 200", try await w.app.testing().sendRequest(.GET, "/login")),
            ]
            for (what, res) in responses {
                let csp = res.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "\(what): \(csp)")
                #expect(csp.contains("frame-ancestors 'none'"), "\(what)")
                #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(what)")
                #expect(res.headers.first(name: .cacheControl) == "no-store", "\(what)")
                #expect(res.headers.first(name: "Strict-Transport-Security") == nil, "\(what): not without HTTPS")
                if what.hasPrefix("api") {
                    #expect(res.headers.first(name: "API-Version") == APIVersionMiddleware.version, "\(what)")
                }
            }
        }
        try await TestWorld.with(secureCookies: true) { w in
            let login = try await w.app.testing().sendRequest(.GET, "/login?lang=en")
            #expect(login.headers.first(name: "Strict-Transport-Security")?.hasPrefix("max-age=") == true)
            let cookies = login.headers[.setCookie]
            #expect(cookies.count >= 2, "\(cookies)")
            for cookie in cookies { #expect(cookie.contains("Secure"), "\(cookie)") }
            let error = try await w.send(.GET, "/api/v1/persons", as: nil)
            #expect(error.headers.first(name: "Strict-Transport-Security") != nil)
        }
    }

    // MARK: F6 — the sign-in form's token is the server's

    @Test func aMadeUpSignInTokenIsRefusedEvenWhenCookieAndFieldAgree() async throws {
        try await TestWorld.with { w in
            _ = try await User.create(
                username: "karin", displayName: "Karin", roles: [.caseManager], districtCode: "T",
                password: "een-lang-wachtwoord", on: w.app.db, hasher: w.app.password.sync)
            for forged in ["abc", String(repeating: "a", count: 48), "0123456789abcdef0123456789abcdef.9999999999.00"] {
                var headers = HTTPHeaders()
                headers.contentType = .urlEncodedForm
                headers.cookie = HTTPCookies(dictionaryLiteral: ("meedoen_login", .init(string: forged)))
                let res = try await w.app.testing().sendRequest(
                    .POST, "/login", headers: headers,
                    body: ByteBuffer(string: "_csrf=\(forged)&username=karin&password=een-lang-wachtwoord"))
                #expect(res.status == .forbidden, "\(forged)")
                #expect(res.headers.setCookie?["meedoen_session"] == nil)
            }
            let res = try await w.signInResponse("karin", password: "een-lang-wachtwoord")
            #expect(res.status == .seeOther)
        }
    }

    // MARK: F7 — the API reads JSON strictly

    @Test func theAPIRefusesBodiesThatAreNotJSONAndFieldsItDoesNotKnow() async throws {
        try await TestWorld.with { w in
            let body = try JSONSerialization.data(withJSONObject: TestWorld.personBody())
            for type in ["text/plain", nil] {
                var headers = HTTPHeaders()
                headers.bearerAuthorization = .init(token: w.tokens["km"]!)
                if let type { headers.replaceOrAdd(name: .contentType, value: type) }
                let res = try await w.app.testing().sendRequest(
                    .POST, "/api/v1/persons", headers: headers, body: ByteBuffer(data: body))
                #expect(res.status == .unsupportedMediaType, "\(type ?? "none"): \(res.body.string)")
                #expect(res.headers.contentType?.subType == "problem+json")
            }
            let smuggled = try await w.send(
                .POST, "/api/v1/persons", as: "km", json: TestWorld.personBody(bsn: TestBSN.a, ["isAdmin": true]))
            #expect(smuggled.status == .unprocessableEntity)
            #expect(smuggled.invalidParamNames == ["isAdmin"])
            let id = try await w.register(bsn: TestBSN.b)
            let patch = try await w.send(.PATCH, "/api/v1/persons/\(id)", as: "km", json: ["householdId": id])
            #expect(patch.status == .unprocessableEntity)
            #expect(patch.invalidParamNames == ["householdId"])
            let twice = try await w.send(
                .PATCH, "/api/v1/persons/\(id)", as: "km", raw: #"{"phone":"0201234567","phone":"0612345678"}"#)
            #expect(twice.status == .unprocessableEntity)
            #expect(twice.invalidParamNames == ["phone"])
            #expect(
                JSONKeys.duplicates(in: Array(#"{"a":{"b":1,"b":2},"c":[{"d":1,"d":1}],"e":"\"a\""}"#.utf8)) == [
                    "a.b", "c.d",
                ])
            #expect(JSONKeys.duplicates(in: Array(#"{"a":"x","b":{"a":1}}"#.utf8)).isEmpty)
            // An empty string is not a date in JSON (a form's empty field is "not given"); null is.
            let emptyDate = try await w.send(
                .POST, "/api/v1/signals", as: "km",
                json: [
                    "kind": "signal", "source": "other", "personId": id, "description": "Huurachterstand", "dueOn": "",
                ])
            #expect(emptyDate.invalidParamNames == ["dueOn"], "\(emptyDate.body.string)")
            let nullDate = try await w.send(
                .POST, "/api/v1/signals", as: "km",
                json: [
                    "kind": "signal", "source": "other", "personId": id, "description": "Huurachterstand",
                    "dueOn": NSNull(),
                ])
            #expect(nullDate.status == .created, "\(nullDate.body.string)")
            // Every body the contract describes is known to the edge by its route.
            for route in w.app.routes.all where route.method == .POST || route.method == .PATCH {
                guard route.path.first?.description == "api" else { continue }
                let template = route.path.dropFirst(2).map {
                    if case .parameter(let n) = $0 { return "{\(n)}" } else { return $0.description }
                }.joined(separator: "/")
                if OpenAPIDocument.requestFields["\(route.method.rawValue) /\(template)"] == nil {
                    let contract = try JSONSerialization.jsonObject(with: OpenAPIDocument.data) as! [String: Any]
                    let op =
                        ((contract["paths"] as! [String: Any])["/\(template)"] as? [String: Any])?[
                            route.method.rawValue.lowercased()] as? [String: Any]
                    #expect(op != nil && op?["requestBody"] == nil, "\(route.method) /\(template) has a body")
                }
            }
        }
    }

    // MARK: F8 — slowing down, not locking out

    @Test func wrongPasswordsSlowDownThatSourceOnlyAndNotForever() async throws {
        try await TestWorld.with { w in
            var now = Date(timeIntervalSince1970: 1_800_000_000)
            w.app.time = .fixed(now)
            _ = try await User.create(
                username: "karin", displayName: "Karin", roles: [.caseManager], districtCode: "T",
                password: "een-lang-wachtwoord", on: w.app.db, hasher: w.app.password.sync)
            /// The outcome in words: "wrong", "signed in", or "wait N".
            func attempt(_ password: String, from source: String) async throws -> String {
                switch try await SignInService.attempt(
                    username: "karin", password: password, source: source, hasher: w.app.password.async,
                    in: UseCaseContext(app: w.app))
                {
                case .wrong: "wrong"
                case .signedIn: "signed in"
                case .slowedDown(let seconds): "wait \(seconds)"
                }
            }
            for _ in 0..<SignInService.freeFailures {
                #expect(try await attempt("fout", from: "203.0.113.9") == "wrong")
            }
            #expect(
                try await attempt("een-lang-wachtwoord", from: "203.0.113.9") == "wait 30",
                "the attacker's source waits")
            #expect(
                try await attempt("een-lang-wachtwoord", from: "198.51.100.7") == "signed in",
                "Karin, elsewhere, still signs in")
            now += 31
            w.app.time = .fixed(now)
            #expect(try await attempt("fout", from: "203.0.113.9") == "wrong", "after the wait, one more try")
            #expect(try await attempt("fout", from: "203.0.113.9") == "wait 60", "and then a longer wait")
            // Over HTTP the page says how long, with Retry-After.
            for _ in 0..<SignInService.freeFailures {
                _ = try await w.signInResponse("karin", password: "fout")
            }
            let slowed = try await w.signInResponse("karin", password: "een-lang-wachtwoord")
            #expect(slowed.status == .tooManyRequests)
            #expect(slowed.headers.first(name: "Retry-After") == "30")
            #expect(slowed.body.string.contains("Probeer het over een minuut opnieuw"))
        }
    }

    // MARK: F11 — the search takes its words literally

    @Test func theCaseloadSearchTakesPercentAndUnderscoreLiterallyAndAllWords() async throws {
        try await TestWorld.with { w in
            _ = try await w.register(bsn: TestBSN.a, ["givenName": "Iris", "familyName": "Dijkstra"])
            _ = try await w.register(bsn: TestBSN.b, ["givenName": "Iris", "familyName": "Bakker"])
            func names(_ q: String) async throws -> [String] {
                let q = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
                let res = try await w.send(.GET, "/api/v1/persons?q=\(q)", as: "km")
                return ((try res.json()["items"] as? [[String: Any]]) ?? []).compactMap { $0["familyName"] as? String }
            }
            #expect(try await names("%").isEmpty)
            #expect(try await names("_").isEmpty)
            #expect(try await names("Dijk%").isEmpty)
            #expect(try await names("iris").sorted() == ["Bakker", "Dijkstra"])
            #expect(try await names("Iris Dijkstra") == ["Dijkstra"])
        }
    }

    // MARK: an idle session ends

    @Test func aSessionUnusedForHalfAnHourEndsAndThePageSaysWhy() async throws {
        try await TestWorld.with { w in
            var now = Date(timeIntervalSince1970: 1_800_000_000)
            w.app.time = .fixed(now)
            _ = try await User.create(
                username: "karin", displayName: "Karin", roles: [.caseManager], districtCode: "T",
                password: "een-lang-wachtwoord", on: w.app.db, hasher: w.app.password.sync)
            let signedIn = try await w.signInResponse("karin", password: "een-lang-wachtwoord")
            let cookie = try #require(signedIn.headers.setCookie?["meedoen_session"]?.string)
            var headers = HTTPHeaders()
            headers.cookie = HTTPCookies(dictionaryLiteral: ("meedoen_session", .init(string: cookie)))
            now += 29 * 60
            w.app.time = .fixed(now)
            #expect(try await w.app.testing().sendRequest(.GET, "/mijn-werk", headers: headers).status == .ok)
            now += 29 * 60
            w.app.time = .fixed(now)
            #expect(
                try await w.app.testing().sendRequest(.GET, "/mijn-werk", headers: headers).status == .ok,
                "activity keeps the session")
            now += 31 * 60
            w.app.time = .fixed(now)
            let expired = try await w.app.testing().sendRequest(.GET, "/mijn-werk", headers: headers)
            #expect(expired.status == .seeOther)
            let location = try #require(expired.headers.first(name: .location))
            #expect(location == "/login?next=/mijn-werk&verlopen=1")
            let page = try await w.app.testing().sendRequest(.GET, location)
            #expect(page.body.string.contains("U bent afgemeld omdat u 30 minuten niets hebt gedaan"))
            // The old cookie no longer opens anything.
            #expect(try await w.app.testing().sendRequest(.GET, "/mijn-werk", headers: headers).status == .seeOther)
        }
    }
}

extension TestWorld {
    /// Signs in through the login form (GET for its token, then POST); returns the POST's response.
    func signInResponse(_ name: String, password: String, query: String = "") async throws -> TestingHTTPResponse {
        let login = try await app.testing().sendRequest(.GET, "/login")
        let token = try #require(login.headers.setCookie?["meedoen_login"]?.string)
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        headers.cookie = HTTPCookies(dictionaryLiteral: ("meedoen_login", .init(string: token)))
        return try await app.testing().sendRequest(
            .POST, "/login\(query)", headers: headers,
            body: ByteBuffer(string: "_csrf=\(token)&username=\(name)&password=\(password)"))
    }
}
