import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// What the signal lists and the address list show.
extension SignalService {
    // MARK: queries for the lists

    /// The residents and owner names that a list of signals mentions.
    static func peopleAndNames(_ signals: [Signal], on db: any Database) async throws -> (
        [UUID: Person], [UUID: String]
    ) {
        let pids = Set(signals.compactMap(\.personID))
        let uids = Set(signals.map(\.ownerID))
        let people =
            pids.isEmpty
            ? [:]
            : Dictionary(
                uniqueKeysWithValues: try await Person.query(on: db).filter(\.$id ~~ pids).all().map { ($0.id!, $0) })
        let names =
            uids.isEmpty
            ? [:]
            : Dictionary(
                uniqueKeysWithValues: try await User.query(on: db).filter(\.$id ~~ uids).all().map {
                    ($0.id!, $0.displayName)
                })
        return (people, names)
    }

    /// A worker's open signals, and (for the front door and the chair) the colleagues' open ones in
    /// the district, with the residents and owners they mention.
    struct Board {
        var user: User
        var mine: [Signal]
        var district: [Signal]
        var people: [UUID: Person]
        var names: [UUID: String]
    }

    /// The worker's board. The residents it names (need to know) are audited as read.
    static func board(includeDistrict: Bool = true, in ctx: UseCaseContext) async throws -> Board {
        let user = try requireWorker(ctx)
        let mine = try await open(ownedBy: user, on: ctx.db)
        var district: [Signal] = []
        if includeDistrict, let code = user.districtCode,
            !user.roleSet.isDisjoint(with: [.counter, .residentAdviser, .caseTableChair])
        {
            district = try await open(district: code, on: ctx.db).filter { $0.ownerID != user.id }
        }
        let (people, names) = try await peopleAndNames(mine + district, on: ctx.db)
        let named = Set((mine + district).compactMap(\.personID).filter { mayNamePerson(people[$0], user) })
        try await Audit.record(
            ctx, .signalRead,
            people: named.map {
                ($0, NeedToKnow.grant(for: user.viewer, to: people[$0]!.relations)?.basis ?? "signal")
            },
            detail: "signal list")
        return Board(user: user, mine: mine, district: district, people: people, names: names)
    }

    /// The person a new signal is about, if the worker may know them.
    static func subject(_ personID: UUID?, in ctx: UseCaseContext) async throws -> Person? {
        let user = try requireWorker(ctx)
        guard let personID, let p = try await Person.find(personID, on: ctx.db),
            NeedToKnow.grant(for: user.viewer, to: p.relations) != nil
        else { return nil }
        return p
    }

    /// The case managers a signal can be handed over to.
    static func caseManagers(in ctx: UseCaseContext) async throws -> [User] {
        _ = try requireWorker(ctx)
        return try await User.query(on: ctx.db).filter(\.$active == true).all().filter {
            $0.roleSet.contains(.caseManager)
        }
    }

    /// The resident adviser's address list: every signal in the district with the residents and
    /// households it mentions; the named residents audited as read.
    struct AddressList {
        var districtCode: String
        var signals: [Signal]
        var people: [UUID: Person]
        var names: [UUID: String]
        var householdAddresses: [UUID: String]
    }

    static func addressList(in ctx: UseCaseContext) async throws -> AddressList {
        let user = try ctx.requireRole(.residentAdviser, .counter, .caseTableChair)
        guard let code = user.districtCode else {
            throw DomainError.forbidden(.init(nl: "U hoort bij geen stadsdeel.", en: "You belong to no district."))
        }
        let signals = try await Signal.query(on: ctx.db).filter(\.$districtCode == code).sort(\.$dueOn, .ascending)
            .limit(2000).all()
        let (people, names) = try await peopleAndNames(signals, on: ctx.db)
        let households = try await Household.query(on: ctx.db).filter(
            \.$id ~~ Set(people.values.compactMap { $0.$household.id })
        ).all()
        try await Audit.record(
            ctx, .signalRead, people: Set(signals.compactMap(\.personID)).map { ($0, "signal:\(code)") },
            detail: "address list")
        return AddressList(
            districtCode: code, signals: signals, people: people, names: names,
            householdAddresses: Dictionary(uniqueKeysWithValues: households.map { ($0.id!, $0.address ?? "") }))
    }

    /// The names of a signal's owner and the actors of its events.
    static func names(for s: Signal, events: [SignalEvent], in ctx: UseCaseContext) async throws -> [UUID: String] {
        let ids = Set([s.ownerID] + events.map(\.actorID))
        return Dictionary(
            uniqueKeysWithValues: try await User.query(on: ctx.db).filter(\.$id ~~ ids).all().map {
                ($0.id!, $0.displayName)
            })
    }

    /// The person a signal is about, as stored; whoever shows it decides whether the name may be shown
    /// (`mayNamePerson`).
    static func person(of s: Signal, in ctx: UseCaseContext) async throws -> Person? {
        guard let id = s.personID else { return nil }
        return try await Person.find(id, on: ctx.db)
    }
}

extension SignalService {
    /// What the signal list shows: open, closed or all; the worker's own or also the district's;
    /// words to search in the text, the address and the names the worker may see; a page of 25.
    struct ListFilter {
        enum Group: String, CaseIterable { case open, closed, all }
        enum Scope: String, CaseIterable { case district, mine }
        var group: Group = .open
        var scope: Scope = .district
        var search: String?
        var page = 1
        var pageSize = 25
    }

    struct Listing {
        var user: User
        var rows: [Signal]
        var total: Int
        var people: [UUID: Person]
        var names: [UUID: String]
        /// Whether the worker also sees the district's signals (front door, advisers, the chair).
        var seesDistrict: Bool
        var pages: Int
    }

    /// The signal list, filtered, searched and paged; only the residents named on the page shown are
    /// audited. Reads at most 2,000 signals before it searches (open ones first by follow-up date).
    static func list(_ f: ListFilter, in ctx: UseCaseContext) async throws -> Listing {
        let user = try requireWorker(ctx)
        let seesDistrict =
            user.districtCode != nil && !user.roleSet.isDisjoint(with: [.counter, .residentAdviser, .caseTableChair])
        var query = Signal.query(on: ctx.db)
        if seesDistrict && f.scope == .district, let code = user.districtCode {
            query = query.group(.or) { $0.filter(\.$ownerID == user.id!).filter(\.$districtCode == code) }
        } else {
            query = query.filter(\.$ownerID == user.id!)
        }
        switch f.group {
        case .open: query = query.filter(\.$status != SignalStatus.closed)
        case .closed: query = query.filter(\.$status == SignalStatus.closed)
        case .all: break
        }
        let all = try await query.sort(\.$dueOn, .ascending).limit(2000).all()
        let (people, names) = try await peopleAndNames(all, on: ctx.db)
        let words = (f.search ?? "").lowercased().split(whereSeparator: \.isWhitespace).prefix(5).map(String.init)
        let matched =
            words.isEmpty
            ? all
            : all.filter { s in
                let person = s.personID.flatMap { people[$0] }
                // A name is searched only where the worker may see it, so a search never tells more.
                let name = mayNamePerson(person, user) ? person.map { "\($0.givenName) \($0.familyName)" } ?? "" : ""
                let text = [s.description, s.address ?? "", name].joined(separator: " ").lowercased()
                return words.allSatisfy(text.contains)
            }
        // Open before closed; open by follow-up date, soonest first; closed by follow-up date, latest first.
        let ordered = matched.filter { $0.status != .closed } + matched.filter { $0.status == .closed }.reversed()
        let pages = max(1, (ordered.count + f.pageSize - 1) / f.pageSize)
        let rows = Array(ordered.dropFirst((min(f.page, pages) - 1) * f.pageSize).prefix(f.pageSize))
        let named = Set(rows.compactMap(\.personID).filter { mayNamePerson(people[$0], user) })
        try await Audit.record(
            ctx, .signalRead,
            people: named.map {
                ($0, NeedToKnow.grant(for: user.viewer, to: people[$0]!.relations)?.basis ?? "signal")
            },
            detail: "signal list")
        return Listing(
            user: user, rows: rows, total: ordered.count, people: people, names: names, seesDistrict: seesDistrict,
            pages: pages)
    }
}
