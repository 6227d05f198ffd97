import MeedoenCore
import Vapor

/// Activating an account with the one-time code from the letter or the administrator: the holder
/// chooses a password and is signed in. Like sign-in, the form's token is a signed double-submit
/// cookie, so no session exists before.
enum ActivationPage {
    static let cookieName = "meedoen_activate"

    static func show(
        _ req: Request, form: FormData? = nil, errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let token = try await SignInService.formToken(reusing: req.cookies[cookieName]?.string, in: req.context)
        let response = req.page(
            req.t("Account activeren", "Activate your account"), status: status,
            view(
                form: form, errors: errors, prefilledUser: req.query[String.self, at: "gebruiker"],
                ViewContext(language: req.language, csrfToken: token, today: req.today)))
        response.cookies[cookieName] = HTTPCookies.Value(
            string: token, maxAge: Int(LoginToken.lifetime), path: "/activeren",
            isSecure: req.application.settings.secureCookies, isHTTPOnly: true, sameSite: .strict)
        return response
    }

    static func submit(_ req: Request) async throws -> Response {
        let form = FormData(req)
        let cookie = req.cookies[cookieName]?.string
        let valid = try await SignInService.isFormToken(cookie, in: req.context)
        try form.requireCSRF(req, expected: valid ? cookie : nil)
        var input = Input(form: [
            "username": form.string("username"), "code": form.string("code"), "password": form.string("password"),
            "passwordAgain": form.string("passwordAgain"),
        ])
        return try await PageForm.render(req) {
            let user = try await UserAdminService.activate(&input, in: req.context)
            req.auth.login(user)
            req.session.authenticate(user)
            SessionUserAuthenticator.touch(req)
            return PageForm.redirect(
                req, to: user.roleSet == [.resident] ? "/mijn-meedoen" : "/mijn-werk",
                saved: .init(
                    nl: "Uw account is actief. U bent aangemeld.", en: "Your account is active. You are signed in."))
        } again: { errors, status in
            var kept = form
            kept.pairs.removeAll { $0.0 == "password" || $0.0 == "passwordAgain" }
            return try await show(req, form: kept, errors: errors, status: status)
        }
    }
}
