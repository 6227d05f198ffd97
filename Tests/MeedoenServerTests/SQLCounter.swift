import Foundation
import Logging
import NIOConcurrencyHelpers

/// Counts the SQL statements a request runs, by its request id, from the database log lines.
/// The logging system is bootstrapped once per test process; lines are counted, not printed.
final class SQLCounter: Sendable {
    static let shared: SQLCounter = {
        let counter = SQLCounter()
        LoggingSystem.bootstrap { _ in CountingHandler(counter: counter) }
        return counter
    }()

    private let counts = NIOLockedValueBox<[String: [String]]>([:])

    func statements(for requestID: String) -> [String] { counts.withLockedValue { $0[requestID] ?? [] } }

    fileprivate func record(_ sql: String, requestID: String) {
        counts.withLockedValue { $0[requestID, default: []].append(sql) }
    }

    struct CountingHandler: LogHandler {
        let counter: SQLCounter
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(
            level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String,
            function: String, line: UInt
        ) {
            guard case .string(let id)? = self.metadata["request-id"], id.hasPrefix("count-") else {
                if level >= .error { FileHandle.standardError.write(Data("\(level): \(message)\n".utf8)) }
                return
            }
            // SQLKit logs each statement as "Executing query" with the SQL in the `sql` metadata.
            if case .string(let sql)? = metadata?["sql"] { counter.record(sql, requestID: id) }
        }
    }
}
