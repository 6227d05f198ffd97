import MeedoenCore
import Vapor

/// Editing an offer (administrators, policy staff).
extension CataloguePages {
    // MARK: editing (administrators, policy staff)

    static func showForm(
        _ req: Request, existing: Intervention?, form: FormData? = nil, errors: FieldErrors = FieldErrors(),
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let districts = try await req.districts()
        try req.requireRole(
            .admin, .analyst,
            because: .init(
                nl: "Alleen beheerders en beleidsmedewerkers wijzigen het aanbod.",
                en: "Only administrators and policy staff change the catalogue."))
        let providers = try await CatalogueService.providers(in: req.context)
        return req.page(
            existing == nil ? req.t("Nieuw aanbod", "New offer") : req.t("Aanbod bewerken", "Edit offer"),
            status: status,
            formView(
                existing: existing, districts: districts, providers: providers,
                streams: req.context.policies.money.streams, req.view, form: form, errors: errors))
    }

    static func submitForm(_ req: Request, existing: Intervention?) async throws -> Response {
        let form = FormData(req)
        func ints(_ name: String) -> JSONValue { .array(form.all(name).compactMap { Int($0).map(JSONValue.int) }) }
        var price: JSONValue?
        if let raw = form["priceEuros"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            price = Int(raw).map { .int($0 * 100) } ?? .string(raw)
        }
        var fields: [String: JSONValue?] = [
            "code": form.string("code"), "name": form.string("name"), "description": form.string("description"),
            "type": form.string("type"),
            "domain": form.string("domain"), "package": form.string("package"),
            "districtCode": form.string("districtCode"),
            "providerId": form.string("providerId"), "fundingStream": form.string("fundingStream"), "priceCents": price,
            "maxMonths": form.int("maxMonths"), "capacity": form.int("capacity"),
            "hoursPerWeek": form.int("hoursPerWeek"), "location": form.string("location"),
            "needsApproval": .bool(form["needsApproval"] == "true"),
            "criteria": .object(
                [
                    "rungs": ints("criteria.rungs"), "categories": ints("criteria.categories"),
                    "benefitKinds": form.list("criteria.benefitKinds"),
                    "routes": form.list("criteria.routes"),
                ].merging(
                    [("minAge", form.int("criteria.minAge")), ("maxAge", form.int("criteria.maxAge"))]
                        .compactMap { k, v in v.map { (k, $0) } }
                ) { a, _ in a }),
        ]
        if let basis = form.string("legalBasis") { fields["legalBasis"] = basis }
        // A contract when its percentage is filled in; emptied, an existing contract is removed.
        if form.int("contract.resultPercent") != nil {
            fields["contract"] = .object([
                "resultPercent": form.int("contract.resultPercent") ?? .null,
                "withinMonths": form.int("contract.withinMonths") ?? .null,
                "results": form.list("contract.results"),
            ])
        } else if existing?.contract != nil {
            fields["contract"] = .null
        }
        if existing != nil {
            fields["active"] = .bool(form["active"] == "true")
            if form["districtCode"]?.isEmpty ?? true { fields["districtCode"] = .null }
        }
        var input = Input(form: fields)
        return try await PageForm.submit(
            req, saved: .init(nl: "Het aanbod is opgeslagen.", en: "The offer has been saved."),
            rename: { name in
                var name = name
                if name == "priceCents" { name = "priceEuros" }
                return name
            }
        ) {
            try form.requireFilled([
                "code", "name", "type", "domain", "package", "providerId", "fundingStream", "priceEuros", "maxMonths",
                "capacity", "hoursPerWeek", "location",
            ])
            let i = try await CatalogueService.save(&input, existing: existing, in: req.context)
            return "/aanbod/\(i.id!)"
        } again: { fieldErrors, status in
            return try await showForm(
                req, existing: existing, form: form, errors: fieldErrors, status: status)
        }
    }

    static func existing(_ req: Request) async throws -> Intervention {
        try await CatalogueService.intervention(try req.idParameter(), in: req.context)
    }
}
