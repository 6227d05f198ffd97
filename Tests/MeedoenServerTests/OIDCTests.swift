import Fluent
import Foundation
import JWTKit
import MeedoenCore
import NIOConcurrencyHelpers
import Testing
import VaporTesting

@testable import MeedoenServer

/// A local OpenID Connect issuer for the tests, on a real port: discovery, authorize (code and state
/// back to the redirect URI), token (checks client, secret, redirect URI and PKCE; signs an RS256 ID
/// token) and JWKS. What it gets wrong on purpose is set per test.
final class StubIssuer: Sendable {
    static let pem = """
        -----BEGIN PRIVATE KEY-----
        MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDSjMgthlJYWLVU
        F4OxHJgb6Th/pPuMfXuBVrhiNIw/4rrc5ZijpM5bDZvus5QryhnVo2dyRBJ73kLV
        OF9/qB1dSBcVdQDgzP50bUeKoigMv4eKUHA1yAbUwpA3pLv6JZU/EenyvaGR7m2m
        LopbW3tqW94PhTGqJVk9KvS2Ug5E6IK1xglb5vJpcfnxyNgdLZyrNQvC6+AWldmo
        JLBKkV1LyIsF+JFIY3qyjYfI3dVZ4BvZ6HL1fQ/t1K9ieS8iAn57ucCkCKTo5dbp
        RVb1xYWsYX1qf9cgO5jQ3gZEUSJi61R5u1F0S4K5JLp3wSBlWQ9wQ0otszBqOKBP
        zCdv6gNHAgMBAAECggEAUCRhH570ogcmAhuvN0+kgF8976wrSZcL1zfcmBjbV4fk
        S6ei+YsGNvdPpsS4/g//1GdNvVs20+pOcx1xkEQ75SFHFBZEnsy4gDWGWTkO2Idg
        vp+OjpIUM5DZVyy/lmAO1oJpk8llgggIuYwWgt6n89yDAlJXDKYJuTQsEGfcYZKT
        elhMBk0BCVOOUfVznZmEh8BQTCQ056/lf3TTa5ODs2TqvIGUlzVkTsuawIHW/3XH
        ljVxQXU9MHFDmXqwLxYXQhSJiZfupJNfTGgY+GESBHyXbLT6kNPtGzfMhMO7R3TV
        btrxyHKUHhYZye9VWAJTXlocMQb4iguVQFnUU3fttQKBgQD/olmGtMdhWEcz760o
        l3Stc4oEDS1NFRrJnDzyAgKMYZBXB6wYnWADuVnviv9PJDDnEUoiRsCbi/XPcSvn
        Dh5MV69hm85etFkt26HyZ9xFvHa38mpURRYFuYf+vTHqwi0WC889z1ABxWA9kT3E
        J2Dprz3XFReseMQ4jfEzy2GpswKBgQDS2ep058alFzc+8evtzd2R3O9XUhy144BQ
        q5BcR148fb1sOL/7ztMCwqsO+JZG8GkZKvEgs61zE75fl/7qmZ4XDn8r06IfM/rQ
        FVYKmtoAPPCwQ5KM29RNac4xuI2f5ES1LbD1fAWHhgjtzoNopVCXAKiRzgtnxdaf
        mHIeqiYOHQKBgQCgrIJo0Keg38OhOTw1Dz0e6EgPU9jtYh58Kd+EnQ7M/WWjzga1
        UfVPYejNTyg5rh2unodiE+Zr3gSaZh+aEp2ojlSFnVCQ5fpHgIzBt9YTXumfpJaA
        cQvufTalPnVpgLKl8LZJu0wmUNC04d1YtQeM2cCct30xwpZSlaTNUUAJUQKBgArR
        BwgMQ9KASGNAQdwnLXCoJtcR7Usfapu40WUKfDkaMjd1CdQ/HfAMUH4qHntxJdMW
        stv8m69FmgSJZZhfXQ7NvZRf/Pcg0YMPNSTCIODWP3qrXL9BH7kA7oT6dLl5GlU5
        DNTrEdWL+LVKXM9ne6TjccJZEZi3O3Vgeqo8DEu5AoGBAMg2CZ1xPgay4FDJBkZY
        /68xxH89L5zwN8BkjlZyf6M9EA2D03HO0hWFbdxUZ8Bp8bR10eHTSx+3G2bA1ixd
        KkwegZvm9DM4cldsDDLosVg2REMMWxQZ7MynJUQv/RqeG6YLpubVqnnV168ebGlq
        G9g9XqvjpBNH/XLipH2eoxy/
        -----END PRIVATE KEY-----
        """
    static let n =
        "0ozILYZSWFi1VBeDsRyYG-k4f6T7jH17gVa4YjSMP-K63OWYo6TOWw2b7rOUK8oZ1aNnckQSe95C1Thff6gdXUgXFXUA4Mz-dG1HiqIoDL-HilBwNcgG1MKQN6S7-iWVPxHp8r2hke5tpi6KW1t7alveD4UxqiVZPSr0tlIOROiCtcYJW-byaXH58cjYHS2cqzULwuvgFpXZqCSwSpFdS8iLBfiRSGN6so2HyN3VWeAb2ehy9X0P7dSvYnkvIgJ-e7nApAik6OXW6UVW9cWFrGF9an_XIDuY0N4GRFEiYutUebtRdEuCuSS6d8EgZVkPcENKLbMwajigT8wnb-oDRw"
    static let clientID = "meedoen-test", secret = "stub-secret"

    struct Grant: Sendable {
        var nonce: String
        var challenge: String
        var redirect: String
        var sub: String
        var bsn: String
        var audience: String?
        var nonceOverride: String?
        var staff: Staff?
    }
    /// What a municipal (staff) identity provider adds to the token.
    struct Staff: Sendable {
        var roles: [String]
        var district: String?
        var username: String
        var name: String
    }
    struct Next: Sendable {
        var sub = "sub-1"
        var bsn = ""
        var audience: String? = nil
        var nonce: String? = nil
        var staff: Staff? = nil
    }
    struct IDToken: JWTPayload {
        var iss: IssuerClaim
        var sub: SubjectClaim
        var aud: AudienceClaim
        var exp: ExpirationClaim
        var nonce: String
        var bsn: String
        var roles: [String]? = nil
        var district: String? = nil
        var preferred_username: String? = nil
        var name: String? = nil
        func verify(using algorithm: some JWTAlgorithm) throws {}
    }

    let app: Application
    let next = NIOLockedValueBox(Next())
    let grants = NIOLockedValueBox<[String: Grant]>([:])
    var issuer: String { "http://127.0.0.1:\(app.http.server.shared.localAddress?.port ?? 0)" }

    init() async throws {
        app = try await Application.make(.testing)
        app.logger.logLevel = .warning
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = 0
        let keys = JWTKeyCollection()
        await keys.add(rsa: try Insecure.RSA.PrivateKey(pem: Self.pem), digestAlgorithm: .sha256, kid: "stub-key")
        let next = self.next
        let grants = self.grants
        @Sendable func issuer(_ req: Request) -> String { "http://\(req.headers.first(name: .host) ?? "")" }
        app.get(".well-known", "openid-configuration") { req -> Response in
            let i = issuer(req)
            return try await [
                "issuer": i, "authorization_endpoint": i + "/authorize", "token_endpoint": i + "/token",
                "jwks_uri": i + "/jwks",
            ].encodeResponse(for: req)
        }
        app.get("jwks") { req -> Response in
            let body =
                #"{"keys":[{"kty":"RSA","alg":"RS256","use":"sig","kid":"stub-key","n":"\#(Self.n)","e":"AQAB"}]}"#
            return Response(status: .ok, headers: ["Content-Type": "application/json"], body: .init(string: body))
        }
        app.get("authorize") { req -> Response in
            guard req.query[String.self, at: "client_id"] == Self.clientID,
                req.query[String.self, at: "response_type"] == "code",
                req.query[String.self, at: "code_challenge_method"] == "S256",
                let redirect = req.query[String.self, at: "redirect_uri"],
                let state = req.query[String.self, at: "state"],
                let nonce = req.query[String.self, at: "nonce"],
                let challenge = req.query[String.self, at: "code_challenge"]
            else {
                return Response(status: .badRequest)
            }
            let n = next.withLockedValue { $0 }
            let code = UUID().uuidString
            grants.withLockedValue {
                $0[code] = Grant(
                    nonce: nonce, challenge: challenge, redirect: redirect, sub: n.sub, bsn: n.bsn,
                    audience: n.audience, nonceOverride: n.nonce, staff: n.staff)
            }
            return req.redirect(to: "\(redirect)?code=\(code)&state=\(state)")
        }
        app.post("token") { req -> Response in
            struct Form: Content {
                var grant_type: String
                var code: String
                var redirect_uri: String
                var client_id: String
                var client_secret: String
                var code_verifier: String
            }
            let f = try req.content.decode(Form.self)
            guard let g = grants.withLockedValue({ $0.removeValue(forKey: f.code) }),
                f.grant_type == "authorization_code",
                f.client_id == Self.clientID, f.client_secret == Self.secret, f.redirect_uri == g.redirect,
                OIDCClient.challenge(f.code_verifier) == g.challenge
            else {
                return Response(status: .badRequest, body: .init(string: #"{"error":"invalid_grant"}"#))
            }
            let token = try await keys.sign(
                IDToken(
                    iss: .init(value: issuer(req)), sub: .init(value: g.sub),
                    aud: .init(value: [g.audience ?? Self.clientID]),
                    exp: .init(value: Date().addingTimeInterval(300)), nonce: g.nonceOverride ?? g.nonce, bsn: g.bsn,
                    roles: g.staff?.roles, district: g.staff?.district, preferred_username: g.staff?.username,
                    name: g.staff?.name),
                kid: "stub-key")
            return try await ["id_token": token, "token_type": "Bearer"].encodeResponse(for: req)
        }
        try await app.server.start()
    }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}

@Suite("OpenID Connect sign-in for residents") struct OIDCTests {
    /// The browser: follows Meedoen's redirect to the issuer, and the issuer's back to Meedoen.
    func signIn(_ w: TestWorld, stub: StubIssuer, tamperState: Bool = false, path: String = "/login/oidc") async throws
        -> (TestingHTTPResponse, String?)
    {
        let start = try await w.app.testing().sendRequest(.GET, path)
        #expect(start.status == .seeOther)
        let authorize = try #require(start.headers.first(name: .location))
        #expect(
            authorize.hasPrefix(stub.issuer + "/authorize?") && authorize.contains("code_challenge_method=S256")
                && authorize.contains("nonce="))
        let cookie = try #require(start.headers.setCookie?["meedoen_session"]?.string)
        let atIssuer = try await w.app.client.get(URI(string: authorize))
        #expect(atIssuer.status == .seeOther)
        var back = try #require(atIssuer.headers.first(name: .location))
        #expect(back.hasPrefix("http://127.0.0.1:8080\(path)/callback?code="))
        if tamperState { back = back.replacingOccurrences(of: "state=", with: "state=x") }
        var headers = HTTPHeaders()
        headers.cookie = HTTPCookies(dictionaryLiteral: ("meedoen_session", .init(string: cookie)))
        let callback = try await w.app.testing().sendRequest(
            .GET, String(back.dropFirst("http://127.0.0.1:8080".count)), headers: headers)
        return (callback, callback.headers.setCookie?["meedoen_session"]?.string ?? cookie)
    }

    @Test func aResidentSignsInAtTheIdentityProviderAndSeesOnlyTheirOwnFile() async throws {
        let stub = try await StubIssuer()
        do {
            try await TestWorld.with { w in
                w.app.http.client.configuration.redirectConfiguration = .disallow
                w.app.oidc = OIDCClient(
                    settings: .init(
                        issuer: stub.issuer, clientID: StubIssuer.clientID, clientSecret: StubIssuer.secret,
                        redirectURI: "http://127.0.0.1:8080/login/oidc/callback"))
                let person = try await w.register(bsn: TestBSN.make(7), ["givenName": "Ilse", "familyName": "de Wit"])
                _ = try await w.register(bsn: TestBSN.make(8), ["givenName": "Olaf", "familyName": "Anders"])
                let login = try await w.app.testing().sendRequest(.GET, "/login")
                #expect(login.body.string.contains("/login/oidc"))

                // First time: found by BSN, an account is made for her own file; she lands in her portal.
                stub.next.withLockedValue { $0 = .init(sub: "digid-123", bsn: TestBSN.make(7)) }
                let (first, cookie) = try await signIn(w, stub: stub)
                #expect(
                    first.status == .seeOther && first.headers.first(name: .location) == "/mijn-meedoen",
                    "\(first.body.string)")
                var headers = HTTPHeaders()
                headers.cookie = HTTPCookies(
                    dictionaryLiteral: ("meedoen_session", .init(string: try #require(cookie))))
                let portal = try await w.app.testing().sendRequest(.GET, "/mijn-meedoen", headers: headers)
                #expect(
                    portal.status == .ok && portal.body.string.contains("Welkom, Ilse")
                        && !portal.body.string.contains("Olaf"))
                let users = try await User.query(on: w.app.db).filter(\.$personID == UUID(uuidString: person)).all()
                #expect(users.count == 1 && users[0].roleSet == [.resident] && users[0].passwordHash == nil)
                #expect(users[0].oidcSubject == stub.issuer + "|digid-123")
                // Next time: the same account, by subject (even if the BSN claim were absent).
                stub.next.withLockedValue { $0 = .init(sub: "digid-123", bsn: "") }
                let (again, _) = try await signIn(w, stub: stub)
                #expect(again.status == .seeOther && again.headers.first(name: .location) == "/mijn-meedoen")
                #expect(try await User.query(on: w.app.db).filter(\.$personID == UUID(uuidString: person)).count() == 1)

                // Refused: a state that does not belong to the sign-in, a token for another client, a
                // replayed nonce; someone the municipality holds no file on is told so.
                let (badState, _) = try await signIn(w, stub: stub, tamperState: true)
                #expect(badState.status == .unauthorized)
                stub.next.withLockedValue {
                    $0 = .init(sub: "digid-123", bsn: TestBSN.make(7), audience: "another-app")
                }
                #expect(try await signIn(w, stub: stub).0.status == .unauthorized)
                stub.next.withLockedValue { $0 = .init(sub: "digid-123", bsn: TestBSN.make(7), nonce: "old-nonce") }
                #expect(try await signIn(w, stub: stub).0.status == .unauthorized)
                stub.next.withLockedValue { $0 = .init(sub: "digid-999", bsn: TestBSN.make(9)) }
                let (unknown, _) = try await signIn(w, stub: stub)
                #expect(unknown.status == .forbidden && unknown.body.string.contains("nog niet bekend"))
                #expect(
                    try await User.query(on: w.app.db).filter(\.$oidcSubject == stub.issuer + "|digid-999").count() == 0
                )
            }
        } catch {
            try await stub.stop()
            throw error
        }
        try await stub.stop()
    }

    /// Issue 14: staff sign in at the municipality's identity provider; roles and district come from
    /// its claims, mapped by configuration, and follow them at every sign-in.
    @Test func staffSignInAtTheMunicipalitysIdentityProviderWithRolesFromItsClaims() async throws {
        let stub = try await StubIssuer()
        do {
            try await TestWorld.with(mfaRequired: true) { w in
                w.app.http.client.configuration.redirectConfiguration = .disallow
                w.app.staffOIDC = OIDCClient(
                    staff: .init(
                        oidc: .init(
                            issuer: stub.issuer, clientID: StubIssuer.clientID, clientSecret: StubIssuer.secret,
                            redirectURI: "http://127.0.0.1:8080/login/medewerker/callback"),
                        roleMap: ["meedoen-klantmanager": .caseManager, "meedoen-loket": .counter]))
                #expect(try await w.app.testing().sendRequest(.GET, "/login").body.string.contains("/login/medewerker"))
                stub.next.withLockedValue {
                    $0 = .init(
                        sub: "medewerker-42",
                        staff: .init(
                            roles: ["meedoen-klantmanager", "iets-anders"], district: "T", username: "k.jansen",
                            name: "Karin Jansen"))
                }
                let (signedIn, cookie) = try await signIn(w, stub: stub, path: "/login/medewerker")
                #expect(
                    signedIn.status == .seeOther && signedIn.headers.first(name: .location) == "/mijn-werk",
                    "no second step: the identity provider did it")
                var headers = HTTPHeaders()
                headers.cookie = HTTPCookies(
                    dictionaryLiteral: ("meedoen_session", .init(string: try #require(cookie))))
                #expect(try await w.app.testing().sendRequest(.GET, "/mijn-werk", headers: headers).status == .ok)
                let karin = try #require(try await User.query(on: w.app.db).filter(\.$username == "k.jansen").first())
                #expect(karin.roles == ["caseManager"] && karin.districtCode == "T" && karin.passwordHash == nil)
                // The provider moves her to the counter: the next sign-in follows, and it is audited.
                stub.next.withLockedValue {
                    $0 = .init(
                        sub: "medewerker-42",
                        staff: .init(
                            roles: ["meedoen-loket"], district: "T", username: "k.jansen", name: "Karin Jansen"))
                }
                _ = try await signIn(w, stub: stub, path: "/login/medewerker")
                let moved = try #require(try await User.find(karin.id, on: w.app.db))
                #expect(moved.roles == ["counter"])
                #expect(try await AuditEvent.query(on: w.app.db).filter(\.$basis == "identityProvider").count() == 2)
                // No mapped role, or a district role without a known district: refused, nothing made.
                stub.next.withLockedValue {
                    $0 = .init(sub: "medewerker-43", staff: .init(roles: ["iets-anders"], username: "x", name: "X"))
                }
                #expect(try await signIn(w, stub: stub, path: "/login/medewerker").0.status == .forbidden)
                stub.next.withLockedValue {
                    $0 = .init(
                        sub: "medewerker-44",
                        staff: .init(roles: ["meedoen-klantmanager"], district: "Q", username: "y", name: "Y"))
                }
                #expect(try await signIn(w, stub: stub, path: "/login/medewerker").0.status == .forbidden)
                #expect(
                    try await User.query(on: w.app.db).filter(
                        \.$oidcSubject ~~ [stub.issuer + "|medewerker-43", stub.issuer + "|medewerker-44"]
                    ).count() == 0)
            }
        } catch {
            try await stub.stop()
            throw error
        }
        try await stub.stop()
        // Settings: a staff issuer needs its role map.
        #expect(throws: Settings.Problem.self) {
            try Settings.fromEnvironment([
                "STAFF_OIDC_ISSUER": "https://login.gemeente.example", "STAFF_OIDC_CLIENT_ID": "a",
                "STAFF_OIDC_CLIENT_SECRET": "b", "STAFF_OIDC_REDIRECT_URI": "https://x/cb",
            ])
        }
        let ok = try Settings.fromEnvironment([
            "STAFF_OIDC_ISSUER": "https://login.gemeente.example", "STAFF_OIDC_CLIENT_ID": "a",
            "STAFF_OIDC_CLIENT_SECRET": "b", "STAFF_OIDC_REDIRECT_URI": "https://x/cb",
            "STAFF_OIDC_ROLE_MAP": "meedoen-km=caseManager, meedoen-beheer=admin",
        ])
        #expect(ok.staffOIDC?.roleMap == ["meedoen-km": .caseManager, "meedoen-beheer": .admin])
        #expect(ok.staffOIDC?.rolesClaim == "roles")
    }

    @Test func withoutAnIssuerThereIsNoOIDCSignIn() async throws {
        try await TestWorld.with { w in
            let start = try await w.app.testing().sendRequest(.GET, "/login/oidc")
            let login = try await w.app.testing().sendRequest(.GET, "/login")
            #expect(start.status == .notFound)
            #expect(!login.body.string.contains("/login/oidc"))
        }
        // Settings: an issuer needs the client and redirect URI; http only on localhost.
        #expect(throws: Settings.Problem.self) {
            try Settings.fromEnvironment(["OIDC_ISSUER": "https://idp.example.nl"])
        }
        #expect(throws: Settings.Problem.self) {
            try Settings.fromEnvironment([
                "OIDC_ISSUER": "http://idp.example.nl", "OIDC_CLIENT_ID": "a", "OIDC_CLIENT_SECRET": "b",
                "OIDC_REDIRECT_URI": "https://x/cb",
            ])
        }
        let ok = try Settings.fromEnvironment([
            "OIDC_ISSUER": "https://idp.example.nl", "OIDC_CLIENT_ID": "a", "OIDC_CLIENT_SECRET": "b",
            "OIDC_REDIRECT_URI": "https://x/cb",
        ])
        #expect(ok.oidc?.bsnClaim == "bsn")
    }
}
