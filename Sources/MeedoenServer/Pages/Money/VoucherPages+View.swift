import Foundation
import MeedoenCore

extension MoneyWorkPages {

    /// The resident's vouchers: balance, card, what was earned and spent, and where to spend them.
    static func residentView(
        a: VoucherService.Account, _ v: ViewContext
    ) -> HTMLNode {
        let t = v.t
        return el(
            "div", [],
            el("h1", [], txt(t("Mijn Meedoenvouchers", "My participation vouchers"))),
            el(
                "section", [A("class", "card")],
                el(
                    "p", [A("class", "big")], txt(t("Saldo ", "Balance ")),
                    el("strong", [], txt(Euro.text(a.balanceCents)))),
                a.cardCode.map {
                    el(
                        "p", [], txt(t("Uw kaartcode: ", "Your card code: ")),
                        el("strong", [A("class", "code")], txt($0)))
                } ?? .empty,
                el(
                    "p", [],
                    txt(
                        t(
                            "U verdient vouchers met activiteiten in de buurt en besteedt ze bij deelnemende winkels. Wat u in een jaar verdient en niet besteedt, vervalt aan het eind van dat jaar.",
                            "You earn vouchers with activities in the neighbourhood and spend them at participating shops. What you earn in a year and do not spend expires at the end of that year."
                        )))),
            a.entries.isEmpty
                ? el("p", [], txt(t("Nog geen vouchers.", "No vouchers yet.")))
                : el(
                    "div", [A("class", "table-wrap"), A("tabindex", "0")],
                    el(
                        "table", [A("class", "data")],
                        el("caption", [], txt(t("Geschiedenis", "History"))),
                        el(
                            "thead", [],
                            el("tr", [], th(t("Datum", "Date")), th(t("Wat", "What")), th(t("Bedrag", "Amount")))),
                        el(
                            "tbody", [],
                            a.entries.map { e in
                                let what =
                                    e.kind == "earn"
                                    ? "\(e.activity ?? "") (\(e.hours ?? 0) \(t("uur", "h")), \(t("goedgekeurd door", "approved by")) \(e.approvedBy ?? ""))"
                                    : e.kind == "redeem"
                                        ? t("Besteed bij ", "Spent at ") + (e.business ?? "")
                                        : (e.activity ?? t("Vervallen", "Expired"))
                                return el(
                                    "tr", [], dateCell(DateFormatting.day(iso: e.onDate)),
                                    el("td", [], txt(what)),
                                    el(
                                        "td", [A("class", "num")],
                                        txt((e.amountCents > 0 ? "+" : "") + Euro.text(e.amountCents))))
                            }))))
    }

    /// The business's till: a card code and an amount; the answer of the last redemption.
    /// The business's own redemptions on the till page.
    struct History {
        var entries: [VoucherEntry]
        var total: Int
        var monthCents: Int
        var page: Int
        var pages: Int { max(1, (total + 24) / 25) }
    }

    static func tillView(
        business: Business?, key: String, _ v: ViewContext, result: VoucherService.Redemption? = nil,
        form: FormData? = nil, errors: FieldErrors = FieldErrors(), history: History? = nil
    ) -> HTMLNode {
        let t = v.t
        return el(
            "div", [],
            el("h1", [], txt(t("Vouchers innemen", "Redeem vouchers") + (business.map { " — \($0.name)" } ?? ""))),
            result.map { r in
                el(
                    "p", [A("class", "notice ok"), A("role", "status")],
                    txt(
                        t(
                            "Ingenomen: \(Euro.text(r.amountCents)) van kaart \(r.cardCode)",
                            "Redeemed: \(Euro.text(r.amountCents)) from card \(r.cardCode)")
                            + (r.replayed
                                ? t(
                                    " (was al verwerkt; niet dubbel afgeschreven)",
                                    " (already processed; not charged twice)") : ".")))
            } ?? .empty,
            errorSummary(errors, t),
            el(
                "form",
                [A("method", "post"), A("action", "/inwisselen"), A("class", "card narrow"), A("novalidate", "")],
                csrfField(v.csrfToken),
                void("input", [A("type", "hidden"), A("name", "idempotencyKey"), A("value", key)]),
                textInput(
                    FormField(
                        name: "cardCode", label: t("Kaartcode van de inwoner", "Resident's card code"),
                        hint: t("Bijvoorbeeld MD-AB12-CD34", "For example MD-AB12-CD34"), errors: errors),
                    value: form?["cardCode"], autocomplete: "off"),
                textInput(
                    FormField(name: "amountCents", label: t("Bedrag in euro", "Amount in euros"), errors: errors),
                    value: form?["amountCents"], extra: [A("inputmode", "decimal")]),
                button(t("Innemen", "Redeem"))),
            el(
                "p", [A("class", "meta")],
                txt(
                    t(
                        "U ziet geen naam of saldo van de inwoner: alleen of de betaling lukt.",
                        "You see no name or balance of the resident: only whether the payment succeeds."))),
            history.map { h in
                el(
                    "section", [A("class", "card"), A("aria-labelledby", "h-redeemed")],
                    el("h2", [A("id", "h-redeemed")], txt(t("Ingenomen vouchers", "Redeemed vouchers"))),
                    el(
                        "p", [],
                        txt(
                            t(
                                "\(Plural.of(h.total, "inname", "innames")) in totaal; deze maand \(Euro.text(h.monthCents)).",
                                "\(Plural.of(h.total, "redemption", "redemptions")) in all; this month \(Euro.text(h.monthCents))."
                            ))),
                    h.entries.isEmpty
                        ? .empty
                        : dataTable(
                            [t("Datum en tijd", "Date and time"), t("Bedrag", "Amount")],
                            h.entries.map { e in
                                [
                                    td(e.createdAt.map(DateFormatting.local) ?? DateFormatting.day(iso: e.onDate)),
                                    el("td", [A("class", "num")], txt(Euro.text(abs(e.amountCents)))),
                                ]
                            }, caption: t("Uw innames, nieuwste eerst", "Your redemptions, newest first")),
                    pager(page: h.page, pages: h.pages, t) { "/inwisselen?page=\($0)" })
            } ?? .empty)
    }

    /// An activity that could not be credited: what was wrong, and the way back to the file.
    static func notCreditedView(personID: UUID, errors: FieldErrors, _ v: ViewContext) -> HTMLNode {
        let t = v.t
        return el(
            "section", [A("class", "card narrow")],
            el("h1", [], txt(t("Activiteit niet bijgeschreven", "Activity not credited"))),
            errorSummary(errors, t),
            link("/personen/\(personID)", t("← Terug naar het dossier", "← Back to the file")))
    }
}
