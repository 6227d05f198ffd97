import MeedoenCore
import Vapor

/// The plan editor: the household's one plan, its director, goals per life domain, strengths,
/// who is involved, the resident's agreement, agreements with due dates, and its history. The adapter
/// loads the model (`PlanPage+Model`) and renders it (`+View`).
enum PlanPage {
    static func show(
        _ req: Request, form: FormData? = nil, errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let m = try await load(personID: try req.idParameter(), in: req.context)
        return req.page(
            req.t("Plan", "Plan") + " — " + m.person.fullName, status: status,
            view(m, req.view, form: form, errors: errors))
    }

}

extension Optional {
    func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
