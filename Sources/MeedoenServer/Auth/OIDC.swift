import Fluent
import JWTKit
import MeedoenCore
import Vapor

/// OpenID Connect sign-in for residents against the municipality's identity provider (a DigiD
/// broker, say): authorization code flow with PKCE, state and nonce; the ID token is verified
/// against the issuer's JWKS (signature, issuer, audience, expiry, nonce). The resident is found
/// by the token's subject, or the first time by the BSN claim, and gets a resident account linked
/// to their own file. No password is stored.
final class OIDCClient: Sendable {
    let settings: Settings.OIDCSettings
    /// Set for the staff's identity provider: how its claims give roles and a district.
    let staff: Settings.StaffOIDCSettings?

    struct Discovery: Codable, Sendable {
        var issuer: String
        var authorization_endpoint: String
        var token_endpoint: String
        var jwks_uri: String
    }

    init(settings: Settings.OIDCSettings) {
        self.settings = settings
        staff = nil
    }

    init(staff: Settings.StaffOIDCSettings) {
        settings = staff.oidc
        self.staff = staff
    }

    struct IDToken: JWTPayload {
        var iss: IssuerClaim
        var sub: SubjectClaim
        var aud: AudienceClaim
        var exp: ExpirationClaim
        var iat: IssuedAtClaim?
        var nonce: String?
        var name: String?
        var given_name: String?
        var family_name: String?
        var extra: [String: String] = [:]
        /// Claims that are lists of strings (roles, groups).
        var lists: [String: [String]] = [:]

        enum CodingKeys: String, CodingKey { case iss, sub, aud, exp, iat, nonce, name, given_name, family_name }
        struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            iss = try c.decode(IssuerClaim.self, forKey: .iss)
            sub = try c.decode(SubjectClaim.self, forKey: .sub)
            aud = try c.decode(AudienceClaim.self, forKey: .aud)
            exp = try c.decode(ExpirationClaim.self, forKey: .exp)
            iat = try c.decodeIfPresent(IssuedAtClaim.self, forKey: .iat)
            nonce = try c.decodeIfPresent(String.self, forKey: .nonce)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            given_name = try c.decodeIfPresent(String.self, forKey: .given_name)
            family_name = try c.decodeIfPresent(String.self, forKey: .family_name)
            let all = try decoder.container(keyedBy: AnyKey.self)
            for key in all.allKeys {
                if let v = try? all.decode(String.self, forKey: key) { extra[key.stringValue] = v }
                if let v = try? all.decode([String].self, forKey: key) { lists[key.stringValue] = v }
            }
        }
        func verify(using algorithm: some JWTAlgorithm) throws { try exp.verifyNotExpired() }
    }

    func discover(_ client: any Client) async throws -> Discovery {
        let base = settings.issuer.hasSuffix("/") ? String(settings.issuer.dropLast()) : settings.issuer
        let response = try await client.get(URI(string: base + "/.well-known/openid-configuration"))
        guard response.status == .ok else {
            throw OIDCError("the identity provider's configuration could not be read (\(response.status.code))")
        }
        let d = try response.content.decode(Discovery.self)
        guard d.issuer == settings.issuer || d.issuer == base else {
            throw OIDCError("the identity provider names another issuer (\(d.issuer))")
        }
        return d
    }

    struct OIDCError: Error, CustomStringConvertible {
        var description: String
        init(_ s: String) { description = s }
    }

    static func random(_ bytes: Int = 32) -> String {
        Data([UInt8].random(count: bytes)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(
                of: "=", with: "")
    }

    static func challenge(_ verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(
                of: "=", with: "")
    }

    /// Step 1: to the identity provider, with state, nonce and a PKCE challenge kept in the session.
    func start(_ req: Request) async throws -> Response {
        let d = try await discover(req.client)
        let state = Self.random()
        let nonce = Self.random()
        let verifier = Self.random(48)
        req.session.data["oidc_state"] = state
        req.session.data["oidc_nonce"] = nonce
        req.session.data["oidc_verifier"] = verifier
        var components = URLComponents(string: d.authorization_endpoint)!
        components.queryItems =
            (components.queryItems ?? []) + [
                .init(name: "response_type", value: "code"), .init(name: "client_id", value: settings.clientID),
                .init(name: "redirect_uri", value: settings.redirectURI), .init(name: "scope", value: "openid profile"),
                .init(name: "state", value: state), .init(name: "nonce", value: nonce),
                .init(name: "code_challenge", value: Self.challenge(verifier)),
                .init(name: "code_challenge_method", value: "S256"),
            ]
        return req.redirect(to: components.string!)
    }

    struct TokenResponse: Content {
        var id_token: String
        var token_type: String?
    }

    /// Step 2: the code back from the identity provider → verified ID token → the resident's account.
    func finish(_ req: Request) async throws -> User {
        let claims = try await verifiedClaims(req)
        return try await account(subject: claims.sub.value, bsn: claims.extra[settings.bsnClaim], on: req)
    }

    /// Step 2 for staff: the verified token's roles and district → the staff member's account.
    func finishStaff(_ req: Request) async throws -> User {
        guard let staff else { throw OIDCError("not the staff's identity provider") }
        let claims = try await verifiedClaims(req)
        let roles = claims.lists[staff.rolesClaim] ?? claims.extra[staff.rolesClaim].map { [$0] } ?? []
        return try await SignInService.staffSignIn(
            .init(
                subject: "\(settings.issuer)|\(claims.sub.value)", username: claims.extra["preferred_username"],
                displayName: claims.name
                    ?? [claims.given_name, claims.family_name].compactMap { $0 }.joined(separator: " "),
                roles: roles.compactMap { staff.roleMap[$0] }, district: claims.extra[staff.districtClaim]),
            in: req.context)
    }

    /// The ID token of this sign-in, verified: signature, issuer, audience, expiry, nonce.
    func verifiedClaims(_ req: Request) async throws -> IDToken {
        if let error = req.query[String.self, at: "error"] {
            throw OIDCError("the identity provider refused: \(error.prefix(100))")
        }
        guard let code = req.query[String.self, at: "code"], let state = req.query[String.self, at: "state"],
            let expected = req.session.data["oidc_state"], state == expected,
            let nonce = req.session.data["oidc_nonce"], let verifier = req.session.data["oidc_verifier"]
        else {
            throw OIDCError("the answer from the identity provider does not belong to this sign-in (state)")
        }
        req.session.data["oidc_state"] = nil
        req.session.data["oidc_nonce"] = nil
        req.session.data["oidc_verifier"] = nil
        let d = try await discover(req.client)
        let settings = self.settings
        let tokenResponse = try await req.client.post(URI(string: d.token_endpoint)) { r in
            try r.content.encode(
                [
                    "grant_type": "authorization_code", "code": code, "redirect_uri": settings.redirectURI,
                    "client_id": settings.clientID, "client_secret": settings.clientSecret, "code_verifier": verifier,
                ], as: .urlEncodedForm)
        }
        guard tokenResponse.status == .ok else {
            throw OIDCError("the identity provider did not give a token (\(tokenResponse.status.code))")
        }
        let token = try tokenResponse.content.decode(TokenResponse.self)
        let jwks = try await req.client.get(URI(string: d.jwks_uri))
        guard jwks.status == .ok, let body = jwks.body else {
            throw OIDCError("the identity provider's keys could not be read")
        }
        let keys = try await JWTKeyCollection().add(jwksJSON: String(buffer: body))
        let claims = try await keys.verify(token.id_token, as: IDToken.self)
        guard claims.iss.value == d.issuer else { throw OIDCError("the token comes from another issuer") }
        guard claims.aud.value.contains(settings.clientID) else {
            throw OIDCError("the token is not meant for Meedoen (audience)")
        }
        guard claims.nonce == nonce else { throw OIDCError("the token does not belong to this sign-in (nonce)") }
        return claims
    }

    /// The resident's account: by subject; the first time by BSN, linked to their own file.
    func account(subject: String, bsn: String?, on req: Request) async throws -> User {
        let scoped = "\(settings.issuer)|\(subject)"
        if let user = try await User.query(on: req.db).filter(\.$oidcSubject == scoped).first() {
            guard user.active else { throw OIDCError("this account is blocked") }
            return user
        }
        guard let bsn, let valid = try? BSN(bsn),
            let person = try await Person.query(on: req.db).filter(\.$bsn == valid.value).first()
        else {
            throw NotKnown()
        }
        if let user = try await User.query(on: req.db).filter(\.$personID == person.id!).all().first(where: {
            $0.roleSet == [.resident]
        }) {
            user.oidcSubject = scoped
            try await user.save(on: req.db)
            return user
        }
        let user = User()
        user.username = "oidc-" + Self.random(9)
        user.displayName = "\(person.givenName) \(person.familyName)"
        user.roles = [Role.resident.rawValue]
        user.personID = person.id
        user.oidcSubject = scoped
        user.active = true
        try await user.create(on: req.db)
        return user
    }

    /// Signed in at the identity provider, but not (yet) a resident Meedoen holds a file on.
    struct NotKnown: Error {}
}

extension Application {
    private struct OIDCKey: StorageKey { typealias Value = OIDCClient }
    var oidc: OIDCClient? {
        get { storage[OIDCKey.self] }
        set { storage[OIDCKey.self] = newValue }
    }

    private struct StaffOIDCKey: StorageKey { typealias Value = OIDCClient }
    /// The staff's identity provider, when configured.
    var staffOIDC: OIDCClient? {
        get { storage[StaffOIDCKey.self] }
        set { storage[StaffOIDCKey.self] = newValue }
    }
}

enum OIDCPages {
    static func start(_ req: Request) async throws -> Response {
        try await start(
            req, req.application.oidc,
            notConfigured: .init(
                nl: "Inloggen via de identiteitsprovider is hier niet ingesteld.",
                en: "Sign-in through the identity provider is not configured here."))
    }

    /// To the identity provider (residents' or staff's), or "not configured here".
    static func start(_ req: Request, _ client: OIDCClient?, notConfigured: LocalizedText) async throws -> Response {
        guard let client else { throw DomainError.notFound(notConfigured) }
        do { return try await client.start(req) } catch let e as OIDCClient.OIDCError {
            req.logger.error("OIDC start (\(client.staff == nil ? "residents" : "staff")): \(e.description)")
            return failure(req, status: .badGateway)
        }
    }

    static func callback(_ req: Request) async throws -> Response {
        guard let oidc = req.application.oidc else {
            throw DomainError.notFound(.init(nl: "Niet ingesteld.", en: "Not configured."))
        }
        let t = req.t
        do {
            let user = try await oidc.finish(req)
            req.auth.login(user)
            req.session.authenticate(user)
            SessionUserAuthenticator.touch(req)
            try await Audit.record(
                req.context, .portalRead, person: user.personID, basis: "ownFile", detail: "sign-in via OpenID Connect")
            return req.redirect(to: "/mijn-meedoen")
        } catch is OIDCClient.NotKnown {
            return req.page(
                t("Niet bekend", "Not known"), status: .forbidden,
                el(
                    "section", [A("class", "card narrow")],
                    el("h1", [], txt(t("U bent nog niet bekend bij Meedoen", "You are not yet known to Meedoen"))),
                    el(
                        "p", [],
                        txt(
                            t(
                                "U bent ingelogd bij de gemeente, maar er is (nog) geen dossier over u in Meedoen. Wilt u hulp bij werk of meedoen? Kom langs bij het loket of bekijk het aanbod.",
                                "You signed in with the municipality, but Meedoen holds no file on you (yet). Want help with work or taking part? Visit the counter or see what is on offer."
                            ))),
                    el("p", [], link("/catalogus", t("Naar het aanbod", "To the catalogue")))))
        } catch let e as OIDCClient.OIDCError {
            req.logger.warning("OIDC callback: \(e.description)")
            return failure(req, status: .unauthorized)
        } catch let e as JWTError {
            req.logger.warning("OIDC token refused: \(e)")
            return failure(req, status: .unauthorized)
        }
    }

    // MARK: staff

    static func staffStart(_ req: Request) async throws -> Response {
        try await start(
            req, req.application.staffOIDC,
            notConfigured: .init(
                nl: "Inloggen met het gemeentelijk account is hier niet ingesteld.",
                en: "Sign-in with the municipal account is not configured here."))
    }

    /// Back from the staff's identity provider: signed in with the roles its claims give (no second
    /// step here: the identity provider did it).
    static func staffCallback(_ req: Request) async throws -> Response {
        guard let oidc = req.application.staffOIDC else {
            throw DomainError.notFound(.init(nl: "Niet ingesteld.", en: "Not configured."))
        }
        do {
            let user = try await oidc.finishStaff(req)
            req.auth.login(user)
            req.session.authenticate(user)
            SessionUserAuthenticator.touch(req)
            return req.redirect(to: "/mijn-werk")
        } catch let e as OIDCClient.OIDCError {
            req.logger.warning("staff OIDC callback: \(e.description)")
            return failure(req, status: .unauthorized)
        } catch let e as JWTError {
            req.logger.warning("staff OIDC token refused: \(e)")
            return failure(req, status: .unauthorized)
        }
    }

    static func failure(_ req: Request, status: HTTPResponseStatus) -> Response {
        let t = req.t
        return req.page(
            t("Inloggen mislukt", "Sign-in failed"), status: status,
            el(
                "section", [A("class", "card narrow")],
                el("h1", [], txt(t("Inloggen is niet gelukt", "Sign-in did not succeed"))),
                el(
                    "p", [],
                    txt(
                        t(
                            "Het inloggen bij de gemeente kon niet worden afgerond. Probeer het opnieuw.",
                            "Signing in with the municipality could not be completed. Please try again."))),
                el("p", [], link("/login", t("Opnieuw inloggen", "Sign in again")))))
    }
}
