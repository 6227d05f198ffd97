import Foundation
import MeedoenCore
import Vapor

/// The diagnosis policy edited as a form: a draft (target groups and their conditions, categories)
/// simulated on the real caseload, adopted with a reason; its versions, and a way back to one.
extension BudgetPages {
    struct PolicyModel {
        var user: User
        var versions: [PolicySimulationService.Version]
        var inForce: DiagnosisPolicy
        /// What the draft starts from (the version in force unless another was chosen).
        var base: PolicySimulationService.Version
        var suggestedVersion: String
        var form: FormData?
        var result: PolicySimulationService.SimulationResult?
        var errors: FieldErrors
        /// The money policy's streams, to name the ones the spending rules govern.
        var streams: [MoneyPolicy.StreamSpec] = []
        var mayAdopt: Bool { !user.roleSet.isDisjoint(with: [.analyst, .admin]) }
    }

    static func policy(
        _ req: Request, form: FormData? = nil, result: PolicySimulationService.SimulationResult? = nil,
        errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let user = try req.requireRole(.analyst, .budgetHolder, .admin, because: PolicySimulationService.policyStaff)
        let ctx = req.context
        let versions = try await PolicySimulationService.versions(in: ctx)
        let base = try PolicySimulationService.base(form?["base"] ?? req.query["vanaf"], among: versions, in: ctx)
        let current = ctx.policies.current
        let model = PolicyModel(
            user: user, versions: versions, inForce: current, base: base,
            suggestedVersion: PolicySimulationService.nextVersion(
                after: current.version, taken: Set(versions.map(\.policy.version))),
            form: form, result: result, errors: errors, streams: req.context.policies.money.streams)
        return req.page(
            req.t("Beleid: doelgroepen en categorieën", "Policy: target groups and categories"), status: status,
            policyView(model, req.view))
    }

    /// One form, two buttons: "Simuleren" shows what the draft does; "Vaststellen" (after a
    /// simulation, policy staff only) adopts it with a reason.
    static func submitPolicy(_ req: Request) async throws -> Response {
        let form = FormData(req)
        let adopting = form["action"] == "adopt" || req.url.path.hasSuffix("/vaststellen")
        let pairs = form.pairs.filter { $0.0 != "_csrf" && $0.0 != "action" && $0.0 != "reason" && $0.0 != "base" }
        let ctx = req.context
        if adopting {
            return try await PageForm.submit(
                req,
                saved: .init(
                    nl: "De nieuwe beleidsversie is vastgesteld: nieuwe diagnoses gebruiken haar vanaf nu.",
                    en: "The new policy version is adopted: new diagnoses use it from now on.")
            ) {
                let base = try await PolicySimulationService.base(form["base"], in: ctx)
                let draft = try PolicyEditor.draft(pairs, base: base.policy, forAdoption: true)
                var input = Input(fields: ["reason": form.string("reason") ?? .null], prefix: "")
                _ = try await PolicySimulationService.adopt(draft, &input, in: ctx)
                return "/beleid/simulatie"
            } again: { fieldErrors, status in
                try await policy(req, form: form, errors: fieldErrors, status: status)
            }
        }
        return try await PageForm.render(req) {
            let base = try await PolicySimulationService.base(form["base"], in: ctx)
            let draft = try PolicyEditor.draft(pairs, base: base.policy, forAdoption: false)
            let result = try await PolicySimulationService.simulate(draft, in: ctx)
            return try await policy(req, form: form, result: result)
        } again: { fieldErrors, status in
            try await policy(req, form: form, errors: fieldErrors, status: status)
        }
    }
}
