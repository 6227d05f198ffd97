import Foundation
import MeedoenCore

extension ReportPage {
    /// The report's figures for one year and area: aggregates only, through the use cases.
    struct Model {
        var districts: [(String, String)]
        var year: Int
        /// A district's code, or nil for the whole city.
        var district: String?
        var indicators: IndicatorSet
        var figures: DashboardCache.Entry
        var rungs: [(Int, Int)]
        var streams: [FundingStream]
        var whatWorks: [EffectivenessService.Line]
    }

    static func load(year: Int, district raw: String?, in ctx: UseCaseContext) async throws -> Model {
        let districts = try await ctx.districts.all(on: ctx.db).pairs
        guard try ctx.requireUser().viewer.isProfessional else { throw MonitorPages.staffOnly }
        let code = raw.flatMap { c in districts.contains { $0.0 == c } ? c : nil }
        let asOf = min("\(year)-12-31", ctx.today.iso)
        return Model(
            districts: districts, year: year, district: code, indicators: ctx.policies.indicators,
            figures: try await IndicatorService.figures(year: year, in: ctx),
            rungs: try await CountsQuery.perRung(year: year, district: code, in: ctx),
            streams: try await BudgetService.streams(year: year, in: ctx),
            whatWorks: try await EffectivenessService.lines(
                from: CalendarDate(year: year - 1, month: 1, day: 1)!.iso, to: asOf,
                assumptions: ctx.policies.indicators.effectiveness, in: ctx))
    }
}
