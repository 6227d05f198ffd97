import Foundation
import MeedoenCore
import Vapor

/// The payable incentives and their exports for payment.
extension BudgetPages {
    // MARK: payable incentives

    static func payouts(
        _ req: Request, errors: FieldErrors = FieldErrors(), reason: String? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        try req.requireRole(.paymentOfficer, because: IncentiveService.paymentOfficerOnly)
        let (items, persons, exports) = try await IncentiveService.payouts(in: req.context)
        return req.page(
            req.t("Uitbetalingen", "Payments"), status: status,
            payoutsView(items: items, persons: persons, exports: exports, errors: errors, reason: reason, req.view))
    }

    /// Makes the file and opens it (the download asks for the same reason, audited again).
    static func export(_ req: Request) async throws -> Response {
        let form = FormData(req)
        var input = Input(form: ["reason": form.string("reason")])
        return try await PageForm.render(req) {
            let e = try await IncentiveService.export(&input, in: req.context)
            let reason = (form["reason"] ?? "").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            return req.redirect(to: "/uitbetalingen/\(e.id!)/csv?reason=\(reason)")
        } again: { errors, status in
            try await payouts(req, errors: errors, reason: form["reason"], status: status)
        }
    }
}

extension JSONEncoder {
    static var pretty: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return e
    }
}
