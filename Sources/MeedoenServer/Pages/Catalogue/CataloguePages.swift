import MeedoenCore
import Vapor

/// The catalogue for professionals: every offer with free places and waiting list; per offer its
/// criteria, waiting list and (for case managers) who fits; editing for administrators and policy staff.
enum CataloguePages {
    static func euros(_ cents: Int) -> String {
        let e = cents / 100
        let c = cents % 100
        var digits = String(e)
        var grouped = ""
        while digits.count > 3 {
            grouped = "." + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        return "€ " + digits + grouped + (c == 0 ? ",-" : String(format: ",%02d", c))
    }

    static func placesBadge(_ e: CatalogueService.Entry, _ t: Texts) -> HTMLNode {
        let free = e.offer.freePlaces
        if free > 0 { return el("span", [A("class", "badge ok")], txt(t("\(free) vrij", "\(free) free"))) }
        let weeks = max(1, (e.offer.expectedWaitDays + 6) / 7)
        return el(
            "span", [A("class", "badge warn")],
            txt(t("vol · \(e.waiting) wachtend · ca. \(weeks) wk", "full · \(e.waiting) waiting · c. \(weeks) wk")))
    }

    static func list(_ req: Request) async throws -> Response {
        let districts = try await req.districts()
        let user = try req.requireUser()
        let t = req.t
        let district = req.query[String.self, at: "stadsdeel"].flatMap { $0.isEmpty ? nil : $0 }
        let type = req.query[String.self, at: "type"].flatMap(InterventionType.init(rawValue:))
        let onlyWaiting = req.query[String.self, at: "wachtlijst"] == "1"
        let entries = try await CatalogueService.entries(
            on: req.db, activeOnly: !user.roleSet.contains(.admin) && !user.roleSet.contains(.analyst)
        ).filter { e in
            (district == nil || e.intervention.districtCode == nil || e.intervention.districtCode == district)
                && (type == nil || e.intervention.type == type!.rawValue) && (!onlyWaiting || e.waiting > 0)
        }
        let editor = !user.roleSet.isDisjoint(with: CatalogueService.editors)
        let title = onlyWaiting ? t("Wachtlijsten", "Waiting lists") : t("Aanbod", "Catalogue")
        return req.page(
            title,
            el(
                "section", [],
                el("h1", [], txt(title)),
                el(
                    "p", [A("class", "lead")],
                    txt(
                        onlyWaiting
                            ? t(
                                "Aanbod met een wachtlijst. Volgorde op de wachtlijst: prioriteitscategorie, dan verwijsdatum.",
                                "Offers with a waiting list. Order: priority category, then referral date.")
                            : t(
                                "Basispakket (hele stad) en pluspakket per stadsdeel: van dagbesteding tot werk, met vrije plekken en wachtlijsten.",
                                "Basic package (city-wide) and each district's plus package: from day activities to work, with free places and waiting lists."
                            ))),
                editor
                    ? el(
                        "p", [A("class", "actions")],
                        link("/aanbod/nieuw", t("Nieuw aanbod", "New offer"), [A("class", "button")])) : .empty,
                el(
                    "form",
                    [A("method", "get"), A("action", onlyWaiting ? "/wachtlijsten" : "/aanbod"), A("class", "search")],
                    el(
                        "div", [A("class", "field")],
                        el("label", [A("for", "f-stadsdeel")], txt(t("Stadsdeel", "District"))),
                        el(
                            "select", [A("id", "f-stadsdeel"), A("name", "stadsdeel")],
                            [el("option", [A("value", "")], txt(t("Alle stadsdelen", "All districts")))]
                                + districts.pairs.map {
                                    el("option", [A("value", $0.0), A.flag("selected", $0.0 == district)], txt($0.1))
                                })),
                    el(
                        "div", [A("class", "field")], el("label", [A("for", "f-type")], txt(t("Soort", "Type"))),
                        el(
                            "select", [A("id", "f-type"), A("name", "type")],
                            [el("option", [A("value", "")], txt(t("Alle soorten", "All types")))]
                                + InterventionType.allCases.map {
                                    el(
                                        "option", [A("value", $0.rawValue), A.flag("selected", $0 == type)],
                                        txt(t($0.label)))
                                })),
                    onlyWaiting
                        ? void("input", [A("type", "hidden"), A("name", "wachtlijst"), A("value", "1")]) : .empty,
                    button(t("Filteren", "Filter"))),
                el(
                    "p", [A("class", "count"), A("aria-live", "polite")],
                    txt(t("\(entries.count) aanbod", "\(entries.count) offers"))),
                el(
                    "div", [A("class", "table-wrap")],
                    el(
                        "table", [A("class", "data")],
                        el("caption", [A("class", "visually-hidden")], txt(title)),
                        el(
                            "thead", [],
                            el(
                                "tr", [],
                                el("th", [A("scope", "col")], txt(t("Aanbod", "Offer"))),
                                el("th", [A("scope", "col")], txt(t("Soort", "Type"))),
                                el("th", [A("scope", "col")], txt(t("Pakket", "Package"))),
                                el("th", [A("scope", "col")], txt(t("Aanbieder", "Provider"))),
                                el("th", [A("scope", "col")], txt(t("Prijs", "Price"))),
                                el("th", [A("scope", "col")], txt(t("Plekken", "Places"))))),
                        el(
                            "tbody", [],
                            entries.map { e in
                                let i = e.intervention
                                return el(
                                    "tr", [],
                                    el(
                                        "td", [], link("/aanbod/\(i.id!)", i.name),
                                        i.active
                                            ? .empty
                                            : el("span", [A("class", "badge")], txt(t(" inactief", " inactive")))),
                                    el("td", [], txt(t(i.interventionType.label))),
                                    el(
                                        "td", [],
                                        txt(
                                            i.package == "plus"
                                                ? t(
                                                    "plus · \((i.districtCode.map(districts.name) ?? ""))",
                                                    "plus · \((i.districtCode.map(districts.name) ?? ""))")
                                                : t("basis", "basic"))),
                                    el("td", [], txt(e.providerName)),
                                    el("td", [A("class", "num")], txt(euros(i.priceCents))),
                                    el("td", [], txt("\(i.taken)/\(i.capacity) "), placesBadge(e, t)))
                            })))))
    }

    static func detail(_ req: Request) async throws -> Response {
        let districts = try await req.districts()
        let user = try req.requireUser()
        let id = try req.idParameter()
        let e = try await CatalogueService.entry(id, on: req.db)
        let i = e.intervention
        let t = req.t
        let k = i.criteria
        let isCaseManager = !user.roleSet.isDisjoint(with: [.caseManager, .caseTableChair])
        let editor = !user.roleSet.isDisjoint(with: CatalogueService.editors)
        var criteria: [String] = []
        if !k.rungs.isEmpty {
            criteria.append(t("treden ", "rungs ") + k.rungs.map(String.init).joined(separator: ", "))
        }
        if !k.categories.isEmpty {
            criteria.append(t("categorieën ", "categories ") + k.categories.map(String.init).joined(separator: ", "))
        }
        if k.minAge != nil || k.maxAge != nil {
            criteria.append(
                t("leeftijd \(k.minAge ?? 0)-\(k.maxAge ?? 120)", "age \(k.minAge ?? 0)-\(k.maxAge ?? 120)"))
        }
        if !k.benefitKinds.isEmpty {
            criteria.append(t("uitkering: ", "benefit: ") + k.benefitKinds.map(\.rawValue).joined(separator: ", "))
        }
        if !k.districts.isEmpty {
            criteria.append(t("stadsdelen: ", "districts: ") + k.districts.map(districts.name).joined(separator: ", "))
        }
        if !k.routes.isEmpty {
            criteria.append(t("routes: ", "routes: ") + k.routes.map { t($0.label) }.joined(separator: "; "))
        }
        let rows: [(String, String)] = [
            (t("Soort", "Type"), t(i.interventionType.label) + " — " + t(i.interventionType.tier.label)),
            (t("Participatiedomein", "Participation domain"), i.domain),
            (
                t("Pakket", "Package"),
                i.package == "plus"
                    ? t(
                        "pluspakket \((i.districtCode.map(districts.name) ?? ""))",
                        "plus package \((i.districtCode.map(districts.name) ?? ""))")
                    : t("basispakket (hele stad)", "basic package (city-wide)")
            ),
            (t("Aanbieder", "Provider"), e.providerName), (t("Financiering", "Funding stream"), i.fundingStream),
            (t("Prijs per traject", "Price per trajectory"), euros(i.priceCents)),
            (t("Maximale duur", "Maximum duration"), t("\(i.maxMonths) maanden", "\(i.maxMonths) months")),
            (t("Uren per week", "Hours per week"), String(i.hoursPerWeek)), (t("Locatie", "Location"), i.location),
            (
                t("Plekken", "Places"),
                t(
                    "\(i.taken) van \(i.capacity) bezet, \(e.waiting) wachtend",
                    "\(i.taken) of \(i.capacity) taken, \(e.waiting) waiting")
            ),
            (
                t("Toegang", "Access"),
                criteria.isEmpty ? t("geen beperkingen", "no restrictions") : criteria.joined(separator: " · ")
            ),
        ]
        var sections: [HTMLNode] = []
        if isCaseManager {
            let waiting = try await ReferralService.waitingList(id, in: req.context)
            sections.append(
                el(
                    "section", [A("class", "card"), A("aria-labelledby", "h-wait")],
                    el("h2", [A("id", "h-wait")], txt(t("Wachtlijst", "Waiting list"))),
                    waiting.isEmpty
                        ? el("p", [], txt(t("Niemand wacht.", "Nobody is waiting.")))
                        : el(
                            "div", [A("class", "table-wrap")],
                            el(
                                "table", [A("class", "data")],
                                el(
                                    "thead", [],
                                    el(
                                        "tr", [], el("th", [A("scope", "col")], txt("#")),
                                        el("th", [A("scope", "col")], txt(t("Inwoner", "Resident"))),
                                        el("th", [A("scope", "col")], txt(t("Categorie", "Category"))),
                                        el("th", [A("scope", "col")], txt(t("Verwezen", "Referred"))),
                                        el("th", [A("scope", "col")], txt(t("Wacht", "Waiting"))))),
                                el(
                                    "tbody", [],
                                    waiting.map { w in
                                        el(
                                            "tr", [], el("td", [], txt(String(w.position))),
                                            el(
                                                "td", [],
                                                w.personName.map { link("/verwijzingen/\(w.referral.id!)", $0) }
                                                    ?? txt(t("(buiten uw caseload)", "(outside your caseload)"))),
                                            el("td", [], txt(w.referral.category.map(String.init) ?? "—")),
                                            el("td", [], txt(w.referral.referredOn)),
                                            el("td", [], txt(t("\(w.waitedSoFar) dagen", "\(w.waitedSoFar) days"))))
                                    })))))
            let (_, fit) = try await MatchingService.forIntervention(id, in: req.context)
            sections.append(
                el(
                    "section", [A("class", "card"), A("aria-labelledby", "h-fit")],
                    el(
                        "h2", [A("id", "h-fit")],
                        txt(t("Wie past hier? (uit uw caseload)", "Who fits? (from your caseload)"))),
                    fit.isEmpty
                        ? el(
                            "p", [],
                            txt(
                                t(
                                    "Niemand uit uw caseload voldoet aan de toegang.",
                                    "Nobody in your caseload meets the access criteria.")))
                        : el(
                            "ol", [A("class", "matches")],
                            fit.prefix(15).map { c in
                                el(
                                    "li", [],
                                    link(
                                        "/personen/\(c.person.id)/verwijzen",
                                        "\(c.person.givenName) \(c.person.familyName)"),
                                    txt(
                                        " — " + t("categorie ", "category ")
                                            + (c.person.category.map(String.init) ?? "—") + ", " + t("trede ", "rung ")
                                            + (c.person.rung.map(String.init) ?? "—")),
                                    el(
                                        "span", [A("class", "reasons")],
                                        txt(" · " + c.match.reasons.map { t($0.text) }.joined(separator: " "))))
                            })))
        }
        return req.page(
            i.name,
            el(
                "div", [],
                el("p", [A("class", "breadcrumb")], link("/aanbod", t("← Aanbod", "← Catalogue"))),
                el("h1", [], txt(i.name)),
                i.description.map { el("p", [A("class", "lead")], txt($0)) } ?? .empty,
                editor
                    ? el(
                        "p", [A("class", "actions")],
                        link("/aanbod/\(i.id!)/bewerken", t("Bewerken", "Edit"), [A("class", "button")])) : .empty,
                el(
                    "section", [A("class", "card")],
                    el(
                        "dl", [A("class", "facts")],
                        rows.flatMap { [el("dt", [], txt($0.0)), el("dd", [], txt($0.1))] })),
                el("div", [], sections)))
    }

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
        let t = req.t
        let providers = try await CatalogueService.providers(in: req.context)
        let i = existing
        func value(_ name: String, _ current: String?) -> String? { form?[name] ?? current }
        func values(_ name: String, _ current: [String]) -> Set<String> {
            form.map { Set($0.all(name)) } ?? Set(current)
        }
        let action = i.map { "/aanbod/\($0.id!)/bewerken" } ?? "/aanbod/nieuw"
        let k = i?.criteria ?? AccessCriteria()
        return req.page(
            i == nil ? t("Nieuw aanbod", "New offer") : t("Aanbod bewerken", "Edit offer"), status: status,
            el(
                "section", [A("class", "card form-card")],
                el(
                    "p", [A("class", "breadcrumb")],
                    link(i.map { "/aanbod/\($0.id!)" } ?? "/aanbod", t("← Terug", "← Back"))),
                el("h1", [], txt(i?.name ?? t("Nieuw aanbod", "New offer"))),
                errorSummary(errors, t),
                el(
                    "form", [A("method", "post"), A("action", action), A("novalidate", "")],
                    csrfField(req.csrfToken),
                    textInput(
                        FormField(name: "code", label: t("Code", "Code"), errors: errors),
                        value: value("code", i?.code), required: true),
                    textInput(
                        FormField(name: "name", label: t("Naam", "Name"), errors: errors),
                        value: value("name", i?.name), required: true),
                    textArea(
                        FormField(name: "description", label: t("Omschrijving", "Description"), errors: errors),
                        value: value("description", i?.description)),
                    selectInput(
                        FormField(name: "type", label: t("Soort", "Type"), errors: errors),
                        options: InterventionType.allCases.map { ($0.rawValue, t($0.label)) },
                        selected: value("type", i?.type)),
                    selectInput(
                        FormField(
                            name: "domain", label: t("Participatiedomein", "Participation domain"), errors: errors),
                        options: ParticipationDomain.allCases.map { ($0.rawValue, $0.rawValue) },
                        selected: value("domain", i?.domain)),
                    selectInput(
                        FormField(name: "package", label: t("Pakket", "Package"), errors: errors),
                        options: [
                            ("basic", t("basispakket (hele stad)", "basic (city-wide)")),
                            ("plus", t("pluspakket (één stadsdeel)", "plus (one district)")),
                        ], selected: value("package", i?.package)),
                    selectInput(
                        FormField(
                            name: "districtCode",
                            label: t("Stadsdeel (alleen pluspakket)", "District (plus package only)"), errors: errors),
                        options: [("", "—")] + districts.pairs, selected: value("districtCode", i?.districtCode)),
                    selectInput(
                        FormField(name: "providerId", label: t("Aanbieder", "Provider"), errors: errors),
                        options: providers.map { ($0.id!.uuidString, $0.name) },
                        selected: value("providerId", i?.$provider.id.uuidString)),
                    textInput(
                        FormField(
                            name: "fundingStream", label: t("Financieringsstroom", "Funding stream"),
                            hint: "werkdeel, WEB, WI, wmo", errors: errors),
                        value: value("fundingStream", i?.fundingStream)),
                    textInput(
                        FormField(
                            name: "priceEuros",
                            label: t("Prijs per traject (hele euro's)", "Price per trajectory (whole euros)"),
                            errors: errors), value: value("priceEuros", i.map { String($0.priceCents / 100) }),
                        type: "number", extra: [A("min", "0")]),
                    textInput(
                        FormField(
                            name: "maxMonths", label: t("Maximale duur (maanden)", "Maximum duration (months)"),
                            hint: t("SAP hooguit 6, MAP hooguit 24", "SAP at most 6, MAP at most 24"), errors: errors),
                        value: value("maxMonths", i.map { String($0.maxMonths) }), type: "number",
                        extra: [A("min", "1")]),
                    textInput(
                        FormField(
                            name: "capacity", label: t("Capaciteit (plekken)", "Capacity (places)"), errors: errors),
                        value: value("capacity", i.map { String($0.capacity) }), type: "number", extra: [A("min", "0")]),
                    textInput(
                        FormField(name: "hoursPerWeek", label: t("Uren per week", "Hours per week"), errors: errors),
                        value: value("hoursPerWeek", i.map { String($0.hoursPerWeek) }), type: "number",
                        extra: [A("min", "0")]),
                    textInput(
                        FormField(name: "location", label: t("Locatie", "Location"), errors: errors),
                        value: value("location", i?.location)),
                    choiceGroup(
                        FormField(
                            name: "criteria.rungs",
                            label: t("Toegang: treden (leeg = alle)", "Access: rungs (empty = all)"), errors: errors),
                        options: (1...5).map { (String($0), String($0)) },
                        selected: values("criteria.rungs", k.rungs.map(String.init))),
                    choiceGroup(
                        FormField(
                            name: "criteria.categories",
                            label: t(
                                "Toegang: prioriteitscategorieën (leeg = alle)",
                                "Access: priority categories (empty = all)"), errors: errors),
                        options: (1...5).map { (String($0), String($0)) },
                        selected: values("criteria.categories", k.categories.map(String.init))),
                    textInput(
                        FormField(name: "criteria.minAge", label: t("Minimumleeftijd", "Minimum age"), errors: errors),
                        value: value("criteria.minAge", k.minAge.map(String.init)), type: "number"),
                    textInput(
                        FormField(name: "criteria.maxAge", label: t("Maximumleeftijd", "Maximum age"), errors: errors),
                        value: value("criteria.maxAge", k.maxAge.map(String.init)), type: "number"),
                    choiceGroup(
                        FormField(
                            name: "criteria.benefitKinds",
                            label: t("Toegang: uitkering (leeg = alle)", "Access: benefit (empty = all)"),
                            errors: errors), options: BenefitKind.allCases.map { ($0.rawValue, $0.rawValue) },
                        selected: values("criteria.benefitKinds", k.benefitKinds.map(\.rawValue))),
                    choiceGroup(
                        FormField(
                            name: "criteria.routes",
                            label: t("Toegang: route (leeg = alle)", "Access: route (empty = all)"), errors: errors),
                        options: Route.allCases.map { ($0.rawValue, t($0.label)) },
                        selected: values("criteria.routes", k.routes.map(\.rawValue))),
                    i == nil
                        ? .empty
                        : choiceGroup(
                            FormField(name: "active", label: t("Status", "Status"), errors: errors),
                            options: [
                                (
                                    "true",
                                    t("Actief (zichtbaar en verwijsbaar)", "Active (visible and open for referral)")
                                )
                            ], selected: (form.map { $0["active"] == "true" } ?? i!.active) ? ["true"] : []),
                    button(t("Opslaan", "Save")))))
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
            let i = try await CatalogueService.save(&input, existing: existing, in: req.context)
            return "/aanbod/\(i.id!)"
        } again: { fieldErrors, status in
            return try await showForm(
                req, existing: existing, form: form, errors: fieldErrors, status: status)
        }
    }

    static func existing(_ req: Request) async throws -> Intervention {
        guard let i = try await Intervention.find(try req.idParameter(), on: req.db) else {
            throw DomainError.notFound(.init(nl: "Geen aanbod met deze id.", en: "No intervention with this id."))
        }
        return i
    }
}
