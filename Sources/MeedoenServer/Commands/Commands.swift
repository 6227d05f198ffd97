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
        @Option(name: "days", help: "Days the token is valid (1 to 365, default 90).")
        var days: Int?
    }
    var help: String { "Issues a new API token for an existing, active user and prints it as the last line." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard let user = try await User.query(on: app.db).filter(\.$username == signature.name).first(), user.active
        else {
            throw CommandFailure("No active user named '\(signature.name)'.")
        }
        let days = signature.days ?? UserAdminService.defaultTokenDays
        guard (1...UserAdminService.maxTokenDays).contains(days) else {
            throw CommandFailure("--days must be from 1 to \(UserAdminService.maxTokenDays).")
        }
        let token = try await UserAdminService.issueToken(
            for: user, name: "meedoen user token", days: days, in: UseCaseContext(app: app))
        context.console.print("New API token for \(user.username), valid \(days) days:")
        context.console.print(token)
    }
}

struct AddUserCommand: AsyncCommand {
    /// Reads the password: stdin when piped (never the command line, where `ps` would show it). Swappable in tests.
    var readPassword: @Sendable () -> String? = { PasswordInput.read() }

    struct Signature: CommandSignature {
        @Argument(name: "name", help: "The user name (used to sign in).")
        var name: String
        @Option(
            name: "role",
            help:
                "A role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")). Several roles: separate with commas."
        )
        var role: String?
        @Option(name: "district", help: "The district code of the user's team (see meedoen district list).")
        var district: String?
        @Option(name: "team", help: "The team within the district (optional).")
        var team: String?
        @Option(name: "provider", help: "For --role provider: the provider's code.")
        var provider: String?
        @Option(name: "business", help: "For --role business: the business's code.")
        var business: String?
        @Option(name: "display-name", help: "The name shown to others (default: the user name).")
        var displayName: String?
        @Option(name: "days", help: "Days the printed API token is valid (1 to 365, default 90).")
        var days: Int?
    }
    var help: String {
        "Creates a user and prints a new API token as the last line. A password is read from stdin when given."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let raw = signature.role, !raw.isEmpty else {
            throw CommandFailure("--role is required (\(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let roles = raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for name in roles where Role(rawValue: name) == nil {
            throw CommandFailure(
                "Unknown role '\(name)'. Roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let days = signature.days ?? UserAdminService.defaultTokenDays
        guard (1...UserAdminService.maxTokenDays).contains(days) else {
            throw CommandFailure("--days must be from 1 to \(UserAdminService.maxTokenDays).")
        }
        try await app.autoMigrate()
        var fields: [String: JSONValue] = [
            "username": .string(signature.name), "displayName": .string(signature.displayName ?? signature.name),
            "roles": .array(roles.map(JSONValue.string)),
        ]
        fields["districtCode"] = signature.district.map(JSONValue.string)
        fields["team"] = signature.team.map(JSONValue.string)
        fields["providerCode"] = signature.provider.map(JSONValue.string)
        fields["businessCode"] = signature.business.map(JSONValue.string)
        var input = Input.of(fields)
        let password = readPassword()
        let ctx = UseCaseContext(app: app)
        let created: UserAdminService.Created
        do {
            created = try await UserAdminService.create(&input, password: password, in: ctx)
        } catch let error as DomainError {
            throw CommandFailure.from(error, hint: Self.hints)
        }
        let token = try await UserAdminService.issueToken(
            for: created.user, name: "meedoen user add", days: days, in: ctx)
        context.console.print(
            "Created user \(created.user.username) (\(roles.joined(separator: ", ")))\(password == nil ? ", no password (API token only)" : ""). The token below is valid \(days) days."
        )
        context.console.print(token)
    }

    static let hints = [
        "districtCode":
            "Add the district first (meedoen setup FILE, or meedoen district add CODE NAME); meedoen district list shows them.",
        "providerCode": "Providers come from the catalogue (meedoen catalogue load FILE) or the administrator's pages.",
        "businessCode": "Businesses are registered on the administrator's pages or through POST /api/v1/businesses.",
    ]
}

/// A password from stdin when it is piped, never from the command line (where `ps` shows it).
enum PasswordInput {
    static func read() -> String? {
        guard isatty(STDIN_FILENO) == 0, let line = readLine(strippingNewline: true), !line.isEmpty else { return nil }
        return line
    }
}

/// `meedoen setup FILE`: the municipality from its file — districts, areas, counters, house style,
/// the ladder in use and the first administrator (password from stdin; the last line is their token).
struct SetupCommand: AsyncCommand {
    var readPassword: @Sendable () -> String? = { PasswordInput.read() }

    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The municipality file, e.g. Policies/municipalities/amsterdam.json.")
        var file: String
    }
    var help: String {
        "Sets up the municipality from its file; prints the administrator's API token as the last line."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let (file, logo) = try MunicipalityService.read(signature.file, ladders: Set(app.policyStore.ladders.map(\.id)))
        try await app.autoMigrate()
        let password = readPassword()
        let done: MunicipalityService.SetUp
        do {
            done = try await MunicipalityService.setUp(
                file, logoSVG: logo, administratorPassword: password, in: UseCaseContext(app: app))
        } catch let error as DomainError {
            throw CommandFailure.from(error, hint: [:])
        }
        context.console.print(
            "\(file.name) (\(file.code)) is set up: \(file.districts.count) districts, \(file.areas.count) areas, \(file.counters.count) counters, ladder '\(file.ladder)'."
        )
        if !done.districtsNotInFile.isEmpty {
            context.console.print(
                "Kept districts the file no longer names (residents may live there): \(done.districtsNotInFile.joined(separator: ", "))."
            )
        }
        context.console.print(
            done.createdAdministrator
                ? "Created administrator \(done.administrator.username)\(password == nil ? " (no password: API token only; give one with meedoen user token or a password reset)" : "")."
                : "Administrator \(done.administrator.username) exists; a new API token (valid \(UserAdminService.maxTokenDays) days):"
        )
        context.console.print(done.token)
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
                "\(signature.file): money policy '\(money.id)' version \(money.version) is valid (\(money.streams.count) streams, \(money.sanctions.count) sanction rules, minimum wage \(Valve.euros(money.minimumWageHourlyCents)) per hour, \(money.incomeNorms.count) set(s) of income norms, the latest from \(money.incomeNorms.last?.from ?? "-"))."
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
        let streams = app.policyStore.money.streams.map(\.code)
        for spec in file.interventions where !streams.contains(spec.fundingStream) {
            throw CommandFailure(
                "\(signature.file): \(spec.code): funding stream '\(spec.fundingStream)' is not a stream of the money policy (\(streams.joined(separator: ", ")))."
            )
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

    /// A use case's error as a command's message (English, the commands' language), with a hint per field.
    static func from(_ error: DomainError, hint: [String: String]) -> CommandFailure {
        let fields = error.fields.map { f in
            "\(f.name): \(f.reason.en)" + (hint[f.name].map { " \($0)" } ?? "")
        }
        return CommandFailure(
            ([error.detail?.en].compactMap { $0 } + fields).joined(separator: "\n"))
    }
}
