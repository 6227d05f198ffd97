import Foundation
import MeedoenCore

extension MonitorPages {
    /// The monitor's figures for a year, from the ten-minute cache; aggregates only.
    struct Model {
        var districts: [(String, String)]
        var year: Int
        var figures: DashboardCache.Entry
        var maxAgeMinutes: Int
    }

    static func load(year: Int, in ctx: UseCaseContext) async throws -> Model {
        let districts = try await ctx.districts.all(on: ctx.db).pairs
        guard try ctx.requireUser().viewer.isProfessional else { throw MonitorPages.staffOnly }
        return Model(
            districts: districts, year: year,
            figures: try await IndicatorService.figures(year: year, in: ctx),
            maxAgeMinutes: Int(ctx.dashboard.maxAge / 60))
    }
}
