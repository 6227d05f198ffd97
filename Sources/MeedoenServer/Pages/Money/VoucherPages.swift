import MeedoenCore
import Vapor

/// Vouchers: the resident's card and history, and the local business's till.
extension MoneyWorkPages {
    // MARK: the resident's vouchers

    static func residentVouchers(_ req: Request) async throws -> Response {
        let user = try req.requireRole(
            .resident, because: .init(nl: "Deze pagina is voor inwoners.", en: "This page is for residents."))
        guard let personID = user.personID else {
            throw DomainError.forbidden(
                .init(nl: "Uw account hoort bij geen inwoner.", en: "Your account belongs to no resident."))
        }
        let a = try await VoucherService.account(personID, in: req.context)
        return req.page(
            req.t("Mijn vouchers", "My vouchers"), residentView(a: a, req.view))
    }

    static func till(
        _ req: Request, result: VoucherService.Redemption? = nil, form: FormData? = nil,
        errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        try req.requireRole(
            .business,
            because: .init(
                nl: "Alleen geregistreerde lokale ondernemers nemen vouchers in.",
                en: "Only registered local businesses redeem vouchers."))
        let business = try await VoucherService.ownBusiness(in: req.context)
        // A fresh key per form: a double click or a resent form is applied once.
        let key = "till-" + UUID().uuidString.lowercased()
        let page = max(1, req.query[Int.self, at: "page"] ?? 1)
        let history = try await VoucherService.redemptions(page: page, in: req.context)
        return req.page(
            req.t("Vouchers innemen", "Redeem vouchers"), status: status,
            tillView(
                business: business, key: key, req.view, result: result, form: form, errors: errors,
                history: .init(
                    entries: history.entries, total: history.total, monthCents: history.monthCents, page: page)
            ))
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
            return try await till(req, form: form, errors: fieldErrors, status: status)
        }
    }
}
