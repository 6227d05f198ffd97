import MeedoenCore
import Vapor

/// The management report: one period and one area (the city or a district) on paper — indicators
/// against targets with their trends, people per rung and category, what works, budget use.
enum ReportPage {
    static func show(_ req: Request) async throws -> Response {
        let m = try await load(
            year: try req.year(named: "jaar"), district: req.query[String.self, at: "stadsdeel"], in: req.context)
        return req.page(req.t("Managementrapportage", "Management report"), view(m, req.view))
    }
}
