import Fluent
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Secrets the server signs with, kept in the database so that every instance on it uses the same
/// (created at first use, 32 random bytes each, read once per process).
final class ServerKeys: Sendable {
    private let cache = NIOLockedValueBox<[String: SymmetricKey]>([:])

    func key(_ name: String, on db: any Database) async throws -> SymmetricKey {
        if let key = cache.withLockedValue({ $0[name] }) { return key }
        let sql = db as! any SQLDatabase
        let fresh = Data([UInt8].random(count: 32)).base64EncodedString()
        try await sql.raw(
            "INSERT INTO server_keys (name, value) VALUES (\(bind: name), \(bind: fresh)) ON CONFLICT (name) DO NOTHING"
        ).run()
        guard
            let stored = try await sql.raw("SELECT value FROM server_keys WHERE name = \(bind: name)").first()?
                .decode(column: "value", as: String.self),
            let bytes = Data(base64Encoded: stored), bytes.count >= 32
        else { throw Abort(.internalServerError, reason: "server key \(name) unreadable") }
        let key = SymmetricKey(data: bytes)
        cache.withLockedValue { $0[name] = key }
        return key
    }
}

/// The sign-in form's token: a random nonce and an expiry, signed with the server's key. The form
/// field must equal the cookie (double submit) and carry this server's signature, so a value an
/// attacker made up — or planted as a cookie — is refused.
enum LoginToken {
    static let lifetime: TimeInterval = 3600

    static func issue(key: SymmetricKey, now: Date) -> String {
        let body = [UInt8].random(count: 16).hex + "." + String(Int(now.timeIntervalSince1970 + lifetime))
        return body + "." + mac(body, key)
    }

    static func isValid(_ token: String, key: SymmetricKey, now: Date) -> Bool {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 32, let expiry = Int(parts[1]),
            Double(expiry) > now.timeIntervalSince1970, Double(expiry) <= now.timeIntervalSince1970 + lifetime + 60
        else { return false }
        let expected = mac("\(parts[0]).\(parts[1])", key)
        return constantTimeEqual(String(parts[2]), expected)
    }

    private static func mac(_ body: String, _ key: SymmetricKey) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(("login|" + body).utf8), using: key)).hex
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && zip(a.utf8, b.utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0
    }
}

extension Application {
    private struct ServerKeysKey: StorageKey { typealias Value = ServerKeys }

    var serverKeys: ServerKeys {
        get { storage[ServerKeysKey.self]! }
        set { storage[ServerKeysKey.self] = newValue }
    }
}
