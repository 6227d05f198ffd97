import MeedoenCore
import Vapor

/// The enforcement case: its steps, four eyes, the hearing and the letter.
extension MoneyWorkPages {
    // MARK: enforcement

    static func open(_ req: Request) async throws -> Response {
        let form = FormData(req)
        var input = Input(form: ["agreementId": form.string("agreementId")])
        let (c, _) = try await EnforcementService.open(&input, in: req.context)
        return req.redirect(to: "/handhaving/\(c.id!)")
    }

    static func show(
        _ req: Request, errors: FieldErrors = FieldErrors(), form: FormData? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let m = try await loadCase(try req.idParameter(), in: req.context)
        return req.page(
            req.t("Handhaving", "Enforcement"), status: status, caseView(m, req.view, errors: errors, form: form))
    }

    static func act(_ req: Request) async throws -> Response {
        let form = FormData(req)
        let id = try req.idParameter()
        guard let step = EnforcementService.Step(rawValue: req.parameters.get("step") ?? "") else {
            throw DomainError.notFound(.init(nl: "Onbekende stap.", en: "Unknown step."))
        }
        let alternatives = (form["alternatives"] ?? "").split(whereSeparator: \.isNewline).map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
        var input = Input(form: [
            "heldOn": form.string("heldOn"), "note": form.string("note"), "violation": form.string("violation"),
            "decision": form.string("decision"), "percent": form.int("percent"), "months": form.int("months"),
            "weighingReason": form.string("weighingReason"), "urgentReasons": form.string("urgentReasons"),
            "urgentReasonsNote": form.string("urgentReasonsNote"),
            "alternatives": step == .alternatives ? .array(alternatives.map(JSONValue.string)) : nil,
        ])
        return try await PageForm.submit(
            req, saved: .init(nl: "De stap is vastgelegd.", en: "The step has been recorded.")
        ) {
            _ = try await EnforcementService.act(id, step, &input, in: req.context)
            return "/handhaving/\(id)"
        } again: { fieldErrors, status in
            return try await show(req, errors: fieldErrors, form: form, status: status)
        }
    }
}
