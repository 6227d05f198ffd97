import MeedoenCore
import Vapor

/// The second step of signing in: a code from the authenticator app, or setting the app up first.
/// Between the password and the code the session holds only who is waiting, for ten minutes; the
/// user is signed in once the code matches.
enum SecondStepPage {
    static let paths: Set<String> = ["/login/code", "/login/tweede-stap"]

    /// After a correct password: signs in, or sends to the second step.
    static func afterPassword(_ req: Request, _ user: User, next: String) -> Response {
        switch SecondFactorService.need(for: user, in: req.context) {
        case .none:
            return finish(req, user, next: next)
        case .code, .enrolment:
            req.session.data["pending_user"] = user.id!.uuidString
            req.session.data["pending_at"] = String(Int(req.application.time.now().timeIntervalSince1970))
            req.session.data["pending_next"] = next
            let code = SecondFactorService.need(for: user, in: req.context) == .code
            return req.redirect(to: code ? "/login/code" : "/login/tweede-stap")
        }
    }

    static func finish(_ req: Request, _ user: User, next: String) -> Response {
        for key in ["pending_user", "pending_at", "pending_next"] { req.session.data[key] = nil }
        req.auth.login(user)
        req.session.authenticate(user)
        SessionUserAuthenticator.touch(req)
        return req.redirect(to: next)
    }

    static func pending(_ req: Request) async throws -> User? {
        guard let id = req.session.data["pending_user"].flatMap(UUID.init(uuidString:)),
            let at = req.session.data["pending_at"].flatMap(Double.init)
        else { return nil }
        return try await SecondFactorService.pendingUser(
            id, since: Date(timeIntervalSince1970: at), in: req.context)
    }

    static func showCode(_ req: Request, errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        guard try await pending(req) != nil else { return req.redirect(to: "/login") }
        return req.page(
            req.t("Code uit de app", "Code from the app"), status: status,
            codeView(errors: errors, ViewContext(language: req.language, csrfToken: req.csrfToken, today: req.today)))
    }

    static func submitCode(_ req: Request) async throws -> Response {
        let form = FormData(req)
        try form.requireCSRF(req, expected: req.session.data["csrf"])
        guard let user = try await pending(req) else { return req.redirect(to: "/login") }
        var input = Input(form: ["code": form.string("code")])
        return try await PageForm.render(req) {
            try await SecondFactorService.verify(user, &input, source: req.remoteAddress?.ipAddress, in: req.context)
            return finish(req, user, next: SafeRedirect.relativePath(req.session.data["pending_next"]) ?? "/mijn-werk")
        } again: { errors, status in
            try await showCode(req, errors: errors, status: status)
        }
    }

    static func showEnrolment(_ req: Request, errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        guard let user = try await pending(req), user.totpConfirmedAt == nil else { return req.redirect(to: "/login") }
        let secret = try await SecondFactorService.beginEnrolment(user, in: req.context)
        let issuer = req.application.municipality.current?.file.name ?? "Meedoen"
        return req.page(
            req.t("Tweede stap instellen", "Set up the second step"), status: status,
            enrolmentView(
                key: Base32.grouped(secret), uri: TOTP.uri(secret: secret, account: user.username, issuer: issuer),
                errors: errors, ViewContext(language: req.language, csrfToken: req.csrfToken, today: req.today)))
    }

    static func submitEnrolment(_ req: Request) async throws -> Response {
        let form = FormData(req)
        try form.requireCSRF(req, expected: req.session.data["csrf"])
        guard let user = try await pending(req) else { return req.redirect(to: "/login") }
        var input = Input(form: ["code": form.string("code")])
        return try await PageForm.render(req) {
            let codes = try await SecondFactorService.confirmEnrolment(user, &input, in: req.context)
            let next = SafeRedirect.relativePath(req.session.data["pending_next"]) ?? "/mijn-werk"
            _ = finish(req, user, next: next)
            return req.page(
                req.t("Herstelcodes", "Recovery codes"), recoveryView(codes: codes, next: next, req.view))
        } again: { errors, status in
            try await showEnrolment(req, errors: errors, status: status)
        }
    }
}
