import MeedoenCore
import Vapor

extension Input {
    /// Reads a JSON request body (the API adapter).
    init(_ request: Request) throws {
        guard let buffer = request.body.data, buffer.readableBytes > 0 else {
            throw DomainError.badRequest(
                .init(
                    nl: "Het verzoek heeft geen inhoud; stuur een JSON-object.",
                    en: "The request has no body; send a JSON object."))
        }
        let value: JSONValue
        do { value = try JSONDecoder().decode(JSONValue.self, from: buffer) } catch {
            throw DomainError.badRequest(
                .init(nl: "De inhoud is geen geldige JSON.", en: "The body is not valid JSON."))
        }
        guard case .object(let fields) = value else {
            throw DomainError.badRequest(
                .init(nl: "De inhoud moet een JSON-object zijn.", en: "The body must be a JSON object."))
        }
        self.init(fields: fields, prefix: "")
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
