/// A citizen service number (burgerservicenummer): nine digits that pass the 11-test (elfproef).
public struct BSN: Sendable, Hashable, Codable, CustomStringConvertible {
    public let value: String

    public enum Problem: Error, Equatable, Sendable {
        case notNineDigits
        case failsElevenTest
    }

    public init(_ raw: String) throws(Problem) {
        let digits = Array(raw.utf8)
        guard digits.count == 9, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { throw .notNineDigits }
        let numbers = digits.map { Int($0) - 48 }
        // Weights 9…2 for the first eight digits, -1 for the last (elfproef for BSN).
        var sum = 0
        for (index, digit) in numbers.enumerated() {
            sum += digit * (index == 8 ? -1 : 9 - index)
        }
        guard sum % 11 == 0, numbers.contains(where: { $0 != 0 }) else { throw .failsElevenTest }
        value = raw
    }

    public var description: String { value }

    /// Masks all but the last three digits, for lists and logs.
    public var masked: String { "******" + value.suffix(3) }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(raw) } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a valid BSN"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

extension BSN.Problem {
    public var reason: LocalizedText {
        switch self {
        case .notNineDigits:
            LocalizedText(
                nl: "Een BSN bestaat uit precies negen cijfers.", en: "A BSN consists of exactly nine digits.")
        case .failsElevenTest:
            LocalizedText(nl: "Dit BSN voldoet niet aan de elfproef.", en: "This BSN does not pass the 11-test.")
        }
    }
}
