import Fluent
import Foundation
import MeedoenCore
import MeedoenPolicies
import NIOConcurrencyHelpers
import Testing
import VaporTesting

@testable import MeedoenServer

/// A console that keeps what a command prints.
final class CapturingConsole: Console, @unchecked Sendable {
    private let lines = NIOLockedValueBox<[String]>([""])
    var userInfo: [AnySendableHashable: any Sendable] = [:]
    var size: (width: Int, height: Int) { (120, 40) }
    func input(isSecure: Bool) -> String { "" }
    func output(_ text: ConsoleText, newLine: Bool) {
        lines.withLockedValue { l in
            l[l.count - 1] += text.description
            if newLine { l.append("") }
        }
    }
    func clear(_ type: ConsoleClear) {}
    func report(error: String, newLine: Bool) { output(ConsoleText(stringLiteral: error), newLine: newLine) }
    var printed: [String] { lines.withLockedValue { $0.filter { !$0.isEmpty } } }
}

@Suite("Commands") struct CommandsTests {
    func run(_ command: any AnyAsyncCommand, _ args: [String], app: Application) async throws -> [String] {
        let console = CapturingConsole()
        var context = CommandContext(console: console, input: CommandInput(arguments: ["meedoen"] + args))
        context.application = app
        try await console.run(command, with: context)
        return console.printed
    }

    @Test func userAddPrintsATokenThatOpensTheAPI() async throws {
        try await TestWorld.with { w in
            var command = AddUserCommand()
            command.readPassword = { "een-lang-wachtwoord" }
            let out = try await run(
                UserCommand(add: command), ["add", "karin", "--role", "caseManager,caseTableChair", "--district", "T"],
                app: w.app)
            let token = try #require(out.last)
            #expect(token.hasPrefix("mdn_"))
            let me = try await w.send(.GET, "/api/v1/me", as: token)
            #expect(me.status == .ok)
            #expect(try me.json()["roles"] as? [String] == ["caseManager", "caseTableChair"])
            let user = try #require(try await User.query(on: w.app.db).filter(\.$username == "karin").first())
            #expect(try w.app.password.verify("een-lang-wachtwoord", created: user.passwordHash!))
            #expect(
                try await APIToken.query(on: w.app.db).filter(\.$tokenHash == token).count() == 0,
                "only the hash is stored")
        }
    }

    @Test func userTokenIssuesAFreshTokenForAnExistingUser() async throws {
        try await TestWorld.with { w in
            let (user, _) = try await User.create(
                username: "stad-km-t", displayName: "Klantmanager Zuidoost", roles: [.caseManager], districtCode: "T",
                password: nil, on: w.app.db, hasher: w.app.password.sync)
            let out = try await run(UserCommand(), ["token", "stad-km-t"], app: w.app)
            let token = try #require(out.last)
            #expect(token.hasPrefix("mdn_"))
            let me = try await w.send(.GET, "/api/v1/me", as: token)
            let name = try me.json()["username"] as? String
            #expect(me.status == .ok && name == user.username)
            await #expect(throws: CommandFailure.self) {
                try await run(UserCommand(), ["token", "niemand"], app: w.app)
            }
        }
    }

    @Test func userAddRefusesUnknownRolesDistrictsAndShortPasswords() async throws {
        try await TestWorld.with { w in
            await #expect(throws: CommandFailure.self) {
                try await run(UserCommand(), ["add", "x", "--role", "wizard"], app: w.app)
            }
            await #expect(throws: CommandFailure.self) {
                try await run(UserCommand(), ["add", "x", "--role", "caseManager", "--district", "Z"], app: w.app)
            }
            await #expect(throws: CommandFailure.self) {
                try await run(UserCommand(), ["add", "km", "--role", "caseManager"], app: w.app)
            }
            var short = AddUserCommand()
            short.readPassword = { "kort" }
            await #expect(throws: CommandFailure.self) {
                try await run(UserCommand(add: short), ["add", "y", "--role", "admin"], app: w.app)
            }
        }
    }

    static func municipalityFile(_ name: String) -> String {
        PolicyFiles.files(in: "municipalities").first { $0.lastPathComponent == name }!.path
    }

    /// Issue 14: on a fresh database, without the demo, `setup` with the Amsterdam file makes the
    /// districts, the house style, the ladder in use and the administrator; then `user add` works for
    /// a case manager, a provider's user and a business's user.
    @Test func aMunicipalitySetsItselfUpFromItsFileWithoutTheDemo() async throws {
        try await TestWorld.with(seeded: false) { w in
            do {
                _ = try await run(
                    UserCommand(), ["add", "karin", "--role", "caseManager", "--district", "T"], app: w.app)
                Issue.record("no districts before the set-up")
            } catch let failure as CommandFailure {
                #expect(failure.description.contains("meedoen setup"), "\(failure)")
            }
            var setup = SetupCommand()
            setup.readPassword = { "een-lang-wachtwoord-voor-beheer" }
            let out = try await run(setup, [Self.municipalityFile("amsterdam.json")], app: w.app)
            #expect(
                out.first?.contains("Gemeente Amsterdam (0363) is set up: 7 districts, 22 areas, 7 counters") == true)
            let adminToken = try #require(out.last)
            let me = try await w.send(.GET, "/api/v1/me", as: adminToken)
            #expect(try me.json()["roles"] as? [String] == ["admin"])
            let admin = try #require(try await User.query(on: w.app.db).filter(\.$username == "beheerder").first())
            #expect(try w.app.password.verify("een-lang-wachtwoord-voor-beheer", created: admin.passwordHash!))
            #expect(try await DistrictService.list(in: UseCaseContext(app: w.app)).name("T") == "Zuidoost")
            #expect(UseCaseContext(app: w.app).ladderInUse.id == "amsterdam")

            let karin = try await run(
                UserCommand(), ["add", "karin", "--role", "caseManager", "--district", "T"], app: w.app)
            #expect(try await w.send(.GET, "/api/v1/persons", as: karin.last!).status == .ok)
            #expect(
                try await w.send(
                    .POST, "/api/v1/providers", as: adminToken, json: ["code": "regenboog", "name": "Regenbooggroep"]
                ).status == .created)
            let provider = try await run(
                UserCommand(), ["add", "anton", "--role", "provider", "--provider", "regenboog"], app: w.app)
            #expect(try await w.send(.GET, "/api/v1/referrals", as: provider.last!).status == .ok)
            await #expect(throws: CommandFailure.self) {
                try await run(UserCommand(), ["add", "x", "--role", "provider", "--provider", "nergens"], app: w.app)
            }
            await #expect(throws: CommandFailure.self) {
                try await run(UserCommand(), ["add", "x", "--role", "provider"], app: w.app)
            }
            #expect(
                try await w.send(
                    .POST, "/api/v1/businesses", as: adminToken,
                    json: ["code": "de-hoek", "name": "Buurtsuper De Hoek"]
                ).status == .created)
            let shop = try await run(
                UserCommand(), ["add", "olga", "--role", "business", "--business", "de-hoek"], app: w.app)
            let olga = try #require(try await User.query(on: w.app.db).filter(\.$username == "olga").first())
            #expect(olga.businessID != nil && shop.last!.hasPrefix("mdn_"))

            // The house style and the public facts of the municipality.
            let css = try await w.app.testing().sendRequest(.GET, "/assets/gemeente.css")
            #expect(css.body.string.contains("--brand: #ec0000"))
            let logo = try await w.app.testing().sendRequest(.GET, "/assets/gemeente-logo.svg")
            #expect(logo.status == .ok && logo.headers.contentType?.subType == "svg+xml")
            let public_ = try await w.send(.GET, "/api/v1/municipality", as: nil)
            #expect(try public_.json()["name"] as? String == "Gemeente Amsterdam")
            #expect((try public_.json()["counters"] as? [Any])?.count == 7)
            #expect(try public_.json()["administrator"] == nil, "the administrator is not public")
            let page = try await w.app.testing().sendRequest(.GET, "/login")
            #expect(page.body.string.contains("Gemeente Amsterdam"))

            // Again: nothing doubles, a new token; another municipality's file is refused.
            let again = try await run(setup, [Self.municipalityFile("amsterdam.json")], app: w.app)
            #expect(again.last != adminToken && again.last!.hasPrefix("mdn_"))
            #expect(try await District.query(on: w.app.db).count() == 7)
            #expect(try await User.query(on: w.app.db).filter(\.$username == "beheerder").count() == 1)
            do {
                _ = try await run(setup, [Self.municipalityFile("enschede.json")], app: w.app)
                Issue.record("one database, one municipality")
            } catch let failure as CommandFailure {
                #expect(failure.description.contains("belongs to Gemeente Amsterdam"))
            }
            // Every step is in the audit trail.
            let actions = Set(try await AuditEvent.query(on: w.app.db).all().map(\.action))
            #expect(actions.isSuperset(of: ["municipality.setup", "admin.create", "admin.token"]))
        }
    }

    /// What an administrator adds on the pages, the command line adds too (as the system, audited).
    @Test func organisationsProvidersAndBusinessesFromTheCommandLine() async throws {
        try await TestWorld.with { w in
            let org = OrganisationCommand(kind: .organisation)
            _ = try await run(
                org, ["add", "woonstad", "Woonstad Zuidoost", "--kind", "housing", "--district", "T"], app: w.app)
            #expect(try await run(org, ["list"], app: w.app) == ["woonstad\tWoonstad Zuidoost"])
            await #expect(throws: CommandFailure.self) {
                try await run(org, ["add", "Geen Code", "X", "--kind", "bank"], app: w.app)
            }
            let provider = OrganisationCommand(kind: .provider)
            _ = try await run(
                provider, ["add", "regenboog", "Regenbooggroep", "--contact", "info@regenboog.example"], app: w.app)
            let anton = try await run(
                UserCommand(), ["add", "anton", "--role", "provider", "--provider", "regenboog"], app: w.app)
            #expect(anton.last?.hasPrefix("mdn_") == true)
            let business = OrganisationCommand(kind: .business)
            _ = try await run(business, ["add", "de-hoek", "Buurtsuper De Hoek", "--district", "T"], app: w.app)
            #expect(try await run(business, ["list"], app: w.app) == ["de-hoek\tBuurtsuper De Hoek"])
            let made = try await AuditEvent.query(on: w.app.db).filter(\.$action == "admin.create").filter(
                \.$basis == "system"
            )
            .all().compactMap(\.detail)
            #expect(Set(made).isSuperset(of: ["organisation:woonstad", "provider:regenboog", "business:de-hoek"]))
        }
    }

    @Test func policyCheckAcceptsTheShippedPolicyAndNamesTheEntryOfABrokenOne() async throws {
        try await TestWorld.with { w in
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("meedoen-\(UUID())")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let good = dir.appendingPathComponent("policy.json")
            try JSONEncoder().encode(w.app.policyStore.current).write(to: good)
            let out = try await run(PolicyCommand(), ["check", good.path], app: w.app)
            #expect(out.last?.contains("is valid") == true)
            let bad = dir.appendingPathComponent("bad.json")
            let text = try String(contentsOf: good, encoding: .utf8).replacingOccurrences(
                of: "\"category\":1", with: "\"category\":9")
            try text.write(to: bad, atomically: true, encoding: .utf8)
            do {
                _ = try await run(PolicyCommand(), ["check", bad.path], app: w.app)
                Issue.record("a broken policy must not pass")
            } catch let error as MeedoenCore.PolicyError {
                #expect(error.file == bad.path)
                #expect(error.entry.hasPrefix("targetGroups[0]"))
            }
        }
    }

    @Test func catalogueLoadReadsTheFileAndPolicyCheckKnowsCatalogues() async throws {
        try await TestWorld.with { w in
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("meedoen-\(UUID())")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let file = dir.appendingPathComponent("catalogue.json")
            try JSONEncoder().encode(w.app.policyStore.demoCatalogue).write(to: file)
            let checked = try await run(PolicyCommand(), ["check", file.path], app: w.app)
            #expect(checked.last?.contains("catalogue 'amsterdam-demo'") == true)
            // Decision trees too: the shipped one passes, one with a dangling link names the entry.
            let tree = try #require(MeedoenPolicies.PolicyFiles.files(in: "trees").first)
            let treeOut = try await run(PolicyCommand(), ["check", tree.path], app: w.app)
            #expect(
                treeOut.last?.contains("decision tree 'geld-en-schulden'") == true
                    && treeOut.last?.contains("every result reachable") == true)
            let badTree = dir.appendingPathComponent("tree.json")
            try String(contentsOf: tree, encoding: .utf8).replacingOccurrences(
                of: "\"next\": \"dreiging\"", with: "\"next\": \"nergens\""
            ).write(to: badTree, atomically: true, encoding: .utf8)
            await #expect(throws: MeedoenCore.PolicyError.self) {
                try await run(PolicyCommand(), ["check", badTree.path], app: w.app)
            }
            let loaded = try await run(CatalogueCommand(), ["load", file.path], app: w.app)
            #expect(
                loaded.last?.hasPrefix(
                    "\(file.path): \(w.app.policyStore.demoCatalogue.interventions.count) interventions added") == true)
            #expect(
                try await Intervention.query(on: w.app.db).count()
                    == w.app.policyStore.demoCatalogue.interventions.count)
            let again = try await run(CatalogueCommand(), ["load", file.path], app: w.app)
            #expect(again.last?.contains("0 interventions added") == true)
            let bad = dir.appendingPathComponent("bad.json")
            try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
                of: "\"maxMonths\":6", with: "\"maxMonths\":60"
            ).write(to: bad, atomically: true, encoding: .utf8)
            await #expect(throws: MeedoenCore.PolicyError.self) {
                try await run(CatalogueCommand(), ["load", bad.path], app: w.app)
            }
            // An offer paid from a stream the budget does not have is refused, naming the offer.
            let noStream = dir.appendingPathComponent("stream.json")
            try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
                of: "\"fundingStream\":\"WI\"", with: "\"fundingStream\":\"potje\""
            ).write(to: noStream, atomically: true, encoding: .utf8)
            do {
                _ = try await run(CatalogueCommand(), ["load", noStream.path], app: w.app)
                Issue.record("an unknown stream was loaded")
            } catch let failure as CommandFailure {
                #expect(failure.description.contains("funding stream 'potje' is not a stream of the money policy"))
            }
        }
    }

    @Test func aWrongDatabaseURLGetsOneClearMessage() throws {
        #expect(throws: Settings.Problem.self) {
            try Settings.fromEnvironment(["DATABASE_URL": "mysql://localhost/db"])
        }
        do { _ = try Settings.fromEnvironment(["DATABASE_URL": "postgres://user:geheim@/db"]) } catch {
            #expect(error.description.contains("postgres://user:password@host:5432/database"))
            #expect(!error.description.contains("geheim"), "never print a password")
        }
        #expect(throws: Settings.Problem.self) { try Settings.fromEnvironment(["PORT": "eighty"]) }
        #expect(throws: Settings.Problem.self) { try Settings.fromEnvironment(["LOG_LEVEL": "loud"]) }
        #expect(try Settings.fromEnvironment([:]).store == .sqliteFile("meedoen.sqlite"))
        #expect(
            try Settings.fromEnvironment(["DATABASE_URL": "postgres://a:b@db:5432/meedoen"]).store
                == .postgres("postgres://a:b@db:5432/meedoen"))
    }
}
