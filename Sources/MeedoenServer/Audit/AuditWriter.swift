import Fluent
import SQLKit
import Vapor

/// Group commit for the audit entries of reads: each request hands its entries over and waits until
/// they are committed (so no read is answered before its audit entry is stored), and whatever has
/// queued up meanwhile goes into the database in one INSERT. Under load this turns N concurrent
/// single-row writes — which on SQLite contend for the one write lock — into a few batched ones.
/// Changes keep writing their entry inside their own transaction (`Audit.record(…, on: db)`).
actor AuditWriter {
    private struct Waiting {
        var events: [AuditEvent]
        var continuation: CheckedContinuation<Void, any Error>
    }

    private var queue: [Waiting] = []
    private var flushing = false
    private let database: @Sendable () -> any Database
    /// Rows per INSERT: 10 binds each, well under SQLite's and PostgreSQL's bind limits.
    private let maxRows = 1000

    init(database: @escaping @Sendable () -> any Database) { self.database = database }

    func append(_ events: [AuditEvent]) async throws {
        guard !events.isEmpty else { return }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            queue.append(Waiting(events: events, continuation: continuation))
            if !flushing {
                flushing = true
                Task { await self.flush() }
            }
        }
    }

    private func flush() async {
        while !queue.isEmpty {
            var rows = 0
            var count = 0
            while count < queue.count, count == 0 || rows + queue[count].events.count <= maxRows {
                rows += queue[count].events.count
                count += 1
            }
            let batch = Array(queue.prefix(count))
            queue.removeFirst(count)
            do {
                try await Self.insert(batch.flatMap(\.events), on: database())
                for waiting in batch { waiting.continuation.resume() }
            } catch {
                for waiting in batch { waiting.continuation.resume(throwing: error) }
            }
        }
        flushing = false
    }
}

extension AuditWriter {
    /// One multi-row INSERT, built with SQLKit (no per-row reflection as Fluent's `create` does).
    static func insert(_ events: [AuditEvent], on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        var insert = sql.insert(into: AuditEvent.schema)
            .columns(
                "id", "at", "actor_id", "actor_name", "actor_roles", "action", "person_id", "basis", "request_id",
                "detail")
        for e in events {
            insert = insert.values([
                SQLBind(e.id ?? UUID()), SQLBind(e.at), SQLBind(e.actorID), SQLBind(e.actorName), SQLBind(e.actorRoles),
                SQLBind(e.action), SQLBind(e.personID), SQLBind(e.basis), SQLBind(e.requestID), SQLBind(e.detail),
            ])
        }
        try await insert.run()
    }
}

extension Application {
    private struct AuditWriterKey: StorageKey { typealias Value = AuditWriter }
    var auditWriter: AuditWriter {
        get { storage[AuditWriterKey.self]! }
        set { storage[AuditWriterKey.self] = newValue }
    }
}
