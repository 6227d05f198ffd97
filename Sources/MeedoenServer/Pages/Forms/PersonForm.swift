import MeedoenCore
import Vapor

/// Register a resident. The same `PersonService.create` as the API, so the same checks and messages.
enum PersonForm {
    static func show(
        _ req: Request, form: FormData? = nil, errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let user = try req.requireRole(.caseManager, .counter, .residentAdviser)
        let districts = try await req.districts().pairs.map { ($0.0, "\($0.1) (\($0.0))") }
        let signal = (form?["signaal"] ?? req.query[String.self, at: "signaal"]).flatMap(UUID.init(uuidString:))
        return req.page(
            req.t("Inwoner registreren", "Register a resident"), status: status,
            view(user: user, districts: districts, signal: signal, req.view, form: form, errors: errors))
    }

    static func submit(_ req: Request) async throws -> Response {
        let form = FormData(req)
        var input = Input(form: [
            "bsn": form.string("bsn"), "givenName": form.string("givenName"), "familyName": form.string("familyName"),
            "birthDate": form.string("birthDate"), "districtCode": form.string("districtCode"),
            "benefit": form.string("benefit"),
            "civicIntegration": form.string("civicIntegration"), "circumstances": form.list("circumstances"),
            "wishes": form.list("wishes"),
            "phone": form.string("phone"), "email": form.string("email"),
        ])
        return try await PageForm.submit(
            req, saved: .init(nl: "De inwoner is geregistreerd.", en: "The resident has been registered.")
        ) {
            let signalID = form["signaal"].flatMap(UUID.init(uuidString:))
            let (person, linked) = try await PersonService.register(&input, fromSignal: signalID, in: req.context)
            if linked, let signalID { return "/signalen/\(signalID)" }
            return "/personen/\(person.id!)"
        } again: { fieldErrors, status in
            return try await show(req, form: form, errors: fieldErrors, status: status)
        }
    }
}
