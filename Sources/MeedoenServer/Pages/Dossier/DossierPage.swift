import MeedoenCore
import Vapor

/// The person's dossier: facts, household, rung history, ZRM, diagnoses with reasons, referrals,
/// the front door and the money. The adapter loads the model (`DossierPage+Model`) and renders it (`+View`).
enum DossierPage {
    static func show(
        _ req: Request, frontDoorErrors: FieldErrors = FieldErrors(), exitErrors: FieldErrors = FieldErrors(),
        obligationErrors: FieldErrors = FieldErrors(), form: FormData? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let m = try await load(try req.idParameter(), in: req.context)
        return req.page(
            "\(m.dossier.person.givenName) \(m.dossier.person.familyName)", status: status,
            view(
                m, req.view, frontDoorErrors: frontDoorErrors, exitErrors: exitErrors,
                obligationErrors: obligationErrors, form: form))
    }

    /// Who looked at or changed the file.
    static func auditTrail(_ req: Request) async throws -> Response {
        let id = try req.idParameter()
        let events = try await PersonService.auditTrail(id, in: req.context)
        let pageSize = 50
        let pages = max(1, (events.count + pageSize - 1) / pageSize)
        let page = min(pages, max(1, req.query[Int.self, at: "page"] ?? 1))
        return req.page(
            req.t("Inzage in dossier", "File access log"),
            el(
                "div", [],
                auditTrailView(
                    id: id, events: Array(events.dropFirst((page - 1) * pageSize).prefix(pageSize)), req.view),
                pager(page: page, pages: pages, req.t) { "/personen/\(id)/inzage?page=\($0)" }))
    }

}

/// A horizontal bar chart of ZRM scores, drawn on the server as SVG (no JavaScript).
enum ZrmChart {
    static func svg(scores: [String: Int], previous: [String: Int]?, language: MeedoenCore.Language) -> String {
        let rowH = 22
        let labelW = 200
        let barW = 300
        let width = labelW + barW + 40
        let height = ZrmDomain.allCases.count * rowH + 24
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" role=\"img\" aria-labelledby=\"zrm-title\"><title id=\"zrm-title\">"
        out += escape(
            language == .nl
                ? "ZRM-scores per domein, 1 (acute problemen) tot 5 (volledig zelfredzaam)"
                : "ZRM scores per domain, 1 (acute problems) to 5 (fully self-sufficient)")
        out += "</title>"
        for s in 1...5 {
            let x = labelW + (s * barW) / 5
            out +=
                "<line x1=\"\(x)\" y1=\"0\" x2=\"\(x)\" y2=\"\(height - 20)\" stroke=\"#d0d5dd\"/><text x=\"\(x)\" y=\"\(height - 6)\" font-size=\"11\" text-anchor=\"middle\" fill=\"#475467\">\(s)</text>"
        }
        for (i, domain) in ZrmDomain.allCases.enumerated() {
            let y = i * rowH
            let score = scores[domain.rawValue] ?? 0
            let colour = score <= 2 ? "#b42318" : score == 3 ? "#b54708" : "#067647"
            out +=
                "<text x=\"\(labelW - 8)\" y=\"\(y + 15)\" font-size=\"12\" text-anchor=\"end\" fill=\"#101828\">\(escape(domain.label.text(language)))</text>"
            if let before = previous?[domain.rawValue] {
                out +=
                    "<rect x=\"\(labelW)\" y=\"\(y + 3)\" width=\"\(before * barW / 5)\" height=\"16\" fill=\"#e4e7ec\"/>"
            }
            out +=
                "<rect x=\"\(labelW)\" y=\"\(y + 7)\" width=\"\(score * barW / 5)\" height=\"8\" fill=\"\(colour)\"><title>\(escape(domain.label.text(language))): \(score)</title></rect>"
            out +=
                "<text x=\"\(labelW + score * barW / 5 + 6)\" y=\"\(y + 15)\" font-size=\"12\" fill=\"#101828\">\(score)</text>"
        }
        return out + "</svg>"
    }
}
