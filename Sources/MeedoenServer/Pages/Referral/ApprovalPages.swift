import MeedoenCore
import Vapor

/// "Toestemmingen": the specialist's page — referrals to offers with a gatekeeper, waiting for a
/// decision (`ApprovalService`). The adapter; the view is in `ApprovalPages+View`.
enum ApprovalPages {
    struct Model {
        var pending: [ApprovalService.Pending]
        var categoryNames: [Int: LocalizedText]
    }

    static func load(in ctx: UseCaseContext) async throws -> Model {
        let pending = try await ApprovalService.requested(in: ctx)
        let names = ctx.policies.current.categories.reduce(into: [Int: LocalizedText]()) { $0[$1.number] = $1.name }
        return Model(pending: pending, categoryNames: names)
    }

    static func show(_ req: Request, errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        let m = try await load(in: req.context)
        return req.page(
            req.t("Toestemmingen", "Approvals"), status: status, view(m, req.view, errors: errors))
    }

    static func decide(_ req: Request) async throws -> Response {
        let id = try req.idParameter()
        let form = FormData(req)
        var input = Input(form: ["decision": form.string("decision"), "reason": form.string("reason")])
        return try await PageForm.submit(
            req, saved: .init(nl: "Uw besluit is vastgelegd.", en: "Your decision has been recorded.")
        ) {
            _ = try await ApprovalService.decide(id, &input, in: req.context)
            return "/toestemmingen"
        } again: { errors, status in
            try await show(req, errors: errors, status: status)
        }
    }
}
