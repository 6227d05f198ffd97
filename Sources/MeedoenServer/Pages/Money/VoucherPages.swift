import Fluent
import MeedoenCore
import Vapor

/// Vouchers: the resident's card and history, and the local business's till.
extension MoneyWorkPages {
    // MARK: the resident's vouchers

    static func residentVouchers(_ req: Request) async throws -> Response {
        let user = try req.requireRole(
            .resident, because: .init(nl: "Deze pagina is voor inwoners.", en: "This page is for residents."))
        let t = req.t
        guard let personID = user.personID else {
            throw DomainError.forbidden(
                .init(nl: "Uw account hoort bij geen inwoner.", en: "Your account belongs to no resident."))
        }
        let a = try await VoucherService.account(personID, in: req.context)
        return req.page(
            t("Mijn vouchers", "My vouchers"),
            el(
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
                                        "tr", [], el("td", [], txt(e.onDate)), el("td", [], txt(what)),
                                        el(
                                            "td", [A("class", "num")],
                                            txt((e.amountCents > 0 ? "+" : "") + Euro.text(e.amountCents))))
                                })))))
    }

    // MARK: the business's till

    static func till(
        _ req: Request, result: VoucherService.Redemption? = nil, errors: FieldErrors = FieldErrors(),
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let user = try req.requireRole(
            .business,
            because: .init(
                nl: "Alleen geregistreerde lokale ondernemers nemen vouchers in.",
                en: "Only registered local businesses redeem vouchers."))
        let t = req.t
        var business: Business?
        if let id = user.businessID { business = try await Business.find(id, on: req.db) }
        // A fresh key per form: a double click or a resent form is applied once.
        let key = "till-" + UUID().uuidString.lowercased()
        return req.page(
            t("Vouchers innemen", "Redeem vouchers"), status: status,
            el(
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
                    csrfField(req.csrfToken),
                    void("input", [A("type", "hidden"), A("name", "idempotencyKey"), A("value", key)]),
                    textInput(
                        FormField(
                            name: "cardCode", label: t("Kaartcode van de inwoner", "Resident's card code"),
                            hint: t("Bijvoorbeeld MD-AB12-CD34", "For example MD-AB12-CD34"), errors: errors),
                        value: nil, autocomplete: "off"),
                    textInput(
                        FormField(name: "amountCents", label: t("Bedrag in euro", "Amount in euros"), errors: errors),
                        value: nil, extra: [A("inputmode", "decimal")]),
                    button(t("Innemen", "Redeem"))),
                el(
                    "p", [A("class", "meta")],
                    txt(
                        t(
                            "U ziet geen naam of saldo van de inwoner: alleen of de betaling lukt.",
                            "You see no name or balance of the resident: only whether the payment succeeds.")))))
    }

    static func redeem(_ req: Request) async throws -> Response {
        let form = FormData(req)
        var input = Input(form: [
            "cardCode": form.string("cardCode"), "amountCents": Euro.field(form, "amountCents"),
            "idempotencyKey": form.string("idempotencyKey"),
        ])
        return try await PageForm.render(req) {
            let r = try await VoucherService.redeem(&input, idempotencyKey: nil, in: req.context)
            return try await till(req, result: r)
        } again: { fieldErrors, status in
            return try await till(req, errors: fieldErrors, status: status)
        }
    }
}
