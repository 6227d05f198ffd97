import MeedoenCore
import Vapor

/// The resident's own data (AVG): as JSON and as a readable page.
extension PortalPages {
    // MARK: AVG

    static func exportJSON(_ req: Request) async throws -> Response {
        let export = try await PortalService.export(in: req.context)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let response = Response(status: .ok, body: .init(data: try encoder.encode(export)))
        response.headers.contentType = .json
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"mijn-gegevens.json\"")
        return response
    }

    /// The same data as the JSON, as a readable page: one section per subject.
    static func exportPage(_ req: Request) async throws -> Response {
        let page = try await PortalService.exportPage(in: req.context)
        return req.page(req.t("Mijn gegevens", "My data"), exportView(page, req.view))
    }

    static func accessLogPage(_ req: Request) async throws -> Response {
        let page = max(1, (try? req.query.get(Int.self, at: "pagina")) ?? 1)
        let (events, total) = try await PortalService.accessLog(page: page, pageSize: 50, in: req.context)
        return req.page(
            req.t("Wie keek in mijn dossier", "Who looked at my file"),
            accessLogView(events: events, total: total, page: page, pageSize: 50, req.view))
    }
}
