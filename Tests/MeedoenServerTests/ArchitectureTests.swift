import Foundation
import Testing

/// The server's shape, checked on its source (docs/ARCHITECTURE.md): adapters over use cases, no
/// database in the adapters, nothing from the demo in production code.
@Suite("Architecture") struct ArchitectureTests {
    static let server = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/MeedoenServer")

    /// Every Swift file under `Sources/MeedoenServer`, by its path inside it.
    static func sources() throws -> [(path: String, text: String)] {
        let files = FileManager.default.enumerator(at: server, includingPropertiesForKeys: nil)!
        var out: [(String, String)] = []
        for case let url as URL in files where url.pathExtension == "swift" {
            let path = String(url.path.dropFirst(server.path.count + 1))
            out.append((path, try String(contentsOf: url, encoding: .utf8)))
        }
        #expect(out.count > 100, "the sources were found")
        return out.sorted { $0.0 < $1.0 }
    }

    static func lines(_ text: String, matching pattern: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter {
            $0.range(of: pattern, options: .regularExpression) != nil
        }
        .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
    }

    static let database = #"import (Fluent|SQLKit)|\.query\(on:|SQLDatabase|\.sql\(|req\.db\b|application\.db\b"#

    @Test func adaptersDoNotTouchTheDatabase() throws {
        let all = try Self.sources()
        for (path, text) in all where path.hasPrefix("Pages/") || path.hasPrefix("API/") {
            let hits = Self.lines(text, matching: Self.database)
            #expect(hits.isEmpty, "\(path): \(hits)")
        }
        // The rule sees what it looks for: the use cases do query.
        #expect(
            all.contains { $0.path.hasPrefix("Referral/") && !Self.lines($0.text, matching: Self.database).isEmpty })
    }

    @Test func onlyAdaptersAndMiddlewareKnowTheRequest() throws {
        let edge = ["API/", "Pages/", "Auth/", "Middleware/", "configure.swift"]
        for (path, text) in try Self.sources() where !edge.contains(where: path.hasPrefix) {
            let hits = Self.lines(text, matching: #"\b\w+: Request\b"#)
            #expect(hits.isEmpty, "\(path): \(hits)")
        }
        #expect(
            try Self.sources().contains {
                $0.path.hasPrefix("API/") && !Self.lines($0.text, matching: #"\b\w+: Request\b"#).isEmpty
            })
    }

    @Test func theDemoStaysInTheDemoAndTheCommands() throws {
        for (path, text) in try Self.sources() where !path.hasPrefix("Demo/") && !path.hasPrefix("Commands/") {
            let hits = Self.lines(text, matching: #"\b(DemoData|DemoCatalogue|DemoScene|CityGenerator)\b"#)
            #expect(hits.isEmpty, "\(path): \(hits)")
        }
    }

    @Test func viewsRenderWithoutARequest() throws {
        for (path, text) in try Self.sources() where path.hasSuffix("+View.swift") || path.hasPrefix("HTML/") {
            let hits = Self.lines(text, matching: #"\breq\b|: Request\b|import Vapor|try await"#)
            #expect(hits.isEmpty, "\(path): \(hits)")
        }
    }
}
