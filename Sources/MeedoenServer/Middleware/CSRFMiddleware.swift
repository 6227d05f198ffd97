import Vapor

/// Every form a signed-in user sends must carry the session's CSRF token (`_csrf`), checked here once
/// for every page route that is not a GET — so no handler can forget it. Sign-in has its own check
/// (a double-submit cookie, before any session exists); a request with nobody signed in passes on,
/// as it can act for nobody (the handler answers "sign in").
struct CSRFMiddleware: AsyncMiddleware {
    /// Paths that check their own token.
    static let ownCheck: Set<String> = Set(["/login", "/activeren"]).union(SecondStepPage.paths)

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method != .GET, request.method != .HEAD, !Self.ownCheck.contains(request.url.path),
            request.auth.get(User.self) != nil
        else { return try await next.respond(to: request) }
        // The route collects the body after the middleware; collect it here (it is kept for the handler).
        _ = try await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get()
        try FormData(request).requireCSRF(request, expected: request.session.data["csrf"])
        return try await next.respond(to: request)
    }
}
