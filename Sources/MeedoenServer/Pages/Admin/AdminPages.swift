import MeedoenCore
import Vapor

/// The administrator's pages (`/beheer`): accounts, their tokens and invitations, organisations,
/// providers and businesses. The adapters read the form, call the use case and render the view.
enum AdminPages {
    // MARK: overview and accounts

    static func overview(_ req: Request) async throws -> Response {
        let model = try await Overview.load(in: req.context)
        return req.page(req.t("Beheer", "Administration"), overviewView(model, req.view))
    }

    static func newUser(
        _ req: Request, form: FormData? = nil, errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let model = try await UserForm.load(account: nil, in: req.context)
        return req.page(
            req.t("Nieuwe gebruiker", "New user"), status: status, userForm(model, form: form, errors: errors, req.view)
        )
    }

    static func createUser(_ req: Request) async throws -> Response {
        let form = FormData(req)
        var input = Input(form: userFields(form, creating: true))
        return try await PageForm.render(req, rename: { $0.hasPrefix("roles[") ? "roles" : $0 }) {
            let created = try await UserAdminService.create(&input, in: req.context)
            return try await invitation(req, created)
        } again: { errors, status in
            try await newUser(req, form: form, errors: errors, status: status)
        }
    }

    static func user(
        _ req: Request, form: FormData? = nil, errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus = .ok,
        issued: String? = nil
    ) async throws -> Response {
        let account = try await UserAdminService.account(try req.idParameter(), in: req.context)
        let model = try await UserForm.load(account: account, in: req.context)
        return req.page(
            account.user.displayName, status: status,
            userPage(model, form: form, errors: errors, issuedToken: issued, req.view))
    }

    static func updateUser(_ req: Request) async throws -> Response {
        let form = FormData(req)
        let id = try req.idParameter()
        var input = Input(form: userFields(form, creating: false))
        return try await PageForm.submit(
            req, saved: .init(nl: "De gebruiker is bijgewerkt.", en: "The user has been updated."),
            rename: { $0.hasPrefix("roles[") ? "roles" : $0 }
        ) {
            try form.requireFilled(["displayName"])
            _ = try await UserAdminService.update(id, &input, in: req.context)
            return "/beheer/gebruikers/\(id)"
        } again: { errors, status in
            try await user(req, form: form, errors: errors, status: status)
        }
    }

    static func resetPassword(_ req: Request) async throws -> Response {
        let created = try await UserAdminService.resetPassword(try req.idParameter(), in: req.context)
        return try await invitation(req, created)
    }

    static func resetSecondFactor(_ req: Request) async throws -> Response {
        let user = try await SecondFactorService.reset(try req.idParameter(), in: req.context)
        return PageForm.redirect(
            req, to: "/beheer/gebruikers/\(user.id!)",
            saved: .init(
                nl: "De tweede stap is gewist; bij de volgende aanmelding stelt de gebruiker de app opnieuw in.",
                en: "The second step has been cleared; at the next sign-in the user sets up the app again."))
    }

    static func issueToken(_ req: Request) async throws -> Response {
        let form = FormData(req)
        var input = Input(form: ["name": form.string("name"), "days": form.int("days")])
        return try await PageForm.render(req) {
            let (_, token) = try await UserAdminService.issueToken(try req.idParameter(), &input, in: req.context)
            return try await user(req, issued: token)
        } again: { errors, status in
            try await user(req, form: form, errors: errors, status: status)
        }
    }

    static func revokeToken(_ req: Request) async throws -> Response {
        let id = try req.idParameter()
        try await UserAdminService.revokeToken(id, try req.idParameter("tokenId"), in: req.context)
        return PageForm.redirect(
            req, to: "/beheer/gebruikers/\(id)",
            saved: .init(nl: "Het token is ingetrokken.", en: "The token has been revoked."))
    }

    /// The code, shown once, and for a resident the letter to print.
    static func invitation(_ req: Request, _ created: UserAdminService.Created) async throws -> Response {
        let account = try await UserAdminService.accounts([created.user], in: req.context)[0]
        return req.page(
            req.t("Activeringscode", "Activation code"),
            invitationView(
                account, code: created.invitationCode, expires: created.invitationExpiresAt,
                municipality: req.application.municipality.current?.file,
                address:
                    "\(req.application.settings.secureCookies ? "https" : "http")://\(req.headers.first(name: .host) ?? "meedoen")/activeren",
                req.view))
    }

    /// The user form's fields as the use case reads them.
    static func userFields(_ form: FormData, creating: Bool) -> [String: JSONValue?] {
        var fields: [String: JSONValue?] = [
            "displayName": form.string("displayName"), "roles": form.list("roles"),
            "districtCode": form.string("districtCode") ?? .null, "team": form.string("team") ?? .null,
            "providerCode": form.string("providerCode") ?? .null, "businessCode": form.string("businessCode") ?? .null,
        ]
        if creating {
            fields["username"] = form.string("username")
            fields["bsn"] = form.string("bsn")
        } else {
            fields["active"] = .bool(form["active"] == "true")
            if let bsn = form.string("bsn") { fields["bsn"] = bsn }
        }
        return fields
    }

    // MARK: organisations, providers, businesses

    enum Kind: String {
        case organisations = "organisaties"
        case providers = "aanbieders"
        case businesses = "ondernemers"
    }

    static func organisations(
        _ req: Request, _ kind: Kind, form: FormData? = nil, errors: FieldErrors = FieldErrors(),
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let model = try await Organisations.load(kind, in: req.context)
        return req.page(
            model.title(req.view.t), status: status, organisationsView(model, form: form, errors: errors, req.view))
    }

    static func createOrganisation(_ req: Request, _ kind: Kind) async throws -> Response {
        let form = FormData(req)
        var input = Input(form: [
            "code": form.string("code"), "name": form.string("name"), "kind": form.string("kind"),
            "contact": form.string("contact"), "districtCode": form.string("districtCode"),
            "address": form.string("address"),
        ])
        return try await PageForm.submit(
            req, saved: .init(nl: "Toegevoegd.", en: "Added.")
        ) {
            switch kind {
            case .organisations: _ = try await OrganisationService.create(&input, in: req.context)
            case .providers: _ = try await CatalogueService.createProvider(&input, in: req.context)
            case .businesses: _ = try await VoucherService.createBusiness(&input, in: req.context)
            }
            return "/beheer/\(kind.rawValue)"
        } again: { errors, status in
            try await organisations(req, kind, form: form, errors: errors, status: status)
        }
    }
}
