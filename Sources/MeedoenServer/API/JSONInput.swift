import MeedoenCore
import Vapor

extension Input {
    /// Reads a JSON request body (the API adapter) strictly: a body that is not declared JSON is 415,
    /// a field the contract does not name for this operation or a field sent twice is 422 — so a
    /// misspelt or smuggled field (`{"isAdmin":true}`) is never silently ignored.
    init(_ request: Request) throws {
        guard let buffer = request.body.data, buffer.readableBytes > 0 else {
            throw DomainError.badRequest(
                .init(
                    nl: "Het verzoek heeft geen inhoud; stuur een JSON-object.",
                    en: "The request has no body; send a JSON object."))
        }
        guard let type = request.headers.contentType, type.type == "application",
            type.subType == "json" || type.subType.hasSuffix("+json")
        else { throw Problem.unsupportedMediaType }
        let value: JSONValue
        do { value = try JSONDecoder().decode(JSONValue.self, from: buffer) } catch {
            throw DomainError.badRequest(
                .init(nl: "De inhoud is geen geldige JSON.", en: "The body is not valid JSON."))
        }
        guard case .object(let fields) = value else {
            throw DomainError.badRequest(
                .init(nl: "De inhoud moet een JSON-object zijn.", en: "The body must be a JSON object."))
        }
        var problems: [DomainError.Field] = JSONKeys.duplicates(in: Array(buffer.readableBytesView)).map {
            .init(
                name: $0, code: "duplicateField",
                reason: .init(nl: "Dit veld komt meer dan één keer voor.", en: "This field occurs more than once."))
        }
        if let known = OpenAPIDocument.requestFields(method: request.method, route: request.route) {
            problems += fields.keys.sorted().filter { !known.contains($0) }.map {
                .init(
                    name: $0, code: "unknownField",
                    reason: .init(
                        nl: "Dit veld bestaat niet bij deze handeling (zie openapi.json).",
                        en: "This operation has no such field (see openapi.json)."))
            }
        }
        if !problems.isEmpty { throw DomainError.invalid(problems) }
        self.init(fields: fields, prefix: "")
        strictEmpty = true
    }
}

/// Finds keys that occur twice in one JSON object (JSON decoders keep one of them silently). Runs on
/// a body that has already been parsed as valid JSON.
enum JSONKeys {
    static func duplicates(in bytes: [UInt8]) -> [String] {
        struct Frame {
            var isObject: Bool
            var keys: Set<String> = []
            var expectKey: Bool
            var path: String
            var pendingKey: String?
        }
        var stack: [Frame] = []
        var found: [String] = []
        var i = 0
        func name(_ frame: Frame, _ key: String) -> String { frame.path.isEmpty ? key : frame.path + "." + key }
        while i < bytes.count {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let path = stack.last.map { top in top.isObject ? name(top, top.pendingKey ?? "") : top.path } ?? ""
                stack.append(Frame(isObject: c == UInt8(ascii: "{"), expectKey: c == UInt8(ascii: "{"), path: path))
                i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = stack.popLast()
                i += 1
            case UInt8(ascii: ","):
                if let last = stack.indices.last, stack[last].isObject { stack[last].expectKey = true }
                i += 1
            case UInt8(ascii: ":"):
                if let last = stack.indices.last { stack[last].expectKey = false }
                i += 1
            case UInt8(ascii: "\""):
                var j = i + 1
                while j < bytes.count, bytes[j] != UInt8(ascii: "\"") { j += bytes[j] == UInt8(ascii: "\\") ? 2 : 1 }
                if let last = stack.indices.last, stack[last].isObject, stack[last].expectKey {
                    let raw = Data(bytes[i...min(j, bytes.count - 1)])
                    let key =
                        (try? JSONDecoder().decode(String.self, from: raw)) ?? String(decoding: raw, as: UTF8.self)
                    if !stack[last].keys.insert(key).inserted { found.append(name(stack[last], key)) }
                    stack[last].pendingKey = key
                }
                i = j + 1
            default:
                i += 1
            }
        }
        return found
    }
}

extension Problem {
    static let unsupportedMediaType = Problem(
        status: .unsupportedMediaType, slug: "unsupported-media-type",
        title: .init(nl: "Dit soort inhoud wordt niet ondersteund.", en: "Unsupported media type."),
        detail: .init(
            nl: "Stuur de inhoud als JSON, met Content-Type: application/json.",
            en: "Send the body as JSON, with Content-Type: application/json."))
}

extension Input {
    /// The named query parameters as input fields (for a GET that asks for a reason).
    static func query(_ request: Request, _ names: [String]) -> Input {
        var fields: [String: JSONValue] = [:]
        for name in names { if let value = request.query[String.self, at: name] { fields[name] = .string(value) } }
        return Input(fields: fields, prefix: "")
    }
}

extension Request {
    /// A UUID path parameter; a malformed id is a 404, as no such resource can exist.
    func idParameter(_ name: String = "id") throws -> UUID {
        guard let raw = parameters.get(name), let id = UUID(uuidString: raw) else {
            throw DomainError.notFound(.init(nl: "Geen bron met deze id.", en: "No resource with this id."))
        }
        return id
    }
}
