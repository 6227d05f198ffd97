import MeedoenCore
import Vapor

/// One referral: its status, checks, notes, incentives and the next steps. The adapter loads the model
/// (`ReferralPage+Model`) and renders it (`+View`).
extension ReferralPages {
    // MARK: one referral

    static func show(
        _ req: Request, errors: FieldErrors = FieldErrors(), form: FormData? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let m = try await loadReferral(try req.idParameter(), in: req.context)
        return req.page(req.t("Verwijzing", "Referral"), status: status, view(m, req.view, errors: errors, form: form))
    }

    static func act(_ req: Request) async throws -> Response {
        let id = try req.idParameter()
        let form = FormData(req)
        if req.parameters.get("action") == "resultaatcontrole" {
            var input = Input(form: ["stillWorking": form.bool("stillWorking")])
            return try await PageForm.submit(req) {
                let (_, s) = try await ContractService.check(id, &input, in: req.context)
                if req.hasSession { req.session.data["flash"] = s.reason.text.text(req.language) }
                return "/verwijzingen/\(id)"
            } again: { fieldErrors, status in
                try await show(req, errors: fieldErrors, form: form, status: status)
            }
        }
        let actions: [String: ReferralAction] = [
            "accept": .accept, "refuse": .refuse, "start": .start, "notes": .note, "end": .end, "withdraw": .withdraw,
        ]
        guard let action = actions[req.parameters.get("action") ?? ""] else {
            throw DomainError.notFound(.init(nl: "Onbekende actie.", en: "Unknown action."))
        }
        var input = Input(form: [
            "reason": form.string("reason"), "startOn": form.string("startOn"),
            "plannedEndOn": form.string("plannedEndOn"),
            "kind": form.string("kind"), "on": form.string("on"), "attended": form.bool("attended"),
            "hours": form.int("hours"),
            "text": form.string("text"), "outcome": form.string("outcome"), "endOn": form.string("endOn"),
            "note": form.string("note"), "exam": form.string("exam"),
        ])
        return try await PageForm.submit(req) {
            let l = try await ReferralService.act(id, action, &input, in: req.context)
            // A short week on a duty offer: say what it became — to a provider without saying whether
            // the resident has a plan (that is the case manager's to know).
            let provider =
                req.context.user.map { $0.roleSet.contains(.provider) && !$0.viewer.hasAny(.caseManager) } ?? false
            let saved =
                l.shortfall.map {
                    provider
                        ? LocalizedText(
                            nl:
                                "De aanwezigheid is vastgelegd. \($0.reason.text.nl) De klantmanager ziet dit en beslist wat er volgt.",
                            en:
                                "The attendance has been recorded. \($0.reason.text.en) The case manager sees this and decides what follows."
                        )
                        : l.missedAgreement == nil
                            ? LocalizedText(
                                nl:
                                    "De aanwezigheid is vastgelegd. \($0.reason.text.nl) Er is geen lopend plan om dit als niet-nagekomen afspraak in vast te leggen; het staat bij de klantmanager in Mijn werk.",
                                en:
                                    "The attendance has been recorded. \($0.reason.text.en) There is no active plan to record this in as a missed agreement; it is in the case manager's My work."
                            )
                            : LocalizedText(
                                nl:
                                    "De aanwezigheid is vastgelegd. \($0.reason.text.nl) Dit is een niet-nagekomen afspraak in het plan; de klantmanager kan handhaven, met eerst een herinnering.",
                                en:
                                    "The attendance has been recorded. \($0.reason.text.en) This is a missed agreement in the plan; the case manager can enforce, a reminder first."
                            )
                } ?? .init(nl: "De stap is vastgelegd.", en: "The step has been recorded.")
            if req.hasSession { req.session.data["flash"] = saved.text(req.language) }
            return "/verwijzingen/\(id)"
        } again: { fieldErrors, status in
            return try await show(req, errors: fieldErrors, form: form, status: status)
        }
    }
}
