import Foundation
import MeedoenCore

extension BudgetPages {
    static func view(_ m: Model, _ v: ViewContext, errors: FieldErrors = FieldErrors(), form: FormData? = nil)
        -> HTMLNode
    {
        let t = v.t
        let (year, o, isHolder) = (m.year, m.overview, m.isHolder)
        let names = Dictionary(uniqueKeysWithValues: m.streams.map { ($0.code, $0) })
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
                    csrfField(v.csrfToken),
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
                el("th", [A("scope", "row")], txt(s.name)),
                tdNum(Euro.text(s.totalCents)), tdNum(Euro.text(s.spentCents)), tdNum(Euro.text(s.committedCents)),
                el("td", [A("class", s.availableCents <= 0 ? "num warn" : "num")], txt(Euro.text(s.availableCents))),
                el("td", [], change))
        }
        let districtLines = o.streams.flatMap { s in
            s.byDistrict.map {
                BudgetService.Line(
                    key: $0.key, label: "\(s.name) · \($0.label)", allocatedCents: $0.allocatedCents,
                    committedCents: $0.committedCents, spentCents: $0.spentCents, count: $0.count)
            }
        }
        let categoryLines = o.byCategory.map {
            var l = $0
            l.label = l.key == "0" ? t("geen categorie", "no category") : t("categorie ", "category ") + l.key
            return l
        }

        var waitingList: HTMLNode = .empty
        if let (waiting, interventions) = m.waitingForBudget {
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
                                    "tr", [], dateCell(DateFormatting.day(iso: r.referredOn)),
                                    el("td", [], txt(i?.name ?? "")),
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
                                            csrfField(v.csrfToken),
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

        let streamOptions: [(value: String, label: String)] = m.streams.map {
            ($0.code, t($0.nl, $0.en))
        }
        let newStream: HTMLNode =
            isHolder
            ? el(
                // Open while the year has no streams yet: the first thing a new municipality does here.
                "details", [A.flag("open", o.streams.isEmpty || !errors.isEmpty)],
                el("summary", [], txt(t("Stroom toevoegen voor een jaar", "Add a stream for a year"))),
                el(
                    "form", [A("method", "post"), A("action", "/begroting/stromen"), A("novalidate", "")],
                    csrfField(v.csrfToken),
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
                    csrfField(v.csrfToken),
                    selectInput(
                        FormField(name: "allocationStream", label: t("Stroom", "Stream"), errors: errors),
                        options: o.streams.map { ($0.id.uuidString, $0.name) }, selected: form?["allocationStream"]),
                    selectInput(
                        FormField(name: "allocationDistrict", label: t("Stadsdeel", "District"), errors: errors),
                        options: m.districts, selected: form?["allocationDistrict"]),
                    textInput(
                        FormField(
                            name: "allocationTotal", label: t("Bedrag in euro", "Amount in euros"), errors: errors),
                        value: form?["allocationTotal"], extra: [A("inputmode", "decimal")]),
                    button(t("Toewijzen", "Allocate")))) : .empty

        let simulations = m.simulations
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
                csrfField(v.csrfToken),
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
                                "\(s.createdAt.map { DateFormatting.day(Clock.today(now: $0)) } ?? "") — \(s.createdByName)"
                            ),
                            s.appliedAt == nil
                                ? .empty : el("span", [A("class", "badge ok")], txt(t("toegepast", "applied"))))
                    }))

        return el(
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
            exceptionsSection(m, v),
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
                    Array(o.byIntervention.prefix(20)), t)))
    }

    /// Exceptions to the spending rules: the year's counts for everyone who sees the budget; for a
    /// budget holder the requests waiting, each with the rule, the case manager's reason and a decision.
    static func exceptionsSection(_ m: Model, _ v: ViewContext) -> HTMLNode {
        let t = v.t
        let s = m.overview.exceptions
        guard s.requested + s.granted + s.refused > 0 else { return .empty }
        let counts = t(
            "Dit jaar: \(s.requested) gevraagd en nog niet besloten, \(s.granted) toegestaan (prijs samen \(Euro.text(s.grantedCents))), \(s.refused) afgewezen.",
            "This year: \(s.requested) requested and not yet decided, \(s.granted) granted (price together \(Euro.text(s.grantedCents))), \(s.refused) refused."
        )
        let names = Dictionary(uniqueKeysWithValues: m.districts.map { ($0.0, $0.1) })
        let rows: [HTMLNode] = (m.exceptions ?? []).map { p in
            let e = p.exception
            let id = e.id!.uuidString.lowercased()
            return el(
                "tr", [],
                dateCell(DateFormatting.day(Clock.today(now: e.requestedAt))),
                el(
                    "td", [], txt(p.interventionName), el("br", []),
                    el("span", [A("class", "meta")], txt(Euro.text(e.amountCents)))),
                el(
                    "td", [],
                    txt(
                        e.category.map { t("categorie \($0)", "category \($0)") } ?? t("geen categorie", "no category")),
                    el("br", []), el("span", [A("class", "meta")], txt(names[e.districtCode] ?? ""))),
                el("td", [], txt(t(e.rule))),
                el(
                    "td", [], txt(e.requestedReason), el("br", []),
                    el("span", [A("class", "meta")], txt(e.requestedByName))),
                el("td", [], decisionForm(action: "/begroting/uitzonderingen/\(id)", fieldID: "exception-\(id)", v)))
        }
        return el(
            "section", [A("class", "card"), A("aria-labelledby", "h-exceptions")],
            el(
                "h2", [A("id", "h-exceptions")],
                txt(t("Uitzonderingen op de bestedingsregels", "Exceptions to the spending rules"))),
            el(
                "p", [],
                txt(
                    t(
                        "De bestedingsregels van het beleid laten sommig aanbod niet betalen (naar categorie, of zonder wettelijke plicht tot re-integratie). Een klantmanager kan met een reden om een uitzondering vragen; alleen een budgethouder besluit. Toegestaan gaat de verwijzing de gewone weg: een vrije plek en ruimte in de stroom, anders wacht ze daarop. Afgewezen wordt ze ingetrokken. Namen ziet u niet.",
                        "The policy's spending rules do not let some offers be paid (by category, or without a legal duty to re-integrate). A case manager can ask for an exception with a reason; only a budget holder decides. Granted, the referral goes the ordinary way: a free place and room in the stream, or it waits for them. Refused, it is withdrawn. You do not see names."
                    ))),
            el("p", [], txt(counts)),
            rows.isEmpty
                ? .empty
                : el(
                    "div", [A("class", "table-wrap"), A("tabindex", "0")],
                    el(
                        "table", [A("class", "data")],
                        el("caption", [], txt(t("Wachten op uw besluit", "Waiting for your decision"))),
                        el(
                            "thead", [],
                            el(
                                "tr", [], th(t("Gevraagd", "Requested")), th(t("Aanbod", "Offer")),
                                th(t("Inwoner", "Resident")), th(t("Regel", "Rule")),
                                th(t("Reden van de klantmanager", "Case manager's reason")),
                                th(t("Besluit", "Decision")))),
                        el("tbody", [], rows))))
    }

    /// Grant or refuse with a reason, in one table cell (a budget holder's exception, a specialist's approval).
    static func decisionForm(action: String, fieldID: String, _ v: ViewContext) -> HTMLNode {
        let t = v.t
        return el(
            "form", [A("method", "post"), A("action", action), A("class", "inline-form"), A("novalidate", "")],
            csrfField(v.csrfToken),
            el(
                "label", [A("for", fieldID), A("class", "visually-hidden")],
                txt(t("Reden van uw besluit", "Reason for your decision"))),
            void(
                "input",
                [
                    A("type", "text"), A("id", fieldID), A("name", "reason"),
                    A("placeholder", t("reden (min. 10 tekens)", "reason (min. 10 characters)")),
                ]),
            button(t("Toestaan", "Grant"), name: "decision", value: "grant", secondary: true),
            button(t("Afwijzen", "Refuse"), name: "decision", value: "refuse", secondary: true))
    }
}
