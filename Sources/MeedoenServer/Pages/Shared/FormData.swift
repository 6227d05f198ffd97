import Vapor

/// An `application/x-www-form-urlencoded` body as ordered pairs: repeated names (checkboxes) keep every value.
struct FormData {
    var pairs: [(String, String)] = []

    init(_ req: Request) {
        guard let buffer = req.body.data,
            let body = buffer.getString(at: buffer.readerIndex, length: buffer.readableBytes)
        else { return }
        for part in body.split(separator: "&") {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            pairs.append((decode(kv[0]), kv.count > 1 ? decode(kv[1]) : ""))
        }
    }

    subscript(name: String) -> String? { pairs.first { $0.0 == name }?.1 }
    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    /// Fields a form always sends that may not be left empty (an edit form, where the use case reads an
    /// absent field as "unchanged"): each one sent empty is named as required.
    func requireFilled(_ names: [String]) throws {
        let empty = names.filter { name in
            pairs.contains { $0.0 == name } && (self[name] ?? "").trimmingCharacters(in: .whitespaces).isEmpty
        }
        guard empty.isEmpty else {
            throw DomainError.invalid(
                empty.map {
                    .init(
                        name: $0, code: "required",
                        reason: .init(nl: "Dit veld is verplicht.", en: "This field is required."))
                })
        }
    }

    /// A JSON string, or nothing when the field was left empty.
    func string(_ name: String) -> JSONValue? {
        guard let v = self[name], !v.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return .string(v)
    }
    /// A whole number when it parses; otherwise the raw text, so validation names the field.
    func int(_ name: String) -> JSONValue? {
        guard let v = self[name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
        return Int(v).map(JSONValue.int) ?? .string(v)
    }
    func bool(_ name: String) -> JSONValue? {
        switch self[name] {
        case "true": .bool(true)
        case "false": .bool(false)
        default: nil
        }
    }
    func list(_ name: String) -> JSONValue { .array(all(name).map(JSONValue.string)) }

    /// Checks the CSRF token against the session's (signed-in forms) or the double-submit cookie (login).
    func requireCSRF(_ req: Request, expected: String?) throws {
        guard let expected, let sent = self["_csrf"], !sent.isEmpty,
            sent.utf8.count == expected.utf8.count, zip(sent.utf8, expected.utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0
        else {
            throw DomainError.forbidden(
                .init(
                    nl: "Het formulier is verlopen of komt niet van deze site. Probeer het opnieuw.",
                    en: "The form has expired or does not come from this site. Please try again."))
        }
    }
}

extension Input {
    init(form fields: [String: JSONValue?]) {
        self.init(fields: fields.compactMapValues { $0 }, prefix: "")
    }
}
