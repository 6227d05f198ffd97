import Fluent
import Foundation
import Vapor

/// Sign-in with a local account: the password checked against its bcrypt hash, every attempt
/// recorded, and a user name with too many recent failures made to wait.
enum SignInService {
    /// After this many wrong passwords for one user name within `lockWindow`, sign-in waits.
    static let maxFailures = 5
    static let lockWindow: TimeInterval = 15 * 60
    static let dummyHash: String = (try? Bcrypt.hash("no user has this password")) ?? ""

    enum Outcome {
        case signedIn(User)
        case wrong
        case locked
    }

    static func attempt(username raw: String, password: String, hasher: AsyncPasswordHasher, in ctx: UseCaseContext)
        async throws -> Outcome
    {
        let username = String(raw.trimmingCharacters(in: .whitespaces).prefix(100))
        let since = ctx.now.addingTimeInterval(-lockWindow)
        let failures = try await LoginAttempt.query(on: ctx.db).filter(\.$username == username)
            .filter(\.$at > since).filter(\.$succeeded == false).count()
        guard failures < maxFailures else {
            ctx.logger.warning("sign-in for '\(username.prefix(64))' locked after \(failures) failures")
            return .locked
        }
        let user = username.isEmpty ? nil : try await User.query(on: ctx.db).filter(\.$username == username).first()
        // Verify even when the user does not exist, so timing does not reveal which names exist.
        let ok = try await hasher.verify(password, created: user?.passwordHash ?? dummyHash)
        let succeeded = user != nil && ok && user!.active && user!.passwordHash != nil
        try await LoginAttempt(username: username, at: ctx.now, succeeded: succeeded).create(on: ctx.db)
        guard let user, succeeded else {
            ctx.logger.notice("failed sign-in for '\(username.prefix(64))'")
            return .wrong
        }
        return .signedIn(user)
    }
}
