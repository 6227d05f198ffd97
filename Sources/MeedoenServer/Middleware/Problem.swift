import MeedoenCore
import Vapor

/// An RFC 9457 problem, with texts in Dutch and English. The one error type of the HTTP edge.
struct Problem: Error, Sendable {
    typealias InvalidParam = DomainError.Field

    var status: HTTPResponseStatus
    /// Short slug; the `type` URI is `urn:meedoen:problem:<slug>`.
    var slug: String
    var title: LocalizedText
    var detail: LocalizedText?
    var invalidParams: [InvalidParam] = []

    static func invalid(_ params: [InvalidParam]) -> Problem {
        Problem(
            status: .unprocessableEntity, slug: "invalid-params",
            title: .init(nl: "De invoer is niet geldig.", en: "The input is not valid."),
            detail: .init(
                nl: "Zie invalid-params voor de velden die niet kloppen; er is niets opgeslagen.",
                en: "See invalid-params for the fields that are wrong; nothing was stored."),
            invalidParams: params)
    }

    static func invalid(_ name: String, _ code: String, _ reason: LocalizedText) -> Problem {
        invalid([InvalidParam(name: name, code: code, reason: reason)])
    }

    static func badRequest(_ detail: LocalizedText) -> Problem {
        Problem(
            status: .badRequest, slug: "bad-request", title: .init(nl: "Ongeldig verzoek.", en: "Bad request."),
            detail: detail)
    }

    static let unauthenticated = Problem(
        status: .unauthorized, slug: "unauthenticated",
        title: .init(nl: "Niet aangemeld.", en: "Not signed in."),
        detail: .init(
            nl: "Stuur een geldig API-token mee (Authorization: Bearer …) of meld u aan.",
            en: "Send a valid API token (Authorization: Bearer …) or sign in."))

    static func forbidden(_ detail: LocalizedText) -> Problem {
        Problem(
            status: .forbidden, slug: "forbidden", title: .init(nl: "Geen toegang.", en: "Access denied."),
            detail: detail)
    }

    static let noNeedToKnow = forbidden(
        .init(
            nl: "U heeft geen noodzaak tot kennis van dit dossier. Deze poging is vastgelegd.",
            en: "You have no need to know this file. This attempt has been logged."))

    static func notFound(_ what: LocalizedText) -> Problem {
        Problem(
            status: .notFound, slug: "not-found", title: .init(nl: "Niet gevonden.", en: "Not found."), detail: what)
    }

    static func conflict(_ detail: LocalizedText, param: InvalidParam? = nil) -> Problem {
        Problem(
            status: .conflict, slug: "conflict",
            title: .init(nl: "Conflict met bestaande gegevens.", en: "Conflict with existing data."),
            detail: detail, invalidParams: param.map { [$0] } ?? [])
    }

    static let internalError = Problem(
        status: .internalServerError, slug: "internal",
        title: .init(nl: "Er ging iets mis aan onze kant.", en: "Something went wrong on our side."),
        detail: .init(
            nl: "Probeer het later opnieuw. Noem het request-id als u contact opneemt.",
            en: "Please try again later. Quote the request id when you contact us."))

    func body(language: Language, instance: String) -> [String: AnyEncodable] {
        var body: [String: AnyEncodable] = [
            "type": AnyEncodable("urn:meedoen:problem:\(slug)"),
            "title": AnyEncodable(title.text(language)),
            "status": AnyEncodable(Int(status.code)),
            "instance": AnyEncodable(instance),
        ]
        if let detail { body["detail"] = AnyEncodable(detail.text(language)) }
        if !invalidParams.isEmpty {
            body["invalid-params"] = AnyEncodable(
                invalidParams.map {
                    ["name": $0.name, "code": $0.code, "reason": $0.reason.text(language)]
                })
        }
        return body
    }
}

extension Problem {
    /// The HTTP form of a use case's error.
    init(_ error: DomainError) {
        switch error {
        case .invalidFields(let fields): self = .invalid(fields)
        case .unreadable(let detail): self = .badRequest(detail)
        case .unauthenticated: self = .unauthenticated
        case .forbidden(let detail): self = .forbidden(detail)
        case .notFound(let detail): self = .notFound(detail)
        case .conflict(let detail, let field): self = .conflict(detail, param: field)
        }
    }
}

struct AnyEncodable: Encodable, Sendable {
    let encodeValue: @Sendable (any Encoder) throws -> Void
    init<T: Encodable & Sendable>(_ value: T) { encodeValue = { try value.encode(to: $0) } }
    func encode(to encoder: any Encoder) throws { try encodeValue(encoder) }
}

extension Request {
    var language: Language {
        if let lang = query[String.self, at: "lang"], let l = Language(rawValue: lang) { return l }
        if let cookie = cookies["lang"]?.string, let l = Language(rawValue: cookie) { return l }
        // The API follows Accept-Language; pages are Dutch until the user switches (a municipality's default).
        guard url.path.hasPrefix("/api/") else { return .nl }
        return Language.from(acceptLanguage: headers.first(name: .acceptLanguage))
    }
}

/// Turns every error into problem+json for the API and a Dutch error page for HTML; never leaks internals.
struct ProblemMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            // NL API Design Rules /core/no-trailing-slash: `/api/v1/persons/` is not `/api/v1/persons`.
            if request.url.path.hasPrefix("/api/"), request.url.path.hasSuffix("/") {
                throw Abort(.notFound)
            }
            return try await next.respond(to: request)
        } catch {
            let problem = Self.problem(for: error, request: request)
            if problem.status == .forbidden, !request.refusalMark.isRecorded {
                // Every refusal is in the audit trail ("Deze poging is vastgelegd"); a use case that
                // refused on a person's file has written it there already.
                do {
                    try await Audit.record(
                        request.context, .accessDenied, person: nil, basis: "none",
                        detail: "\(request.method.rawValue) \(request.url.path.prefix(200))")
                } catch {
                    request.logger.error("refusal not audited: \(String(reflecting: error))")
                }
            }
            if request.url.path.hasPrefix("/api/")
                || request.headers.accept.mediaTypes.contains(.json)
                    && !request.headers.accept.mediaTypes.contains(.html)
            {
                return Self.response(problem, request: request)
            }
            return ErrorPage.response(problem, request: request)
        }
    }

    static func problem(for error: any Error, request: Request) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let error as DomainError:
            return Problem(error)
        case let abort as any AbortError:
            let status = abort.status
            if status == .notFound {
                return .notFound(
                    .init(nl: "Deze pagina of bron bestaat niet.", en: "This page or resource does not exist."))
            }
            if status == .payloadTooLarge {
                return Problem(
                    status: status, slug: "too-large", title: .init(nl: "Verzoek te groot.", en: "Request too large."))
            }
            if status.code >= 500 { return .internalError }
            return Problem(
                status: status, slug: "http-\(status.code)",
                title: .init(nl: status.reasonPhrase, en: status.reasonPhrase),
                detail: .init(nl: abort.reason, en: abort.reason))
        case is DecodingError:
            return .badRequest(
                .init(
                    nl: "De inhoud van het verzoek kon niet worden gelezen.", en: "The request body could not be read.")
            )
        default:
            request.logger.error("Unhandled error: \(String(reflecting: error))")
            return .internalError
        }
    }

    static func response(_ problem: Problem, request: Request) -> Response {
        let language = request.language
        let body = problem.body(language: language, instance: request.url.path)
        let response = Response(status: problem.status)
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            response.body = .init(data: try encoder.encode(body))
        } catch { response.body = .init(string: #"{"status":500,"title":"internal"}"#) }
        response.headers.replaceOrAdd(name: .contentType, value: "application/problem+json; charset=utf-8")
        response.headers.replaceOrAdd(name: .contentLanguage, value: language.rawValue)
        if problem.status == .unauthorized {
            response.headers.replaceOrAdd(name: .wwwAuthenticate, value: #"Bearer realm="meedoen""#)
        }
        return response
    }
}

/// NL API Design Rules: every API response carries the full API version.
struct APIVersionMiddleware: AsyncMiddleware {
    static let version = "1.0.0"
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        if request.url.path.hasPrefix("/api/") {
            response.headers.replaceOrAdd(name: "API-Version", value: Self.version)
        }
        return response
    }
}
