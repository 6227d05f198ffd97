import Vapor

/// Sign-in with a local account. The CSRF token of this form is a double-submit cookie, so no
/// session exists before sign-in (no session fixation).
enum LoginPage {

    static func show(_ req: Request, error: String? = nil, username: String = "", status: HTTPResponseStatus = .ok)
        -> Response
    {
        let t = req.t
        let token = req.cookies["meedoen_login"]?.string ?? [UInt8].random(count: 24).hex
        let next =
            req.query[String.self, at: "next"].flatMap { $0.hasPrefix("/") && !$0.hasPrefix("//") ? $0 : nil }
            ?? "/mijn-werk"
        var errors = FieldErrors()
        if let error { errors.messages = [("username", error)] }
        let response = req.page(
            t("Aanmelden", "Sign in"), status: status,
            view(
                token: token, next: next, username: username, errors: errors, withDigiD: req.application.oidc != nil,
                ViewContext(language: req.language, csrfToken: token, today: req.today)))
        response.cookies["meedoen_login"] = HTTPCookies.Value(
            string: token, maxAge: 3600, path: "/login", isHTTPOnly: true, sameSite: .strict)
        return response
    }

    static func submit(_ req: Request) async throws -> Response {
        let form = FormData(req)
        try form.requireCSRF(req, expected: req.cookies["meedoen_login"]?.string)
        let username = String((form["username"] ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
        let user: User
        switch try await SignInService.attempt(
            username: username, password: form["password"] ?? "", hasher: req.password.async, in: req.context)
        {
        case .signedIn(let u): user = u
        case .locked:
            return show(
                req,
                error: req.t(
                    "Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw.",
                    "Too many failed attempts. Try again in 15 minutes."),
                username: username, status: .tooManyRequests)
        case .wrong:
            return show(
                req, error: req.t("Onjuiste gebruikersnaam of wachtwoord.", "Incorrect user name or password."),
                username: username, status: .unauthorized)
        }
        req.auth.login(user)
        req.session.authenticate(user)
        let next =
            req.query[String.self, at: "next"].flatMap { $0.hasPrefix("/") && !$0.hasPrefix("//") ? $0 : nil }
            ?? "/mijn-werk"
        return req.redirect(to: next)
    }

    static func logout(_ req: Request) async throws -> Response {
        req.auth.logout(User.self)
        req.session.destroy()
        return req.redirect(to: "/login")
    }
}
