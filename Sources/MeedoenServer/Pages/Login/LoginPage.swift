import MeedoenCore
import Vapor

/// Sign-in with a local account. The CSRF token of this form is a double-submit cookie signed with
/// the server's key, so no session exists before sign-in (no session fixation) and no made-up value
/// passes.
enum LoginPage {
    static let cookieName = "meedoen_login"

    static func show(
        _ req: Request, error: String? = nil, username: String = "", status: HTTPResponseStatus = .ok,
        retryAfter: Int? = nil
    ) async throws -> Response {
        let t = req.t
        let token = try await SignInService.formToken(reusing: req.cookies[cookieName]?.string, in: req.context)
        var errors = FieldErrors()
        if let error { errors.messages = [("username", error)] }
        let expired =
            req.query[String.self, at: "verlopen"] == "1"
            ? t(
                "U bent afgemeld omdat u \(req.application.settings.sessionIdleMinutes) minuten niets hebt gedaan. Meld u opnieuw aan.",
                "You were signed out after \(req.application.settings.sessionIdleMinutes) minutes without activity. Please sign in again."
            ) : nil
        let response = req.page(
            t("Aanmelden", "Sign in"), status: status,
            view(
                token: token, next: nextPath(req), username: username, errors: errors, notice: expired,
                withDigiD: req.application.oidc != nil, withStaffAccount: req.application.staffOIDC != nil,
                ViewContext(language: req.language, csrfToken: token, today: req.today)))
        response.cookies[cookieName] = HTTPCookies.Value(
            string: token, maxAge: Int(LoginToken.lifetime), path: "/login",
            isSecure: req.application.settings.secureCookies, isHTTPOnly: true, sameSite: .strict)
        if let retryAfter { response.headers.replaceOrAdd(name: "Retry-After", value: String(retryAfter)) }
        return response
    }

    /// Where to go after signing in: a path on this site only (`SafeRedirect`), else "Mijn werk".
    static func nextPath(_ req: Request) -> String {
        SafeRedirect.relativePath(req.query[String.self, at: "next"]) ?? "/mijn-werk"
    }

    static func submit(_ req: Request) async throws -> Response {
        let form = FormData(req)
        let cookie = req.cookies[cookieName]?.string
        let valid = try await SignInService.isFormToken(cookie, in: req.context)
        try form.requireCSRF(req, expected: valid ? cookie : nil)
        let username = String((form["username"] ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
        let user: User
        switch try await SignInService.attempt(
            username: username, password: form["password"] ?? "", source: req.remoteAddress?.ipAddress,
            hasher: req.password.async, in: req.context)
        {
        case .signedIn(let u): user = u
        case .slowedDown(let seconds):
            let minutes = max(1, (seconds + 59) / 60)
            return try await show(
                req,
                error: req.t(
                    "Te veel mislukte pogingen. Probeer het over \(minutes == 1 ? "een minuut" : "\(minutes) minuten") opnieuw.",
                    "Too many failed attempts. Try again in \(minutes == 1 ? "a minute" : "\(minutes) minutes")."),
                username: username, status: .tooManyRequests, retryAfter: seconds)
        case .wrong:
            return try await show(
                req, error: req.t("Onjuiste gebruikersnaam of wachtwoord.", "Incorrect user name or password."),
                username: username, status: .unauthorized)
        }
        return SecondStepPage.afterPassword(req, user, next: nextPath(req))
    }

    static func logout(_ req: Request) async throws -> Response {
        req.auth.logout(User.self)
        req.session.destroy()
        return req.redirect(to: "/login")
    }
}
