import Fluent
import MeedoenCore
import Vapor

/// `meedoen migrate`: brings the database schema up to date (no questions asked; safe to repeat).
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Brings the database schema up to date." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.autoMigrate()
        context.console.print("Database is up to date.")
    }
}

/// `meedoen demo`: loads the demo data into an empty database.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Loads demo users and about 2,000 synthetic residents into an empty database." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.autoMigrate()
        let users = try await DemoData.loadIfEmpty(context.application)
        DemoData.printUsers(users, console: context.console)
    }
}

/// `meedoen district add CODE NAME` and `meedoen district list`: the municipality's districts.
struct DistrictCommand: AsyncCommandGroup {
    var help: String { "Manages the municipality's districts (stadsdelen)." }
    var add = AddDistrictCommand()
    var list = ListDistrictsCommand()
    var commands: [String: any AnyAsyncCommand] { ["add": add, "list": list] }
}

struct AddDistrictCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "code", help: "The district's letter code, e.g. T.")
        var code: String
        @Argument(name: "name", help: "The district's name, e.g. Zuidoost.")
        var name: String
    }
    var help: String { "Adds a district or renames it." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        var input = Input(fields: ["code": .string(signature.code), "name": .string(signature.name)], prefix: "")
        do {
            let entry = try await DistrictService.save(&input, in: UseCaseContext(app: app))
            context.console.print("District \(entry.code): \(entry.name).")
        } catch let e as DomainError {
            throw CommandFailure(e.fields.map { "\($0.name): \($0.reason.en)" }.joined(separator: "; "))
        }
    }
}

struct ListDistrictsCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Lists the districts." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        for d in try await DistrictService.list(in: UseCaseContext(app: app)).entries {
            context.console.print("\(d.code)\t\(d.name)")
        }
    }
}

/// `meedoen user add NAME --role ROLE [--role ROLE] [--district CODE]`.
struct UserCommand: AsyncCommandGroup {
    var help: String { "Manages users." }
    var add = AddUserCommand()
    var token = UserTokenCommand()
    var commands: [String: any AnyAsyncCommand] { ["add": add, "token": token] }
}

/// `meedoen user token NAME`: a new API token for an existing user (printed once, as the last line),
/// e.g. for a generated city's case managers, who have no password.
struct UserTokenCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "name", help: "The user name.")
        var name: String
    }
    var help: String { "Issues a new API token for an existing, active user and prints it as the last line." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard let user = try await User.query(on: app.db).filter(\.$username == signature.name).first(), user.active
        else {
            throw CommandFailure("No active user named '\(signature.name)'.")
        }
        let token = try await user.issueToken(on: app.db)
        context.console.print("New API token for \(user.username):")
        context.console.print(token)
    }
}

struct AddUserCommand: AsyncCommand {
    /// Reads the password: stdin when piped (never the command line, where `ps` would show it). Swappable in tests.
    var readPassword: @Sendable () -> String? = {
        guard isatty(STDIN_FILENO) == 0, let line = readLine(strippingNewline: true), !line.isEmpty else { return nil }
        return line
    }

    struct Signature: CommandSignature {
        @Argument(name: "name", help: "The user name (used to sign in).")
        var name: String
        @Option(
            name: "role",
            help:
                "A role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")). Several roles: separate with commas."
        )
        var role: String?
        @Option(name: "district", help: "The district code of the user's team (e.g. A, E, F, K, M, N, T).")
        var district: String?
        @Option(name: "display-name", help: "The name shown to others (default: the user name).")
        var displayName: String?
    }
    var help: String {
        "Creates a user and prints a new API token as the last line. A password is read from stdin when given."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let raw = signature.role, !raw.isEmpty else {
            throw CommandFailure("--role is required (\(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var roles: [Role] = []
        for name in raw.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard let role = Role(rawValue: name) else {
                throw CommandFailure(
                    "Unknown role '\(name)'. Roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            roles.append(role)
        }
        try await app.autoMigrate()
        if let district = signature.district, try await District.find(district, on: app.db) == nil {
            // The seven Amsterdam districts are the default reference data (see DemoData.districts).
            throw CommandFailure(
                "Unknown district '\(district)'. Add the district first (meedoen district add CODE NAME) or use an existing code (meedoen district list)."
            )
        }
        if try await User.query(on: app.db).filter(\.$username == signature.name).count() > 0 {
            throw CommandFailure("A user named '\(signature.name)' already exists.")
        }
        let password = readPassword()
        if let password, password.count < 12 { throw CommandFailure("The password must be at least 12 characters.") }
        let (user, token) = try await User.create(
            username: signature.name, displayName: signature.displayName ?? signature.name,
            roles: roles, districtCode: signature.district, password: password,
            on: app.db, hasher: app.password.sync)
        context.console.print(
            "Created user \(user.username) (\(roles.map(\.rawValue).joined(separator: ", ")))\(password == nil ? ", no password (API token only)" : "")."
        )
        context.console.print(token)
    }
}

/// `meedoen policy check FILE`: validates a ladder or diagnosis policy file.
struct PolicyCommand: AsyncCommandGroup {
    var help: String { "Policy files." }
    var commands: [String: any AnyAsyncCommand] { ["check": PolicyCheckCommand()] }
}

struct PolicyCheckCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "A ladder or diagnosis policy file (JSON).")
        var file: String
    }
    var help: String { "Validates a policy or ladder file; names the file and entry of any error." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            throw CommandFailure("\(signature.file): cannot read the file.")
        }
        let keys = (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
        if keys["questions"] != nil {
            let tree = try DecisionTree.load(data, file: signature.file)
            context.console.print(
                "\(signature.file): decision tree '\(tree.id)' version \(tree.version) is valid (\(tree.questions.count) questions, \(tree.results.count) results, every result reachable)."
            )
        } else if keys["interventions"] != nil {
            let file = try CatalogueFile.load(data, file: signature.file)
            context.console.print(
                "\(signature.file): catalogue '\(file.id)' version \(file.version) is valid (\(file.providers.count) providers, \(file.interventions.count) interventions)."
            )
        } else if keys["sanctions"] != nil {
            let money = try MoneyPolicy.load(data, file: signature.file)
            context.console.print(
                "\(signature.file): money policy '\(money.id)' version \(money.version) is valid (\(money.streams.count) streams, \(money.sanctions.count) sanction rules, minimum wage \(Valve.euros(money.minimumWageHourlyCents)) per hour)."
            )
        } else if keys["reassessmentMonths"] != nil {
            let plan = try PlanPolicy.load(data, file: signature.file)
            context.console.print(
                "\(signature.file): plan policy '\(plan.id)' is valid (reassess every \(plan.reassessmentMonths) months, \(plan.activeRouteReassessmentMonths) on active routes)."
            )
        } else if keys["rungs"] != nil {
            let ladder = try Ladder.load(data, file: signature.file)
            context.console.print(
                "\(signature.file): ladder '\(ladder.id)' is valid (\(ladder.rungs.count) rungs\(ladder.canPropose ? ", proposes rungs from facts" : ""))."
            )
        } else {
            let policy = try DiagnosisPolicy.load(data, file: signature.file)
            context.console.print(
                "\(signature.file): policy '\(policy.id)' version \(policy.version) is valid (\(policy.routes.count) route rules, \(policy.targetGroups.count) target groups)."
            )
        }
    }
}

/// `meedoen catalogue load FILE`: loads (upserts by code) providers and interventions from a catalogue file.
struct CatalogueCommand: AsyncCommandGroup {
    var help: String { "The intervention catalogue." }
    var commands: [String: any AnyAsyncCommand] { ["load": CatalogueLoadCommand()] }
}

struct CatalogueLoadCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "A catalogue file (JSON), e.g. Policies/catalogue/amsterdam-demo.json.")
        var file: String
    }
    var help: String {
        "Validates a catalogue file and loads it: new offers are added, existing codes updated, places taken kept."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            throw CommandFailure("\(signature.file): cannot read the file.")
        }
        let file = try CatalogueFile.load(data, file: signature.file)
        let app = context.application
        try await app.autoMigrate()
        for code in Set(file.interventions.compactMap(\.district) + file.interventions.flatMap(\.criteria.districts))
        where try await District.find(code, on: app.db) == nil {
            throw CommandFailure("\(signature.file): district '\(code)' is not in the districts table.")
        }
        let r = try await CatalogueService.load(file, on: app.db)
        context.console.print(
            "\(signature.file): \(r.added) interventions added, \(r.updated) updated; \(r.providersAdded) providers added, \(r.providersUpdated) updated."
        )
    }
}

struct CommandFailure: Error, CustomStringConvertible, LocalizedError {
    var description: String
    init(_ description: String) { self.description = description }
    var errorDescription: String? { description }
}
