import Foundation
import MeedoenCore

extension CataloguePages {

    /// Adding or changing an offer: what it is, its access criteria, places, price and stream.
    static func formView(
        existing: Intervention?, districts: Districts, providers: [Provider], streams: [MoneyPolicy.StreamSpec],
        _ v: ViewContext, form: FormData? = nil,
        errors: FieldErrors = FieldErrors()
    ) -> HTMLNode {
        let t = v.t
        let i = existing
        func value(_ name: String, _ current: String?) -> String? { form?[name] ?? current }
        func values(_ name: String, _ current: [String]) -> Set<String> {
            form.map { Set($0.all(name)) } ?? Set(current)
        }
        let action = i.map { "/aanbod/\($0.id!)/bewerken" } ?? "/aanbod/nieuw"
        let k = i?.criteria ?? AccessCriteria()
        return el(
            "section", [A("class", "card form-card")],
            el(
                "p", [A("class", "breadcrumb")],
                link(i.map { "/aanbod/\($0.id!)" } ?? "/aanbod", t("← Terug", "← Back"))),
            el("h1", [], txt(i?.name ?? t("Nieuw aanbod", "New offer"))),
            errorSummary(errors, t),
            el(
                "form", [A("method", "post"), A("action", action), A("novalidate", "")],
                csrfField(v.csrfToken),
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
                    options: ParticipationDomain.allCases.map { ($0.rawValue, t($0.label)) },
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
                selectInput(
                    FormField(
                        name: "fundingStream", label: t("Financieringsstroom", "Funding stream"),
                        hint: t(
                            "Het deel van de begroting waaruit dit aanbod betaald wordt.",
                            "The part of the budget that pays for this offer."),
                        errors: errors),
                    options: (i == nil ? [("", t("— kies —", "— choose —"))] : [])
                        + streams.map { ($0.code, t($0.nl, $0.en)) },
                    selected: value("fundingStream", i?.fundingStream)),
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
                selectInput(
                    FormField(
                        name: "legalBasis", label: t("Recht of plicht", "Right or duty"),
                        hint: t(
                            "Bij een plicht wordt verzuim onder de afgesproken uren een niet-nagekomen afspraak die tot handhaving kan leiden; een recht (Wmo) is vrijwillig.",
                            "With a duty, attendance below the agreed hours becomes a missed agreement that can lead to enforcement; a right (Wmo) is voluntary."
                        ), errors: errors),
                    options: [
                        (
                            "",
                            t(
                                "zoals het soort aanbod (dagbesteding: recht)",
                                "as the kind has it (day activities: right)")
                        )
                    ]
                        + LegalBasis.allCases.map { ($0.rawValue, t($0.label)) },
                    selected: value("legalBasis", i?.legalBasisCode)),
                textInput(
                    FormField(
                        name: "contract.resultPercent",
                        label: t(
                            "Resultaatcontract: deel van de prijs bij resultaat (%)",
                            "Result-based contract: part of the price on a result (%)"),
                        hint: t(
                            "Leeg: betaald naar inspanning (naar rato van de gebruikte dagen). Anders wordt de rest bij de start betaald.",
                            "Empty: paid for effort (pro rata to the days used). Otherwise the rest is paid at the start."
                        ),
                        errors: errors),
                    value: value("contract.resultPercent", i?.contract.map { String($0.resultPercent) }),
                    type: "number",
                    extra: [A("min", "1"), A("max", "100")]),
                textInput(
                    FormField(
                        name: "contract.withinMonths",
                        label: t("Resultaat binnen (maanden na de start)", "Result within (months after the start)"),
                        errors: errors),
                    value: value("contract.withinMonths", i?.contract.map { String($0.withinMonths) }), type: "number",
                    extra: [A("min", "1"), A("max", "36")]),
                choiceGroup(
                    FormField(
                        name: "contract.results", label: t("Wat telt als resultaat", "What counts as a result"),
                        errors: errors),
                    options: ResultContract.Result.allCases.map { ($0.rawValue, t($0.label)) },
                    selected: values("contract.results", i?.contract?.results.map(\.rawValue) ?? [])),
                choiceGroup(
                    FormField(name: "needsApproval", label: t("Poortwachter", "Gatekeeper"), errors: errors),
                    options: [
                        (
                            "true",
                            t(
                                "Een verwijzing wacht eerst op toestemming van de specialist toegang voorzieningen",
                                "A referral first waits for the provisions access specialist's approval")
                        )
                    ],
                    selected: (form.map { $0["needsApproval"] == "true" } ?? i?.needsApproval ?? false) ? ["true"] : []),
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
                        errors: errors), options: BenefitKind.allCases.map { ($0.rawValue, t($0.label)) },
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
                button(t("Opslaan", "Save"))))
    }
}
