import MeedoenCore
import Vapor

/// Pages for budget holders and policy staff: the budget, the valve simulation, the policy
/// simulation, and the payable incentives. Aggregates only, except where a budget holder prepares payment.
enum BudgetPages {
    static func th(_ s: String) -> HTMLNode { el("th", [A("scope", "col")], txt(s)) }
    static func tdNum(_ s: String) -> HTMLNode { el("td", [A("class", "num")], txt(s)) }

    static func lineTable(_ caption: String, _ lines: [BudgetService.Line], withAllocation: Bool = false, _ t: Texts)
        -> HTMLNode
    {
        guard !lines.isEmpty else {
            return el("p", [], txt(caption + ": " + t("nog niets verplicht.", "nothing committed yet.")))
        }
        let head: [HTMLNode] =
            [th(t("Naam", "Name"))] + (withAllocation ? [th(t("Toegewezen", "Allocated"))] : []) + [
                th(t("Verplicht", "Committed")), th(t("Uitgegeven", "Spent")),
            ] + (withAllocation ? [th(t("Nog vrij", "Left"))] : []) + [th(t("Trajecten", "Enrolments"))]
        return el(
            "div", [A("class", "table-wrap"), A("tabindex", "0")],
            el(
                "table", [A("class", "data")],
                el("caption", [], txt(caption)),
                el("thead", [], el("tr", [], head)),
                el(
                    "tbody", [],
                    lines.map { l in
                        let cells: [HTMLNode] =
                            [el("td", [], txt(l.label))]
                            + (withAllocation ? [tdNum(l.allocatedCents.map(Euro.text) ?? "—")] : [])
                            + [
                                tdNum(Euro.text(l.committedCents)), tdNum(Euro.text(l.spentCents)),
                            ]
                            + (withAllocation ? [tdNum(left(l, t))] : []) + [tdNum(String(l.count))]
                        return el("tr", [], cells)
                    })))
    }

    /// What is left of a district's allocation and how much of it is used: "€ 1.200,00 (40% gebruikt)";
    /// more used than allocated says so. No allocation: "—".
    static func left(_ l: BudgetService.Line, _ t: Texts) -> String {
        guard let a = l.allocatedCents else { return "—" }
        let used = l.committedCents + l.spentCents
        let pct = a == 0 ? (used == 0 ? 0 : 100) : Int((Double(used) * 100 / Double(a)).rounded())
        if used > a {
            return t(
                "\(Euro.text(used - a)) te veel (\(pct)% gebruikt)", "\(Euro.text(used - a)) over (\(pct)% used)")
        }
        return Euro.text(a - used) + t(" (\(pct)% gebruikt)", " (\(pct)% used)")
    }

    // MARK: the budget (the adapter; the model and view are in BudgetPage+Model and +View)

    static func show(
        _ req: Request, errors: FieldErrors = FieldErrors(), form: FormData? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let m = try await loadBudget(year: try req.year(), in: req.context)
        return req.page(req.t("Begroting", "Budget"), status: status, view(m, req.view, errors: errors, form: form))
    }

    /// A budget form: the fields as API input, the service, back to the budget — or the budget page
    /// again with the errors linked to their fields and what was typed kept.
    static func submit(
        _ req: Request, _ fields: [String: JSONValue?], of form: FormData, rename: [String: String] = [:],
        _ act: (inout Input) async throws -> Void
    ) async throws -> Response {
        var input = Input(form: fields)
        return try await PageForm.submit(
            req, saved: .init(nl: "De begroting is bijgewerkt.", en: "The budget has been updated.")
        ) {
            try await act(&input)
            return "/begroting"
        } again: { fieldErrors, status in
            let errors = rename.reduce(fieldErrors) { $0.renamed($1.key, $1.value) }
            return try await show(req, errors: errors, form: form, status: status)
        }
    }

    static func createStream(_ req: Request) async throws -> Response {
        let form = FormData(req)
        return try await submit(
            req, ["year": form.int("year"), "code": form.string("code"), "totalCents": Euro.field(form, "totalCents")],
            of: form
        ) {
            _ = try await BudgetService.createStream(&$0, in: req.context)
        }
    }

    static func changeStream(_ req: Request) async throws -> Response {
        let id = try req.idParameter()
        let form = FormData(req)
        return try await submit(
            req, ["totalCents": Euro.field(form, "total"), "reason": form.string("reason")], of: form
        ) {
            _ = try await BudgetService.changeTotal(id, &$0, in: req.context)
        }
    }

    static func allocate(_ req: Request) async throws -> Response {
        let form = FormData(req)
        guard let stream = UUID(uuidString: form["allocationStream"] ?? "") else {
            return try await show(
                req,
                errors: FieldErrors(
                    DomainError.invalid(
                        "allocationStream", "required", .init(nl: "Kies een stroom.", en: "Choose a stream.")),
                    req.language), form: form, status: .unprocessableEntity)
        }
        return try await submit(
            req,
            ["districtCode": form.string("allocationDistrict"), "totalCents": Euro.field(form, "allocationTotal")],
            of: form,
            rename: ["districtCode": "allocationDistrict", "totalCents": "allocationTotal"]
        ) {
            _ = try await BudgetService.allocate(stream, &$0, in: req.context)
        }
    }

    static func decideException(_ req: Request) async throws -> Response {
        let id = try req.idParameter()
        let form = FormData(req)
        return try await submit(
            req, ["decision": form.string("decision"), "reason": form.string("reason")], of: form
        ) {
            _ = try await SpendingExceptionService.decide(id, &$0, in: req.context)
        }
    }

    static func fund(_ req: Request) async throws -> Response {
        let id = try req.idParameter()
        let form = FormData(req)
        return try await submit(req, ["reason": form.string("reason")], of: form) {
            _ = try await BudgetService.fund(id, &$0, in: req.context)
        }
    }

}
