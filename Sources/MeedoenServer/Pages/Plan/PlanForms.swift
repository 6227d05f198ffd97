import MeedoenCore
import Vapor

/// The plan's forms: the plan itself and its agreements.
extension PlanPage {
    static func submit(_ req: Request) async throws -> Response {
        let personID = try req.idParameter()
        let form = FormData(req)
        var goals: [JSONValue] = []
        for d in LifeDomain.allCases {
            for line in (form["goal.\(d.rawValue)"] ?? "").split(whereSeparator: \.isNewline)
            where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                goals.append(.object(["domain": .string(d.rawValue), "text": .string(String(line))]))
            }
        }
        var strengths: [JSONValue] = []
        for of in ["person", "network"] {
            for line in (form["strengths.\(of)"] ?? "").split(whereSeparator: \.isNewline)
            where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                strengths.append(.object(["of": .string(of), "text": .string(String(line))]))
            }
        }
        var involved: [JSONValue] = []
        var involvedProblem = false
        for line in (form["involved"] ?? "").split(whereSeparator: \.isNewline)
        where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard parts.count >= 3, !parts[0].isEmpty, !parts[1].isEmpty, !parts[2].isEmpty else {
                involvedProblem = true
                continue
            }
            var o: [String: JSONValue] = [
                "organisation": .string(parts[0]), "goal": .string(parts[1]), "contactName": .string(parts[2]),
            ]
            if parts.count > 3, !parts[3].isEmpty { o["contactDetails"] = .string(parts[3]) }
            involved.append(.object(o))
        }
        if involvedProblem {
            let p = DomainError.invalid(
                "involved", "format",
                .init(
                    nl: "Elke regel: organisatie | doel | contactpersoon (| contactgegevens).",
                    en: "Each line: organisation | goal | contact person (| contact details)."))
            return try await show(req, form: form, errors: FieldErrors(p, req.language), status: .unprocessableEntity)
        }
        let person = try await PersonService.authorised(personID, in: req.context).0
        let existing = try await person.$household.id.asyncFlatMap {
            try await PlanService.active(householdID: $0, in: req.context)
        }
        return try await PageForm.submit(
            req, saved: .init(nl: "Het plan is opgeslagen.", en: "The plan has been saved."),
            rename: { name in
                var name = name
                name =
                    name.hasPrefix("goals[")
                    ? "goal.work"
                    : name.hasPrefix("strengths[")
                        ? "strengths.person" : name.hasPrefix("involved[") ? "involved" : name
                return name
            }
        ) {
            if let plan = existing {
                var input = Input(form: [
                    "goals": .array(goals), "strengths": .array(strengths), "involved": .array(involved),
                    "directorId": form.string("directorId"),
                    "residentAgreed": .bool(form["residentAgreed"] == "true"),
                    "residentAgreementNote": form.string("residentAgreementNote"),
                    "reassessed": .bool(form["reassessed"] == "true"),
                ])
                _ = try await PlanService.update(plan.id!, &input, in: req.context)
            } else {
                var input = Input(form: [
                    "personId": .string(personID.uuidString), "goals": .array(goals), "strengths": .array(strengths),
                    "involved": .array(involved),
                    "directorId": form.string("directorId"),
                ])
                _ = try await PlanService.create(&input, in: req.context)
            }
            return "/personen/\(personID)/plan"
        } again: { fieldErrors, status in
            return try await show(req, form: form, errors: fieldErrors, status: status)
        }
    }

    static func addAgreement(_ req: Request) async throws -> Response {
        let personID = try req.idParameter()
        let form = FormData(req)
        let person = try await PersonService.authorised(personID, in: req.context).0
        guard let hid = person.$household.id, let plan = try await PlanService.active(householdID: hid, in: req.context)
        else {
            return req.redirect(to: "/personen/\(personID)/plan")
        }
        var input = Input(form: [
            "who": form.string("who"), "what": form.string("what"), "dueOn": form.string("dueOn"),
            "personId": .string(personID.uuidString),
        ])
        return try await PageForm.submit(
            req, saved: .init(nl: "De afspraak is toegevoegd.", en: "The agreement has been added.")
        ) {
            _ = try await PlanService.addAgreement(plan.id!, &input, in: req.context)
            return "/personen/\(personID)/plan"
        } again: { fieldErrors, status in
            return try await show(req, form: form, errors: fieldErrors, status: status)
        }
    }

    static func updateAgreement(_ req: Request) async throws -> Response {
        let personID = try req.idParameter()
        let agreementID = try req.idParameter("agreementId")
        let form = FormData(req)
        let planID = try await PlanService.planOf(agreement: agreementID, in: req.context)
        if form["enforce"] == "1" {
            var open = Input(form: ["agreementId": .string(agreementID.uuidString)])
            let (c, _) = try await EnforcementService.open(&open, in: req.context)
            return req.redirect(to: "/handhaving/\(c.id!)")
        }
        var input = Input(form: ["status": form.string("status"), "evidence": form.string("evidence")])
        _ = try await PlanService.updateAgreement(planID, agreementID, &input, in: req.context)
        return req.redirect(to: "/personen/\(personID)/plan")
    }
}
