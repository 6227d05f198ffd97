import Fluent
import MeedoenCore
import Vapor

/// Sign-in with a user name and password. Wrong passwords slow down further attempts for that user
/// name *from that source address* (and, past many, from that source for any name) — so nobody can
/// lock another person's account by guessing wrong from elsewhere.
enum SignInService {
    /// Failures of one user name from one source before each next attempt has to wait.
    static let freeFailures = 5
    /// Failures from one source, for any user names, before it has to wait.
    static let freeFailuresPerSource = 50
    static let window: TimeInterval = 15 * 60
    /// The first wait; it doubles with each further failure, up to `maxWait`.
    static let firstWait: TimeInterval = 30
    static let maxWait: TimeInterval = 15 * 60
    static let dummyHash: String = (try? Bcrypt.hash("no user has this password")) ?? ""

    enum Outcome {
        case signedIn(User)
        case wrong
        /// Too many failures from here: try again after this many seconds.
        case slowedDown(seconds: Int)
    }

    /// The sign-in form's token: the one the browser already has while it is valid, else a new one.
    static func formToken(reusing cookie: String?, in ctx: UseCaseContext) async throws -> String {
        let key = try await ctx.keys.key("login", on: ctx.db)
        if let cookie, LoginToken.isValid(cookie, key: key, now: ctx.now) { return cookie }
        return LoginToken.issue(key: key, now: ctx.now)
    }

    /// Whether `token` is a sign-in form token this server issued and that has not expired.
    static func isFormToken(_ token: String?, in ctx: UseCaseContext) async throws -> Bool {
        guard let token else { return false }
        return LoginToken.isValid(token, key: try await ctx.keys.key("login", on: ctx.db), now: ctx.now)
    }

    /// How long a source has to wait after `failures` recent failures, the last one at `last`.
    static func wait(failures: Int, free: Int, last: Date, now: Date) -> TimeInterval {
        guard failures >= free else { return 0 }
        let wait = min(maxWait, firstWait * pow(2, Double(min(failures - free, 20))))
        return max(0, last.addingTimeInterval(wait).timeIntervalSince(now))
    }

    /// Whether attempts for `key` (a user name, or `2fa:` and one) from `source` must wait now.
    static func throttle(key: String, source rawSource: String?, in ctx: UseCaseContext) async throws -> Outcome? {
        let source = String((rawSource ?? "unknown").prefix(64))
        let since = ctx.now.addingTimeInterval(-window)
        // The failures of this name from this source since its last success there.
        let recent = try await LoginAttempt.query(on: ctx.db).filter(\.$username == key)
            .filter(\.$source == source).filter(\.$at > since).sort(\.$at, .descending).limit(40).all()
        let failures = Array(recent.prefix { !$0.succeeded })
        var remaining = wait(
            failures: failures.count, free: freeFailures, last: failures.first?.at ?? ctx.now, now: ctx.now)
        if remaining <= 0 {
            let fromSource = try await LoginAttempt.query(on: ctx.db).filter(\.$source == source)
                .filter(\.$at > since).filter(\.$succeeded == false).sort(\.$at, .descending).limit(200).all()
            remaining = wait(
                failures: fromSource.count, free: freeFailuresPerSource, last: fromSource.first?.at ?? ctx.now,
                now: ctx.now)
        }
        guard remaining > 0 else { return nil }
        ctx.logger.warning("sign-in for '\(key.prefix(64))' from \(source) slowed down")
        return .slowedDown(seconds: Int(remaining.rounded(.up)))
    }

    static func recordAttempt(key: String, source: String?, succeeded: Bool, in ctx: UseCaseContext) async throws {
        let attempt = LoginAttempt(
            username: key, source: String((source ?? "unknown").prefix(64)), at: ctx.now, succeeded: succeeded)
        attempt.id = ctx.newID()
        try await attempt.create(on: ctx.db)
    }

    static func attempt(
        username raw: String, password: String, source: String?, hasher: AsyncPasswordHasher,
        in ctx: UseCaseContext
    ) async throws -> Outcome {
        let username = String(raw.trimmingCharacters(in: .whitespaces).prefix(100))
        if let slowed = try await throttle(key: username, source: source, in: ctx) { return slowed }
        let user = username.isEmpty ? nil : try await User.query(on: ctx.db).filter(\.$username == username).first()
        // Verify even when the user does not exist, so timing does not reveal which names exist.
        let ok = try await hasher.verify(password, created: user?.passwordHash ?? dummyHash)
        let succeeded = user != nil && ok && user!.active && user!.passwordHash != nil
        try await recordAttempt(key: username, source: source, succeeded: succeeded, in: ctx)
        guard let user, succeeded else {
            ctx.logger.notice("failed sign-in for '\(username.prefix(64))'")
            return .wrong
        }
        // An invited resident's account finds her file once she is registered.
        if user.linkBSN != nil {
            try await UserAdminService.linkResident(user, on: ctx.db)
            if user.personID != nil { try await user.save(on: ctx.db) }
        }
        return .signedIn(user)
    }

    /// What the staff's identity provider says of someone who signed in there.
    struct StaffClaims: Sendable {
        var subject: String
        var username: String?
        var displayName: String
        var roles: [Role]
        var district: String?
    }

    /// A staff member signed in at the municipality's identity provider: their account by subject,
    /// made the first time; roles and district follow the provider's claims at every sign-in (it is
    /// the source of truth, and it did the second factor). Audited when an account is made or changed.
    static func staffSignIn(_ claims: StaffClaims, in ctx: UseCaseContext) async throws -> User {
        let roles = Array(Set(claims.roles)).filter { $0 != .resident }.sorted { $0.rawValue < $1.rawValue }
        guard !roles.isEmpty else {
            throw DomainError.forbidden(
                .init(
                    nl:
                        "Uw account bij de gemeente geeft u geen rol in Meedoen. Vraag het functioneel beheer om een rol.",
                    en: "Your municipal account gives you no role in Meedoen. Ask the administrators for one."))
        }
        let district = claims.district.flatMap { $0.isEmpty ? nil : $0.uppercased() }
        if roles.contains(where: \.needsDistrict) {
            guard let district, try await ctx.districts.all(on: ctx.db).contains(district) else {
                throw DomainError.forbidden(
                    .init(
                        nl:
                            "Uw rol werkt voor een stadsdeel, maar uw account bij de gemeente noemt er geen die Meedoen kent.",
                        en: "Your role works for a district, but your municipal account names none that Meedoen knows.")
                )
            }
        }
        let existing = try await User.query(on: ctx.db).filter(\.$oidcSubject == claims.subject).first()
        let user = existing ?? User()
        if existing == nil {
            var name = (claims.username ?? "").lowercased().filter { $0.isLetter || $0.isNumber || ".-_".contains($0) }
            if !MunicipalityFile.isUsername(name) {
                name = "sso-" + String(OIDCClient.random(6).lowercased().filter(\.isLetter).prefix(8))
            }
            if try await User.query(on: ctx.db).filter(\.$username == name).count() > 0 { name += "-sso" }
            user.id = ctx.newID()
            user.username = String(name.prefix(50))
            user.oidcSubject = claims.subject
            user.active = true
        }
        guard user.active else {
            throw DomainError.forbidden(.init(nl: "Dit account staat uit.", en: "This account is deactivated."))
        }
        let before = existing.map { ($0.roles, $0.districtCode) }
        user.displayName = claims.displayName.isEmpty ? user.username : String(claims.displayName.prefix(100))
        user.roles = roles.map(\.rawValue)
        user.districtCode = roles.contains(where: \.needsDistrict) ? district : nil
        let changed = before.map { $0.0 != user.roles || $0.1 != user.districtCode } ?? true
        try await ctx.db.transaction { db in
            try await user.save(on: db)
            if changed {
                try await Audit.record(
                    ctx.acting(as: user), existing == nil ? .adminCreate : .adminUpdate, person: nil,
                    basis: "identityProvider",
                    detail:
                        "user:\(user.username) roles:\(user.roles.joined(separator: ",")) district:\(user.districtCode ?? "-")",
                    on: db)
            }
        }
        return user
    }
}
