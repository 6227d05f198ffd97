import MeedoenCore
import Vapor

/// "Wegwijzer": the decision trees, one question per page (a GET form, so it works without
/// JavaScript and the back button does what people expect). Anonymous for residents; inside a
/// signal (`?signaal=`) counter staff and resident advisers store the result with the signal.
enum TreePages {
    static func index(_ req: Request) async throws -> Response {
        let trees = req.application.trees.all
        let signal = req.query[UUID.self, at: "signaal"]
        // Staff (anyone signed in who is not only a resident or a business) are told how they use it.
        let staff = req.auth.get(User.self).map { !$0.roleSet.isSubset(of: [.resident, .business]) } ?? false
        return req.page(
            req.t("Wegwijzer", "Guide"), indexView(trees: trees, signal: signal, staff: staff, req.view))
    }

    static func answersParam(_ req: Request) -> [String] {
        (req.query[String.self, at: "a"] ?? "").split(separator: ",").map { String($0.prefix(40)) }.prefix(50).map {
            $0
        }
    }

    static func step(_ req: Request) async throws -> Response {
        let t = req.t
        guard let id = req.parameters.get("tree"), let tree = req.application.trees.tree(id) else {
            throw DomainError.notFound(.init(nl: "Deze wegwijzer bestaat niet.", en: "This guide does not exist."))
        }
        let signalID = req.query[UUID.self, at: "signaal"]
        if signalID != nil { _ = try req.requireRole(.counter, .residentAdviser, .caseManager) }
        var answers = answersParam(req)
        let chosen = req.query[String.self, at: "antwoord"]
        var missing = false
        if req.query[String.self, at: "verder"] != nil {
            if let chosen, !chosen.isEmpty { answers.append(String(chosen.prefix(40))) } else { missing = true }
        }
        let walk: DecisionTree.Walk
        switch tree.walk(answers) {
        case .success(let w): walk = w
        case .failure(let e):
            return req.page(
                t("Wegwijzer", "Guide"), status: .unprocessableEntity, failedView(tree, reason: e.reason, req.view))
        }
        // Record the result once, when the last answer was just given (not on a reload of a shared link).
        if case .result(let r) = walk.step, chosen != nil && signalID == nil {
            try await TreeService.record(
                tree, walk: walk, resultID: r.id, userID: req.auth.get(User.self)?.id, in: req.context)
        }
        let (title, page) = stepView(tree: tree, walk: walk, signalID: signalID, missing: missing, req.view)
        return req.page(title, status: missing ? .unprocessableEntity : .ok, page)
    }

    // MARK: administration

    static func admin(
        _ req: Request, errors: FieldErrors = FieldErrors(), document: String? = nil, loaded: DecisionTree? = nil,
        status: HTTPResponseStatus = .ok
    ) throws -> Response {
        try req.requireRole(.admin)
        let trees = req.application.trees.all
        return req.page(
            req.t("Wegwijzers beheren", "Manage guides"), status: status,
            adminView(trees: trees, req.view, errors: errors, document: document, loaded: loaded))
    }

    static func adminSubmit(_ req: Request) async throws -> Response {
        let form = FormData(req)
        let document = form["document"] ?? ""
        return try await PageForm.render(req) {
            let tree = try await TreeService.load(document, in: req.context)
            return try admin(req, loaded: tree)
        } again: { fieldErrors, status in
            return try admin(req, errors: fieldErrors, document: document, status: status)
        }
    }
}
