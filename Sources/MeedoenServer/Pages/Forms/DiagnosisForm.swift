import MeedoenCore
import Vapor

/// Diagnose in two steps: the facts give a proposal with its reasons; the case manager decides,
/// and records why when deviating.
enum DiagnosisForm {
    static func show(
        _ req: Request, form: FormData? = nil, proposal: DiagnosisProposal? = nil, errors: FieldErrors = FieldErrors(),
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let (person, _) = try await PersonService.authorised(
            try req.idParameter(), in: req.context, audit: "page:diagnosis-form")
        let policy = req.policies.current
        return req.page(
            req.t("Diagnose stellen", "Diagnose") + " — " + person.fullName, status: status,
            view(person: person, policy: policy, req.view, form: form, proposal: proposal, errors: errors))
    }

    static func submit(_ req: Request) async throws -> Response {
        let id = try req.idParameter()
        let form = FormData(req)
        let latestZRM = try await AssessmentService.latestZRM(personID: id, in: req.context)
        var fields: [String: JSONValue?] = [
            "workProspect": form.bool("workProspect"), "selfReliant": form.bool("selfReliant"),
            "motivated": form.bool("motivated"),
            "risks": form.list("risks"), "circumstances": form.list("circumstances"), "wishes": form.list("wishes"),
            "zrm": latestZRM.map { .object($0.mapValues(JSONValue.int)) },
        ]
        return try await PageForm.render(req) {
            if form["action"] == "save" {
                fields["decidedRoute"] = form.string("decidedRoute")
                if let c = form["decidedCategory"], !c.isEmpty {
                    fields["decidedCategory"] = c == "none" ? .some(.null) : form.int("decidedCategory")
                }
                fields["deviationReason"] = form.string("deviationReason")
                var input = Input(form: fields)
                _ = try await DiagnosisService.record(personID: id, &input, in: req.context)
                return PageForm.redirect(
                    req, to: "/personen/\(id)",
                    saved: .init(nl: "De diagnose is vastgelegd.", en: "The diagnosis has been recorded."))
            }
            let (person, _) = try await PersonService.authorised(id, in: req.context)
            fields["birthDate"] = .string(person.birthDate)
            fields["benefit"] = .string(person.benefit)
            fields["civicIntegration"] = .string(person.civicIntegration)
            var input = Input(form: fields)
            let proposal = try DiagnosisService.preview(&input, in: req.context)
            return try await show(req, form: form, proposal: proposal)
        } again: { fieldErrors, status in
            var proposal: DiagnosisProposal?
            if form["action"] == "save", let (person, _) = try? await PersonService.authorised(id, in: req.context) {
                var facts = fields
                facts["birthDate"] = .string(person.birthDate)
                facts["benefit"] = .string(person.benefit)
                facts["civicIntegration"] = .string(person.civicIntegration)
                var input = Input(form: facts)
                proposal = try? DiagnosisService.preview(&input, in: req.context)
            }
            return try await show(
                req, form: form, proposal: proposal, errors: fieldErrors, status: status)
        }
    }
}
