import Fluent
import NIOConcurrencyHelpers

/// The municipality's districts as the `districts` table holds them: read once and kept for at most
/// `maxAge` seconds, or until a district is written through this directory (which forgets the copy).
/// So a district added by a command or on another instance shows within a minute
/// (docs/ARCHITECTURE.md, "Process memory").
final class DistrictDirectory: Sendable {
    /// Seconds a copy is kept.
    static let maxAge: Double = 60
    struct Entry: Sendable, Equatable {
        var code: String
        var name: String
    }

    private let box = NIOLockedValueBox<(entries: [Entry], readAt: ContinuousClock.Instant)?>(nil)

    /// Every district, ordered by code.
    func all(on db: any Database) async throws -> Districts {
        let now = ContinuousClock.now
        if let cached = box.withLockedValue({ $0 }), cached.readAt.duration(to: now) < .seconds(Self.maxAge) {
            return Districts(entries: cached.entries)
        }
        let rows = try await District.query(on: db).sort(\.$id).all()
        let entries = rows.map { Entry(code: $0.id!, name: $0.name) }
        box.withLockedValue { $0 = (entries, now) }
        return Districts(entries: entries)
    }

    /// Adds a district or renames it; the next read sees it.
    func save(code: String, name: String, on db: any Database) async throws {
        if let existing = try await District.find(code, on: db) {
            existing.name = name
            try await existing.save(on: db)
        } else {
            try await District(code: code, name: name).create(on: db)
        }
        forget()
    }

    /// Forgets the copy (after districts were written in bulk).
    func forget() { box.withLockedValue { $0 = nil } }
}

/// The districts in force, with their names: what pages and use cases show instead of a letter code.
struct Districts: Sendable {
    var entries: [DistrictDirectory.Entry]

    var codes: [String] { entries.map(\.code) }
    /// Code and name pairs, in code order (for select lists and tables).
    var pairs: [(String, String)] { entries.map { ($0.code, $0.name) } }
    var names: [String: String] { Dictionary(uniqueKeysWithValues: entries.map { ($0.code, $0.name) }) }

    func contains(_ code: String?) -> Bool { code.map { c in entries.contains { $0.code == c } } ?? false }
    /// The district's name; the code itself if it is unknown.
    func name(_ code: String) -> String { entries.first { $0.code == code }?.name ?? code }
}
