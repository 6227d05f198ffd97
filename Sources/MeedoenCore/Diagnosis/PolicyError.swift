import Foundation

/// A policy or ladder file that does not validate: names the file, the entry and what is wrong.
public struct PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var entry: String
    public var message: String

    public init(file: String, entry: String, message: String) {
        self.file = file
        self.entry = entry
        self.message = message
    }

    public var description: String { "\(file): \(entry.isEmpty ? "(top level)" : entry): \(message)" }

    static func path(of error: any Error) -> String {
        guard let error = error as? DecodingError else { return "" }
        let context: DecodingError.Context
        switch error {
        case .dataCorrupted(let c), .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c):
            context = c
        @unknown default: return ""
        }
        var path = ""
        for key in context.codingPath {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        if case .keyNotFound(let key, _) = error { path += path.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        return path
    }

    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound: return "is required but missing"
        case .typeMismatch(let type, _): return "has the wrong type (expected \(type))"
        case .valueNotFound(let type, _): return "is null (expected \(type))"
        case .dataCorrupted(let c):
            if let underlying = c.underlyingError as NSError? {
                return "is not valid JSON (\(underlying.localizedDescription))"
            }
            return c.debugDescription
        @unknown default: return "\(error)"
        }
    }
}

/// A policy file (ladder, diagnosis policy): decoded, then validated with errors that name file and entry.
public protocol PolicyDocument: Decodable {
    func validate(file: String) throws(PolicyError)
}

extension PolicyDocument {
    /// Decodes and validates a policy file; errors name the file and the entry.
    public static func load(_ data: Data, file: String) throws(PolicyError) -> Self {
        let document: Self
        do { document = try JSONDecoder().decode(Self.self, from: data) } catch {
            throw PolicyError(file: file, entry: PolicyError.path(of: error), message: PolicyError.describe(error))
        }
        try document.validate(file: file)
        return document
    }
}
