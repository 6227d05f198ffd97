import Fluent
import Foundation
import MeedoenCore
import Vapor

/// The second factor after a correct password: a code from an authenticator app (TOTP), or once
/// each one of ten recovery codes. Required for staff when the deployment says so (`MFA_REQUIRED=1`);
/// whoever has set one up always uses it. Wrong codes slow down like wrong passwords.
enum SecondFactorService {
    enum Need: Equatable {
        case none
        /// A code from the app that was set up.
        case code
        /// Setting up the app first (staff, when required).
        case enrolment
    }

    static let recoveryCodeCount = 10

    static func need(for user: User, in ctx: UseCaseContext) -> Need {
        if user.totpConfirmedAt != nil { return .code }
        if ctx.mfaRequired, user.viewer.isProfessional, !user.roleSet.contains(.resident) { return .enrolment }
        return .none
    }

    // MARK: setting up

    /// The user waiting for the second step (after a correct password, for at most ten minutes).
    static func pendingUser(_ id: UUID, since: Date, in ctx: UseCaseContext) async throws -> User? {
        guard ctx.now.timeIntervalSince(since) < 600, let user = try await User.find(id, on: ctx.db), user.active
        else { return nil }
        return user
    }

    /// The key being set up: the one not yet confirmed, or a new one; shown to the user to enter in the app.
    static func beginEnrolment(_ user: User, in ctx: UseCaseContext) async throws -> [UInt8] {
        guard user.totpConfirmedAt == nil else {
            throw DomainError.conflict(
                .init(nl: "De tweede stap is al ingesteld.", en: "The second step has already been set up."))
        }
        if let sealed = user.totpSecret { return try await open(sealed, in: ctx) }
        let secret = [UInt8].random(count: 20)
        user.totpSecret = try await seal(secret, in: ctx)
        user.totpLastStep = nil
        try await user.save(on: ctx.db)
        return secret
    }

    /// The first code from the app confirms the key; returns the recovery codes to show once.
    static func confirmEnrolment(_ user: User, _ input: inout Input, in ctx: UseCaseContext) async throws -> [String] {
        let code = input.string("code", maxLength: 20)
        try input.validate()
        guard user.totpConfirmedAt == nil, let sealed = user.totpSecret else {
            throw DomainError.conflict(
                .init(nl: "Begin opnieuw met het instellen.", en: "Start setting up again."))
        }
        let secret = try await open(sealed, in: ctx)
        guard let step = TOTP.matchingStep(code!, secret: secret, now: ctx.now) else {
            throw wrongCode
        }
        let codes = (0..<recoveryCodeCount).map { _ in recoveryCode() }
        user.totpConfirmedAt = ctx.now
        user.totpLastStep = Int64(step)
        user.recoveryCodes = try String(
            decoding: JSONEncoder().encode(codes.map { Tokens.hash(normalised($0)) }), as: UTF8.self)
        try await ctx.db.transaction { db in
            try await user.save(on: db)
            try await Audit.record(
                ctx.acting(as: user), .adminUpdate, person: nil, basis: "self",
                detail: "user:\(user.username) second factor set up", on: db)
        }
        return codes
    }

    // MARK: signing in

    /// Checks a code from the app (each time step once) or a recovery code (each once).
    static func verify(_ user: User, _ input: inout Input, source: String?, in ctx: UseCaseContext) async throws {
        let code = input.string("code", maxLength: 20)
        try input.validate()
        let key = "2fa:" + user.username
        if case .slowedDown(let seconds) = try await SignInService.throttle(key: key, source: source, in: ctx) {
            throw DomainError.conflict(
                .init(
                    nl: "Te veel onjuiste codes. Probeer het over \(max(1, (seconds + 59) / 60)) minuten opnieuw.",
                    en: "Too many wrong codes. Try again in \(max(1, (seconds + 59) / 60)) minutes."),
                param: .init(name: "code", code: "slowedDown", reason: .init(nl: "Even wachten.", en: "Please wait.")))
        }
        let ok = try await check(user, code!, in: ctx)
        try await SignInService.recordAttempt(key: key, source: source, succeeded: ok, in: ctx)
        guard ok else { throw wrongCode }
    }

    private static func check(_ user: User, _ code: String, in ctx: UseCaseContext) async throws -> Bool {
        guard let sealed = user.totpSecret, user.totpConfirmedAt != nil else { return false }
        let secret = try await open(sealed, in: ctx)
        if let step = TOTP.matchingStep(code, secret: secret, now: ctx.now) {
            guard step > UInt64(user.totpLastStep ?? -1) else { return false }  // a code counts once
            user.totpLastStep = Int64(step)
            try await user.save(on: ctx.db)
            return true
        }
        // A recovery code: used up as it is used.
        var hashes = (try? JSONDecoder().decode([String].self, from: Data((user.recoveryCodes ?? "[]").utf8))) ?? []
        let hash = Tokens.hash(normalised(code))
        guard let index = hashes.firstIndex(of: hash) else { return false }
        hashes.remove(at: index)
        user.recoveryCodes = String(decoding: try JSONEncoder().encode(hashes), as: UTF8.self)
        let left = hashes.count
        try await ctx.db.transaction { db in
            try await user.save(on: db)
            try await Audit.record(
                ctx.acting(as: user), .adminUpdate, person: nil, basis: "self",
                detail: "user:\(user.username) recovery code used, \(left) left", on: db)
        }
        return true
    }

    /// An administrator clears the second factor (a lost phone); the user sets it up again.
    static func reset(_ id: UUID, in ctx: UseCaseContext) async throws -> User {
        try ctx.requireRole(.admin, because: UserAdminService.adminOnly)
        let user = try await UserAdminService.find(id, in: ctx)
        user.totpSecret = nil
        user.totpConfirmedAt = nil
        user.totpLastStep = nil
        user.recoveryCodes = nil
        try await ctx.db.transaction { db in
            try await user.save(on: db)
            try await Audit.record(
                ctx, .adminUpdate, person: nil, basis: "admin", detail: "user:\(user.username) second factor reset",
                on: db)
        }
        return user
    }

    static let wrongCode = DomainError.invalid(
        "code", "wrongCode",
        .init(
            nl: "Deze code klopt niet. Neem de code die de app nu laat zien.",
            en: "This code is not right. Use the code the app shows now."))

    static func recoveryCode() -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        let raw = (0..<8).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] }
        return String(raw[0..<4]) + "-" + String(raw[4..<8])
    }

    static func normalised(_ code: String) -> String { UserAdminService.normalised(code) }

    // MARK: the key, sealed

    private static func seal(_ secret: [UInt8], in ctx: UseCaseContext) async throws -> String {
        let key = try await ctx.keys.key("totp", on: ctx.db)
        guard let combined = try AES.GCM.seal(secret, using: key).combined else {
            throw Abort(.internalServerError, reason: "sealing failed")
        }
        return combined.base64EncodedString()
    }

    private static func open(_ sealed: String, in ctx: UseCaseContext) async throws -> [UInt8] {
        let key = try await ctx.keys.key("totp", on: ctx.db)
        guard let data = Data(base64Encoded: sealed) else {
            throw Abort(.internalServerError, reason: "key unreadable")
        }
        return Array(try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: key))
    }
}
