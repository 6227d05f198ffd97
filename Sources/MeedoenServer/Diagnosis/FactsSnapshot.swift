import Fluent
import MeedoenCore
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Everyone's latest diagnosis facts, kept in memory for the policy simulation and brought up to date
/// from the database on every use: diagnoses are append-only, so only rows created since the last
/// high-water mark are read (and only their facts decoded); persons changed since their mark bring
/// their district. The database stays the source of truth: every server process refreshes its own
/// snapshot before it answers, so several processes agree. The first use reads everything.
final class FactsSnapshot: Sendable {
    struct Entry: Sendable {
        var at: Date
        var id: UUID
        var facts: DiagnosisFacts
        var category: Int?
    }
    struct State: Sendable {
        var latest: [UUID: Entry] = [:]
        var districts: [UUID: String] = [:]
        var diagnosisMark: Date?
        var personMark: Date?
    }
    private let state = NIOLockedValueBox(State())

    /// Reads what changed since the marks. Rows at the mark itself are read again (same timestamp,
    /// other row); merging keeps, per person, the diagnosis with the latest (time, id).
    func refresh(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        let (dMark, pMark) = state.withLockedValue { ($0.diagnosisMark, $0.personMark) }
        // Rows are streamed and each facts JSON decoded as it arrives (at 100,000 residents, holding all
        // rows first cost ~150 MB of memory the allocator kept); per person the latest (time, id) wins.
        struct Read {
            var entries: [UUID: Entry] = [:]
            var maxAt: Date
            var districts: [UUID: String] = [:]
            var maxP: Date
        }
        let read = NIOLockedValueBox(Read(maxAt: dMark ?? .distantPast, maxP: pMark ?? .distantPast))
        try await sql.raw(
            dMark.map {
                """
                SELECT id, person_id, facts, decided_category, created_at FROM diagnoses WHERE created_at >= \(bind: $0)
                """
            } ?? "SELECT id, person_id, facts, decided_category, created_at FROM diagnoses"
        ).run { row in
            let at = ((try? row.decode(column: "created_at", as: Date?.self)) ?? nil) ?? .distantPast
            guard let id = try? row.decode(column: "id", as: UUID.self),
                let person = try? row.decode(column: "person_id", as: UUID.self)
            else { return }
            let newer = read.withLockedValue { r -> Bool in
                r.maxAt = max(r.maxAt, at)
                if let have = r.entries[person], (have.at, have.id.uuidString) >= (at, id.uuidString) { return false }
                return true
            }
            guard newer, let json = try? row.decode(column: "facts", as: String.self),
                let facts = try? JSONDecoder().decode(DiagnosisFacts.self, from: Data(json.utf8))
            else { return }
            let category = (try? row.decode(column: "decided_category", as: Int?.self)) ?? nil
            read.withLockedValue { $0.entries[person] = Entry(at: at, id: id, facts: facts, category: category) }
        }
        try await sql.raw(
            pMark.map {
                """
                SELECT id, district_code, COALESCE(updated_at, created_at) AS changed FROM persons WHERE COALESCE(updated_at, created_at) >= \(bind: $0)
                """
            } ?? "SELECT id, district_code, COALESCE(updated_at, created_at) AS changed FROM persons"
        ).run { row in
            guard let id = try? row.decode(column: "id", as: UUID.self),
                let district = try? row.decode(column: "district_code", as: String.self)
            else { return }
            let changed = (try? row.decode(column: "changed", as: Date?.self)).flatMap { $0 } ?? .distantPast
            read.withLockedValue {
                $0.districts[id] = district
                $0.maxP = max($0.maxP, changed)
            }
        }
        let (entries, districts, maxAt, maxP) = read.withLockedValue { ($0.entries, $0.districts, $0.maxAt, $0.maxP) }
        if entries.count > 10_000 { Memory.giveBack() }
        let (dNew, pNew) = (maxAt, maxP)
        state.withLockedValue { s in
            for (person, e) in entries {
                if let have = s.latest[person], (have.at, have.id.uuidString) >= (e.at, e.id.uuidString) { continue }
                s.latest[person] = e
            }
            s.districts.merge(districts) { _, new in new }
            s.diagnosisMark = max(s.diagnosisMark ?? .distantPast, dNew)
            s.personMark = max(s.personMark ?? .distantPast, pNew)
        }
    }

    func people(today: CalendarDate, committed: [UUID: [PolicySimulation.Held]]) -> [PolicySimulation.Person] {
        state.withLockedValue { s in
            s.latest.compactMap { person, e in
                guard let district = s.districts[person] else { return nil }
                var facts = e.facts
                facts.referenceDate = today
                return PolicySimulation.Person(
                    facts: facts, district: district, currentCategory: e.category,
                    committedCents: committed[person]?.reduce(0) { $0 + $1.remainingCents } ?? 0,
                    held: committed[person] ?? [])
            }
        }
    }

    /// Forgets everything (the next refresh reads all): for a benchmark's cold run.
    func reset() { state.withLockedValue { $0 = State() } }
}

/// Returns the memory freed after a large one-off read (the first read of everyone's facts, the
/// monitor's figures) to the operating system. glibc keeps freed memory in per-thread arenas; after
/// decoding 100,000 facts on the event-loop and thread-pool threads that was ~250 MB the server
/// held on to without using it (docs/PERFORMANCE.md, "server memory").
enum Memory {
    static func giveBack() {
        #if os(Linux)
            _ = glibcMallocTrim(0)
        #endif
    }
}

#if os(Linux)
    /// `int malloc_trim(size_t pad)` from glibc's <malloc.h>, which the Glibc module does not export.
    @_silgen_name("malloc_trim") private func glibcMallocTrim(_ pad: Int) -> Int32
#endif

extension Application {
    private struct FactsSnapshotKey: StorageKey { typealias Value = FactsSnapshot }
    var factsSnapshot: FactsSnapshot {
        if let s = storage[FactsSnapshotKey.self] { return s }
        let s = FactsSnapshot()
        storage[FactsSnapshotKey.self] = s
        return s
    }
}
