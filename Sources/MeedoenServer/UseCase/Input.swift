import Foundation
import MeedoenCore

/// A JSON value, decoded strictly: `true` is not a number, `1.5` is not an integer.
enum JSONValue: Decodable, Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int.self) {
            self = .int(i)
        } else if let d = try? c.decode(Double.self) {
            self = .double(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }
}

extension Input {
    /// A command's fields, as the API would read them from a JSON body.
    static func of(_ fields: [String: JSONValue]) -> Input { Input(fields: fields, prefix: "") }
}

/// Reads a JSON request body field by field and collects every problem, so one answer names all
/// wrong fields (`invalid-params`) and nothing is stored unless all is well.
struct Input {
    private let fields: [String: JSONValue]
    private(set) var problems: [DomainError.Field] = []
    let prefix: String
    /// A JSON body (the API): an empty string is not "not given" for a date, an id or a choice, as it
    /// is for a form's empty field.
    var strictEmpty = false

    init(fields: [String: JSONValue], prefix: String) {
        self.fields = fields
        self.prefix = prefix
    }

    var rawFields: [String: JSONValue] { fields }

    /// Whether the field was sent at all, even as null.
    func isPresent(_ name: String) -> Bool { fields[name] != nil }

    mutating func fail(_ name: String, _ code: String, nl: String, en: String) {
        problems.append(.init(name: prefix + name, code: code, reason: .init(nl: nl, en: en)))
    }

    mutating func fail(_ name: String, _ code: String, _ text: LocalizedText) {
        problems.append(.init(name: prefix + name, code: code, reason: text))
    }

    private mutating func missing(_ name: String) {
        fail(name, "required", nl: "Dit veld is verplicht.", en: "This field is required.")
    }

    /// Throws the collected problems, if any. Call before anything is stored.
    func validate() throws { if !problems.isEmpty { throw DomainError.invalid(problems) } }

    mutating func string(_ name: String, required: Bool = true, maxLength: Int = 200) -> String? {
        switch fields[name] {
        case .none, .null?:
            if required { missing(name) }
            return nil
        case .string(let raw)?:
            let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if value.isEmpty {
                if required { missing(name) }
                return nil
            }
            if value.count > maxLength {
                fail(name, "tooLong", nl: "Maximaal \(maxLength) tekens.", en: "At most \(maxLength) characters.")
                return nil
            }
            if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                fail(
                    name, "invalid", nl: "Bevat niet-toegestane tekens.",
                    en: "Contains characters that are not allowed.")
                return nil
            }
            return value
        default:
            fail(name, "type", nl: "Moet tekst zijn.", en: "Must be a string.")
            return nil
        }
    }

    mutating func bool(_ name: String, required: Bool = true) -> Bool? {
        switch fields[name] {
        case .none, .null?:
            if required { missing(name) }
            return nil
        case .bool(let b)?: return b
        default:
            fail(name, "type", nl: "Moet true of false zijn.", en: "Must be true or false.")
            return nil
        }
    }

    mutating func int(_ name: String, required: Bool = true, range: ClosedRange<Int>) -> Int? {
        switch fields[name] {
        case .none, .null?:
            if required { missing(name) }
            return nil
        case .int(let i)?:
            guard range.contains(i) else {
                fail(
                    name, "outOfRange", nl: "Moet tussen \(range.lowerBound) en \(range.upperBound) liggen.",
                    en: "Must be between \(range.lowerBound) and \(range.upperBound).")
                return nil
            }
            return i
        default:
            fail(name, "type", nl: "Moet een geheel getal zijn.", en: "Must be a whole number.")
            return nil
        }
    }

    /// An empty string where a JSON body must give a value of a kind (a date, an id, a choice).
    private mutating func emptyGiven(_ name: String, _ kind: LocalizedText) -> Bool {
        guard strictEmpty, case .string(let s)? = fields[name],
            s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else { return false }
        fail(name, "empty", kind)
        return true
    }

    mutating func date(_ name: String, required: Bool = true) -> CalendarDate? {
        if emptyGiven(
            name,
            .init(
                nl: "Leeg; geef een datum (JJJJ-MM-DD) of laat het veld weg.",
                en: "Empty; give a date (YYYY-MM-DD) or leave the field out."))
        {
            return nil
        }
        guard let raw = string(name, required: required, maxLength: 40) else { return nil }
        guard let date = CalendarDate(iso: raw) else {
            fail(
                name, "invalidDate", nl: "Geen geldige datum; gebruik JJJJ-MM-DD.",
                en: "Not a valid date; use YYYY-MM-DD.")
            return nil
        }
        return date
    }

    mutating func uuid(_ name: String, required: Bool = true) -> UUID? {
        if emptyGiven(
            name, .init(nl: "Leeg; geef een id of laat het veld weg.", en: "Empty; give an id or leave the field out."))
        {
            return nil
        }
        guard let raw = string(name, required: required, maxLength: 36) else { return nil }
        guard let id = UUID(uuidString: raw) else {
            fail(name, "invalidId", nl: "Geen geldige id (UUID).", en: "Not a valid id (UUID).")
            return nil
        }
        return id
    }

    mutating func choice<E: RawRepresentable & CaseIterable>(_ name: String, _ type: E.Type, required: Bool = true)
        -> E? where E.RawValue == String
    {
        if emptyGiven(
            name,
            .init(
                nl: "Leeg; kies een waarde of laat het veld weg.", en: "Empty; choose a value or leave the field out."))
        {
            return nil
        }
        guard let raw = string(name, required: required, maxLength: 64) else { return nil }
        guard let value = E(rawValue: raw) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            fail(
                name, "unknownValue", nl: "Onbekende waarde '\(raw)'; kies uit: \(allowed).",
                en: "Unknown value '\(raw)'; choose from: \(allowed).")
            return nil
        }
        return value
    }

    mutating func set<E: RawRepresentable & CaseIterable & Hashable>(_ name: String, _ type: E.Type) -> Set<E>
    where E.RawValue == String {
        switch fields[name] {
        case .none, .null?: return []
        case .array(let items)?:
            var result = Set<E>()
            for (i, item) in items.enumerated() {
                guard case .string(let raw) = item, let value = E(rawValue: raw) else {
                    let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
                    fail(
                        "\(name)[\(i)]", "unknownValue", nl: "Onbekende waarde; kies uit: \(allowed).",
                        en: "Unknown value; choose from: \(allowed).")
                    continue
                }
                result.insert(value)
            }
            return result
        default:
            fail(name, "type", nl: "Moet een lijst zijn.", en: "Must be a list.")
            return []
        }
    }

    mutating func stringList(_ name: String, maxItems: Int = 50, maxLength: Int = 200) -> [String] {
        switch fields[name] {
        case .none, .null?: return []
        case .array(let items)?:
            guard items.count <= maxItems else {
                fail(name, "tooMany", nl: "Maximaal \(maxItems) items.", en: "At most \(maxItems) items.")
                return []
            }
            var sub = Input(
                fields: Dictionary(uniqueKeysWithValues: items.enumerated().map { ("\($0.offset)", $0.element) }),
                prefix: "")
            let values = items.indices.compactMap { sub.string("\($0)", maxLength: maxLength) }
            for p in sub.problems {
                problems.append(.init(name: "\(prefix)\(name)[\(p.name)]", code: p.code, reason: p.reason))
            }
            return values
        default:
            fail(name, "type", nl: "Moet een lijst zijn.", en: "Must be a list.")
            return []
        }
    }

    /// A required reason of 10 to 2,000 characters; one too short is refused with `nl`/`en` and read as nil.
    mutating func reason(_ name: String = "reason", nl: String, en: String) -> String? {
        guard let reason = string(name, maxLength: 2000) else { return nil }
        guard reason.count >= 10 else {
            fail(name, "tooShort", nl: nl, en: en)
            return nil
        }
        return reason
    }

    /// A nested object, read with its own `Input` whose problems carry the prefix `name.`; merge them back with `absorb`.
    mutating func object(_ name: String, required: Bool = false) -> Input? {
        switch fields[name] {
        case .none, .null?:
            if required { missing(name) }
            return nil
        case .object(let object)?: return Input(fields: object, prefix: prefix + name + ".")
        default:
            fail(name, "type", nl: "Moet een object zijn.", en: "Must be an object.")
            return nil
        }
    }

    /// A list of objects, each read with its own `Input` (prefix `name[i].`).
    mutating func objects(_ name: String, maxItems: Int = 50) -> [Input]? {
        switch fields[name] {
        case .none, .null?: return nil
        case .array(let items)?:
            guard items.count <= maxItems else {
                fail(name, "tooMany", nl: "Maximaal \(maxItems) items.", en: "At most \(maxItems) items.")
                return nil
            }
            var out: [Input] = []
            for (i, item) in items.enumerated() {
                guard case .object(let object) = item else {
                    fail("\(name)[\(i)]", "type", nl: "Moet een object zijn.", en: "Must be an object.")
                    continue
                }
                out.append(Input(fields: object, prefix: "\(prefix)\(name)[\(i)]."))
            }
            return out
        default:
            fail(name, "type", nl: "Moet een lijst zijn.", en: "Must be a list.")
            return nil
        }
    }

    /// Takes over the problems of a nested input.
    mutating func absorb(_ other: Input) { problems.append(contentsOf: other.problems) }

    /// A list of whole numbers in a range.
    mutating func intList(_ name: String, range: ClosedRange<Int>, maxItems: Int = 50) -> [Int] {
        switch fields[name] {
        case .none, .null?: return []
        case .array(let items)?:
            var out: [Int] = []
            for (i, item) in items.prefix(maxItems).enumerated() {
                guard case .int(let v) = item, range.contains(v) else {
                    fail(
                        "\(name)[\(i)]", "outOfRange",
                        nl: "Een geheel getal van \(range.lowerBound) tot \(range.upperBound).",
                        en: "A whole number from \(range.lowerBound) to \(range.upperBound).")
                    continue
                }
                out.append(v)
            }
            if items.count > maxItems {
                fail(name, "tooMany", nl: "Maximaal \(maxItems) items.", en: "At most \(maxItems) items.")
            }
            return out
        default:
            fail(name, "type", nl: "Moet een lijst zijn.", en: "Must be a list.")
            return []
        }
    }

    /// An object of small integers, such as ZRM scores.
    mutating func intObject(_ name: String, required: Bool) -> [String: Int]? {
        switch fields[name] {
        case .none, .null?:
            if required { missing(name) }
            return nil
        case .object(let object)?:
            var result: [String: Int] = [:]
            for (key, value) in object.sorted(by: { $0.key < $1.key }) {
                guard case .int(let i) = value else {
                    fail("\(name).\(key)", "type", nl: "Moet een geheel getal zijn.", en: "Must be a whole number.")
                    continue
                }
                result[key] = i
            }
            return result
        default:
            fail(name, "type", nl: "Moet een object zijn.", en: "Must be an object.")
            return nil
        }
    }
}
