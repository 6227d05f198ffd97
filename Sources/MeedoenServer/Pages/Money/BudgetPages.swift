import Fluent
import MeedoenCore
import Vapor

/// Pages for budget holders and policy staff: the budget, the valve simulation, the policy
/// simulation, and the payable incentives. Aggregates only, except where a budget holder prepares payment.
enum BudgetPages {
    static func th(_ s: String) -> HTMLNode { el("th", [A("scope", "col")], txt(s)) }
    static func tdNum(_ s: String) -> HTMLNode { el("td", [A("class", "num")], txt(s)) }

    static func lineTable(_ caption: String, _ lines: [BudgetService.Line], withAllocation: Bool = false, _ t: Texts)
        -> HTMLNode
    {
        guard !lines.isEmpty else {
            return el("p", [], txt(caption + ": " + t("nog niets verplicht.", "nothing committed yet.")))
        }
        let head: [HTMLNode] =
            [th(t("Naam", "Name"))] + (withAllocation ? [th(t("Toegewezen", "Allocated"))] : []) + [
                th(t("Verplicht", "Committed")), th(t("Uitgegeven", "Spent")), th(t("Trajecten", "Enrolments")),
            ]
        return el(
            "div", [A("class", "table-wrap"), A("tabindex", "0")],
            el(
                "table", [A("class", "data")],
                el("caption", [], txt(caption)),
                el("thead", [], el("tr", [], head)),
                el(
                    "tbody", [],
                    lines.map { l in
                        let cells: [HTMLNode] =
                            [el("td", [], txt(l.label))]
                            + (withAllocation ? [tdNum(l.allocatedCents.map(Euro.text) ?? "—")] : [])
                            + [
                                tdNum(Euro.text(l.committedCents)), tdNum(Euro.text(l.spentCents)),
                                tdNum(String(l.count)),
                            ]
                        return el("tr", [], cells)
                    })))
    }

    // MARK: the budget

    static func show(
        _ req: Request, errors: FieldErrors = FieldErrors(), form: FormData? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let user = try req.requireRole(.budgetHolder, .analyst, because: BudgetService.viewers)
        let t = req.t
        let year = try BudgetController.year(req)
        let o = try await BudgetService.overview(year: year, in: req.context)
        let isHolder = user.roleSet.contains(.budgetHolder)
        let names = Dictionary(uniqueKeysWithValues: req.policies.money.streams.map { ($0.code, $0) })
        let chart = BarChart.svg(
            id: "streams",
            title: t(
                "Budget per stroom \(year): uitgegeven, verplicht, beschikbaar",
                "Budget per stream \(year): spent, committed, available"),
            rows: o.streams.map { s in
                BarChart.Row(
                    label: s.name,
                    segments: [
                        .init(value: s.spentCents, colour: BarChart.spent, name: t("uitgegeven", "spent")),
                        .init(value: s.committedCents, colour: BarChart.committed, name: t("verplicht", "committed")),
                        .init(
                            value: max(0, s.availableCents), colour: BarChart.available,
                            name: t("beschikbaar", "available")),
                    ])
            }, format: Euro.text)
        let streamRows: [HTMLNode] = o.streams.map { s in
            let change: HTMLNode =
                isHolder
                ? el(
                    "form",
                    [A("method", "post"), A("action", "/begroting/stromen/\(s.id)"), A("class", "inline-form")],
                    csrfField(req.csrfToken),
                    el(
                        "label", [A("for", "total-\(s.code)"), A("class", "visually-hidden")],
                        txt(t("Nieuw totaal voor \(s.name)", "New total for \(s.name)"))),
                    void(
                        "input",
                        [
                            A("type", "text"), A("inputmode", "decimal"), A("id", "total-\(s.code)"),
                            A("name", "total"), A("size", "12"), A("placeholder", t("nieuw totaal", "new total")),
                        ]),
                    el(
                        "label", [A("for", "reason-\(s.code)"), A("class", "visually-hidden")],
                        txt(t("Reden", "Reason"))),
                    void(
                        "input",
                        [
                            A("type", "text"), A("id", "reason-\(s.code)"), A("name", "reason"),
                            A("placeholder", t("reden", "reason")),
                        ]),
                    button(t("Wijzigen", "Change"), secondary: true)) : .empty
            return el(
                "tr", [],
                el("th", [A("scope", "row")], txt(s.name), el("span", [A("class", "meta")], txt(" (\(s.code))"))),
                tdNum(Euro.text(s.totalCents)), tdNum(Euro.text(s.spentCents)), tdNum(Euro.text(s.committedCents)),
                el("td", [A("class", s.availableCents <= 0 ? "num warn" : "num")], txt(Euro.text(s.availableCents))),
                el("td", [], change))
        }
        let districtLines = o.streams.flatMap { s in
            s.byDistrict.map {
                BudgetService.Line(
                    key: $0.key, label: "\(s.code) · \($0.label)", allocatedCents: $0.allocatedCents,
                    committedCents: $0.committedCents, spentCents: $0.spentCents, count: $0.count)
            }
        }
        let categoryLines = o.byCategory.map {
            var l = $0
            l.label = l.key == "0" ? t("geen categorie", "no category") : t("categorie ", "category ") + l.key
            return l
        }

        var waitingList: HTMLNode = .empty
        if isHolder && o.waitingForBudget > 0 {
            let (waiting, interventions) = try await BudgetService.waitingForBudget(in: req.context)
            waitingList = el(
                "section", [A("class", "card"), A("aria-labelledby", "h-waiting")],
                el(
                    "h2", [A("id", "h-waiting")],
                    txt(t("Wachtend op budget (\(o.waitingForBudget))", "Waiting for budget (\(o.waitingForBudget))"))),
                el(
                    "p", [],
                    txt(
                        t(
                            "Deze verwijzingen hebben een plek nodig maar hun stroom heeft geen ruimte. Meer budget biedt ze op volgorde (categorie, dan datum) een plek aan. U kunt er één financieren boven de stroom uit, met een reden die wordt vastgelegd. Namen ziet u niet.",
                            "These referrals need a place but their stream has no room. More budget offers them a place in order (category, then date). You can fund one beyond the stream, with a reason that is recorded. You do not see names."
                        ))),
                el(
                    "div", [A("class", "table-wrap"), A("tabindex", "0")],
                    el(
                        "table", [A("class", "data")],
                        el(
                            "thead", [],
                            el(
                                "tr", [], th(t("Verwezen", "Referred")), th(t("Aanbod", "Offer")),
                                th(t("Categorie", "Category")), th(t("Prijs", "Price")), th(t("Financieren", "Fund")))),
                        el(
                            "tbody", [],
                            waiting.map { r in
                                let i = interventions[r.$intervention.id]
                                return el(
                                    "tr", [], el("td", [], txt(r.referredOn)), el("td", [], txt(i?.name ?? "")),
                                    el("td", [], txt(r.category.map(String.init) ?? "—")),
                                    tdNum(Euro.text(i?.priceCents ?? 0)),
                                    el(
                                        "td", [],
                                        el(
                                            "form",
                                            [
                                                A("method", "post"),
                                                A("action", "/begroting/verwijzingen/\(r.id!)/financieren"),
                                                A("class", "inline-form"),
                                            ],
                                            csrfField(req.csrfToken),
                                            el(
                                                "label", [A("for", "fund-\(r.id!)"), A("class", "visually-hidden")],
                                                txt(t("Reden om te financieren", "Reason to fund"))),
                                            void(
                                                "input",
                                                [
                                                    A("type", "text"), A("id", "fund-\(r.id!)"), A("name", "reason"),
                                                    A(
                                                        "placeholder",
                                                        t("reden (min. 10 tekens)", "reason (min. 10 characters)")),
                                                ]),
                                            button(t("Financieren", "Fund"), secondary: true))))
                            }))))
        }

        let streamOptions: [(value: String, label: String)] = req.policies.money.streams.map {
            ($0.code, t($0.nl, $0.en))
        }
        let newStream: HTMLNode =
            isHolder
            ? el(
                "details", [], el("summary", [], txt(t("Stroom toevoegen voor een jaar", "Add a stream for a year"))),
                el(
                    "form", [A("method", "post"), A("action", "/begroting/stromen"), A("novalidate", "")],
                    csrfField(req.csrfToken),
                    textInput(
                        FormField(name: "year", label: t("Jaar", "Year"), errors: errors),
                        value: form?["year"] ?? String(year), type: "number"),
                    selectInput(
                        FormField(name: "code", label: t("Stroom", "Stream"), errors: errors), options: streamOptions,
                        selected: form?["code"]),
                    textInput(
                        FormField(name: "totalCents", label: t("Totaal in euro", "Total in euros"), errors: errors),
                        value: form?["totalCents"], extra: [A("inputmode", "decimal")]),
                    button(t("Toevoegen", "Add")))) : .empty
        let allocate: HTMLNode =
            isHolder && !o.streams.isEmpty
            ? el(
                "details", [], el("summary", [], txt(t("Verdelen over stadsdelen", "Allocate to districts"))),
                el(
                    "form", [A("method", "post"), A("action", "/begroting/verdeling"), A("novalidate", "")],
                    csrfField(req.csrfToken),
                    selectInput(
                        FormField(name: "allocationStream", label: t("Stroom", "Stream"), errors: errors),
                        options: o.streams.map { ($0.id.uuidString, $0.name) }, selected: form?["allocationStream"]),
                    selectInput(
                        FormField(name: "allocationDistrict", label: t("Stadsdeel", "District"), errors: errors),
                        options: try await req.districts().pairs, selected: form?["allocationDistrict"]),
                    textInput(
                        FormField(
                            name: "allocationTotal", label: t("Bedrag in euro", "Amount in euros"), errors: errors),
                        value: form?["allocationTotal"], extra: [A("inputmode", "decimal")]),
                    button(t("Toewijzen", "Allocate")))) : .empty

        let simulations = try await ValveService.list(limit: 8, in: req.context)
        let valveForm = el(
            "section", [A("class", "card"), A("aria-labelledby", "h-valve")],
            el("h2", [A("id", "h-valve")], txt(t("Ventielsimulatie", "Valve simulation"))),
            el(
                "p", [],
                txt(
                    t(
                        "Wat doet een korting of verhoging? Er verandert niets tot een budgethouder de simulatie toepast. Categorie 3 geeft eerst; 1 en 2 zijn beschermd zolang het geld het toelaat.",
                        "What does a cut or increase do? Nothing changes until a budget holder applies the simulation. Category 3 gives first; 1 and 2 are protected as long as the money allows."
                    ))),
            el(
                "form", [A("method", "post"), A("action", "/begroting/ventiel"), A("novalidate", "")],
                csrfField(req.csrfToken),
                selectInput(
                    FormField(name: "streamCode", label: t("Stroom", "Stream"), errors: errors),
                    options: o.streams.map { ($0.code, $0.name) }, selected: form?["streamCode"]),
                textInput(
                    FormField(
                        name: "percent",
                        label: t("Wijziging in procent (−20 is 20% korting)", "Change in percent (−20 is a 20% cut)"),
                        errors: errors), value: form?["percent"], extra: [A("inputmode", "decimal")]),
                textInput(
                    FormField(
                        name: "amount",
                        label: t(
                            "of een bedrag in euro (negatief is korting)", "or an amount in euros (negative is a cut)"),
                        errors: errors), value: form?["amount"], extra: [A("inputmode", "decimal")]),
                button(t("Simuleren", "Simulate"))),
            simulations.isEmpty ? .empty : el("h3", [], txt(t("Eerdere simulaties", "Earlier simulations"))),
            simulations.isEmpty
                ? .empty
                : el(
                    "ul", [],
                    simulations.map { s in
                        el(
                            "li", [],
                            link(
                                "/begroting/ventiel/\(s.id!)",
                                "\(s.createdAt.map { Clock.today(now: $0).iso } ?? "") — \(s.createdByName)"),
                            s.appliedAt == nil
                                ? .empty : el("span", [A("class", "badge ok")], txt(t("toegepast", "applied"))))
                    }))

        return req.page(
            t("Begroting", "Budget"), status: status,
            el(
                "div", [],
                el("h1", [], txt(t("Participatiebudget \(year)", "Participation budget \(year)"))),
                el(
                    "p", [A("class", "lead")],
                    txt(
                        t(
                            "Eén gebundeld budget, verantwoord per stroom. Totaal \(Euro.text(o.totalCents)): uitgegeven \(Euro.text(o.spentCents)), verplicht \(Euro.text(o.committedCents)), beschikbaar \(Euro.text(o.availableCents)).",
                            "One bundled budget, accounted per stream. Total \(Euro.text(o.totalCents)): spent \(Euro.text(o.spentCents)), committed \(Euro.text(o.committedCents)), available \(Euro.text(o.availableCents))."
                        ))),
                errorSummary(errors, t),
                el(
                    "section", [A("class", "card"), A("aria-labelledby", "h-streams")],
                    el("h2", [A("id", "h-streams")], txt(t("Stromen", "Streams"))),
                    markup(chart),
                    el(
                        "div", [A("class", "table-wrap"), A("tabindex", "0")],
                        el(
                            "table", [A("class", "data")],
                            el(
                                "thead", [],
                                el(
                                    "tr", [], th(t("Stroom", "Stream")), th(t("Totaal", "Total")),
                                    th(t("Uitgegeven", "Spent")), th(t("Verplicht", "Committed")),
                                    th(t("Beschikbaar", "Available")),
                                    th(isHolder ? t("Totaal wijzigen", "Change total") : ""))),
                            el("tbody", [], streamRows))),
                    o.streams.isEmpty
                        ? el(
                            "p", [],
                            txt(
                                t(
                                    "Voor dit jaar zijn nog geen stromen begroot.",
                                    "No streams are budgeted for this year yet."))) : .empty,
                    newStream, allocate,
                    el(
                        "p", [A("class", "meta")],
                        txt(
                            names.isEmpty
                                ? ""
                                : t(
                                    "Een verwijzing verplicht de prijs van het aanbod zodra er een plek is; weigeren of intrekken geeft alles terug, eerder stoppen het deel naar rato.",
                                    "A referral commits the offer's price once there is a place; refusal or withdrawal gives it all back, an early end the pro-rata rest."
                                )))),
                waitingList,
                valveForm,
                el(
                    "div", [A("class", "grid")],
                    el(
                        "section", [A("class", "card")], lineTable(t("Per categorie", "Per category"), categoryLines, t)
                    ),
                    el(
                        "section", [A("class", "card")],
                        lineTable(t("Per stadsdeel", "Per district"), districtLines, withAllocation: true, t))),
                el(
                    "section", [A("class", "card")],
                    lineTable(
                        t("Per aanbod (grootste eerst)", "Per offer (largest first)"),
                        Array(o.byIntervention.prefix(20)), t))))
    }

    /// A budget form: the fields as API input, the service, back to the budget — or the budget page
    /// again with the errors linked to their fields and what was typed kept.
    static func submit(
        _ req: Request, _ fields: [String: JSONValue?], of form: FormData, rename: [String: String] = [:],
        _ act: (inout Input) async throws -> Void
    ) async throws -> Response {
        var input = Input(form: fields)
        return try await PageForm.submit(
            req, saved: .init(nl: "De begroting is bijgewerkt.", en: "The budget has been updated.")
        ) {
            try await act(&input)
            return "/begroting"
        } again: { fieldErrors, status in
            let errors = rename.reduce(fieldErrors) { $0.renamed($1.key, $1.value) }
            return try await show(req, errors: errors, form: form, status: status)
        }
    }

    static func createStream(_ req: Request) async throws -> Response {
        let form = FormData(req)
        return try await submit(
            req, ["year": form.int("year"), "code": form.string("code"), "totalCents": Euro.field(form, "totalCents")],
            of: form
        ) {
            _ = try await BudgetService.createStream(&$0, in: req.context)
        }
    }

    static func changeStream(_ req: Request) async throws -> Response {
        let id = try req.idParameter()
        let form = FormData(req)
        return try await submit(
            req, ["totalCents": Euro.field(form, "total"), "reason": form.string("reason")], of: form
        ) {
            _ = try await BudgetService.changeTotal(id, &$0, in: req.context)
        }
    }

    static func allocate(_ req: Request) async throws -> Response {
        let form = FormData(req)
        guard let stream = UUID(uuidString: form["allocationStream"] ?? "") else {
            return try await show(
                req,
                errors: FieldErrors(
                    DomainError.invalid(
                        "allocationStream", "required", .init(nl: "Kies een stroom.", en: "Choose a stream.")),
                    req.language), form: form, status: .unprocessableEntity)
        }
        return try await submit(
            req,
            ["districtCode": form.string("allocationDistrict"), "totalCents": Euro.field(form, "allocationTotal")],
            of: form,
            rename: ["districtCode": "allocationDistrict", "totalCents": "allocationTotal"]
        ) {
            _ = try await BudgetService.allocate(stream, &$0, in: req.context)
        }
    }

    static func fund(_ req: Request) async throws -> Response {
        let id = try req.idParameter()
        let form = FormData(req)
        return try await submit(req, ["reason": form.string("reason")], of: form) {
            _ = try await BudgetService.fund(id, &$0, in: req.context)
        }
    }

    // MARK: valve

    static func simulate(_ req: Request) async throws -> Response {
        let form = FormData(req)
        var change: [String: JSONValue] = ["streamCode": form.string("streamCode") ?? .null]
        if let pct = form["percent"]?.trimmingCharacters(in: .whitespaces), !pct.isEmpty {
            // Percent with up to two decimals → basis points.
            change["basisPoints"] =
                Euro.cents(pct.replacingOccurrences(of: "−", with: "-")).map(JSONValue.int) ?? .string(pct)
        }
        if let amount = Euro.field(form, "amount") { change["amountCents"] = amount }
        var input = Input(form: ["changes": .array([.object(change)])])
        return try await PageForm.submit(
            req,
            rename: { name in
                var name = name
                if name.hasSuffix("basisPoints") {
                    name = "percent"
                } else if name.hasSuffix("amountCents") {
                    name = "amount"
                } else if name.hasSuffix("streamCode") {
                    name = "streamCode"
                }
                return name
            }
        ) {
            let dto = try await ValveService.simulate(&input, in: req.context)
            return "/begroting/ventiel/\(dto.id!)"
        } again: { fieldErrors, status in
            return try await show(req, errors: fieldErrors, form: form, status: status)
        }
    }

    static func valve(_ req: Request, errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        let user = try req.requireUser()
        let t = req.t
        let id = try req.idParameter()
        let s = try await ValveService.read(id, in: req.context)
        let isHolder = user.roleSet.contains(.budgetHolder)
        let asCaseManager = !isHolder && !user.roleSet.contains(.analyst)
        let changes = s.changes.map { c in
            let pct = c.basisPoints.map { bp in
                (bp < 0 ? "−" : "+")
                    + String(format: "%.2f%%", Double(abs(bp)) / 100).replacingOccurrences(
                        of: ".", with: req.language == .nl ? "," : ".")
            }
            return c.streamCode + " " + (pct ?? Euro.text(c.amountCents ?? 0))
        }.joined(separator: ", ")
        let cats = Set(s.lapsedByCategory.map(\.key) + s.startingByCategory.map(\.key)).sorted()
        let chart = BarChart.svg(
            id: "valve",
            title: t("Per categorie: vervallen en kunnen starten", "Per category: lapsing and able to start"),
            rows: cats.map { k in
                BarChart.Row(
                    label: k == "0" ? t("geen categorie", "no category") : t("categorie ", "category ") + k,
                    segments: [
                        .init(
                            value: s.lapsedByCategory.first { $0.key == k }?.count ?? 0, colour: BarChart.lapse,
                            name: t("vervalt", "lapses")),
                        .init(
                            value: s.startingByCategory.first { $0.key == k }?.count ?? 0, colour: BarChart.start,
                            name: t("kan starten", "can start")),
                    ])
            })
        func counts(_ caption: String, _ rows: [ValveService.CountDTO]) -> HTMLNode {
            rows.isEmpty
                ? .empty
                : el(
                    "div", [A("class", "table-wrap"), A("tabindex", "0")],
                    el(
                        "table", [A("class", "data")], el("caption", [], txt(caption)),
                        el("thead", [], el("tr", [], th(t("Naam", "Name")), th(t("Aantal", "Count")))),
                        el("tbody", [], rows.map { el("tr", [], el("td", [], txt($0.label)), tdNum(String($0.count))) })
                    ))
        }
        let effects: [String: String] = [
            "lapse": t("aanbod vervalt", "offer lapses"),
            "waitingLapse": t("wachtende vervalt", "waiting referral lapses"), "start": t("kan starten", "can start"),
        ]
        let streamTable = el(
            "div", [A("class", "table-wrap"), A("tabindex", "0")],
            el(
                "table", [A("class", "data")],
                el(
                    "thead", [],
                    el(
                        "tr", [], th(t("Stroom", "Stream")), th(t("Oud totaal", "Old total")),
                        th(t("Nieuw totaal", "New total")), th(t("Nodig", "Needed")),
                        th(t("Saldo", "Balance")), th(t("Vervalt", "Lapse")), th(t("Start", "Start")),
                        th(t("Beschermd geraakt", "Protected hit")))),
                el(
                    "tbody", [],
                    s.streams.map { st in
                        el(
                            "tr", [], el("td", [], txt(st.code)), tdNum(Euro.text(st.oldTotalCents)),
                            tdNum(Euro.text(st.newTotalCents)), tdNum(Euro.text(st.neededCents)),
                            tdNum(Euro.text(st.balanceCents)), tdNum(String(st.lapsed + st.waitingLapsed)),
                            tdNum(String(st.canStart)),
                            el(
                                "td", [],
                                st.protectedHit
                                    ? el(
                                        "span", [A("class", "badge cat-1")],
                                        txt(t("ja: categorie 1 of 2", "yes: category 1 or 2"))) : txt(t("nee", "no"))))
                    })))
        let affected: HTMLNode =
            s.affected.isEmpty
            ? el("p", [], txt(t("Niemand wordt geraakt.", "Nobody is affected.")))
            : el(
                "div", [A("class", "table-wrap"), A("tabindex", "0")],
                el(
                    "table", [A("class", "data")],
                    el(
                        "caption", [],
                        txt(
                            asCaseManager
                                ? t("Uw inwoners die het raakt", "Your residents it affects")
                                : t("Geraakte verwijzingen (zonder namen)", "Affected referrals (without names)"))),
                    el(
                        "thead", [],
                        el(
                            "tr", [], th(t("Gevolg", "Effect")),
                            th(asCaseManager ? t("Inwoner", "Resident") : t("Verwijzing", "Referral")),
                            th(t("Aanbod", "Offer")), th(t("Categorie", "Category")), th(t("Stadsdeel", "District")))),
                    el(
                        "tbody", [],
                        s.affected.prefix(200).map { a in
                            el(
                                "tr", [], el("td", [], txt(effects[a.effect] ?? a.effect)),
                                el(
                                    "td", [],
                                    asCaseManager
                                        ? link("/verwijzingen/\(a.referralId)", a.personName ?? "—")
                                        : txt(String(a.referralId.uuidString.prefix(8)).lowercased())),
                                el("td", [], txt(a.interventionName)),
                                el("td", [], txt(a.category.map(String.init) ?? "—")), el("td", [], txt(a.districtCode))
                            )
                        })))
        let perCM: HTMLNode =
            s.byCaseManager.isEmpty
            ? .empty
            : el(
                "div", [A("class", "table-wrap"), A("tabindex", "0")],
                el(
                    "table", [A("class", "data")],
                    el(
                        "caption", [],
                        txt(
                            t(
                                "Per klantmanager (zij zien hun eigen inwoners op deze pagina)",
                                "Per case manager (they see their own residents on this page)"))),
                    el(
                        "thead", [],
                        el(
                            "tr", [], th(t("Klantmanager", "Case manager")), th(t("Vervalt", "Lapse")),
                            th(t("Start", "Start")))),
                    el(
                        "tbody", [],
                        s.byCaseManager.map {
                            el("tr", [], el("td", [], txt($0.name)), tdNum(String($0.lapse)), tdNum(String($0.start)))
                        })))
        let apply: HTMLNode
        if let a = s.applied {
            apply = el(
                "p", [A("class", "notice")],
                txt(
                    t(
                        "Toegepast door \(a.by): \(a.reason). \(a.withdrawn) verwijzingen ingetrokken, \(a.offered) plekken aangeboden.",
                        "Applied by \(a.by): \(a.reason). \(a.withdrawn) referrals withdrawn, \(a.offered) places offered."
                    )))
        } else if isHolder {
            apply = el(
                "form",
                [
                    A("method", "post"), A("action", "/begroting/ventiel/\(id)/toepassen"), A("class", "card"),
                    A("novalidate", ""),
                ],
                el("h2", [], txt(t("Toepassen", "Apply"))),
                el(
                    "p", [],
                    txt(
                        t(
                            "Toepassen rekent opnieuw op de begroting van nu, past de totalen aan, trekt de vervallen verwijzingen in (met reden, zichtbaar voor de klantmanager) en biedt wachtenden een plek aan. Dit wordt vastgelegd.",
                            "Applying recomputes on today's budget, changes the totals, withdraws the lapsing referrals (with a reason the case manager sees) and offers waiting referrals a place. This is recorded."
                        ))),
                csrfField(req.csrfToken),
                textArea(
                    FormField(name: "reason", label: t("Besluit en reden", "Decision and reason"), errors: errors),
                    value: nil, rows: 2),
                button(t("Simulatie toepassen", "Apply simulation")))
        } else {
            apply = .empty
        }
        return req.page(
            t("Ventielsimulatie", "Valve simulation"), status: status,
            el(
                "div", [],
                el(
                    "p", [A("class", "breadcrumb")],
                    asCaseManager
                        ? link("/mijn-werk", t("← Mijn werk", "← My work"))
                        : link("/begroting", t("← Begroting", "← Budget"))),
                el(
                    "h1", [], txt(t("Ventielsimulatie \(s.year): \(changes)", "Valve simulation \(s.year): \(changes)"))
                ),
                el(
                    "p", [A("class", "lead")],
                    txt(
                        t("Door \(s.createdBy). Er is niets veranderd", "By \(s.createdBy). Nothing has changed")
                            + (s.applied == nil
                                ? t(" — dit is een simulatie.", " — this is a simulation.")
                                : t(" tot het toepassen hieronder.", " until it was applied below.")))),
                errorSummary(errors, t),
                el("section", [A("class", "card")], el("ul", [], s.reasons.map { el("li", [], txt($0)) }), streamTable),
                cats.isEmpty
                    ? .empty
                    : el(
                        "section", [A("class", "card")], el("h2", [], txt(t("Per categorie", "Per category"))),
                        markup(chart),
                        el(
                            "div", [A("class", "grid")],
                            counts(t("Vervalt per categorie", "Lapsing per category"), s.lapsedByCategory),
                            counts(t("Kan starten per categorie", "Can start per category"), s.startingByCategory))),
                el(
                    "div", [A("class", "grid")],
                    el(
                        "section", [A("class", "card")],
                        counts(t("Vervalt per stadsdeel", "Lapsing per district"), s.lapsedByDistrict),
                        counts(t("Vervalt per aanbod", "Lapsing per offer"), s.lapsedByIntervention)),
                    el("section", [A("class", "card")], perCM)),
                el("section", [A("class", "card")], affected),
                apply))
    }

    static func applyValve(_ req: Request) async throws -> Response {
        let form = FormData(req)
        var input = Input(form: ["reason": form.string("reason")])
        return try await PageForm.submit(
            req, saved: .init(nl: "De ventielsimulatie is toegepast.", en: "The valve simulation has been applied.")
        ) {
            _ = try await ValveService.apply(try req.idParameter(), &input, in: req.context)
            return "/begroting/ventiel/\(try req.idParameter())"
        } again: { fieldErrors, status in
            return try await valve(req, errors: fieldErrors, status: status)
        }
    }

    // MARK: policy simulation

    static func policy(
        _ req: Request, draft: String? = nil, result: PolicySimulationService.ResultDTO? = nil,
        errors: FieldErrors = FieldErrors(),
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let user = try req.requireRole(.analyst, .budgetHolder, .admin, because: PolicySimulationService.policyStaff)
        let t = req.t
        let current = req.policies.current
        let text = draft ?? String(decoding: (try? JSONEncoder.pretty.encode(current)) ?? Data(), as: UTF8.self)
        let mayAdopt = !user.roleSet.isDisjoint(with: [.analyst, .admin])
        var resultNode: HTMLNode = .empty
        if let r = result {
            let labels = ["open", "1", "2", "3", "4", "5"]
            let matrix = el(
                "div", [A("class", "table-wrap"), A("tabindex", "0")],
                el(
                    "table", [A("class", "data matrix")],
                    el(
                        "caption", [],
                        txt(t("Nu (rijen) × na het concept (kolommen)", "Now (rows) × under the draft (columns)"))),
                    el("thead", [], el("tr", [], [th(t("nu \\ concept", "now \\ draft"))] + labels.map { th($0) })),
                    el(
                        "tbody", [],
                        r.matrix.map { row in
                            el(
                                "tr", [],
                                [el("th", [A("scope", "row")], txt(row.from))]
                                    + row.counts.enumerated().map { n, c in
                                        el(
                                            "td",
                                            [
                                                A(
                                                    "class",
                                                    labels[n] == row.from ? "num same" : c > 0 ? "num moved" : "num")
                                            ], txt(String(c)))
                                    })
                        })))
            let chart = BarChart.svg(
                id: "policy-districts", title: t("Verschuivingen per stadsdeel", "Shifts per district"),
                rows: r.changedByDistrict.map {
                    BarChart.Row(
                        label: $0.label,
                        segments: [.init(value: $0.changed, colour: BarChart.committed, name: t("anders", "changed"))])
                })
            resultNode = el(
                "section", [A("class", "card"), A("aria-labelledby", "h-result")],
                el(
                    "h2", [A("id", "h-result")],
                    txt(
                        t(
                            "Uitkomst: \(r.changed) van \(r.total) inwoners krijgen een andere categorie",
                            "Result: \(r.changed) of \(r.total) residents get another category"))),
                el(
                    "p", [],
                    txt(
                        t(
                            "Concept \(r.policy.id) v\(r.policy.version) tegenover \(r.basedOn.id) v\(r.basedOn.version). Verplicht geld bij mensen die uit categorie 1-3 gaan: \(Euro.text(r.committedAtRiskCents)); nieuw in categorie 1-3: \(r.newlyInvested). Geladen in \(r.millisecondsLoad) ms, berekend in \(r.millisecondsCompute) ms.",
                            "Draft \(r.policy.id) v\(r.policy.version) against \(r.basedOn.id) v\(r.basedOn.version). Committed money of people leaving categories 1-3: \(Euro.text(r.committedAtRiskCents)); new in categories 1-3: \(r.newlyInvested). Loaded in \(r.millisecondsLoad) ms, computed in \(r.millisecondsCompute) ms."
                        ))),
                matrix,
                r.changedByDistrict.isEmpty ? .empty : markup(chart),
                mayAdopt
                    ? el(
                        "form", [A("method", "post"), A("action", "/beleid/vaststellen"), A("novalidate", "")],
                        el("h3", [], txt(t("Vaststellen", "Adopt"))),
                        el(
                            "p", [],
                            txt(
                                t(
                                    "Vanaf nu gebruiken nieuwe diagnoses deze versie; bestaande diagnoses houden hun versie. Dit wordt vastgelegd.",
                                    "From now on new diagnoses use this version; existing ones keep theirs. This is recorded."
                                ))),
                        csrfField(req.csrfToken),
                        void("input", [A("type", "hidden"), A("name", "policy"), A("value", text)]),
                        textArea(
                            FormField(
                                name: "reason", label: t("Besluit en reden", "Decision and reason"), errors: errors),
                            value: nil, rows: 2),
                        button(t("Deze versie vaststellen", "Adopt this version"))) : .empty)
        }
        let adoptions = try await PolicySimulationService.recentAdoptions(in: req.context)
        return req.page(
            t("Beleidssimulatie", "Policy simulation"), status: status,
            el(
                "div", [],
                el("h1", [], txt(t("Beleidssimulatie", "Policy simulation"))),
                el(
                    "p", [A("class", "lead")],
                    txt(
                        t(
                            "Van kracht: \(current.id) v\(current.version). Pas doelgroepen of categorieën aan in het concept en zie wat het doet met iedereen met een diagnose — er verandert niets tot het wordt vastgesteld.",
                            "In force: \(current.id) v\(current.version). Change target groups or categories in the draft and see what it does to everyone with a diagnosis — nothing changes until it is adopted."
                        ))),
                errorSummary(errors, t),
                resultNode,
                el(
                    "form",
                    [A("method", "post"), A("action", "/beleid/simulatie"), A("class", "card"), A("novalidate", "")],
                    csrfField(req.csrfToken),
                    textArea(
                        FormField(
                            name: "policy",
                            label: t(
                                "Conceptbeleid (JSON, zoals Policies/diagnosis/*.json)",
                                "Draft policy (JSON, as Policies/diagnosis/*.json)"), errors: errors), value: text,
                        rows: 18),
                    button(t("Simuleren", "Simulate"))),
                adoptions.isEmpty
                    ? .empty
                    : el(
                        "section", [A("class", "card")],
                        el("h2", [], txt(t("Vastgestelde versies", "Adopted versions"))),
                        el(
                            "ul", [],
                            adoptions.map { a in
                                el(
                                    "li", [],
                                    txt(
                                        "\(a.policyID) v\(a.version) — \(Clock.today(now: a.adoptedAt).iso), \(a.adoptedByName): \(a.reason)"
                                    ))
                            }))))
    }

    /// Wraps the form's JSON text as the API body `{"policy": …, "reason": …}` and runs the service on it.
    static func withPolicyBody(_ form: FormData) -> (String, Data)? {
        guard let text = form["policy"], let data = text.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data)
        else { return nil }
        var body: [String: Any] = ["policy": object]
        if let reason = form["reason"], !reason.trimmingCharacters(in: .whitespaces).isEmpty { body["reason"] = reason }
        guard let json = try? JSONSerialization.data(withJSONObject: body) else { return nil }
        return (text, json)
    }

    static func simulatePolicy(_ req: Request) async throws -> Response {
        let form = FormData(req)
        guard let (text, body) = withPolicyBody(form) else {
            let p = DomainError.invalid(
                "policy", "invalidJSON",
                .init(nl: "Het concept is geen geldige JSON.", en: "The draft is not valid JSON."))
            return try await policy(
                req, draft: form["policy"], errors: FieldErrors(p, req.language), status: .unprocessableEntity)
        }
        return try await PageForm.render(req, rename: { $0.hasPrefix("policy") ? "policy" : $0 }) {
            let result = try await PolicySimulationService.simulate(body: body, in: req.context)
            return try await policy(req, draft: text, result: result)
        } again: { fieldErrors, status in
            try await policy(req, draft: text, errors: fieldErrors, status: status)
        }
    }

    static func adoptPolicy(_ req: Request) async throws -> Response {
        let form = FormData(req)
        guard let (text, body) = withPolicyBody(form) else { return req.redirect(to: "/beleid/simulatie") }
        return try await PageForm.submit(
            req, saved: .init(nl: "De beleidsversie is vastgesteld.", en: "The policy version has been adopted."),
            rename: { name in
                var name = name
                if name.hasPrefix("policy") { name = "policy" }
                return name
            }
        ) {
            _ = try await PolicySimulationService.adopt(body: body, in: req.context)
            return "/beleid/simulatie"
        } again: { fieldErrors, status in
            return try await policy(req, draft: text, errors: fieldErrors, status: status)
        }
    }

    // MARK: payable incentives

    static func payouts(_ req: Request) async throws -> Response {
        try req.requireRole(.budgetHolder, because: BudgetService.holderOnly)
        let t = req.t
        let (items, persons, exports) = try await IncentiveService.payouts(in: req.context)
        let total = items.reduce(0) { $0 + $1.amountCents }
        return req.page(
            t("Uitbetalingen", "Payments"),
            el(
                "div", [],
                el("h1", [], txt(t("Premies en vergoedingen om uit te betalen", "Premiums and allowances to pay"))),
                el(
                    "p", [A("class", "lead")],
                    txt(
                        t(
                            "Meedoen betaalt niet zelf: een export (CSV voor het betaalsysteem) neemt elke post één keer mee. \(items.count) posten, samen \(Euro.text(total)).",
                            "Meedoen does not pay itself: an export (CSV for the payment system) takes each item once. \(items.count) items, together \(Euro.text(total))."
                        ))),
                items.isEmpty
                    ? el("p", [], txt(t("Er staat niets open.", "Nothing is open.")))
                    : el(
                        "form", [A("method", "post"), A("action", "/uitbetalingen/export")], csrfField(req.csrfToken),
                        button(t("Exporteren voor het betaalsysteem", "Export for the payment system"))),
                items.isEmpty
                    ? .empty
                    : el(
                        "div", [A("class", "table-wrap"), A("tabindex", "0")],
                        el(
                            "table", [A("class", "data")],
                            el(
                                "thead", [],
                                el(
                                    "tr", [], th(t("Inwoner", "Resident")), th(t("Soort", "Kind")),
                                    th(t("Bedrag", "Amount")), th(t("Periode", "Period")),
                                    th(t("Vastgelegd door", "Recorded by")))),
                            el(
                                "tbody", [],
                                items.map { i in
                                    el(
                                        "tr", [], el("td", [], txt(persons[i.personID]?.fullName ?? "")),
                                        el(
                                            "td", [], txt(IncentiveKind(rawValue: i.kind).map { t($0.label) } ?? i.kind)
                                        ),
                                        tdNum(Euro.text(i.amountCents)), el("td", [], txt(i.period ?? "")),
                                        el("td", [], txt(i.createdByName)))
                                }))),
                exports.isEmpty
                    ? .empty
                    : el(
                        "section", [A("class", "card")], el("h2", [], txt(t("Eerdere exports", "Earlier exports"))),
                        el(
                            "ul", [],
                            exports.map { e in
                                el(
                                    "li", [],
                                    link(
                                        "/uitbetalingen/\(e.id!)/csv",
                                        "\(e.createdAt.map { Clock.today(now: $0).iso } ?? "") — \(e.items) \(t("posten", "items")), \(Euro.text(e.totalCents))"
                                    ))
                            }))))
    }

    static func export(_ req: Request) async throws -> Response {
        let e = try await IncentiveService.export(in: req.context)
        return req.redirect(to: "/uitbetalingen/\(e.id!)/csv")
    }
}

extension JSONEncoder {
    static var pretty: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return e
    }
}
