import MeedoenCore
import Vapor

/// "Mijn Meedoen": the resident's portal — plan, agreements (mark done with a note), appointments,
/// enrolments, vouchers, own activities, who looked at the file and why, and the AVG download.
enum PortalPages {
    static func th(_ s: String) -> HTMLNode { el("th", [A("scope", "col")], txt(s)) }

    static func actionLabel(_ action: String, _ t: Texts) -> String {
        let labels: [String: (String, String)] = [
            "person.read": ("bekeek uw gegevens", "viewed your details"),
            "person.list": ("zag u in een lijst", "saw you in a list"),
            "person.update": ("wijzigde uw gegevens", "changed your details"),
            "person.create": ("registreerde u", "registered you"),
            "person.read.denied": ("probeerde uw gegevens te zien (geweigerd)", "tried to view your details (refused)"),
            "assessment.create": ("legde een beoordeling vast", "recorded an assessment"),
            "assessment.read": ("bekeek beoordelingen", "viewed assessments"),
            "diagnosis.create": ("legde een diagnose vast", "recorded a diagnosis"),
            "diagnosis.read": ("bekeek de diagnose", "viewed the diagnosis"),
            "plan.read": ("bekeek uw plan", "viewed your plan"),
            "plan.update": ("wijzigde uw plan", "changed your plan"),
            "plan.create": ("maakte uw plan", "created your plan"),
            "agreement.create": ("maakte een afspraak", "made an agreement"),
            "agreement.update": ("werkte een afspraak bij", "updated an agreement"),
            "referral.create": ("verwees u", "referred you"),
            "referral.read": ("bekeek een verwijzing", "viewed a referral"),
            "referral.update": ("werkte een verwijzing bij", "updated a referral"),
            "referral.list": ("zag u in een verwijzingenlijst", "saw you in a referral list"),
            "match.read": ("zocht passend aanbod", "looked for fitting services"),
            "voucher.read": ("bekeek uw vouchers", "viewed your vouchers"),
            "voucher.earn": ("schreef vouchers bij", "credited vouchers"),
            "voucher.redeem": ("nam vouchers in", "redeemed vouchers"),
            "enforcement.read": ("bekeek handhaving", "viewed enforcement"),
            "enforcement.update": ("werkte handhaving bij", "updated enforcement"),
            "enforcement.create": ("startte handhaving", "started enforcement"),
            "incentive.read": ("bekeek premies", "viewed premiums"),
            "incentive.create": ("legde een premie vast", "recorded a premium"),
            "signal.create": ("legde een signaal vast", "recorded a signal"),
            "signal.read": ("bekeek een signaal", "viewed a signal"),
            "signal.update": ("volgde een signaal op", "followed up a signal"),
            "activity.decide": ("besliste over uw activiteit", "decided on your activity"),
            "feedback.create": ("gaf een oordeel over een traject", "rated an enrolment"),
            "appointment.create": ("plande een afspraak", "planned an appointment"),
            "audit.read": ("bekeek wie uw dossier inzag", "viewed who looked at your file"),
            "household.read": ("bekeek uw huishouden", "viewed your household"),
        ]
        return labels[action].map { t($0.0, $0.1) } ?? action
    }

    static func basisLabel(_ basis: String, _ t: Texts) -> String {
        if basis.hasPrefix("districtTeam") { return t("stadsdeelteam", "district team") }
        if basis == "caseload" { return t("uw klantmanager", "your case manager") }
        if basis == "registeredBy" { return t("registreerde of meldde u", "registered or signalled you") }
        if basis.hasPrefix("caseTable") { return t("stadsdeeltafel", "district case table") }
        if basis.hasPrefix("referredTo") {
            return t("aanbieder waarnaar u verwezen bent", "provider you were referred to")
        }
        if basis == "ownFile" { return t("uzelf", "yourself") }
        if basis.hasPrefix("signal") { return t("signaal in uw stadsdeel", "signal in your district") }
        return basis
    }

    static func show(
        _ req: Request, errors: FieldErrors = FieldErrors(), form: FormData? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let home = try await PortalService.home(in: req.context)
        return req.page(
            req.t("Mijn Meedoen", "My Meedoen"), status: status,
            homeView(home: home, req.view, errors: errors, form: form))
    }

    static func markDone(_ req: Request) async throws -> Response {
        let form = FormData(req)
        let id = try req.idParameter()
        let note = form.pairs.first { $0.0.hasPrefix("note") }?.1
        var input = Input(form: ["note": note.map(JSONValue.string)])
        return try await PageForm.submit(
            req,
            saved: .init(
                nl: "Uw afspraak staat op gedaan. Uw klantmanager ziet het.",
                en: "Your agreement is marked done. Your case manager sees it.")
        ) {
            _ = try await PortalService.markDone(id, &input, in: req.context)
            return "/mijn-meedoen#plan"
        } again: { fieldErrors, status in
            return try await show(
                req, errors: fieldErrors.renamed("note", "note-\(id.uuidString.prefix(8))"),
                status: status)
        }
    }

    static func registerActivity(_ req: Request) async throws -> Response {
        let form = FormData(req)
        var input = Input(form: [
            "description": form.string("description"), "onDate": form.string("onDate"), "hours": form.int("hours"),
        ])
        return try await PageForm.submit(
            req,
            saved: .init(
                nl: "Uw activiteit is doorgegeven. Een medewerker keurt haar goed.",
                en: "Your activity has been passed on. A member of staff will approve it.")
        ) {
            _ = try await PortalService.registerActivity(&input, in: req.context)
            return "/mijn-meedoen#activiteiten"
        } again: { fieldErrors, status in
            return try await show(req, errors: fieldErrors, form: form, status: status)
        }
    }

}
