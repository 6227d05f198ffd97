import Fluent
import Foundation
import MeedoenCore
import MeedoenPolicies
import Testing
import VaporTesting

@testable import MeedoenServer

/// Issue 14, "done when": a fresh database, no demo. `setup` with the Amsterdam file; the
/// administrator makes (through the API) a case manager, a provider with its user, a business with
/// its user, and invites a resident; the case manager registers the resident and refers her; the
/// provider accepts, starts and ends; she earns vouchers and the business redeems them.
@Suite("A municipality without the demo") struct MunicipalityJourneyTests {
    /// Activates an account through the page, as its holder does; returns the session cookie.
    static func activate(_ w: TestWorld, _ username: String, code: String, password: String) async throws
        -> TestingHTTPResponse
    {
        let page = try await w.app.testing().sendRequest(.GET, "/activeren")
        let token = try #require(page.headers.setCookie?["meedoen_activate"]?.string)
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        headers.cookie = HTTPCookies(dictionaryLiteral: ("meedoen_activate", .init(string: token)))
        let form = [
            "_csrf": token, "username": username, "code": code, "password": password, "passwordAgain": password,
        ].map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)" }
            .joined(separator: "&")
        return try await w.app.testing().sendRequest(
            .POST, "/activeren", headers: headers, body: ByteBuffer(string: form))
    }

    /// `meedoen setup` with the Amsterdam file, the administrator's password given; returns their token.
    static func setUpAmsterdam(_ w: TestWorld) async throws -> String {
        var setup = SetupCommand()
        setup.readPassword = { "beheer-wachtwoord-lang-genoeg" }
        let console = CapturingConsole()
        var context = CommandContext(
            console: console,
            input: CommandInput(arguments: ["meedoen", CommandsTests.municipalityFile("amsterdam.json")]))
        context.application = w.app
        try await console.run(setup, with: context)
        return try #require(console.printed.last)
    }

    @Test func fromSetUpToARedeemedVoucherWithoutTheDemo() async throws {
        try await TestWorld.with(seeded: false) { w in
            let admin = try await Self.setUpAmsterdam(w)

            // The administrator makes the accounts; each gets an invitation code, no password.
            func create(_ body: [String: Any]) async throws -> (id: String, code: String) {
                let res = try await w.send(.POST, "/api/v1/users", as: admin, json: body)
                #expect(res.status == .created, "\(res.body.string)")
                let json = try res.json()
                let user = json["user"] as! [String: Any]
                #expect(user["hasPassword"] as? Bool == false)
                return (user["id"] as! String, json["invitationCode"] as! String)
            }
            func token(_ id: String) async throws -> String {
                let res = try await w.send(
                    .POST, "/api/v1/users/\(id)/tokens", as: admin, json: ["name": "journey test", "days": 7])
                #expect(res.status == .created, "\(res.body.string)")
                return try res.json()["token"] as! String
            }
            let karin = try await create([
                "username": "k.jansen", "displayName": "Karin Jansen", "roles": ["caseManager"], "districtCode": "T",
                "team": "Jongeren",
            ])
            let bert = try await create(["username": "b.holder", "displayName": "Bert", "roles": ["budgetHolder"]])
            let provider = try await w.send(
                .POST, "/api/v1/providers", as: admin, json: ["code": "regenboog", "name": "Regenbooggroep"])
            let providerID = try provider.json()["id"] as! String
            let anton = try await create([
                "username": "anton", "displayName": "Anton", "roles": ["provider"], "providerCode": "regenboog",
            ])
            #expect(
                try await w.send(
                    .POST, "/api/v1/businesses", as: admin,
                    json: ["code": "de-hoek", "name": "Buurtsuper De Hoek", "districtCode": "T"]
                ).status == .created)
            let olga = try await create([
                "username": "olga", "displayName": "Olga", "roles": ["business"], "businessCode": "de-hoek",
            ])
            let bsn = TestBSN.make(7)
            let ilse = try await create([
                "username": "ilse", "displayName": "Ilse de Wit", "roles": ["resident"], "bsn": bsn,
            ])
            // A case manager without a district, a provider user without a provider: named, nothing stored.
            let wrong = try await w.send(
                .POST, "/api/v1/users", as: admin,
                json: ["username": "x", "displayName": "X", "roles": ["caseManager", "provider"]])
            #expect(Set(wrong.invalidParamNames) == ["username", "districtCode", "providerCode"])

            // Karin activates her account with her code and signs in; the API works with her token.
            let activated = try await Self.activate(
                w, "k.jansen", code: karin.code, password: "karins-eigen-wachtwoord")
            #expect(activated.status == .seeOther && activated.headers.first(name: .location) == "/mijn-werk")
            #expect(
                try await Self.activate(w, "k.jansen", code: karin.code, password: "nog-een-keer-proberen").status
                    == .unprocessableEntity, "a code works once")
            let km = try await token(karin.id)
            let holder = try await token(bert.id)
            let aanbieder = try await token(anton.id)
            let ondernemer = try await token(olga.id)
            _ = olga

            // The offer and its money.
            let offer = try await w.send(
                .POST, "/api/v1/interventions", as: admin,
                json: [
                    "code": "VRIJW", "name": "Vrijwilligerswerk in de buurt", "type": "volunteerPlace",
                    "domain": "burgerschap", "package": "basic", "providerId": providerID, "fundingStream": "werkdeel",
                    "priceCents": 150_000, "maxMonths": 12, "capacity": 5, "hoursPerWeek": 8, "location": "Buurthuis",
                    "criteria": [:],
                ])
            #expect(offer.status == .created, "\(offer.body.string)")
            let year = Clock.today().year
            let stream = try await w.send(
                .POST, "/api/v1/budget-streams", as: holder,
                json: ["code": "werkdeel", "name": "Werkdeel", "year": year, "totalCents": 10_000_000])
            #expect(stream.status == .created, "\(stream.body.string)")

            // Karin registers Ilse and refers her; Anton accepts, starts and ends.
            let person = try await w.send(
                .POST, "/api/v1/persons", as: km,
                json: [
                    "bsn": bsn, "givenName": "Ilse", "familyName": "de Wit", "birthDate": "1990-05-01",
                    "districtCode": "T", "benefit": "participatiewet",
                ])
            #expect(person.status == .created, "\(person.body.string)")
            let personID = try person.json()["id"] as! String
            let referral = try await w.send(
                .POST, "/api/v1/referrals", as: km,
                json: [
                    "personId": personID, "interventionId": try offer.json()["id"] as! String,
                    "goal": "Ritme en mensen ontmoeten", "agreedHours": 8,
                ])
            #expect(try referral.json()["status"] as? String == "offered", "\(referral.body.string)")
            let r = try referral.json()["id"] as! String
            for (step, body) in [("accept", [:]), ("start", [:]), ("end", ["outcome": "stepUp"])]
                as [(String, [String: Any])]
            {
                let res = try await w.send(.POST, "/api/v1/referrals/\(r)/\(step)", as: aanbieder, json: body)
                #expect(res.status == .ok, "\(step): \(res.body.string)")
            }

            // Ilse's invitation links her account to her file; she earns vouchers, the business redeems them.
            let ilseActive = try await Self.activate(w, "ilse", code: ilse.code, password: "ilses-eigen-wachtwoord")
            #expect(ilseActive.headers.first(name: .location) == "/mijn-meedoen")
            let ilseUser = try #require(try await User.query(on: w.app.db).filter(\.$username == "ilse").first())
            #expect(ilseUser.personID?.uuidString.lowercased() == personID.lowercased())
            let earned = try await w.send(
                .POST, "/api/v1/persons/\(personID)/voucher-earnings", as: km,
                json: ["activity": "Buurttuin onderhouden", "hours": 4])
            #expect(earned.status == .created, "\(earned.body.string)")
            let ilseToken = try await token(ilse.id)
            let vouchers = try await w.send(.GET, "/api/v1/persons/\(personID)/vouchers", as: ilseToken)
            #expect(vouchers.status == .ok, "\(vouchers.body.string)")
            let card = try #require(try vouchers.json()["cardCode"] as? String)
            var till = w.headers(ondernemer)
            till.replaceOrAdd(name: "Idempotency-Key", value: "kassa-1-\(UUID())")
            let redeemed = try await w.app.testing().sendRequest(
                .POST, "/api/v1/voucher-redemptions", headers: till,
                body: ByteBuffer(
                    data: try JSONSerialization.data(withJSONObject: ["cardCode": card, "amountCents": 500])))
            #expect(redeemed.status == .created, "\(redeemed.body.string)")

            // The administrator saw no file, and every administrative act is in the trail.
            #expect(try await w.send(.GET, "/api/v1/persons/\(personID)", as: admin).status == .forbidden)
            let acts = try await AuditEvent.query(on: w.app.db).filter(\.$action ~~ ["admin.create", "admin.token"])
                .count()
            #expect(acts >= 12)
        }
    }

    @Test func theAdministratorManagesAccountsTokensAndOrganisations() async throws {
        try await TestWorld.with { w in
            let created = try await w.send(
                .POST, "/api/v1/users", as: "beheer",
                json: ["username": "l.loket", "displayName": "Lotte", "roles": ["counter"], "districtCode": "T"])
            #expect(created.status == .created)
            let id = (try created.json()["user"] as! [String: Any])["id"] as! String
            #expect(try await w.send(.GET, "/api/v1/users", as: "km").status == .forbidden, "administrators only")
            #expect(
                try await w.send(
                    .POST, "/api/v1/users", as: "beheer",
                    json: ["username": "l.loket", "displayName": "Dubbel", "roles": ["admin"]]
                ).status == .conflict)
            // A token with an expiry, listed without its value, revoked.
            let issued = try await w.send(
                .POST, "/api/v1/users/\(id)/tokens", as: "beheer", json: ["name": "koppeling", "days": 30])
            let token = try issued.json()["token"] as! String
            #expect(try await w.send(.GET, "/api/v1/me", as: token).status == .ok)
            let list = try await w.send(.GET, "/api/v1/users/\(id)/tokens", as: "beheer").jsonArray()
            #expect(list.count == 1 && list[0]["token"] == nil && list[0]["expiresAt"] != nil)
            let tokenID = list[0]["id"] as! String
            #expect(
                try await w.send(.DELETE, "/api/v1/users/\(id)/tokens/\(tokenID)", as: "beheer").status == .noContent)
            #expect(try await w.send(.GET, "/api/v1/me", as: token).status == .unauthorized)
            // Roles changed; deactivated; the administrator cannot switch herself off.
            let changed = try await w.send(
                .PATCH, "/api/v1/users/\(id)", as: "beheer", json: ["roles": ["counter", "residentAdviser"]])
            #expect(try changed.json()["roles"] as? [String] == ["counter", "residentAdviser"])
            let second =
                try await w.send(
                    .POST, "/api/v1/users/\(id)/tokens", as: "beheer", json: ["name": "nog een"]
                ).json()["token"] as! String
            #expect(
                try await w.send(.PATCH, "/api/v1/users/\(id)", as: "beheer", json: ["active": false]).status == .ok)
            #expect(try await w.send(.GET, "/api/v1/me", as: second).status == .unauthorized, "off means off")
            let me = w.users["beheer"]!.id!.uuidString
            #expect(
                try await w.send(.PATCH, "/api/v1/users/\(me)", as: "beheer", json: ["active": false])
                    .invalidParamNames == ["active"])
            // A password reset gives a fresh code.
            let reset = try await w.send(.POST, "/api/v1/users/\(id)/password-resets", as: "beheer")
            let resetCode = try reset.json()["invitationCode"] as? String
            #expect(reset.status == .created && resetCode?.count == 14)
            // Organisations.
            let org = try await w.send(
                .POST, "/api/v1/organisations", as: "beheer",
                json: ["code": "woonstad", "name": "Woonstad Zuidoost", "kind": "housing", "districtCode": "T"])
            #expect(org.status == .created, "\(org.body.string)")
            #expect(
                try await w.send(
                    .POST, "/api/v1/organisations", as: "beheer", json: ["code": "X Y", "name": "z", "kind": "bank"]
                ).invalidParamNames.sorted() == ["code", "kind"])
            let orgs = try await w.send(.GET, "/api/v1/organisations", as: "km").jsonArray()
            #expect(orgs.map { $0["name"] as? String } == ["Woonstad Zuidoost"])
            let audit = try await AuditEvent.query(on: w.app.db).filter(
                \.$action ~~ ["admin.create", "admin.update", "admin.token"]
            ).all()
            #expect(audit.allSatisfy { $0.actorName == "Test beheer" && $0.personID == nil })
            #expect(audit.count >= 8)
        }
    }

    @Test func theAdministratorsPagesMakeAProviderAnAccountAndALetter() async throws {
        try await TestWorld.with(seeded: false) { w in
            _ = try await Self.setUpAmsterdam(w)
            let signedIn = try await w.signInResponse("beheerder", password: "beheer-wachtwoord-lang-genoeg")
            let cookie = try #require(signedIn.headers.setCookie?["meedoen_session"]?.string)
            var headers = HTTPHeaders()
            headers.cookie = HTTPCookies(dictionaryLiteral: ("meedoen_session", .init(string: cookie)))
            func get(_ path: String) async throws -> TestingHTTPResponse {
                try await w.app.testing().sendRequest(.GET, path, headers: headers)
            }
            #expect(try await get("/mijn-werk").headers.first(name: .location) == "/beheer")
            let overview = try await get("/beheer")
            #expect(overview.body.string.contains("Functioneel beheer Meedoen"))
            #expect(overview.body.string.contains("Gemeente Amsterdam"))
            let csrf = String(try #require(overview.body.string.firstMatch(of: /name="_csrf" value="([0-9a-f]+)"/)?.1))
            func post(_ path: String, _ form: [(String, String)]) async throws -> TestingHTTPResponse {
                var h = headers
                h.contentType = .urlEncodedForm
                let body = ([("_csrf", csrf)] + form).map {
                    "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
                }.joined(separator: "&")
                return try await w.app.testing().sendRequest(.POST, path, headers: h, body: ByteBuffer(string: body))
            }
            #expect(
                try await post("/beheer/aanbieders", [("code", "regenboog"), ("name", "Regenbooggroep")]).status
                    == .seeOther)
            #expect(try await get("/beheer/aanbieders").body.string.contains("Regenbooggroep"))
            // A case manager without a district: the error at its field, what was typed kept.
            let wrong = try await post(
                "/beheer/gebruikers", [("username", "k.jansen"), ("displayName", "Karin"), ("roles", "caseManager")])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("href=\"#f-districtCode\""))
            #expect(wrong.body.string.contains("value=\"k.jansen\""))
            // A provider's user: the page shows the code once.
            let made = try await post(
                "/beheer/gebruikers",
                [("username", "anton"), ("displayName", "Anton"), ("roles", "provider"), ("providerCode", "regenboog")])
            #expect(made.status == .ok, "\(made.body.string.prefix(300))")
            let code = String(
                try #require(made.body.string.firstMatch(of: /class="code">([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})</)?.1))
            let activated = try await Self.activate(w, "anton", code: code, password: "antons-eigen-wachtwoord")
            #expect(
                activated.status == .seeOther,
                "\(code) \(activated.body.string.firstMatch(of: /error-summary.{0,400}/).map { String($0.0) } ?? "")")
            // A resident's letter names the counter to go to, and no file.
            let bsn = TestBSN.make(3)
            let letter = try await post(
                "/beheer/gebruikers",
                [("username", "ilse"), ("displayName", "Ilse de Wit"), ("roles", "resident"), ("bsn", bsn)])
            #expect(letter.body.string.contains("Uw account bij Meedoen"))
            #expect(letter.body.string.contains("Werkplein Centrum"))
            #expect(!letter.body.string.contains(bsn), "the letter shows no BSN")
            #expect(try await get("/beheer").body.string.contains("nog niet gekoppeld aan een dossier"))
        }
    }
}
