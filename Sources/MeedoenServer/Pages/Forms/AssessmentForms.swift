import MeedoenCore
import Vapor

/// Record a rung (proposed from facts on the national ladder) or a ZRM.
enum AssessmentForms {
    static func showRung(
        _ req: Request, form: FormData? = nil, errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let (person, _) = try await PersonService.authorised(
            try req.idParameter(), in: req.context, audit: "page:rung-form")
        // The national ladder (it proposes a rung from the facts) and the municipality's own — never another
        // municipality's ladder.
        let own = req.context.ladderInUse
        let national = req.policies.defaultLadder
        let ladders = own.id == national.id ? [national] : [own, national]
        let defaultLadder = own.canPropose ? own.id : national.id
        return req.page(
            req.t("Trede vastleggen", "Record rung") + " — " + person.fullName, status: status,
            rungView(
                person: person, ladders: ladders, defaultLadder: defaultLadder, req.view, form: form, errors: errors))
    }

    static func submitRung(_ req: Request) async throws -> Response {
        let id = try req.idParameter()
        let form = FormData(req)
        var input = Input(form: [
            "kind": .string("rung"), "ladderId": form.string("ladderId"), "facts": form.list("facts"),
            "rung": form.int("rung"),
            "overrideReason": form.string("overrideReason"), "participationDomain": form.string("participationDomain"),
            "assessedOn": form.string("assessedOn"),
        ])
        return try await PageForm.submit(
            req, saved: .init(nl: "De trede is vastgelegd.", en: "The rung has been recorded.")
        ) {
            _ = try await AssessmentService.record(personID: id, &input, in: req.context)
            return "/personen/\(id)"
        } again: { fieldErrors, status in
            return try await showRung(
                req, form: form, errors: fieldErrors, status: status)
        }
    }

    static func showZRM(
        _ req: Request, form: FormData? = nil, errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let (person, _) = try await PersonService.authorised(
            try req.idParameter(), in: req.context, audit: "page:zrm-form")
        return req.page(
            req.t("ZRM afnemen", "Assess ZRM") + " — " + person.fullName, status: status,
            zrmView(person: person, req.view, form: form, errors: errors))
    }

    static func submitZRM(_ req: Request) async throws -> Response {
        let id = try req.idParameter()
        let form = FormData(req)
        var scores: [String: JSONValue] = [:]
        for d in ZrmDomain.allCases { if let v = form.int("scores.\(d.rawValue)") { scores[d.rawValue] = v } }
        var input = Input(form: [
            "kind": .string("zrm"), "scores": .object(scores), "assessedOn": form.string("assessedOn"),
        ])
        return try await PageForm.submit(
            req,
            saved: .init(
                nl: "De zelfredzaamheidsmatrix is vastgelegd.", en: "The self-sufficiency matrix has been recorded."),
            adjust: { fields in
                // "scores" as a whole (missing domains): point at each empty select.
                guard fields.contains(where: { $0.name == "scores" }) else { return fields }
                return fields.filter { $0.name != "scores" }
                    + ZrmDomain.allCases.filter { scores[$0.rawValue] == nil }.map {
                        .init(
                            name: "scores.\($0.rawValue)", code: "required",
                            reason: .init(nl: "Kies een score.", en: "Choose a score."))
                    }
            }
        ) {
            _ = try await AssessmentService.record(personID: id, &input, in: req.context)
            return "/personen/\(id)"
        } again: { fieldErrors, status in
            try await showZRM(req, form: form, errors: fieldErrors, status: status)
        }
    }
}
