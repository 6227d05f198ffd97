import MeedoenCore
import Vapor

/// Response bodies of the API. Field names follow the OpenAPI contract (`API/openapi.yaml`).
struct PersonDTO: Content {
    var id: UUID
    var bsn: String
    var givenName: String
    var familyName: String
    var birthDate: String
    var districtCode: String
    var benefit: String
    var civicIntegration: String
    var circumstances: [String]
    var wishes: [String]
    var phone: String?
    var email: String?
    var householdId: UUID?
    var caseManagerId: UUID?
    var onCaseTable: Bool
    var createdAt: Date?

    init(_ p: Person) {
        id = p.id!
        bsn = p.bsn
        givenName = p.givenName
        familyName = p.familyName
        birthDate = p.birthDate
        districtCode = p.districtCode
        benefit = p.benefit
        civicIntegration = p.civicIntegration
        circumstances = p.circumstances
        wishes = p.wishes
        phone = p.phone
        email = p.email
        householdId = p.$household.id
        caseManagerId = p.$caseManager.id
        onCaseTable = p.onCaseTable
        createdAt = p.createdAt
    }
}

struct PersonSummaryDTO: Content {
    var id: UUID
    var bsnMasked: String
    var givenName: String
    var familyName: String
    var birthDate: String
    var districtCode: String
    var benefit: String
    var caseManagerId: UUID?
}

struct MemberDTO: Content {
    var id: UUID
    var givenName: String
    var familyName: String
    var birthDate: String
}

struct HouseholdDTO: Content {
    var id: UUID
    var name: String
    var address: String?
    var districtCode: String
    var members: [MemberDTO]
}

struct ReasonDTO: Content {
    var code: String
    var text: String
    init(_ r: Reason, _ language: Language) {
        code = r.code
        text = r.text.text(language)
    }
}

struct AssessmentDTO: Content {
    var id: UUID
    var kind: String
    var assessedOn: String
    var assessorId: UUID
    var assessorName: String
    var ladderId: String?
    var rung: Int?
    var rungName: String?
    var proposedRung: Int?
    var proposalReason: String?
    var overrideReason: String?
    var facts: [String]?
    var participationDomain: String?
    var zrm: [String: Int]?
    var createdAt: Date?
}

struct DiagnosisProposalDTO: Content {
    var route: String
    var category: Int?
    var targetGroups: [String]
    var enforcementAvailable: Bool
    var caseTableProposed: Bool
    var reasons: [ReasonDTO]
    var policy: PolicyRef

    struct PolicyRef: Content {
        var id: String
        var version: String
    }

    enum CodingKeys: String, CodingKey {
        case route, category, targetGroups, enforcementAvailable, caseTableProposed, reasons, policy
    }

    /// `category` is always present: null means "no target group applies" (the contract says so).
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(route, forKey: .route)
        try c.encode(category, forKey: .category)
        try c.encode(targetGroups, forKey: .targetGroups)
        try c.encode(enforcementAvailable, forKey: .enforcementAvailable)
        try c.encode(caseTableProposed, forKey: .caseTableProposed)
        try c.encode(reasons, forKey: .reasons)
        try c.encode(policy, forKey: .policy)
    }

    init(_ p: DiagnosisProposal, _ language: Language) {
        route = p.route.rawValue
        category = p.category
        targetGroups = p.targetGroups
        enforcementAvailable = p.enforcementAvailable
        caseTableProposed = p.caseTableProposed
        reasons = p.reasons.map { ReasonDTO($0, language) }
        policy = PolicyRef(id: p.policyID, version: p.policyVersion)
    }
}

struct DiagnosisDTO: Content {
    var id: UUID
    var personId: UUID
    var proposal: DiagnosisProposalDTO
    var decidedRoute: String
    var decidedCategory: Int?
    var deviationReason: String?
    var decidedBy: String
    var decidedOn: String
    var createdAt: Date?
}

struct DossierDTO: Content {
    var person: PersonDTO
    var household: HouseholdDTO?
    var assessments: [AssessmentDTO]
    var diagnoses: [DiagnosisDTO]
}

struct AuditEventDTO: Content {
    var id: UUID
    var at: Date
    var actorName: String
    var actorRoles: [String]
    var action: String
    var basis: String
    var requestId: String
}

struct Page<Item: Content>: Content {
    var items: [Item]
    var page: Int
    var pageSize: Int
    var total: Int
}
