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
}
