import MeedoenCore
import Vapor

/// One signal: its subject, log and the follow-up steps.
extension SignalPages {
    static func show(_ req: Request, errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let user = try SignalService.requireWorker(req.context)
        let districts = try await req.districts()
        let l = try await SignalService.load(try req.idParameter(), in: req.context)
        let tree = l.signal.treeID.flatMap { req.application.trees.tree($0) }
        let allCaseManagers =
            l.signal.status.isOpen && l.person != nil ? try await SignalService.caseManagers(in: req.context) : []
        return req.page(
            kindLabel(l.signal.kind, req.t), status: status,
            signalView(
                user: user, districts: districts, l: l, tree: tree, allCaseManagers: allCaseManagers, req.view,
                errors: errors))
    }

    static func eventLabel(_ action: String, _ t: Texts) -> String {
        switch action {
        case "created": t("vastgelegd", "recorded")
        case "take": t("opgepakt", "taken on")
        case "note": t("notitie", "note")
        case "due": t("nieuwe opvolgdatum", "new follow-up date")
        case "handOver": t("overgedragen aan", "handed over to")
        case "caseTable": t("voorgesteld voor de stadsdeeltafel", "proposed for the case table")
        case "close": t("afgesloten", "closed")
        case "reopen": t("heropend", "reopened")
        case "tree": t("wegwijzer", "guide")
        case "referred": t("verwezen", "referred")
        default: action
        }
    }

    static func act(_ req: Request) async throws -> Response {
        let form = FormData(req)
        let id = try req.idParameter()
        guard let action = req.parameters.get("action").flatMap(SignalService.Action.init(rawValue:)) else {
            throw DomainError.notFound(.init(nl: "Onbekende stap.", en: "Unknown step."))
        }
        // Each step's form has its own note field (one page holds them all), so that an error shows at
        // the form that was sent.
        let noteField = action == .note ? "note" : "note-\(action.rawValue)"
        var input = Input(form: [
            "note": form.string(noteField) ?? form.string("note"), "dueOn": form.string("dueOn"),
            "caseManagerId": form.string("caseManagerId"),
        ])
        return try await PageForm.submit(
            req, saved: .init(nl: "De stap is vastgelegd.", en: "The step has been recorded.")
        ) {
            _ = try await SignalService.act(id, action, &input, in: req.context)
            return "/signalen/\(id)"
        } again: { fieldErrors, status in
            return try await show(req, errors: fieldErrors.renamed("note", noteField), status: status)
        }
    }

    static func storeTree(_ req: Request) async throws -> Response {
        let form = FormData(req)
        let id = try req.idParameter()
        let answers = (form["answers"] ?? "").split(separator: ",").map(String.init)
        _ = try await SignalService.storeTreeResult(
            id, treeID: form["tree"] ?? "", version: form["version"] ?? "", answers: answers, in: req.context)
        return req.redirect(to: "/signalen/\(id)")
    }
}
