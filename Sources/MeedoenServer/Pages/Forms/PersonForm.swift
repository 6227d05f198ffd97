import MeedoenCore
import Vapor

/// Register a resident. The same `PersonService.create` as the API, so the same checks and messages.
enum PersonForm {
    static func show(
        _ req: Request, form: FormData? = nil, errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let user = try req.requireRole(.caseManager, .counter, .residentAdviser)
        let t = req.t
        let districts = try await req.districts().pairs.map { ($0.0, "\($0.1) (\($0.0))") }
        return req.page(
            t("Inwoner registreren", "Register a resident"), status: status,
            el(
                "section", [A("class", "card form-card")],
                el("h1", [], txt(t("Inwoner registreren", "Register a resident"))),
                errorSummary(errors, t),
                el(
                    "form", [A("method", "post"), A("action", "/personen"), A("novalidate", "")],
                    csrfField(req.csrfToken),
                    (form?["signaal"] ?? req.query[String.self, at: "signaal"]).flatMap(UUID.init(uuidString:)).map {
                        void("input", [A("type", "hidden"), A("name", "signaal"), A("value", $0.uuidString)])
                    } ?? .empty,
                    textInput(
                        FormField(
                            name: "bsn", label: "BSN",
                            hint: t(
                                "Negen cijfers; wordt gecontroleerd met de elfproef.",
                                "Nine digits; checked with the 11-test."), errors: errors),
                        value: form?["bsn"], required: true, extra: [A("inputmode", "numeric")]),
                    textInput(
                        FormField(name: "givenName", label: t("Voornaam", "Given name"), errors: errors),
                        value: form?["givenName"], required: true, autocomplete: "off"),
                    textInput(
                        FormField(name: "familyName", label: t("Achternaam", "Family name"), errors: errors),
                        value: form?["familyName"], required: true, autocomplete: "off"),
                    textInput(
                        FormField(name: "birthDate", label: t("Geboortedatum", "Date of birth"), errors: errors),
                        value: form?["birthDate"], type: "date", required: true),
                    selectInput(
                        FormField(name: "districtCode", label: t("Stadsdeel", "District"), errors: errors),
                        options: [("", t("— kies —", "— choose —"))] + districts,
                        selected: form?["districtCode"] ?? user.districtCode, required: true),
                    selectInput(
                        FormField(name: "benefit", label: t("Uitkering", "Benefit"), errors: errors),
                        options: [("", t("— kies —", "— choose —"))]
                            + BenefitKind.allCases.map {
                                ($0.rawValue, $0 == .none ? t("geen uitkering (NUG)", "no benefit (NUG)") : $0.rawValue)
                            },
                        selected: form?["benefit"], required: true),
                    selectInput(
                        FormField(
                            name: "civicIntegration", label: t("Inburgering", "Civic integration"), errors: errors),
                        options: [
                            ("none", t("geen", "none")), ("obliged", t("verplicht", "obliged")),
                            ("voluntary", t("vrijwillig", "voluntary")),
                        ],
                        selected: form?["civicIntegration"] ?? "none"),
                    choiceGroup(
                        FormField(name: "circumstances", label: t("Omstandigheden", "Circumstances"), errors: errors),
                        options: Circumstance.allCases.map { ($0.rawValue, t($0.label)) },
                        selected: Set(form?.all("circumstances") ?? [])),
                    choiceGroup(
                        FormField(name: "wishes", label: t("Wensen", "Wishes"), errors: errors),
                        options: Wish.allCases.map { ($0.rawValue, t($0.label)) },
                        selected: Set(form?.all("wishes") ?? [])),
                    textInput(
                        FormField(name: "phone", label: t("Telefoon (optioneel)", "Phone (optional)"), errors: errors),
                        value: form?["phone"], type: "tel"),
                    textInput(
                        FormField(name: "email", label: t("E-mail (optioneel)", "E-mail (optional)"), errors: errors),
                        value: form?["email"], type: "email"),
                    button(t("Registreren", "Register")))))
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
