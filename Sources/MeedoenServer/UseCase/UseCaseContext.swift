import Fluent
import Foundation
import Logging
import MeedoenCore
import NIOConcurrencyHelpers

/// Time as the server sees it. Use cases read it from their context, never from `Date()`, so a test
/// can say "today is 2027-03-01".
struct TimeSource: Sendable {
    let now: @Sendable () -> Date

    static let system = TimeSource { Date() }

    /// A fixed moment.
    static func fixed(_ date: Date) -> TimeSource { TimeSource { date } }

    /// Noon in the municipality's time zone on `day`, every time it is asked.
    static func pinned(today day: CalendarDate) -> TimeSource {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Clock.timeZone
        let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12))!
        return .fixed(date)
    }
}

/// Where new ids come from. Use cases take them from their context, never from `UUID()`, so a test
/// can make them predictable.
struct IDSource: Sendable {
    let next: @Sendable () -> UUID

    static let random = IDSource { UUID() }

    /// 00000000-0000-0000-0000-000000000001, …002, … — in the order they are asked for.
    static func sequential() -> IDSource {
        let counter = NIOLockedValueBox<UInt64>(0)
        return IDSource {
            let n = counter.withLockedValue { value -> UInt64 in
                value += 1
                return value
            }
            return UUID(uuidString: String(format: "00000000-0000-0000-0000-%012llX", n))!
        }
    }
}

/// Everything a use case may touch — and nothing of HTTP. The API controllers, the pages, the
/// commands and the demo loader each build one (`Request.context`, `UseCaseContext(app:user:)`) and
/// call the same use cases with it.
struct UseCaseContext: Sendable {
    /// The database, or the transaction a use case runs in (`within(_:)`).
    var db: any Database
    /// The acting user; nil for an anonymous visitor or a command acting as the system.
    var user: User?
    var time: TimeSource
    var ids: IDSource
    /// The group-committing audit sink for entries that are not part of a change's transaction.
    var auditWriter: AuditWriter
    var policies: PolicyStore
    /// The municipality's districts, from the `districts` table.
    var districts: DistrictDirectory
    var trees: TreeStore
    var facts: FactsSnapshot
    /// The monitor's figures, computed at most every ten minutes (see `DashboardCache`).
    var dashboard: DashboardCache
    /// The application's database handle, for computations that outlive one request (the cached figures).
    var appDB: any Database
    /// The language texts that a use case stores or returns are written in.
    var language: Language
    /// Correlates the audit entries of one request or command run.
    var requestID: String
    var logger: Logger
    /// The municipality that runs this database (from `meedoen setup`).
    var municipality: MunicipalityDirectory
    /// bcrypt cost for new password hashes (12; tests lower it).
    var passwordCost: Int
    /// Whether staff signing in with a password must give a second factor.
    var mfaRequired: Bool
    /// The secrets the server signs with (the sign-in form's token).
    var keys: ServerKeys
    /// Whether the system acts (a command, the demo, the set-up) — never true for a request, so an
    /// anonymous visitor is never taken for the system.
    var isSystem: Bool = false
    /// Notes that a refusal was audited, so the HTTP edge does not audit it a second time.
    var refusals: RefusalMark? = nil

    var now: Date { time.now() }
    /// The participation ladder in use: the municipality's, else the one the indicator file names.
    var ladderInUse: Ladder {
        municipality.current.flatMap { policies.ladder($0.file.ladder) } ?? policies.ladderInUse
    }
    /// Today as a calendar date in the municipality's time zone.
    var today: CalendarDate { Clock.today(now: now) }
    func newID() -> UUID { ids.next() }

    /// The same context on another database handle (a transaction).
    func within(_ db: any Database) -> UseCaseContext {
        var copy = self
        copy.db = db
        return copy
    }

    /// The same context acting as another user (the demo loader and the commands act as named users).
    func acting(as user: User?) -> UseCaseContext {
        var copy = self
        copy.user = user
        if user != nil { copy.isSystem = false }
        return copy
    }

    // MARK: who acts

    /// The system itself (a command or the demo), or "not signed in" / forbidden for anyone else.
    func requireSystem(_ because: LocalizedText) throws {
        guard isSystem, user == nil else {
            if user == nil { throw DomainError.unauthenticated }
            throw DomainError.forbidden(because)
        }
    }

    /// The signed-in user, or "not signed in".
    func requireUser() throws -> User {
        guard let user else { throw DomainError.unauthenticated }
        return user
    }

    func requireViewer() throws -> Viewer { try requireUser().viewer }

    /// The acting user with one of `roles`, or forbidden.
    @discardableResult
    func requireRole(_ roles: Role..., because: LocalizedText? = nil) throws -> User {
        try requireRole(roles, because: because)
    }

    @discardableResult
    func requireRole(_ roles: [Role], because: LocalizedText? = nil) throws -> User {
        let user = try requireUser()
        guard !user.roleSet.isDisjoint(with: roles) else {
            throw DomainError.forbidden(
                because
                    ?? .init(
                        nl: "Deze handeling vraagt de rol \(roles.map(\.label.nl).joined(separator: " of ")).",
                        en: "This action needs the role \(roles.map(\.label.en).joined(separator: " or "))."))
        }
        return user
    }

    func requireProfessional() throws -> User {
        let user = try requireUser()
        guard user.viewer.isProfessional else {
            throw DomainError.forbidden(.init(nl: "Alleen voor professionals.", en: "For professionals only."))
        }
        return user
    }
}

/// Whether a request's refusal has been written to the audit trail (by the use case that refused,
/// with the person it concerns). The edge audits every other refusal itself.
final class RefusalMark: Sendable {
    private let recorded = NIOLockedValueBox(false)
    func mark() { recorded.withLockedValue { $0 = true } }
    var isRecorded: Bool { recorded.withLockedValue { $0 } }
}
