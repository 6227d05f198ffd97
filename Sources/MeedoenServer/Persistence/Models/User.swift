import Fluent
import MeedoenCore
import Vapor

/// A user of Meedoen: a professional, a resident or a business, with one or more roles.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String
    @OptionalField(key: "password_hash") var passwordHash: String?
    @Field(key: "roles") var roles: [String]
    @OptionalField(key: "district_code") var districtCode: String?
    /// For a resident: their own person record.
    @OptionalField(key: "person_id") var personID: UUID?
    /// For a provider user: the provider organisation they work for.
    @OptionalField(key: "provider_id") var providerID: UUID?
    /// For a local business user: their business (they redeem vouchers).
    @OptionalField(key: "business_id") var businessID: UUID?
    /// For a resident who signs in through the municipality's identity provider: its `sub`.
    @OptionalField(key: "oidc_subject") var oidcSubject: String?
    @Field(key: "active") var active: Bool
    /// The team within the district (e.g. "Jongeren"), for professionals.
    @OptionalField(key: "team") var team: String?
    /// SHA-256 of a one-time invitation code (by letter or handed over); cleared when used.
    @OptionalField(key: "invitation_hash") var invitationHash: String?
    @OptionalField(key: "invitation_expires_at") var invitationExpiresAt: Date?
    /// For an invited resident: the BSN their account is linked by, once they are registered.
    @OptionalField(key: "link_bsn") var linkBSN: String?
    /// The TOTP key, sealed (AES-GCM) with the server's key; confirmed once the first code matched.
    @OptionalField(key: "totp_secret") var totpSecret: String?
    @OptionalField(key: "totp_confirmed_at") var totpConfirmedAt: Date?
    /// The last time step whose code was used: a code counts once.
    @OptionalField(key: "totp_last_step") var totpLastStep: Int64?
    /// JSON list of the SHA-256 of the unused recovery codes.
    @OptionalField(key: "recovery_codes") var recoveryCodes: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var roleSet: Set<Role> { Set(roles.compactMap(Role.init(rawValue:))) }

    var viewer: Viewer {
        Viewer(userID: id!, roles: roleSet, districtCode: districtCode, personID: personID, providerID: providerID)
    }
}

/// A bearer token for the API. Only its SHA-256 is stored.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "token_hash") var tokenHash: String
    @OptionalField(key: "expires_at") var expiresAt: Date?
    /// What the token is for ("koppeling betaalsysteem"), shown in the list of tokens.
    @OptionalField(key: "name") var name: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
    init(userID: UUID, tokenHash: String, expiresAt: Date?, name: String? = nil) {
        self.$user.id = userID
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
        self.name = name
    }
}
