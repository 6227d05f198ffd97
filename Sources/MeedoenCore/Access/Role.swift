import Foundation

/// Roles of DOMAIN.md "Roles and need-to-know". Roles decide what a user may do;
/// the relation (caseload, district, own file) decides whom they may see.
public enum Role: String, Sendable, Codable, CaseIterable, Hashable {
    case resident, caseManager, counter, residentAdviser, caseTableChair, provider, analyst, budgetHolder, business,
        admin, paymentOfficer, specialist

    public var label: LocalizedText {
        switch self {
        case .resident: .init(nl: "inwoner", en: "resident")
        case .caseManager: .init(nl: "klantmanager", en: "case manager")
        case .counter: .init(nl: "loketmedewerker", en: "counter staff")
        case .residentAdviser: .init(nl: "bewonersadviseur", en: "resident adviser")
        case .caseTableChair: .init(nl: "voorzitter stadsdeeltafel", en: "case-table chair")
        case .provider: .init(nl: "aanbieder", en: "provider")
        case .analyst: .init(nl: "beleid / programmamanager", en: "programme manager / policy")
        case .budgetHolder: .init(nl: "budgethouder", en: "budget holder")
        case .business: .init(nl: "lokale ondernemer", en: "local business")
        case .admin: .init(nl: "beheerder", en: "administrator")
        case .paymentOfficer: .init(nl: "medewerker uitbetalingen", en: "payments officer")
        case .specialist: .init(nl: "specialist toegang voorzieningen", en: "provisions access specialist")
        }
    }

    /// Professionals may use tools that hold no personal data, such as the diagnosis preview.
    public var isProfessional: Bool { self != .resident && self != .business }

    /// Roles whose need to know runs through a district team: they need a district.
    public var needsDistrict: Bool { [.caseManager, .counter, .residentAdviser, .caseTableChair].contains(self) }
}

/// What an account with these roles must be linked to, checked when it is created or changed. Each
/// problem names the field and says why, in Dutch and English.
public enum AccountRules {
    public struct Links: Sendable {
        public var district: Bool
        public var provider: Bool
        public var business: Bool
        public var resident: Bool
        public init(district: Bool, provider: Bool, business: Bool, resident: Bool) {
            self.district = district
            self.provider = provider
            self.business = business
            self.resident = resident
        }
    }

    public static func problems(roles: Set<Role>, links: Links) -> [(field: String, reason: LocalizedText)] {
        var problems: [(String, LocalizedText)] = []
        if roles.isEmpty {
            problems.append(("roles", .init(nl: "Kies minstens één rol.", en: "Choose at least one role.")))
        }
        if roles.contains(.resident), roles.count > 1 {
            problems.append(
                (
                    "roles",
                    .init(
                        nl: "Een inwoneraccount heeft geen andere rollen: een medewerker krijgt een eigen account.",
                        en: "A resident account has no other roles: staff get an account of their own.")
                ))
        }
        if roles.contains(where: \.needsDistrict), !links.district {
            problems.append(
                (
                    "districtCode",
                    .init(
                        nl: "Deze rol werkt voor een stadsdeel: kies het stadsdeel.",
                        en: "This role works for a district: choose the district.")
                ))
        }
        if roles.contains(.provider) != links.provider {
            problems.append(
                (
                    "providerCode",
                    roles.contains(.provider)
                        ? .init(
                            nl: "Kies de aanbieder waarvoor deze gebruiker werkt.",
                            en: "Choose the provider this user works for.")
                        : .init(
                            nl: "Alleen een gebruiker met de rol aanbieder hoort bij een aanbieder.",
                            en: "Only a user with the provider role belongs to a provider.")
                ))
        }
        if roles.contains(.business) != links.business {
            problems.append(
                (
                    "businessCode",
                    roles.contains(.business)
                        ? .init(nl: "Kies de onderneming van deze gebruiker.", en: "Choose this user's business.")
                        : .init(
                            nl: "Alleen een gebruiker met de rol ondernemer hoort bij een onderneming.",
                            en: "Only a user with the business role belongs to a business.")
                ))
        }
        if roles.contains(.resident), !links.resident {
            problems.append(
                (
                    "bsn",
                    .init(
                        nl: "Een inwoneraccount wordt gekoppeld via het BSN van de inwoner.",
                        en: "A resident account is linked by the resident's citizen service number.")
                ))
        }
        return problems
    }
}

/// Who is asking: the user's id, roles, team district and (for a resident) their own person record.
public struct Viewer: Sendable, Hashable {
    public var userID: UUID
    public var roles: Set<Role>
    public var districtCode: String?
    public var personID: UUID?
    /// For a provider user: their organisation.
    public var providerID: UUID?

    public init(userID: UUID, roles: Set<Role>, districtCode: String?, personID: UUID?, providerID: UUID? = nil) {
        self.userID = userID
        self.roles = roles
        self.districtCode = districtCode
        self.personID = personID
        self.providerID = providerID
    }

    public func has(_ role: Role) -> Bool { roles.contains(role) }
    public func hasAny(_ roles: Role...) -> Bool { !self.roles.isDisjoint(with: roles) }
    public var isProfessional: Bool { roles.contains { $0.isProfessional } }
}

/// The facts about a person that decide who may see them.
public struct PersonRelations: Sendable, Hashable {
    public var personID: UUID
    public var districtCode: String
    public var caseManagerID: UUID?
    public var registeredByID: UUID?
    public var onCaseTable: Bool

    public init(personID: UUID, districtCode: String, caseManagerID: UUID?, registeredByID: UUID?, onCaseTable: Bool) {
        self.personID = personID
        self.districtCode = districtCode
        self.caseManagerID = caseManagerID
        self.registeredByID = registeredByID
        self.onCaseTable = onCaseTable
    }
}

/// One relation that gives a need to know. A viewer may see a person when any of their grants holds.
public enum Grant: Sendable, Hashable {
    /// A case manager's district team.
    case districtTeam(String)
    /// A person assigned to this case manager, wherever they live.
    case assignedTo(UUID)
    /// A person registered or signalled by this counter or resident adviser.
    case registeredBy(UUID)
    /// A case on the district case table this chair presides.
    case caseTable(String)
    /// The resident's own file.
    case ownFile(UUID)

    public func holds(for p: PersonRelations) -> Bool {
        switch self {
        case .districtTeam(let code): p.districtCode == code
        case .assignedTo(let id): p.caseManagerID == id
        case .registeredBy(let id): p.registeredByID == id
        case .caseTable(let code): p.onCaseTable && p.districtCode == code
        case .ownFile(let id): p.personID == id
        }
    }

    /// The basis written into the audit trail: why this viewer had a need to know.
    public var basis: String {
        switch self {
        case .districtTeam(let code): "districtTeam:\(code)"
        case .assignedTo: "caseload"
        case .registeredBy: "registeredBy"
        case .caseTable(let code): "caseTable:\(code)"
        case .ownFile: "ownFile"
        }
    }
}

/// Need-to-know, as a pure rule: the grants of a viewer. Analysts, budget holders, admins,
/// businesses and (until referrals exist) providers get none: they see no personal data.
public enum NeedToKnow {
    public static func grants(for viewer: Viewer) -> [Grant] {
        var grants: [Grant] = []
        if viewer.has(.caseManager) {
            if let district = viewer.districtCode { grants.append(.districtTeam(district)) }
            grants.append(.assignedTo(viewer.userID))
        }
        if viewer.hasAny(.counter, .residentAdviser) { grants.append(.registeredBy(viewer.userID)) }
        if viewer.has(.caseTableChair), let district = viewer.districtCode { grants.append(.caseTable(district)) }
        if viewer.has(.resident), let own = viewer.personID { grants.append(.ownFile(own)) }
        return grants
    }

    /// Who may look a resident up by BSN: case managers (benefits and the plan go by BSN) and counter
    /// staff (who register and must find an existing file first). Others search by name only, so a
    /// list of numbers cannot be tried against the register.
    public static func maySearchByBSN(_ viewer: Viewer) -> Bool { viewer.hasAny(.caseManager, .counter) }

    /// The grant that lets `viewer` see the person, or nil: no need to know.
    public static func grant(for viewer: Viewer, to person: PersonRelations) -> Grant? {
        grants(for: viewer).first { $0.holds(for: person) }
    }

    /// A provider sees a referred person only through a referral to one of their own interventions,
    /// and only once a place is offered (not while the person waits). Returns the audit basis, or nil.
    public static func providerBasis(_ viewer: Viewer, interventionProviderID: UUID, status: ReferralStatus) -> String?
    {
        guard viewer.has(.provider), let own = viewer.providerID, own == interventionProviderID, status != .waiting
        else { return nil }
        return "referredTo:\(own.uuidString.lowercased())"
    }

    /// Who may record assessments and diagnoses: a case manager with a need to know (DOMAIN.md roles).
    public static func mayAssess(_ viewer: Viewer, _ person: PersonRelations) -> Bool {
        guard viewer.has(.caseManager), let grant = grant(for: viewer, to: person) else { return false }
        if case .ownFile = grant { return false }
        return true
    }
}

/// The kinds of external organisation a municipality works with (the involvement register and the
/// district case tables refer to them).
public enum OrganisationKind: String, Sendable, Codable, CaseIterable {
    case housing, debtCounselling, care, youth, education, employment, police, other

    public var label: LocalizedText {
        switch self {
        case .housing: .init(nl: "woningcorporatie", en: "housing corporation")
        case .debtCounselling: .init(nl: "schuldhulpverlening", en: "debt counselling")
        case .care: .init(nl: "zorg en welzijn", en: "care and welfare")
        case .youth: .init(nl: "jeugdhulp", en: "youth care")
        case .education: .init(nl: "onderwijs", en: "education")
        case .employment: .init(nl: "werk en re-integratie", en: "work and re-integration")
        case .police: .init(nl: "politie en justitie", en: "police and justice")
        case .other: .init(nl: "overig", en: "other")
        }
    }
}
