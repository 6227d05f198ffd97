import Fluent
import Foundation
import MeedoenCore
import Testing
import VaporTesting

@testable import MeedoenServer

@Suite("Import of residents") struct ImportTests {
    @Test func aFileWithOneBadLineImportsNothingAndSaysWhere() async throws {
        try await TestWorld.with { w in
            let existing = TestBSN.make(50)
            _ = try await w.register(bsn: existing)
            let bad = """
                \u{FEFF}bsn;voornaam;achternaam;geboortedatum;stadsdeel;uitkering;inburgering
                \(TestBSN.make(51));Fatima;El Amrani;2004-03-01;T;bijstand;geen
                123456789;Kees;Jansen;01-02-1980;E;ww;
                \(TestBSN.make(52));;de Vries;31-02-1990;X;pensioen;misschien
                \(TestBSN.make(51));Dubbel;Persoon;1990-01-01;T;geen;
                \(existing);Al;Bekend;1990-01-01;T;geen;
                """
            let report = try await PersonImporter.run(bad, on: w.app)
            #expect(report.imported == 0 && report.lines == 5)
            let said = report.problems.map { "\($0.line) \($0.column)" }
            #expect(said.contains("3 bsn"), "the 11-test")
            #expect(
                Set(said).isSuperset(of: [
                    "4 voornaam", "4 geboortedatum", "4 stadsdeel", "4 uitkering", "4 inburgering",
                ]))
            #expect(
                said.contains("5 bsn") && report.problems.contains { $0.line == 5 && $0.reason.nl.contains("regel 2") },
                "a BSN twice in the file")
            #expect(report.problems.contains { $0.line == 6 && $0.reason.nl.contains("al geregistreerd") })
            #expect(try await Person.query(on: w.app.db).count() == 1, "nothing half-imported")

            // A missing column in the header is named; an unknown one too.
            let header = try await PersonImporter.run(
                "bsn,voornaam,achternaam,geboortedatum,stadsdeel,schoenmaat\n", on: w.app)
            #expect(header.problems.map(\.column).sorted() == ["schoenmaat", "uitkering"])
        }
    }

    @Test func aGoodFileIsImportedInOneGoWithAnAuditEntryEach() async throws {
        try await TestWorld.with { w in
            var lines = ["bsn,voornaam,achternaam,geboortedatum,stadsdeel,uitkering,telefoon,email"]
            var candidate = 300_000_000
            func nextBSN() -> String {
                while true {
                    candidate += 1
                    let d = String(candidate).compactMap(\.wholeNumberValue)
                    if ((0..<8).reduce(0) { $0 + d[$1] * (9 - $1) } - d[8]) % 11 == 0 { return String(candidate) }
                }
            }
            for n in 0..<2500 {
                let bsn = nextBSN()
                // Excel drops a leading zero; commas as separator; quoted names with a comma.
                lines.append(
                    "\(bsn),\"Anna, Maria\",Jansen \(n),\(n % 2 == 0 ? "1985-06-15" : "15-6-1985"),\(["T", "e", "N"][n % 3]),\(["participatiewet", "WW", "nug"][n % 3]),06-12345678,anna\(n)@example.nl"
                )
            }
            let report = try await PersonImporter.run(lines.joined(separator: "\r\n") + "\r\n", on: w.app)
            #expect(report.problems.isEmpty, "\(report.problems.prefix(3))")
            #expect(report.imported == 2500)
            let people = try await Person.query(on: w.app.db).all()
            #expect(
                people.count == 2500
                    && people.allSatisfy { $0.givenName == "Anna, Maria" && $0.birthDate == "1985-06-15" })
            #expect(
                Set(people.map(\.districtCode)) == ["T", "E", "N"]
                    && Set(people.map(\.benefit)) == ["participatiewet", "ww", "none"])
            #expect(try await AuditEvent.query(on: w.app.db).filter(\.$action == "person.create").count() == 2500)
            // The imported residents are in the district team's caseload like any other.
            let caseload = try await w.send(.GET, "/api/v1/persons?pageSize=1", as: "km").json()
            #expect((caseload["total"] as? Int ?? 0) == 834)
        }
    }
}
