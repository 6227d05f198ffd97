import Fluent
import Foundation
import MeedoenCore
import Vapor

/// User administration: accounts with their roles, district or team, organisation, deactivation,
/// password resets by invitation, and API tokens with an expiry. An administrator acts through the
/// pages or the API; the commands and the demo act as the system. Every act is audited; none of it
/// shows a dossier.
enum UserAdminService {
    static let defaultTokenDays = 90
    static let maxTokenDays = 365
    static let invitationDays = 30
    static let minimumPasswordLength = 12

    static let adminOnly = LocalizedText(
        nl: "Alleen een beheerder beheert gebruikers en organisaties.",
        en: "Only an administrator manages users and organisations.")

    struct Created: Sendable {
        var user: User
        /// The one-time code to set a password (shown once), when the account was made without one.
        var invitationCode: String?
        var invitationExpiresAt: Date?
    }

    /// The administrator acting, or nil when the system acts (a command, the demo, the set-up).
    @discardableResult
    static func requireAdmin(_ ctx: UseCaseContext) throws -> User? {
        if ctx.isSystem, ctx.user == nil { return nil }
        return try ctx.requireRole(.admin, because: adminOnly)
    }

    // MARK: accounts

    /// Creates an account. Fields: `username`, `displayName`, `roles`, and as the roles need them
    /// `districtCode` (and `team`), `providerCode`, `businessCode`, or for a resident `bsn`. A command
    /// may give a `password`; otherwise the account gets a one-time invitation code, valid 30 days,
    /// with which its holder chooses a password (a command without a password makes an API-only account).
    /// `minimumLength` is lowered only by the demo, whose passwords are public (`demo-<user name>`).
    static func create(
        _ input: inout Input, password: String? = nil, minimumLength: Int = minimumPasswordLength,
        in ctx: UseCaseContext
    ) async throws -> Created {
        let admin = try requireAdmin(ctx)
        let username = input.string("username", maxLength: 50)
        if let username, !MunicipalityFile.isUsername(username) {
            input.fail(
                "username", "format", nl: "2 tot 50 kleine letters, cijfers, punten, streepjes of liggende streepjes.",
                en: "2 to 50 lower-case letters, digits, dots, hyphens or underscores.")
        }
        let displayName = input.string("displayName", maxLength: 100)
        let links = try await readLinks(&input, in: ctx)
        if let password, password.count < minimumLength {
            input.fail(
                "password", "tooShort", nl: "Minstens \(minimumLength) tekens.",
                en: "At least \(minimumLength) characters.")
        }
        if admin != nil, password != nil {
            input.fail(
                "password", "notAllowed", nl: "Een beheerder kiest geen wachtwoord voor een ander.",
                en: "An administrator does not choose someone else's password.")
        }
        try input.validate()
        if try await User.query(on: ctx.db).filter(\.$username == username!).count() > 0 {
            throw DomainError.conflict(
                .init(nl: "Er is al een gebruiker \(username!).", en: "A user \(username!) already exists."),
                param: .init(
                    name: "username", code: "duplicate",
                    reason: .init(nl: "Deze gebruikersnaam is al in gebruik.", en: "This user name is taken.")))
        }
        let user = User()
        user.id = ctx.newID()
        user.username = username!
        user.displayName = displayName!
        user.active = true
        links.apply(to: user)
        if let password { user.passwordHash = try Bcrypt.hash(password, cost: ctx.passwordCost) }
        var code: String?
        if password == nil, admin != nil || links.residentBSN != nil {
            code = newInvitation(for: user, now: ctx.now)
        }
        try await ctx.db.transaction { db in
            try await user.create(on: db)
            try await Audit.record(
                ctx, .adminCreate, person: user.personID, basis: admin == nil ? "system" : "admin",
                detail: "user:\(user.username) roles:\(user.roles.joined(separator: ","))", on: db)
        }
        return Created(user: user, invitationCode: code, invitationExpiresAt: user.invitationExpiresAt)
    }

    /// Changes roles, district, team, organisation, name, or deactivates (`active: false`).
    static func update(_ id: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws -> User {
        let admin = try requireAdmin(ctx)
        let user = try await find(id, in: ctx)
        let displayName = input.string("displayName", required: false, maxLength: 100)
        let active = input.bool("active", required: false)
        var links = Links(user)
        if ["roles", "districtCode", "team", "providerCode", "businessCode", "bsn"].contains(where: input.isPresent) {
            links = try await readLinks(&input, in: ctx, current: links)
        }
        if active == false, admin?.id == user.id {
            input.fail(
                "active", "self", nl: "U kunt uw eigen account niet uitzetten.",
                en: "You cannot deactivate your own account.")
        }
        try input.validate()
        var changed: [String] = []
        if let displayName, displayName != user.displayName {
            user.displayName = displayName
            changed.append("displayName")
        }
        if let active, active != user.active {
            user.active = active
            changed.append(active ? "activated" : "deactivated")
        }
        let before = Links(user)
        links.apply(to: user)
        if before != Links(user) { changed.append("roles:\(user.roles.joined(separator: ","))") }
        guard !changed.isEmpty else { return user }
        let what = changed.joined(separator: " ")
        try await ctx.db.transaction { db in
            try await user.save(on: db)
            if user.active == false {
                // A deactivated account's tokens stop at once (its sessions stop at their next request).
                try await APIToken.query(on: db).filter(\.$user.$id == user.id!).delete()
            }
            try await Audit.record(
                ctx, .adminUpdate, person: user.personID, basis: admin == nil ? "system" : "admin",
                detail: "user:\(user.username) \(what)", on: db)
        }
        return user
    }

    /// Clears the password and gives a new one-time code with which the holder chooses a new one.
    static func resetPassword(_ id: UUID, in ctx: UseCaseContext) async throws -> Created {
        let admin = try requireAdmin(ctx)
        let user = try await find(id, in: ctx)
        user.passwordHash = nil
        let code = newInvitation(for: user, now: ctx.now)
        try await ctx.db.transaction { db in
            try await user.save(on: db)
            try await Audit.record(
                ctx, .adminUpdate, person: user.personID, basis: admin == nil ? "system" : "admin",
                detail: "user:\(user.username) password reset", on: db)
        }
        return Created(user: user, invitationCode: code, invitationExpiresAt: user.invitationExpiresAt)
    }

    /// A user with the codes of the organisation they belong to, as the administrator sees them.
    struct Account: Sendable {
        var user: User
        var providerCode: String?
        var businessCode: String?
        var providerName: String?
        var businessName: String?
    }

    static func list(in ctx: UseCaseContext) async throws -> [Account] {
        try ctx.requireRole(.admin, because: adminOnly)
        return try await accounts(try await User.query(on: ctx.db).sort(\.$username).all(), in: ctx)
    }

    static func account(_ id: UUID, in ctx: UseCaseContext) async throws -> Account {
        try ctx.requireRole(.admin, because: adminOnly)
        return try await accounts([try await find(id, in: ctx)], in: ctx)[0]
    }

    /// The users with their organisations' codes and names (two statements for any number of users).
    static func accounts(_ users: [User], in ctx: UseCaseContext) async throws -> [Account] {
        let providers = try await Provider.query(on: ctx.db).filter(\.$id ~~ Set(users.compactMap(\.providerID))).all()
        let businesses = try await Business.query(on: ctx.db).filter(\.$id ~~ Set(users.compactMap(\.businessID))).all()
        return users.map { u in
            let p = providers.first { $0.id == u.providerID }
            let b = businesses.first { $0.id == u.businessID }
            return Account(
                user: u, providerCode: p?.code, businessCode: b?.code, providerName: p?.name, businessName: b?.name)
        }
    }

    static func find(_ id: UUID, in ctx: UseCaseContext) async throws -> User {
        guard let user = try await User.find(id, on: ctx.db) else {
            throw DomainError.notFound(.init(nl: "Geen gebruiker met deze id.", en: "No user with this id."))
        }
        return user
    }

    // MARK: tokens

    /// A new API token for `user`, valid `days` days; only its hash is stored.
    static func issueToken(for user: User, name: String?, days: Int, in ctx: UseCaseContext) async throws -> String {
        let token = Tokens.generate()
        let expires = ctx.now.addingTimeInterval(TimeInterval(days) * 86_400)
        let row = APIToken(userID: try user.requireID(), tokenHash: Tokens.hash(token), expiresAt: expires, name: name)
        row.id = ctx.newID()
        // The entry in the same handle: inside a set-up's transaction it commits with it.
        try await row.create(on: ctx.db)
        try await Audit.record(
            ctx, .adminToken, person: user.personID, basis: ctx.isSystem ? "system" : "admin",
            detail: "user:\(user.username) token issued:\(row.id!) days:\(days)", on: ctx.db)
        return token
    }

    /// An administrator issues a token: `name` (what it is for) and `days` (1 to 365, default 90).
    static func issueToken(_ userID: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws -> (
        APIToken, String
    ) {
        try requireAdmin(ctx)
        let name = input.string("name", maxLength: 100)
        let days = input.int("days", required: false, range: 1...maxTokenDays) ?? defaultTokenDays
        try input.validate()
        let user = try await find(userID, in: ctx)
        guard user.active else {
            throw DomainError.conflict(
                .init(nl: "Dit account staat uit.", en: "This account is deactivated."))
        }
        let token = try await issueToken(for: user, name: name, days: days, in: ctx)
        let row = try await APIToken.query(on: ctx.db).filter(\.$tokenHash == Tokens.hash(token)).first()!
        return (row, token)
    }

    static func tokens(_ userID: UUID, in ctx: UseCaseContext) async throws -> [APIToken] {
        try ctx.requireRole(.admin, because: adminOnly)
        _ = try await find(userID, in: ctx)
        return try await APIToken.query(on: ctx.db).filter(\.$user.$id == userID).sort(\.$createdAt, .descending)
            .all()
    }

    static func revokeToken(_ userID: UUID, _ tokenID: UUID, in ctx: UseCaseContext) async throws {
        try ctx.requireRole(.admin, because: adminOnly)
        let user = try await find(userID, in: ctx)
        guard
            let token = try await APIToken.query(on: ctx.db).filter(\.$id == tokenID).filter(\.$user.$id == userID)
                .first()
        else { throw DomainError.notFound(.init(nl: "Geen token met deze id.", en: "No token with this id.")) }
        try await ctx.db.transaction { db in
            try await token.delete(on: db)
            try await Audit.record(
                ctx, .adminToken, person: user.personID, basis: "admin",
                detail: "user:\(user.username) token revoked:\(tokenID)", on: db)
        }
    }

    // MARK: invitations

    /// A one-time code of 12 letters and digits in groups of four (easy to type from a letter); its
    /// SHA-256 is stored with an expiry.
    static func newInvitation(for user: User, now: Date) -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        let raw = (0..<12).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] }
        let code = stride(from: 0, to: 12, by: 4).map { String(raw[$0..<$0 + 4]) }.joined(separator: "-")
        user.invitationHash = Tokens.hash(normalised(code))
        user.invitationExpiresAt = now.addingTimeInterval(TimeInterval(invitationDays) * 86_400)
        return code
    }

    static func normalised(_ code: String) -> String {
        code.uppercased().filter { $0.isLetter || $0.isNumber }
    }

    /// Uses an invitation: the holder of the code chooses a password. A resident's account is linked
    /// to their file by BSN once they are registered. Anyone may try; a wrong code says only that.
    static func activate(_ input: inout Input, in ctx: UseCaseContext) async throws -> User {
        let username = input.string("username", maxLength: 50)
        let code = input.string("code", maxLength: 30)
        let password = input.string("password", maxLength: 200)
        let repeated = input.string("passwordAgain", required: false, maxLength: 200)
        if let password, password.count < minimumPasswordLength {
            input.fail(
                "password", "tooShort", nl: "Minstens \(minimumPasswordLength) tekens.",
                en: "At least \(minimumPasswordLength) characters.")
        }
        if let repeated, repeated != password {
            input.fail(
                "passwordAgain", "mismatch", nl: "Dit is niet hetzelfde wachtwoord.",
                en: "This is not the same password.")
        }
        try input.validate()
        let hash = Tokens.hash(normalised(code!))
        guard
            let user = try await User.query(on: ctx.db).filter(\.$username == username!).filter(
                \.$invitationHash == hash
            ).first(), user.active, (user.invitationExpiresAt ?? .distantPast) > ctx.now
        else {
            throw DomainError.invalid(
                "code", "unknownCode",
                .init(
                    nl: "Deze code klopt niet of is verlopen. Vraag de gemeente om een nieuwe.",
                    en: "This code is wrong or has expired. Ask the municipality for a new one."))
        }
        user.passwordHash = try Bcrypt.hash(password!, cost: ctx.passwordCost)
        user.invitationHash = nil
        user.invitationExpiresAt = nil
        try await linkResident(user, on: ctx.db)
        try await ctx.db.transaction { db in
            try await user.save(on: db)
            try await Audit.record(
                ctx.acting(as: user), .accountActivate, person: user.personID,
                basis: user.personID == nil ? "invitation" : "ownFile", detail: "user:\(user.username)", on: db)
        }
        return user
    }

    /// Links an invited resident to their file by BSN, once the file exists.
    static func linkResident(_ user: User, on db: any Database) async throws {
        guard user.personID == nil, let bsn = user.linkBSN,
            let person = try await Person.query(on: db).filter(\.$bsn == bsn).first()
        else { return }
        user.personID = person.id
        user.linkBSN = nil
    }

    // MARK: what an account is linked to

    struct Links: Equatable {
        var roles: [String]
        var districtCode: String?
        var team: String?
        var providerID: UUID?
        var businessID: UUID?
        var personID: UUID?
        var residentBSN: String?

        init(_ user: User) {
            roles = user.roles
            districtCode = user.districtCode
            team = user.team
            providerID = user.providerID
            businessID = user.businessID
            personID = user.personID
            residentBSN = user.linkBSN
        }

        init() { roles = [] }

        func apply(to user: User) {
            user.roles = roles
            user.districtCode = districtCode
            user.team = team
            user.providerID = providerID
            user.businessID = businessID
            user.personID = personID
            user.linkBSN = residentBSN
        }
    }

    /// Reads roles and links; each reference is checked (the district, provider or business exists)
    /// and the roles' needs (`AccountRules`).
    static func readLinks(_ input: inout Input, in ctx: UseCaseContext, current: Links = Links()) async throws
        -> Links
    {
        var links = current
        let rawRoles = input.isPresent("roles") ? input.stringList("roles", maxItems: 10, maxLength: 40) : current.roles
        var roles: [Role] = []
        for (i, raw) in rawRoles.enumerated() {
            if let role = Role(rawValue: raw) {
                roles.append(role)
            } else {
                input.fail(
                    "roles[\(i)]", "unknownRole",
                    nl: "Onbekende rol; kies uit \(Role.allCases.map(\.rawValue).joined(separator: ", ")).",
                    en: "Unknown role; choose from \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
        }
        links.roles = roles.map(\.rawValue)
        let set = Set(roles)
        if input.isPresent("districtCode") {
            links.districtCode = input.string("districtCode", required: false, maxLength: 8)
        }
        if input.isPresent("team") { links.team = input.string("team", required: false, maxLength: 100) }
        if let code = links.districtCode, !(try await ctx.districts.all(on: ctx.db)).contains(code) {
            input.fail(
                "districtCode", "unknownDistrict", nl: "Onbekend stadsdeel (zie meedoen district list).",
                en: "Unknown district (see meedoen district list).")
        }
        if input.isPresent("providerCode") {
            links.providerID = nil
            if let code = input.string("providerCode", required: false, maxLength: 64) {
                if let p = try await Provider.query(on: ctx.db).filter(\.$code == code).first() {
                    links.providerID = p.id
                } else {
                    input.fail(
                        "providerCode", "unknownProvider", nl: "Geen aanbieder met deze code.",
                        en: "No provider with this code.")
                }
            }
        }
        if input.isPresent("businessCode") {
            links.businessID = nil
            if let code = input.string("businessCode", required: false, maxLength: 40) {
                if let b = try await Business.query(on: ctx.db).filter(\.$code == code).first() {
                    links.businessID = b.id
                } else {
                    input.fail(
                        "businessCode", "unknownBusiness", nl: "Geen onderneming met deze code.",
                        en: "No business with this code.")
                }
            }
        }
        if input.isPresent("bsn") {
            links.residentBSN = nil
            if let raw = input.string("bsn", required: false, maxLength: 20) {
                do { links.residentBSN = try BSN(raw).value } catch { input.fail("bsn", "invalidBsn", error.reason) }
            }
        }
        if let bsn = links.residentBSN, links.personID == nil {
            // Linked at once when the resident is registered already; else at activation or sign-in.
            if let person = try await Person.query(on: ctx.db).filter(\.$bsn == bsn).first() {
                links.personID = person.id
                links.residentBSN = nil
            }
        }
        let alreadyWrong = Set(input.problems.map(\.name))
        for problem in AccountRules.problems(
            roles: set,
            links: .init(
                district: links.districtCode != nil, provider: links.providerID != nil,
                business: links.businessID != nil, resident: links.personID != nil || links.residentBSN != nil))
        where !alreadyWrong.contains(problem.field) {
            input.fail(problem.field, "required", problem.reason)
        }
        return links
    }
}
