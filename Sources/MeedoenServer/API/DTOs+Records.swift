import Foundation
import MeedoenCore

// The wire forms of assessments and diagnoses, built from the records the use cases return.

extension DiagnosisDTO {
    init(_ d: Diagnosis, language: Language) {
        let reasons = d.reasonList
        id = d.id!
        personId = d.$person.id
        proposal = DiagnosisProposalDTO(
            DiagnosisProposal(
                route: Route(rawValue: d.proposedRoute) ?? .participationPassive, category: d.proposedCategory,
                targetGroups: d.targetGroups, enforcementAvailable: d.enforcementAvailable,
                caseTableProposed: d.caseTableProposed,
                reasons: reasons, policyID: d.policyID, policyVersion: d.policyVersion), language)
        decidedRoute = d.decidedRoute
        decidedCategory = d.decidedCategory
        deviationReason = d.deviationReason
        decidedBy = d.decidedByName
        decidedOn = d.decidedOn
        createdAt = d.createdAt
    }
}

extension AssessmentDTO {
    init(_ a: Assessment, ladders: PolicyStore, language: Language) {
        id = a.id!
        kind = a.kind.rawValue
        assessedOn = a.assessedOn
        assessorId = a.assessorID
        assessorName = a.assessorName
        ladderId = a.ladderID
        rung = a.rung
        proposedRung = a.proposedRung
        proposalReason = a.proposalReason
        overrideReason = a.overrideReason
        facts = a.facts
        participationDomain = a.participationDomain
        zrm = a.zrmScores
        createdAt = a.createdAt
        if let ladderID = a.ladderID, let r = a.rung {
            rungName = ladders.ladder(ladderID)?.rung(r)?.name.text(language)
        }
    }
}
