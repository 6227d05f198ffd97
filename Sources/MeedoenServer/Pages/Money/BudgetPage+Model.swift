import Foundation
import MeedoenCore

extension BudgetPages {
    /// The budget of a year as its page shows it: aggregates only, loaded through the use cases.
    struct Model {
        var year: Int
        var overview: BudgetService.Overview
        /// Budget holders change totals, allocate and fund; analysts only read.
        var isHolder: Bool
        var streams: [MoneyPolicy.StreamSpec]
        /// The referrals waiting for money, for a budget holder (names only where they must decide).
        var waitingForBudget: ([Referral], [UUID: Intervention])?
        var districts: [(String, String)]
        var simulations: [ValveSimulationRecord]
        /// The requests for an exception to the spending rules, for a budget holder (no names).
        var exceptions: [SpendingExceptionService.Pending]? = nil
    }

    static func loadBudget(year: Int, in ctx: UseCaseContext) async throws -> Model {
        let user = try ctx.requireRole(.budgetHolder, .analyst, because: BudgetService.viewers)
        let o = try await BudgetService.overview(year: year, in: ctx)
        let isHolder = user.roleSet.contains(.budgetHolder)
        return Model(
            year: year, overview: o, isHolder: isHolder, streams: ctx.policies.money.streams,
            waitingForBudget: isHolder && o.waitingForBudget > 0
                ? try await BudgetService.waitingForBudget(in: ctx) : nil,
            districts: try await ctx.districts.all(on: ctx.db).pairs,
            simulations: try await ValveService.list(limit: 8, in: ctx),
            exceptions: isHolder && o.exceptions.requested > 0
                ? try await SpendingExceptionService.requested(in: ctx) : nil)
    }
}
