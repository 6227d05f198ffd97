import Foundation
import MeedoenCore
import Vapor

/// The payable incentives and their exports for payment.
extension BudgetPages {
    // MARK: payable incentives

    static func payouts(_ req: Request) async throws -> Response {
        try req.requireRole(.budgetHolder, because: BudgetService.holderOnly)
        let (items, persons, exports) = try await IncentiveService.payouts(in: req.context)
        return req.page(
            req.t("Uitbetalingen", "Payments"), payoutsView(items: items, persons: persons, exports: exports, req.view))
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
