import Fluent
import MeedoenCore
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// `meedoen import persons FILE.csv`: a municipality's existing file of residents. Every line is
/// checked first and every problem reported with its line and column; only a file without problems
/// is imported, in one transaction (nothing half-imported), with an audit entry per resident.
enum PersonImporter {
    struct Report: Sendable {
        var imported = 0
        var problems: [PersonImport.Problem] = []
        var lines = 0
        var seconds = 0.0
    }

    static func run(
        _ text: String, on app: Application, progress: @escaping @Sendable (Double, String) -> Void = { _, _ in }
    ) async throws -> Report {
        let started = Date()
        var report = Report()
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        guard let first = lines.first else {
            report.problems = [
                .init(line: 1, column: "bestand", reason: .init(nl: "het bestand is leeg", en: "the file is empty"))
            ]
            return report
        }
        let header = PersonImport.header(first)
        guard header.problems.isEmpty else {
            report.problems = header.problems
            return report
        }
        let districts = Set(try await District.query(on: app.db).all().map { $0.id! })
        let today = Clock.today(now: app.time.now())
        var rows: [PersonImport.Row] = []
        rows.reserveCapacity(lines.count)
        var seen: [String: Int] = [:]
        for (n, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            report.lines += 1
            switch PersonImport.parse(
                line, line: n + 1, separator: header.separator, columns: header.columns, districts: districts,
                today: today)
            {
            case .success(let row):
                if let earlier = seen[row.bsn] {
                    report.problems.append(
                        .init(
                            line: n + 1, column: "bsn",
                            reason: .init(nl: "staat al op regel \(earlier)", en: "already on line \(earlier)")))
                } else {
                    seen[row.bsn] = n + 1
                    rows.append(row)
                }
            case .failure(let list): report.problems += list.problems
            }
            if n % 20_000 == 0 { progress(Double(n) / Double(lines.count) * 0.3, "gecontroleerd / checked \(n)") }
        }
        // Already registered: the BSN is unique.
        let sql = app.db as! any SQLDatabase
        for chunk in Array(seen.keys).chunked(5000) {
            var q = SQLQueryString("SELECT bsn FROM persons WHERE bsn IN (")
            for (i, b) in chunk.enumerated() { q += i == 0 ? "\(bind: b)" : ", \(bind: b)" }
            q += ")"
            for r in try await sql.raw(q).all() {
                let b = try r.decode(column: "bsn", as: String.self)
                report.problems.append(
                    .init(
                        line: seen[b] ?? 0, column: "bsn",
                        reason: .init(nl: "deze inwoner is al geregistreerd", en: "this resident is already registered")
                    ))
            }
        }
        report.problems.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        guard report.problems.isEmpty else {
            report.seconds = Date().timeIntervalSince(started)
            return report
        }
        // One transaction: every resident and their audit entry, or nothing.
        let total = rows.count
        let valid = rows
        try await app.db.transaction { db in
            let sql = db as! any SQLDatabase
            var done = 0
            for chunk in valid.chunked(1000) {
                var insert = sql.insert(into: "persons").columns(
                    "id", "bsn", "given_name", "family_name", "birth_date", "district_code", "benefit",
                    "civic_integration",
                    "circumstances", "wishes", "phone", "email", "on_case_table", "created_at", "updated_at")
                var audit = sql.insert(into: AuditEvent.schema).columns(
                    "id", "at", "actor_id", "actor_name", "actor_roles", "action", "person_id", "basis", "request_id",
                    "detail")
                let now = Date()
                for r in chunk {
                    let id = UUID()
                    insert = insert.values([
                        SQLBind(id), SQLBind(r.bsn), SQLBind(r.givenName), SQLBind(r.familyName),
                        SQLBind(r.birthDate.iso), SQLBind(r.districtCode),
                        SQLBind(r.benefit.rawValue), SQLBind(r.civicIntegration.rawValue), SQLBind([String]()),
                        SQLBind([String]()), SQLBind(r.phone), SQLBind(r.email),
                        SQLBind(false), SQLBind(now), SQLBind(now),
                    ])
                    audit = audit.values([
                        SQLBind(UUID()), SQLBind(now), SQLBind(UUID?.none), SQLBind("import (command line)"),
                        SQLBind("admin"), SQLBind("person.create"),
                        SQLBind(id), SQLBind("import"), SQLBind("import"), SQLBind("line \(r.line)"),
                    ])
                }
                try await insert.run()
                try await audit.run()
                done += chunk.count
                progress(0.3 + 0.7 * Double(done) / Double(max(1, total)), "\(done) / \(total)")
            }
        }
        report.imported = total
        report.seconds = Date().timeIntervalSince(started)
        return report
    }
}

struct ImportCommand: AsyncCommandGroup {
    var help: String { "Imports a municipality's existing files." }
    var commands: [String: any AnyAsyncCommand] { ["persons": ImportPersonsCommand()] }
}

struct ImportPersonsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(
            name: "file",
            help:
                "CSV with a header: bsn;voornaam;achternaam;geboortedatum;stadsdeel;uitkering[;inburgering;telefoon;email]"
        )
        var file: String
    }
    var help: String {
        "Checks every line and imports the residents only when the whole file is right (one transaction)."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard try await District.query(on: app.db).count() > 0 else {
            throw CommandFailure(
                "There are no districts yet: add them first (meedoen district add CODE NAME), or load the demo (meedoen demo)."
            )
        }
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            throw CommandFailure("\(signature.file): cannot read the file.")
        }
        let text = String(decoding: data, as: UTF8.self)
        let console = context.console
        let last = NIOLockedValueBox(-1)
        let report = try await PersonImporter.run(text, on: app) { fraction, what in
            let pct = Int(fraction * 100)
            guard
                last.withLockedValue({ old in
                    if pct / 10 != old / 10 {
                        old = pct
                        return true
                    }
                    return false
                })
            else { return }
            console.print(
                "import  \(String(repeating: "█", count: pct / 5))\(String(repeating: "░", count: 20 - pct / 5)) \(String(format: "%3d", pct))%  \(what)"
            )
        }
        if !report.problems.isEmpty {
            for p in report.problems.prefix(200) { console.print("\(signature.file): \(p.dutch) / \(p.reason.en)") }
            if report.problems.count > 200 { console.print("… and \(report.problems.count - 200) more") }
            throw CommandFailure(
                "\(signature.file): \(report.problems.count) problems in \(report.lines) lines; nothing was imported.")
        }
        console.print(
            "\(signature.file): \(report.imported) residents imported in \(String(format: "%.1f", report.seconds)) s (one transaction, an audit entry each)."
        )
    }
}
