import MeedoenCore
import Vapor

/// The one path of every page form: the handler reads the form into the use case's input and calls
/// it; on success the browser is sent on (`submit`: to the path `act` returns, with `saved` shown once
/// at the top of that page) or the result is shown (`render`: a simulation, a till receipt); on an
/// error at the form's fields (invalid input, a conflict) the form is rendered again by `again` — with
/// what was typed, and each error at its field (`rename` maps the use case's field names to the
/// form's own; `adjust` may add or drop fields). Any other error is the error page. CSRF is checked
/// before any of this (`CSRFMiddleware`).
enum PageForm {
    static func submit(
        _ req: Request, saved: LocalizedText? = nil, rename: (String) -> String = { $0 },
        adjust: ([DomainError.Field]) -> [DomainError.Field] = { $0 },
        act: () async throws -> String,
        again: (FieldErrors, HTTPResponseStatus) async throws -> Response
    ) async throws -> Response {
        try await render(req, rename: rename, adjust: adjust) {
            redirect(req, to: try await act(), saved: saved)
        } again: { fieldErrors, status in
            try await again(fieldErrors, status)
        }
    }

    /// Sends the browser to `path`, with `saved` shown once at the top of that page.
    static func redirect(_ req: Request, to path: String, saved: LocalizedText?) -> Response {
        if let saved, req.hasSession { req.session.data["flash"] = saved.text(req.language) }
        return req.redirect(to: path)
    }

    static func render(
        _ req: Request, rename: (String) -> String = { $0 },
        adjust: ([DomainError.Field]) -> [DomainError.Field] = { $0 },
        act: () async throws -> Response,
        again: (FieldErrors, HTTPResponseStatus) async throws -> Response
    ) async throws -> Response {
        do {
            return try await act()
        } catch var error as DomainError where error.isFormError {
            error.fields = adjust(
                error.fields.map {
                    var field = $0
                    field.name = rename(field.name)
                    return field
                })
            return try await again(FieldErrors(error, req.language), error.status)
        }
    }
}
