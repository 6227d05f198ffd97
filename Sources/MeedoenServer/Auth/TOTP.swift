import Foundation
import Vapor

/// Time-based one-time passwords (RFC 6238, HMAC-SHA-1, 30-second steps, 6 digits): the second
/// factor for password sign-in that BIO asks for on access to personal data. Works with every
/// authenticator app.
enum TOTP {
    static let step: TimeInterval = 30
    static let digits = 6

    /// The code for the time step `counter` (RFC 4226 HOTP).
    static func code(secret: [UInt8], counter: UInt64, digits: Int = digits) -> String {
        var big = counter.bigEndian
        let message = withUnsafeBytes(of: &big) { Data($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary =
            (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8)
            | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(binary % modulus)
        return String(repeating: "0", count: digits - value.count) + value
    }

    static func counter(at date: Date) -> UInt64 { UInt64(max(0, date.timeIntervalSince1970) / step) }

    /// The time step whose code `code` is, within one step either side of `now` (clocks drift), or nil.
    static func matchingStep(_ code: String, secret: [UInt8], now: Date) -> UInt64? {
        let typed = code.filter(\.isNumber)
        guard typed.count == digits else { return nil }
        let current = counter(at: now)
        for c in [current, current &- 1, current &+ 1]
        where constantTimeEqual(self.code(secret: secret, counter: c), typed) {
            return c
        }
        return nil
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool { LoginToken.constantTimeEqual(a, b) }

    /// What an authenticator app reads (also typed by hand from the grouped key).
    static func uri(secret: [UInt8], account: String, issuer: String) -> String {
        let label = "\(issuer):\(account)".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? account
        let iss = issuer.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "Meedoen"
        return "otpauth://totp/\(label)?secret=\(Base32.encode(secret))&issuer=\(iss)&algorithm=SHA1&digits=6&period=30"
    }
}

/// RFC 4648 base32 without padding: how authenticator apps exchange keys.
enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    static func encode(_ bytes: [UInt8]) -> String {
        var out = ""
        var buffer = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return out
    }

    static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        var buffer = 0
        var bits = 0
        for ch in text.uppercased() where ch != "=" && ch != " " && ch != "-" {
            guard let value = alphabet.firstIndex(of: ch) else { return nil }
            buffer = (buffer << 5) | value
            bits += 5
            if bits >= 8 {
                out.append(UInt8((buffer >> (bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        return out
    }

    /// The key in groups of four, as a person types it into an app.
    static func grouped(_ bytes: [UInt8]) -> String {
        let s = Array(encode(bytes))
        return stride(from: 0, to: s.count, by: 4).map { String(s[$0..<min($0 + 4, s.count)]) }.joined(separator: " ")
    }
}
