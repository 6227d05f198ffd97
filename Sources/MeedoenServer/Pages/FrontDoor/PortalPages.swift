import MeedoenCore
import Vapor

/// "Mijn Meedoen": the resident's portal — plan, agreements (mark done with a note), appointments,
/// enrolments, vouchers, own activities, who looked at the file and why, and the AVG download.
enum PortalPages {
    static func th(_ s: String) -> HTMLNode { el("th", [A("scope", "col")], txt(s)) }

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
