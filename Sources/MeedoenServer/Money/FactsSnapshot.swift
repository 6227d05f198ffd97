import Vapor
import Fluent
import SQLKit
import NIOConcurrencyHelpers
import MeedoenCore

/// Everyone's latest diagnosis facts, kept in memory for the policy simulation and brought up to date
/// from the database on every use: diagnoses are append-only, so only rows created since the last
/// high-water mark are read (and only their facts decoded); persons changed since their mark bring
/// their district. The database stays the source of truth: every server process refreshes its own
/// snapshot before it answers, so several processes agree. The first use reads everything.
final class FactsSnapshot: Sendable {
    struct Entry: Sendable { var at: Date; var id: UUID; var facts: DiagnosisFacts; var category: Int? }
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
        let diagnoses = try await sql.raw(dMark.map { """
            SELECT id, person_id, facts, decided_category, created_at FROM diagnoses WHERE created_at >= \(bind: $0)
            """ } ?? "SELECT id, person_id, facts, decided_category, created_at FROM diagnoses").all()
        let persons = try await sql.raw(pMark.map { """
            SELECT id, district_code, COALESCE(updated_at, created_at) AS changed FROM persons WHERE COALESCE(updated_at, created_at) >= \(bind: $0)
            """ } ?? "SELECT id, district_code, COALESCE(updated_at, created_at) AS changed FROM persons").all()
        // Pick the latest per person among the new rows before decoding: each facts JSON is decoded once.
        var newest: [UUID: (Date, UUID, any SQLRow)] = [:]
        var maxAt = dMark ?? .distantPast
        for row in diagnoses {
            let at = try row.decode(column: "created_at", as: Date?.self) ?? .distantPast
            let id = try row.decode(column: "id", as: UUID.self)
            let person = try row.decode(column: "person_id", as: UUID.self)
            maxAt = max(maxAt, at)
            if let have = newest[person], (have.0, have.1.uuidString) >= (at, id.uuidString) { continue }
            newest[person] = (at, id, row)
        }
        let decoder = JSONDecoder()
        var entries: [UUID: Entry] = [:]
        for (person, (at, id, row)) in newest {
            guard let facts = try? decoder.decode(DiagnosisFacts.self, from: Data(try row.decode(column: "facts", as: String.self).utf8)) else { continue }
            entries[person] = Entry(at: at, id: id, facts: facts, category: try row.decode(column: "decided_category", as: Int?.self))
        }
        var districts: [UUID: String] = [:]
        var maxP = pMark ?? .distantPast
        for row in persons {
            districts[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "district_code", as: String.self)
            maxP = max(maxP, try row.decode(column: "changed", as: Date?.self) ?? .distantPast)
        }
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

    func people(today: CalendarDate, committed: [UUID: Int]) -> [PolicySimulation.Person] {
        state.withLockedValue { s in
            s.latest.compactMap { person, e in
                guard let district = s.districts[person] else { return nil }
                var facts = e.facts
                facts.referenceDate = today
                return PolicySimulation.Person(facts: facts, district: district, currentCategory: e.category, committedCents: committed[person] ?? 0)
            }
        }
    }

    /// Forgets everything (the next refresh reads all): for a benchmark's cold run.
    func reset() { state.withLockedValue { $0 = State() } }
}

extension Application {
    private struct FactsSnapshotKey: StorageKey { typealias Value = FactsSnapshot }
    var factsSnapshot: FactsSnapshot {
        if let s = storage[FactsSnapshotKey.self] { return s }
        let s = FactsSnapshot()
        storage[FactsSnapshotKey.self] = s
        return s
    }
}
