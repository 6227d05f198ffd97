import Fluent
import Foundation
import MeedoenCore
import NIOConcurrencyHelpers

/// The municipality that runs Meedoen: set up from its file (`meedoen setup FILE`) — name, house
/// style, districts, areas, counters, the ladder in use and the first administrator. The demo sets
/// itself up through the same use case.
enum MunicipalityService {
    struct SetUp: Sendable {
        var municipality: MunicipalityFile
        /// The administrator named in the file, and a new API token for them (shown once).
        var administrator: User
        var token: String
        var createdAdministrator: Bool
        /// Districts in the database that the file no longer names (kept: residents may live there).
        var districtsNotInFile: [String]
    }

    /// Loads the file into this database. Runs as the system (a command); refuses a database that
    /// belongs to another municipality. Running it again updates names, areas, counters and style; the
    /// administrator is created once (with `password`, when given) and gets a new token each time.
    /// `minimumPasswordLength` is lowered only by the demo (its passwords are public).
    static func setUp(
        _ file: MunicipalityFile, logoSVG: String?, administratorPassword: String?,
        minimumPasswordLength: Int = UserAdminService.minimumPasswordLength, in ctx: UseCaseContext
    ) async throws -> SetUp {
        try ctx.requireSystem(
            .init(
                nl: "De gemeente wordt ingericht met meedoen setup, op de server.",
                en: "The municipality is set up with meedoen setup, on the server."))
        if let other = try await Municipality.query(on: ctx.db).filter(\.$code != file.code).first() {
            throw DomainError.conflict(
                .init(
                    nl: "Deze database is van \(other.name) (\(other.code)), niet van \(file.name) (\(file.code)).",
                    en: "This database belongs to \(other.name) (\(other.code)), not to \(file.name) (\(file.code))."))
        }
        let definition = String(decoding: try JSONEncoder.sorted.encode(file), as: UTF8.self)
        let known = Set(file.districts.map(\.code))
        let (administrator, token, created, stale) = try await ctx.db.transaction {
            db -> (User, String, Bool, [String]) in
            let tx = ctx.within(db)
            let row = try await Municipality.query(on: db).filter(\.$code == file.code).first() ?? Municipality()
            if row.id == nil { row.id = ctx.newID() }
            row.code = file.code
            row.name = file.name
            row.ladder = file.ladder
            row.definition = definition
            row.logoSVG = logoSVG
            row.updatedAt = ctx.now
            try await row.save(on: db)
            for d in file.districts {
                var input = Input.of(["code": .string(d.code), "name": .string(d.name)])
                _ = try await DistrictService.save(&input, in: tx)
            }
            let stale = try await District.query(on: db).all().compactMap(\.id).filter { !known.contains($0) }
            var created = false
            let admin: User
            if let existing = try await User.query(on: db).filter(\.$username == file.administrator.username).first() {
                guard existing.roleSet.contains(.admin) else {
                    throw DomainError.conflict(
                        .init(
                            nl: "Gebruiker \(existing.username) bestaat al, maar is geen beheerder.",
                            en: "User \(existing.username) exists but is not an administrator."))
                }
                admin = existing
            } else {
                var input = Input.of([
                    "username": .string(file.administrator.username),
                    "displayName": .string(file.administrator.displayName), "roles": .array([.string("admin")]),
                ])
                admin = try await UserAdminService.create(
                    &input, password: administratorPassword, minimumLength: minimumPasswordLength, in: tx
                ).user
                created = true
            }
            let token = try await UserAdminService.issueToken(
                for: admin, name: "meedoen setup", days: UserAdminService.maxTokenDays, in: tx)
            try await Audit.record(
                tx, .municipalitySetup, person: nil, basis: "system",
                detail: "municipality:\(file.code) setup districts:\(file.districts.count) areas:\(file.areas.count)",
                on: db)
            return (admin, token, created, stale)
        }
        ctx.districts.forget()
        ctx.municipality.set(.init(file: file, hasLogo: logoSVG != nil, logoSVG: logoSVG))
        return SetUp(
            municipality: file, administrator: administrator, token: token, createdAdministrator: created,
            districtsNotInFile: stale.sorted())
    }

    /// Reads and validates the file and its logo (an SVG next to it); `ladders` are the shipped ones
    /// the file may name (nil: not checked here).
    static func read(_ path: String, ladders: Set<String>?) throws -> (MunicipalityFile, String?) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PolicyError(file: path, entry: "", message: "cannot read the file")
        }
        let file = try MunicipalityFile.load(data, file: path)
        if let ladders { try file.check(ladders: ladders, file: path) }
        guard let logo = file.logo else { return (file, nil) }
        let logoPath = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(logo).path
        guard let svg = FileManager.default.contents(atPath: logoPath).map({ String(decoding: $0, as: UTF8.self) }),
            svg.count <= 100_000, svg.contains("<svg")
        else {
            throw PolicyError(
                file: path, entry: "logo", message: "cannot read \(logoPath) as an SVG file of at most 100 kB")
        }
        guard !svg.lowercased().contains("<script"), !svg.lowercased().contains("javascript:"),
            svg.range(of: #"\son[a-z]+\s*="#, options: [.regularExpression, .caseInsensitive]) == nil
        else {
            throw PolicyError(file: path, entry: "logo", message: "\(logo) contains script; a logo is a picture only")
        }
        return (file, svg)
    }

    /// Reads the stored municipality into memory (at start-up and after a set-up).
    static func loadStored(into directory: MunicipalityDirectory, on db: any Database) async throws {
        guard let row = try await Municipality.query(on: db).first() else { return }
        let file = try JSONDecoder().decode(MunicipalityFile.self, from: Data(row.definition.utf8))
        directory.set(.init(file: file, hasLogo: row.logoSVG != nil, logoSVG: row.logoSVG))
    }

    /// The municipality as the public may see it: name, districts, areas, counters.
    static func current(in ctx: UseCaseContext) throws -> MunicipalityFile {
        guard let current = ctx.municipality.current else {
            throw DomainError.notFound(
                .init(
                    nl: "Er is nog geen gemeente ingericht (meedoen setup).",
                    en: "No municipality has been set up yet (meedoen setup)."))
        }
        return current.file
    }
}

/// The municipality in memory: read at start-up and written by `setUp` (a second instance sees a
/// new set-up after its restart; see docs/ARCHITECTURE.md "Process memory").
final class MunicipalityDirectory: Sendable {
    struct Current: Sendable {
        var file: MunicipalityFile
        var hasLogo: Bool
        var logoSVG: String?
    }

    private let box = NIOLockedValueBox<Current?>(nil)

    var current: Current? { box.withLockedValue { $0 } }
    func set(_ current: Current) { box.withLockedValue { $0 = current } }
}
