import Foundation
import MeedoenCore

extension BudgetPages {

    /// The payable incentives and the exports made, for a budget holder.
    static func payoutsView(
        items: [IncentivePayment], persons: [UUID: Person], exports: [IncentiveExport], _ v: ViewContext
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
                        })))
    }
}
