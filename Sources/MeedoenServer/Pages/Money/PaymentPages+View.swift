import Foundation
import MeedoenCore

extension BudgetPages {

    /// The payable incentives and the exports made, for a payments officer. Making or opening a file
    /// asks why: each resident in it sees that in their access log.
    static func payoutsView(
        items: [IncentivePayment], persons: [UUID: Person], exports: [IncentiveExport],
        errors: FieldErrors = FieldErrors(), reason: String? = nil, _ v: ViewContext
    ) -> HTMLNode {
        let t = v.t
        let total = items.reduce(0) { $0 + $1.amountCents }
        return el(
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
                    "form", [A("method", "post"), A("action", "/uitbetalingen/export")], csrfField(v.csrfToken),
                    errorSummary(errors, t),
                    textInput(
                        FormField(
                            name: "reason", label: t("Waarom maakt u dit bestand?", "Why are you making this file?"),
                            hint: t(
                                "Bijvoorbeeld: betaalrun van deze maand. Dit komt in het inzageoverzicht van elke inwoner in het bestand.",
                                "For example: this month's payment run. This goes into the access log of every resident in the file."
                            ), errors: errors),
                        value: reason, required: true),
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
                                        "td", [], txt(t(i.kind.label))
                                    ),
                                    tdNum(Euro.text(i.amountCents)),
                                    el("td", [], txt(i.period.map { DateFormatting.month(iso: $0, v.language) } ?? "")),
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
                                el(
                                    "form",
                                    [
                                        A("method", "get"), A("action", "/uitbetalingen/\(e.id!)/csv"),
                                        A("class", "inline"),
                                    ],
                                    txt(
                                        "\(e.createdAt.map { DateFormatting.day(Clock.today(now: $0)) } ?? "") — \(e.items) \(t("posten", "items")), \(Euro.text(e.totalCents)) "
                                    ),
                                    el(
                                        "label", [A("for", "reason-\(e.id!)")],
                                        txt(t("Waarom opent u het opnieuw?", "Why do you open it again?"))),
                                    void(
                                        "input",
                                        [
                                            A("id", "reason-\(e.id!)"), A("name", "reason"), A("required", ""),
                                            A("minlength", "5"), A("maxlength", "300"),
                                        ]),
                                    button(t("Openen", "Open"), secondary: true)))
                        })))
    }
}
