import MeedoenCore
import Vapor

/// `meedoen organisation|provider|business add CODE NAME [options]` and `… list`: what an
/// administrator adds on the pages or through the API, from the command line (as the system).
struct OrganisationCommand: AsyncCommandGroup {
    enum Kind: String, Sendable {
        case organisation, provider, business
    }
    let kind: Kind
    var help: String {
        switch kind {
        case .organisation: "Manages external organisations (housing, debt counselling, care …)."
        case .provider:
            "Manages providers of the catalogue (their users: meedoen user add NAME --role provider --provider CODE)."
        case .business:
            "Manages the businesses that accept vouchers (their users: meedoen user add NAME --role business --business CODE)."
        }
    }
    var commands: [String: any AnyAsyncCommand] {
        ["add": AddOrganisationCommand(kind: kind), "list": ListOrganisationsCommand(kind: kind)]
    }
}

struct AddOrganisationCommand: AsyncCommand {
    let kind: OrganisationCommand.Kind

    struct Signature: CommandSignature {
        @Argument(name: "code", help: "2 to 40 lower-case letters, digits and hyphens, e.g. woonstad-zuidoost.")
        var code: String
        @Argument(name: "name", help: "The name, e.g. \"Woonstad Zuidoost\".")
        var name: String
        @Option(
            name: "kind",
            help: "Organisations: housing, debtCounselling, care, youth, education, employment, police, other.")
        var kind: String?
        @Option(name: "district", help: "Organisations and businesses: the district code (optional).")
        var district: String?
        @Option(name: "contact", help: "Organisations and providers: a contact (optional).")
        var contact: String?
        @Option(name: "address", help: "Businesses: the address (optional).")
        var address: String?
    }
    var help: String { "Adds one (audited)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        var fields: [String: JSONValue] = ["code": .string(signature.code), "name": .string(signature.name)]
        fields["kind"] = signature.kind.map(JSONValue.string)
        fields["districtCode"] = signature.district.map(JSONValue.string)
        fields["contact"] = signature.contact.map(JSONValue.string)
        fields["address"] = signature.address.map(JSONValue.string)
        var input = Input.of(fields)
        let ctx = UseCaseContext(app: app)
        do {
            switch kind {
            case .organisation: _ = try await OrganisationService.create(&input, in: ctx)
            case .provider: _ = try await CatalogueService.createProvider(&input, in: ctx)
            case .business: _ = try await VoucherService.createBusiness(&input, in: ctx)
            }
        } catch let error as DomainError {
            throw CommandFailure.from(error, hint: [:])
        }
        context.console.print("Added \(kind.rawValue) \(signature.code): \(signature.name).")
    }
}

struct ListOrganisationsCommand: AsyncCommand {
    let kind: OrganisationCommand.Kind
    struct Signature: CommandSignature {}
    var help: String { "Lists them: code and name." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let ctx = UseCaseContext(app: app)
        let rows: [(String, String)]
        switch kind {
        case .organisation: rows = try await OrganisationService.list(in: ctx).map { ($0.code, $0.name) }
        case .provider: rows = try await CatalogueService.providers(in: ctx).map { ($0.code, $0.name) }
        case .business: rows = try await VoucherService.businesses(in: ctx).map { ($0.code, $0.name) }
        }
        for (code, name) in rows { context.console.print("\(code)\t\(name)") }
    }
}
