import Fluent
import MeedoenCore
import SQLKit
import Vapor

extension User: Authenticatable {}
extension User: SessionAuthenticatable {
    var sessionID: UUID { id! }
}

/// Bearer tokens: one statement finds the token and its user (a join, not two reads).
struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        let hash = Tokens.hash(bearer.token)
        let sql = request.db as! any SQLDatabase
        guard
            let row = try await sql.raw(
                """
                SELECT u.id, u.username, u.display_name, u.roles, u.district_code, u.person_id, u.provider_id, u.business_id, u.active, t.expires_at
                FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = \(bind: hash)
                """
            ).first()
        else { return }
        if let expires = try row.decode(column: "expires_at", as: Date?.self), expires < Date() { return }
        let user = try Rows.user(row)
        guard user.active else { return }
        request.auth.login(user)
    }
}

/// Pages: the session holds the user id and when it was last used. A session unused for longer than
/// `SESSION_IDLE_MINUTES` (30) ends: the next page asks to sign in again and says why.
struct SessionUserAuthenticator: AsyncSessionAuthenticator {
    typealias User = MeedoenServer.User
    private struct ExpiredKey: StorageKey { typealias Value = Bool }

    func authenticate(sessionID: UUID, for request: Request) async throws {
        let now = request.application.time.now().timeIntervalSince1970
        let idle = TimeInterval(request.application.settings.sessionIdleMinutes * 60)
        let seen = request.session.data["seen"].flatMap(Double.init)
        if let seen, now - seen > idle {
            request.session.destroy()
            request.storage[ExpiredKey.self] = true
            return
        }
        guard let user = try await User.find(sessionID, on: request.db), user.active else { return }
        request.auth.login(user)
        // Activity is written at most once a minute, so a busy user's requests do not each rewrite the session.
        if seen.map({ now - $0 > 60 }) ?? true { Self.touch(request) }
    }

    /// Marks the session as used now (at sign-in and on activity).
    static func touch(_ request: Request) {
        request.session.data["seen"] = String(Int(request.application.time.now().timeIntervalSince1970))
    }

    /// Whether this request came with a session that had ended for inactivity.
    static func expired(_ request: Request) -> Bool { request.storage[ExpiredKey.self] ?? false }
}

enum Tokens {
    /// A new random token: 32 bytes, URL-safe base64, prefixed so it is recognisable in a leak scan.
    static func generate() -> String {
        let bytes = [UInt8].random(count: 32)
        let b64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(
                of: "=", with: "")
        return "mdn_" + b64
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hex
    }
}

extension Request {
    /// The signed-in user, or 401.
    func requireUser() throws -> User { try context.requireUser() }

    func requireViewer() throws -> Viewer { try requireUser().viewer }

    /// The signed-in user with one of `roles`, or 403.
    @discardableResult
    func requireRole(_ roles: Role..., because: LocalizedText? = nil) throws -> User {
        try context.requireRole(roles, because: because)
    }

    func requireProfessional() throws -> User { try context.requireProfessional() }
}

extension User {
    /// Creates a user with a fresh API token; returns the token in clear text (shown once).
    static func create(
        username: String, displayName: String, roles: [Role], districtCode: String?, personID: UUID? = nil,
        providerID: UUID? = nil, password: String?, on db: any Database, hasher: any PasswordHasher
    ) async throws -> (User, String) {
        let user = User()
        user.username = username
        user.displayName = displayName
        user.roles = roles.map(\.rawValue)
        user.districtCode = districtCode
        user.personID = personID
        user.providerID = providerID
        user.active = true
        if let password, !password.isEmpty { user.passwordHash = try hasher.hash(password) }
        let token = try await db.transaction { db in
            try await user.create(on: db)
            return try await user.issueToken(on: db)
        }
        return (user, token)
    }

    /// A new API token for this user; only its hash is stored, the token itself is returned once.
    func issueToken(on db: any Database) async throws -> String {
        let token = Tokens.generate()
        try await APIToken(userID: requireID(), tokenHash: Tokens.hash(token), expiresAt: nil).create(on: db)
        return token
    }
}
