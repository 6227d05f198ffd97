import Foundation
import MeedoenCore
import Vapor

/// `/users` (with their tokens and password resets), `/organisations`, and changes to `/providers`
/// and `/businesses`: the administrator's API. No personal data beyond the account itself.
struct AdministrationController {
    func addRoutes(to api: any RoutesBuilder) {
        let users = api.grouped("users")
        users.get(use: list)
        users.post(use: create)
        users.get(":id", use: read)
        users.patch(":id", use: update)
        users.post(":id", "password-resets", use: resetPassword)
        users.post(":id", "second-factor-resets", use: resetSecondFactor)
        users.get(":id", "tokens", use: tokens)
        users.post(":id", "tokens", use: issueToken)
        users.delete(":id", "tokens", ":tokenId", use: revokeToken)
        api.get("organisations", use: organisations)
        api.post("organisations", use: createOrganisation)
        api.patch("organisations", ":id", use: updateOrganisation)
        api.patch("providers", ":id", use: updateProvider)
        api.patch("businesses", ":id", use: updateBusiness)
    }

    struct UserDTO: Content {
        var id: UUID
        var username: String
        var displayName: String
        var roles: [String]
        var districtCode: String?
        var team: String?
        var providerCode: String?
        var businessCode: String?
        /// For a resident: whether the account is linked to their file (else it waits for the BSN).
        var linkedToFile: Bool?
        var active: Bool
        var hasPassword: Bool
        /// Whether the second step (an authenticator app) is set up.
        var hasSecondFactor: Bool
        var invitationExpiresAt: Date?
        var createdAt: Date?

        init(_ a: UserAdminService.Account) {
            let u = a.user
            id = u.id!
            username = u.username
            displayName = u.displayName
            roles = u.roles
            districtCode = u.districtCode
            team = u.team
            providerCode = a.providerCode
            businessCode = a.businessCode
            linkedToFile = u.roleSet.contains(.resident) ? u.personID != nil : nil
            active = u.active
            hasPassword = u.passwordHash != nil
            hasSecondFactor = u.totpConfirmedAt != nil
            invitationExpiresAt = u.invitationHash == nil ? nil : u.invitationExpiresAt
            createdAt = u.createdAt
        }
    }

    /// The account and, once, the code with which its holder chooses a password.
    struct InvitationDTO: Content {
        var user: UserDTO
        var invitationCode: String?
        var invitationExpiresAt: Date?
    }

    struct TokenDTO: Content {
        var id: UUID
        var name: String?
        var createdAt: Date?
        var expiresAt: Date?
        /// Only in the answer that issues it.
        var token: String?
    }

    struct OrganisationDTO: Content {
        var id: UUID
        var code: String
        var name: String
        var kind: String?
        var contact: String?
        var districtCode: String?
        var active: Bool

        init(_ o: Organisation) {
            id = o.id!
            code = o.code
            name = o.name
            kind = o.kind
            contact = o.contact
            districtCode = o.districtCode
            active = o.active
        }
    }

    @Sendable func list(req: Request) async throws -> [UserDTO] {
        try await UserAdminService.list(in: req.context).map(UserDTO.init)
    }

    @Sendable func read(req: Request) async throws -> UserDTO {
        UserDTO(try await UserAdminService.account(try req.idParameter(), in: req.context))
    }

    @Sendable func create(req: Request) async throws -> Response {
        var input = try Input(req)
        let created = try await UserAdminService.create(&input, in: req.context)
        return try await invitation(created, req).encodeResponse(status: .created, for: req).withLocation(
            "/api/v1/users/\(created.user.id!)")
    }

    @Sendable func update(req: Request) async throws -> UserDTO {
        var input = try Input(req)
        let user = try await UserAdminService.update(try req.idParameter(), &input, in: req.context)
        return UserDTO(try await UserAdminService.accounts([user], in: req.context)[0])
    }

    @Sendable func resetPassword(req: Request) async throws -> Response {
        let created = try await UserAdminService.resetPassword(try req.idParameter(), in: req.context)
        return try await invitation(created, req).encodeResponse(status: .created, for: req)
    }

    @Sendable func resetSecondFactor(req: Request) async throws -> UserDTO {
        let user = try await SecondFactorService.reset(try req.idParameter(), in: req.context)
        return UserDTO(try await UserAdminService.accounts([user], in: req.context)[0])
    }

    func invitation(_ created: UserAdminService.Created, _ req: Request) async throws -> InvitationDTO {
        InvitationDTO(
            user: UserDTO(try await UserAdminService.accounts([created.user], in: req.context)[0]),
            invitationCode: created.invitationCode, invitationExpiresAt: created.invitationExpiresAt)
    }

    @Sendable func tokens(req: Request) async throws -> [TokenDTO] {
        try await UserAdminService.tokens(try req.idParameter(), in: req.context).map {
            TokenDTO(id: $0.id!, name: $0.name, createdAt: $0.createdAt, expiresAt: $0.expiresAt, token: nil)
        }
    }

    @Sendable func issueToken(req: Request) async throws -> Response {
        var input = try Input(req)
        let (row, token) = try await UserAdminService.issueToken(try req.idParameter(), &input, in: req.context)
        return try await TokenDTO(
            id: row.id!, name: row.name, createdAt: row.createdAt, expiresAt: row.expiresAt, token: token
        ).encodeResponse(status: .created, for: req)
    }

    @Sendable func revokeToken(req: Request) async throws -> HTTPStatus {
        try await UserAdminService.revokeToken(
            try req.idParameter(), try req.idParameter("tokenId"), in: req.context)
        return .noContent
    }

    @Sendable func organisations(req: Request) async throws -> [OrganisationDTO] {
        try await OrganisationService.list(in: req.context).map(OrganisationDTO.init)
    }

    @Sendable func createOrganisation(req: Request) async throws -> Response {
        var input = try Input(req)
        let o = try await OrganisationService.create(&input, in: req.context)
        return try await OrganisationDTO(o).encodeResponse(status: .created, for: req).withLocation(
            "/api/v1/organisations/\(o.id!)")
    }

    @Sendable func updateOrganisation(req: Request) async throws -> OrganisationDTO {
        var input = try Input(req)
        return OrganisationDTO(try await OrganisationService.update(try req.idParameter(), &input, in: req.context))
    }

    @Sendable func updateProvider(req: Request) async throws -> ProviderDTO {
        var input = try Input(req)
        return ProviderDTO(try await OrganisationService.updateProvider(try req.idParameter(), &input, in: req.context))
    }

    @Sendable func updateBusiness(req: Request) async throws -> BusinessDTO {
        var input = try Input(req)
        return BusinessDTO(try await OrganisationService.updateBusiness(try req.idParameter(), &input, in: req.context))
    }
}

extension Response {
    /// The response with a `Location` header (a created resource).
    func withLocation(_ path: String) -> Response {
        headers.replaceOrAdd(name: .location, value: path)
        return self
    }
}
