import Foundation
import Testing
import VaporTesting
import Fluent
@testable import MeedoenServer
import MeedoenCore

@Suite("Demo data") struct DemoDataTests {
    @Test func theDemoHasEveryRoleAndPlausibleResidentsOverTheSevenDistricts() async throws {
        try await withApp { app in
            try await configure(app, settings: Settings(store: .sqliteMemory, logLevel: .warning, passwordCost: 4))
            try await app.autoMigrate()
            // setup + MUT
            let users = try await DemoData.loadIfEmpty(app, residents: 2000)
            // validation
            #expect(Set(users.flatMap(\.roles)) == Set(Role.allCases))
            #expect(try await DemoData.loadIfEmpty(app).isEmpty, "loading twice adds nothing")
            let persons = try await Person.query(on: app.db).all()
            #expect(persons.count == 2000)
            #expect(persons.allSatisfy { (try? BSN($0.bsn)) != nil })
            #expect(Set(persons.map(\.districtCode)) == ["A", "E", "F", "K", "M", "N", "T"])
            #expect(try await Household.query(on: app.db).count() > 100)
            #expect(try await Diagnosis.query(on: app.db).count() == 2000)

            // Benefit clients on the Amsterdam ladder: about 30 / 38 / 24 / 8 % on rungs 1-4.
            let municipal = Set(persons.filter { ["participatiewet", "ioaw", "ioaz"].contains($0.benefit) }.map(\.id!))
            let rungs = try await Assessment.query(on: app.db).filter(\.$ladderID == "amsterdam").all()
                .filter { municipal.contains($0.$person.id) }.compactMap(\.rung)
            #expect(rungs.count == municipal.count)
            for (rung, share) in [(1, 30.0), (2, 38.0), (3, 24.0), (4, 8.0)] {
                let actual = 100.0 * Double(rungs.filter { $0 == rung }.count) / Double(rungs.count)
                #expect(abs(actual - share) < 4, "rung \(rung): \(actual)% (expected about \(share)%)")
            }
            // The demo resident can sign in to their own file.
            let resident = try #require(try await User.query(on: app.db).filter(\.$username == "inwoner").first())
            #expect(resident.personID != nil)
        }
    }
}
