import Fluent
import Foundation
import MeedoenCore
import SQLKit
import Testing
import VaporTesting

@testable import MeedoenServer

/// One application per test: in-memory SQLite by default; with `MEEDOEN_TEST_DATABASE_URL=postgres://…`
/// each test gets its own PostgreSQL schema, dropped afterwards.
struct TestWorld {
    let app: Application
    var tokens: [String: String] = [:]
    var users: [String: User] = [:]

    /// `sqliteFile`: a temporary SQLite file instead of memory, where real concurrency matters
    /// (an in-memory database shares one cache and locks whole tables).
    static func with(
        sqlLogLevel: Logger.Level = .debug, sqliteFile: Bool = false, secureCookies: Bool = false,
        seeded: Bool = true, mfaRequired: Bool = false, _ body: (inout TestWorld) async throws -> Void
    ) async throws {
        let env = ProcessInfo.processInfo.environment
        let store: Settings.Store
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("meedoen-test-\(schema).sqlite").path
        if let url = env["MEEDOEN_TEST_DATABASE_URL"], url.hasPrefix("postgres") {
            store = .postgres(url, schema: schema)
        } else if sqliteFile {
            store = .sqliteFile(file)
        } else {
            store = .sqliteMemory
        }
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) } }
        try await withApp { app in
            var settings = Settings(
                store: store, logLevel: .warning, secureCookies: secureCookies, sqlLogLevel: sqlLogLevel,
                passwordCost: 4, postgresConnectionsPerLoop: 2)
            settings.mfaRequired = mfaRequired
            try await configure(app, settings: settings)
            if case .postgres = store {
                _ = try await (app.db as! any SQLDatabase).raw("CREATE SCHEMA \(unsafeRaw: schema)").run()
            }
            do {
                try await app.autoMigrate()
                var world = TestWorld(app: app)
                if seeded { try await world.seed() }
                try await body(&world)
            } catch {
                if case .postgres = store {
                    _ = try? await (app.db as! any SQLDatabase).raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run()
                }
                throw error
            }
            if case .postgres = store {
                _ = try await (app.db as! any SQLDatabase).raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run()
            }
        }
    }

    /// Districts and one user per role; case managers in Zuidoost (T) and West (E).
    mutating func seed() async throws {
        for (code, name) in DemoData.districts {
            try await app.districtDirectory.save(code: code, name: name, on: app.db)
        }
        _ = try await app.districtDirectory.all(on: app.db)  // read once, as the server does at start-up
        let specs: [(String, [Role], String?)] = [
            ("km", [.caseManager], "T"), ("km-west", [.caseManager], "E"), ("loket", [.counter], "T"),
            ("adviseur", [.residentAdviser], "T"), ("voorzitter", [.caseTableChair], "T"),
            ("aanbieder", [.provider], nil),
            ("analist", [.analyst], nil), ("budget", [.budgetHolder], nil), ("ondernemer", [.business], nil),
            ("betaal", [.paymentOfficer], nil), ("specialist", [.specialist], nil),
            ("beheer", [.admin], nil), ("inwoner", [.resident], nil),
        ]
        for (name, roles, district) in specs {
            let (user, token) = try await User.create(
                username: name, displayName: "Test \(name)", roles: roles, districtCode: district,
                password: nil, on: app.db, hasher: app.password.sync)
            tokens[name] = token
            users[name] = user
        }
    }

    func headers(_ who: String?, language: String? = nil) -> HTTPHeaders {
        var h = HTTPHeaders()
        if let who { h.bearerAuthorization = .init(token: tokens[who] ?? who) }
        if let language { h.replaceOrAdd(name: .acceptLanguage, value: language) }
        h.contentType = .json
        return h
    }

    @discardableResult
    func send(
        _ method: HTTPMethod, _ path: String, as who: String?, json: [String: Any]? = nil, raw: String? = nil,
        language: String? = nil
    ) async throws -> TestingHTTPResponse {
        var body: ByteBuffer?
        if let json { body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json)) }
        if let raw { body = ByteBuffer(string: raw) }
        return try await app.testing().sendRequest(method, path, headers: headers(who, language: language), body: body)
    }

    /// A valid person body; override fields as the scenario needs.
    static func personBody(bsn: String = "111222333", district: String = "T", _ extra: [String: Any] = [:]) -> [String:
        Any]
    {
        var body: [String: Any] = [
            "bsn": bsn, "givenName": "Fatima", "familyName": "El Amrani", "birthDate": "2004-03-01",
            "districtCode": district, "benefit": "participatiewet",
        ]
        for (k, v) in extra { body[k] = v }
        return body
    }

    /// Registers a person as `who` and returns the id.
    func register(
        as who: String = "km", bsn: String = "111222333", district: String = "T", _ extra: [String: Any] = [:]
    ) async throws -> String {
        let res = try await send(
            .POST, "/api/v1/persons", as: who, json: Self.personBody(bsn: bsn, district: district, extra))
        #expect(res.status == .created, "\(res.body.string)")
        return try res.json()["id"] as! String
    }
}

extension TestingHTTPResponse {
    func json() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] ?? [:]
    }
    func jsonArray() throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [[String: Any]] ?? []
    }
    var invalidParamNames: [String] {
        ((try? json()["invalid-params"]) as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }
}

/// Valid test BSNs (11-test).
enum TestBSN {
    static let a = "111222333", b = "123456782", c = "999999990", d = "100000009", e = "100000010"

    /// The n-th valid BSN from 200000000 up (n from 0).
    static func make(_ n: Int) -> String {
        var found = 0
        var candidate = 200_000_000
        while true {
            let s = String(candidate)
            let digits = s.compactMap { $0.wholeNumberValue }
            let sum = (0..<8).reduce(0) { $0 + digits[$1] * (9 - $1) } - digits[8]
            if sum % 11 == 0 {
                if found == n { return s }
                found += 1
            }
            candidate += 1
        }
    }
}

extension Clock {
    /// Today by the wall clock (the tests' applications run on the system clock unless pinned).
    static func today() -> CalendarDate { today(now: Date()) }
}

extension PolicyStore {
    /// The demo's catalogue, as the tests load it.
    var demoCatalogue: CatalogueFile { try! DemoCatalogue.file() }
}
