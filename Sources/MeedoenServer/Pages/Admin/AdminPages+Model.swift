import Foundation
import MeedoenCore

extension AdminPages {
    /// The administrator's start page: every account, and how many organisations of each kind.
    struct Overview {
        var accounts: [UserAdminService.Account]
        var districts: Districts
        var organisations: Int
        var providers: Int
        var businesses: Int
        var municipality: String?

        static func load(in ctx: UseCaseContext) async throws -> Overview {
            let accounts = try await UserAdminService.list(in: ctx)
            return Overview(
                accounts: accounts, districts: try await DistrictService.list(in: ctx),
                organisations: try await OrganisationService.list(in: ctx).count,
                providers: try await CatalogueService.providers(in: ctx).count,
                businesses: try await VoucherService.businesses(in: ctx).count,
                municipality: ctx.municipality.current?.file.name)
        }
    }

    /// What the user form offers: districts, providers, businesses; and the account with its tokens.
    struct UserForm {
        var account: UserAdminService.Account?
        var tokens: [APIToken]
        var districts: Districts
        var providers: [(code: String, name: String)]
        var businesses: [(code: String, name: String)]

        static func load(account: UserAdminService.Account?, in ctx: UseCaseContext) async throws -> UserForm {
            try ctx.requireRole(.admin, because: UserAdminService.adminOnly)
            var tokens: [APIToken] = []
            if let account { tokens = try await UserAdminService.tokens(account.user.id!, in: ctx) }
            return UserForm(
                account: account, tokens: tokens,
                districts: try await DistrictService.list(in: ctx),
                providers: try await CatalogueService.providers(in: ctx).map { ($0.code, $0.name) },
                businesses: try await VoucherService.businesses(in: ctx).map { ($0.code, $0.name) })
        }
    }

    /// One list of organisations, providers or businesses, with the form to add one.
    struct Organisations {
        struct Row {
            var code: String
            var name: String
            var detail: String
        }
        var kind: Kind
        var rows: [Row]
        var districts: Districts

        func title(_ t: Texts) -> String {
            switch kind {
            case .organisations: t("Organisaties", "Organisations")
            case .providers: t("Aanbieders", "Providers")
            case .businesses: t("Ondernemers", "Businesses")
            }
        }

        static func load(_ kind: Kind, in ctx: UseCaseContext) async throws -> Organisations {
            try ctx.requireRole(.admin, because: UserAdminService.adminOnly)
            let districts = try await DistrictService.list(in: ctx)
            let t = Texts(language: ctx.language)
            let rows: [Row]
            switch kind {
            case .organisations:
                rows = try await OrganisationService.list(in: ctx).map { o in
                    let kind = o.kind.flatMap(OrganisationKind.init(rawValue:)).map { t($0.label) }
                    let parts = [kind, o.districtCode.map(districts.name), o.contact, o.active ? nil : t("uit", "off")]
                    return Row(code: o.code, name: o.name, detail: parts.compactMap { $0 }.joined(separator: " · "))
                }
            case .providers:
                rows = try await CatalogueService.providers(in: ctx).map {
                    Row(code: $0.code, name: $0.name, detail: $0.contact ?? "")
                }
            case .businesses:
                rows = try await VoucherService.businesses(in: ctx).map { b in
                    Row(
                        code: b.code, name: b.name,
                        detail: [b.address, b.districtCode.map(districts.name)].compactMap { $0 }.joined(
                            separator: " · "))
                }
            }
            return Organisations(kind: kind, rows: rows, districts: districts)
        }
    }
}
