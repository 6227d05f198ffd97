import MeedoenCore
import Vapor

extension Request {
    /// The use-case context of this request: its database, its signed-in user, the server's clock and
    /// ids, the policies and districts in force, its language and its id for the audit trail.
    var context: UseCaseContext {
        UseCaseContext(
            db: db, user: auth.get(User.self), time: application.time, ids: application.ids,
            auditWriter: application.auditWriter, policies: application.policyStore,
            districts: application.districtDirectory, trees: application.trees, facts: application.factsSnapshot,
            language: language, requestID: String(id.prefix(100)), logger: logger)
    }

    /// The districts in force (read once, then from memory).
    func districts() async throws -> Districts { try await application.districtDirectory.all(on: db) }
}

extension Request {
    var policies: PolicyStore { application.policyStore }

    /// Today as a calendar date in the municipality's time zone, by the server's clock.
    var today: CalendarDate { Clock.today(now: application.time.now()) }

    /// An audit entry for this request (the adapters' own reads; use cases write through their context).
    func audit(_ action: Audit.Action, person: UUID?, basis: String, detail: String? = nil) async throws {
        try await Audit.record(context, action, person: person, basis: basis, detail: detail)
    }
}

extension DomainError {
    /// The HTTP status this error answers with.
    var status: HTTPResponseStatus { Problem(self).status }
}

extension Request {
    /// The raw body (empty when none was sent).
    var bodyData: Data { body.data.map { Data($0.readableBytesView) } ?? Data() }
}
