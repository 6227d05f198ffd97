import Fluent
import Foundation
import SQLKit

/// Hand-written row decoding for the hot read paths (token check, dossier). Fluent decodes a model
/// through reflection (`Mirror`) on every row, which a profile of the dossier read showed as its
/// largest cost; here each column is read by name instead. Same tables, same types.
enum Rows {
    static func user(_ row: any SQLRow, prefix: String = "") throws -> User {
        let u = User()
        u.id = try row.decode(column: prefix + "id", as: UUID.self)
        u.username = try row.decode(column: prefix + "username", as: String.self)
        u.displayName = try row.decode(column: prefix + "display_name", as: String.self)
        u.roles = try row.decode(column: prefix + "roles", as: [String].self)
        u.districtCode = try row.decode(column: prefix + "district_code", as: String?.self)
        u.personID = try row.decode(column: prefix + "person_id", as: UUID?.self)
        u.providerID = try row.decode(column: prefix + "provider_id", as: UUID?.self)
        u.businessID = try row.decode(column: prefix + "business_id", as: UUID?.self)
        u.active = try row.decode(column: prefix + "active", as: Bool.self)
        u.passwordHash = nil  // never needed on an authenticated request
        return u
    }

    static func person(_ row: any SQLRow) throws -> Person {
        let p = Person()
        p.id = try row.decode(column: "id", as: UUID.self)
        p.bsn = try row.decode(column: "bsn", as: String.self)
        p.givenName = try row.decode(column: "given_name", as: String.self)
        p.familyName = try row.decode(column: "family_name", as: String.self)
        p.birthDate = try row.decode(column: "birth_date", as: String.self)
        p.districtCode = try row.decode(column: "district_code", as: String.self)
        p.benefit = try row.decode(column: "benefit", as: String.self)
        p.civicIntegration = try row.decode(column: "civic_integration", as: String.self)
        p.circumstances = try row.decode(column: "circumstances", as: [String].self)
        p.wishes = try row.decode(column: "wishes", as: [String].self)
        p.phone = try row.decode(column: "phone", as: String?.self)
        p.email = try row.decode(column: "email", as: String?.self)
        p.$household.id = try row.decode(column: "household_id", as: UUID?.self)
        p.$caseManager.id = try row.decode(column: "case_manager_id", as: UUID?.self)
        p.registeredByID = try row.decode(column: "registered_by_id", as: UUID?.self)
        p.onCaseTable = try row.decode(column: "on_case_table", as: Bool.self)
        p.createdAt = try row.decode(column: "created_at", as: Date?.self)
        return p
    }

    static func assessment(_ row: any SQLRow) throws -> Assessment {
        let a = Assessment()
        a.id = try row.decode(column: "id", as: UUID.self)
        a.$person.id = try row.decode(column: "person_id", as: UUID.self)
        a.kind = try row.decode(column: "kind", as: AssessmentKind.self)
        a.assessedOn = try row.decode(column: "assessed_on", as: String.self)
        a.assessorID = try row.decode(column: "assessor_id", as: UUID.self)
        a.assessorName = try row.decode(column: "assessor_name", as: String.self)
        a.ladderID = try row.decode(column: "ladder_id", as: String?.self)
        a.rung = try row.decode(column: "rung", as: Int?.self)
        a.proposedRung = try row.decode(column: "proposed_rung", as: Int?.self)
        a.proposalReason = try row.decode(column: "proposal_reason", as: String?.self)
        a.overrideReason = try row.decode(column: "override_reason", as: String?.self)
        a.facts = try row.decode(column: "facts", as: [String]?.self)
        a.participationDomain = try row.decode(column: "participation_domain", as: String?.self)
        a.zrmScores = try row.decode(column: "zrm_scores", as: [String: Int]?.self)
        a.createdAt = try row.decode(column: "created_at", as: Date?.self)
        return a
    }

    static func diagnosis(_ row: any SQLRow) throws -> Diagnosis {
        let d = Diagnosis()
        d.id = try row.decode(column: "id", as: UUID.self)
        d.$person.id = try row.decode(column: "person_id", as: UUID.self)
        d.facts = try row.decode(column: "facts", as: String.self)
        d.proposedRoute = try row.decode(column: "proposed_route", as: String.self)
        d.proposedCategory = try row.decode(column: "proposed_category", as: Int?.self)
        d.targetGroups = try row.decode(column: "target_groups", as: [String].self)
        d.caseTableProposed = try row.decode(column: "case_table_proposed", as: Bool.self)
        d.enforcementAvailable = try row.decode(column: "enforcement_available", as: Bool.self)
        d.reasons = try row.decode(column: "reasons", as: String.self)
        d.policyID = try row.decode(column: "policy_id", as: String.self)
        d.policyVersion = try row.decode(column: "policy_version", as: String.self)
        d.decidedRoute = try row.decode(column: "decided_route", as: String.self)
        d.decidedCategory = try row.decode(column: "decided_category", as: Int?.self)
        d.deviationReason = try row.decode(column: "deviation_reason", as: String?.self)
        d.decidedByID = try row.decode(column: "decided_by_id", as: UUID.self)
        d.decidedByName = try row.decode(column: "decided_by_name", as: String.self)
        d.decidedOn = try row.decode(column: "decided_on", as: String.self)
        d.createdAt = try row.decode(column: "created_at", as: Date?.self)
        return d
    }

    static func intervention(_ row: any SQLRow) throws -> Intervention {
        let i = Intervention()
        i.id = try row.decode(column: "id", as: UUID.self)
        i.code = try row.decode(column: "code", as: String.self)
        i.name = try row.decode(column: "name", as: String.self)
        i.description = try row.decode(column: "description", as: String?.self)
        i.type = try row.decode(column: "type", as: String.self)
        i.domain = try row.decode(column: "domain", as: String.self)
        i.package = try row.decode(column: "package", as: String.self)
        i.districtCode = try row.decode(column: "district_code", as: String?.self)
        i.$provider.id = try row.decode(column: "provider_id", as: UUID.self)
        i.fundingStream = try row.decode(column: "funding_stream", as: String.self)
        i.priceCents = try row.decode(column: "price_cents", as: Int.self)
        i.maxMonths = try row.decode(column: "max_months", as: Int.self)
        i.capacity = try row.decode(column: "capacity", as: Int.self)
        i.taken = try row.decode(column: "taken", as: Int.self)
        i.hoursPerWeek = try row.decode(column: "hours_per_week", as: Int.self)
        i.location = try row.decode(column: "location", as: String.self)
        i.criteriaJSON = try row.decode(column: "criteria", as: String.self)
        i.active = try row.decode(column: "active", as: Bool.self)
        i.legalBasisCode = try row.decode(column: "legal_basis", as: String.self)
        i.needsApproval = try row.decode(column: "needs_approval", as: Bool.self)
        i.contractJSON = try row.decode(column: "contract", as: String?.self)
        i.createdAt = try row.decode(column: "created_at", as: Date?.self)
        i.updatedAt = try row.decode(column: "updated_at", as: Date?.self)
        return i
    }
}
