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
            dashboard: application.dashboardCache, appDB: application.db,
            language: language, requestID: String(id.prefix(100)), logger: logger,
            municipality: application.municipality,
            passwordCost: application.settings.passwordCost, mfaRequired: application.settings.mfaRequired,
            keys: application.serverKeys,
            refusals: refusalMark)
    }

    private struct RefusalMarkKey: StorageKey { typealias Value = RefusalMark }

    /// This request's note of an audited refusal.
    var refusalMark: RefusalMark {
        if let mark = storage[RefusalMarkKey.self] { return mark }
        let mark = RefusalMark()
        storage[RefusalMarkKey.self] = mark
        return mark
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

// MARK: query parameters shared by the API and the pages

extension Request {
    /// `page`, `pageSize` and `q` of a list, for the API and the pages alike.
    func paging() throws -> (page: Int, pageSize: Int, search: String?) {
        var problems: [DomainError.Field] = []
        let pageRaw = query[String.self, at: "page"]
        let sizeRaw = query[String.self, at: "pageSize"]
        let page = pageRaw.map { Int($0) ?? -1 } ?? 1
        let size = sizeRaw.map { Int($0) ?? -1 } ?? 50
        if !(1...100_000).contains(page) {
            problems.append(
                .init(
                    name: "page", code: "outOfRange",
                    reason: .init(nl: "Een paginanummer vanaf 1.", en: "A page number from 1.")))
        }
        if !(1...200).contains(size) {
            problems.append(
                .init(
                    name: "pageSize", code: "outOfRange",
                    reason: .init(nl: "Tussen 1 en 200.", en: "Between 1 and 200.")))
        }
        let q = query[String.self, at: "q"]?.trimmingCharacters(in: .whitespaces)
        if let q, q.count > 100 {
            problems.append(
                .init(
                    name: "q", code: "tooLong", reason: .init(nl: "Maximaal 100 tekens.", en: "At most 100 characters.")
                ))
        }
        if !problems.isEmpty { throw DomainError.invalid(problems) }
        return (page, size, q?.isEmpty == true ? nil : q)
    }

    /// The year asked for (`year` in the API, `jaar` on Dutch pages), this year when absent.
    func year(named name: String = "year") throws -> Int {
        guard let raw = query[String.self, at: name] else { return today.year }
        guard let y = Int(raw), (2000...2100).contains(y) else {
            throw DomainError.invalid(
                name, "range", .init(nl: "Een jaar van 2000 tot en met 2100.", en: "A year from 2000 to 2100."))
        }
        return y
    }
}
