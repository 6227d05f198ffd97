import Foundation
import MeedoenCore
import Vapor

/// The policy simulation: a draft diagnosis policy run on the real caseload, and its adoption.
extension BudgetPages {
    // MARK: policy simulation

    static func policy(
        _ req: Request, draft: String? = nil, result: PolicySimulationService.SimulationResult? = nil,
        errors: FieldErrors = FieldErrors(),
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let user = try req.requireRole(.analyst, .budgetHolder, .admin, because: PolicySimulationService.policyStaff)
        let current = req.policies.current
        let adoptions = try await PolicySimulationService.recentAdoptions(in: req.context)
        return req.page(
            req.t("Beleidssimulatie", "Policy simulation"), status: status,
            policyView(
                user: user, current: current, adoptions: adoptions, req.view, draft: draft, result: result,
                errors: errors))
    }

    /// Wraps the form's JSON text as the API body `{"policy": …, "reason": …}` and runs the service on it.
    static func withPolicyBody(_ form: FormData) -> (String, Data)? {
        guard let text = form["policy"], let data = text.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data)
        else { return nil }
        var body: [String: Any] = ["policy": object]
        if let reason = form["reason"], !reason.trimmingCharacters(in: .whitespaces).isEmpty { body["reason"] = reason }
        guard let json = try? JSONSerialization.data(withJSONObject: body) else { return nil }
        return (text, json)
    }

    static func simulatePolicy(_ req: Request) async throws -> Response {
        let form = FormData(req)
        guard let (text, body) = withPolicyBody(form) else {
            let p = DomainError.invalid(
                "policy", "invalidJSON",
                .init(nl: "Het concept is geen geldige JSON.", en: "The draft is not valid JSON."))
            return try await policy(
                req, draft: form["policy"], errors: FieldErrors(p, req.language), status: .unprocessableEntity)
        }
        return try await PageForm.render(req, rename: { $0.hasPrefix("policy") ? "policy" : $0 }) {
            let result = try await PolicySimulationService.simulate(body: body, in: req.context)
            return try await policy(req, draft: text, result: result)
        } again: { fieldErrors, status in
            try await policy(req, draft: text, errors: fieldErrors, status: status)
        }
    }

    static func adoptPolicy(_ req: Request) async throws -> Response {
        let form = FormData(req)
        guard let (text, body) = withPolicyBody(form) else { return req.redirect(to: "/beleid/simulatie") }
        return try await PageForm.submit(
            req, saved: .init(nl: "De beleidsversie is vastgesteld.", en: "The policy version has been adopted."),
            rename: { name in
                var name = name
                if name.hasPrefix("policy") { name = "policy" }
                return name
            }
        ) {
            _ = try await PolicySimulationService.adopt(body: body, in: req.context)
            return "/beleid/simulatie"
        } again: { fieldErrors, status in
            return try await policy(req, draft: text, errors: fieldErrors, status: status)
        }
    }
}
