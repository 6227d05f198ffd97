import Foundation
import MeedoenCore
import Vapor

// The money's wire forms: what the API answers about incentives and enforcement cases, built from
// the records the use cases return (the pages render the records themselves).

struct IncentiveItemDTO: Content {
    var id: UUID
    var personId: UUID
    var referralId: UUID
    var kind: String
    var label: String
    var amountCents: Int
    var hours: Int?
    var period: String?
    /// A performance allowance: the household of the benefit it was weighed against.
    var householdType: String?
    var reasons: [String]
    var status: String
    var exportId: UUID?
    var createdBy: String
    var createdAt: Date?
}

extension IncentiveItemDTO {
    init(_ p: IncentivePayment, _ language: Language) {
        let reasons = (try? JSONDecoder().decode([Reason].self, from: Data(p.reasons.utf8))) ?? []
        let kind = p.kind
        self.init(
            id: p.id!, personId: p.personID, referralId: p.referralID, kind: p.kind.rawValue,
            label: kind.label.text(language),
            amountCents: p.amountCents, hours: p.hours, period: p.period, householdType: p.householdType,
            reasons: reasons.map { language == .en ? $0.text.en : $0.text.nl },
            status: p.status.rawValue, exportId: p.exportID, createdBy: p.createdByName, createdAt: p.createdAt)
    }
}

struct IncentiveExportDTO: Content {
    var id: UUID
    var items: Int
    var totalCents: Int
    var createdBy: String
    var createdAt: Date?
}

struct EnforcementCaseDTO: Content {
    var id: UUID
    var personId: UUID
    var agreementId: UUID
    var agreement: String
    var agreementDueOn: String
    var relation: String
    var relationLabel: String
    var status: String
    var statusLabel: String
    var openedBy: String
    var openedOn: String
    var hearingOn: String?
    var hearingNote: String?
    var alternatives: [String]
    var violation: String?
    var occurrence: Int?
    var percent: Int?
    var months: Int?
    var proposalReasons: [String]
    var proposedBy: String?
    var proposedById: UUID?
    var proposedOn: String?
    var decision: String?
    var decisionNote: String?
    var decidedBy: String?
    var decidedOn: String?
    var notification: String?
    var closedNote: String?
    /// When the decider lowered the measure: the policy table's percentage and months, and why.
    var tablePercent: Int? = nil
    var tableMonths: Int? = nil
    var weighingReason: String? = nil
    /// `none` or `present`, recorded with every sanction imposed; what they are when present.
    var urgentReasons: String? = nil
    var urgentReasonsNote: String? = nil
}

extension EnforcementCaseDTO {
    init(_ c: EnforcementCase, agreement: Agreement, _ language: Language) {
        let relation = c.relation
        let t = { (x: LocalizedText) in x.text(language) }
        let reasons = c.proposalReasonList
        let letter = c.letter
        self.init(
            id: c.id!, personId: c.personID, agreementId: c.agreementID, agreement: agreement.what,
            agreementDueOn: agreement.dueOn,
            relation: c.relation.rawValue, relationLabel: t(relation.label), status: c.status.rawValue,
            statusLabel: t(c.status.label),
            openedBy: c.openedByName, openedOn: c.openedOn, hearingOn: c.hearingOn, hearingNote: c.hearingNote,
            alternatives: c.alternativesList,
            violation: c.violation, occurrence: c.occurrence, percent: c.percent, months: c.months,
            proposalReasons: reasons.map { t($0.text) },
            proposedBy: c.proposedByName, proposedById: c.proposedByID, proposedOn: c.proposedOn, decision: c.decision,
            decisionNote: c.decisionNote,
            decidedBy: c.decidedByName, decidedOn: c.decidedOn, notification: letter.map(t), closedNote: c.closedNote,
            tablePercent: c.tablePercent, tableMonths: c.tableMonths, weighingReason: c.weighingReason,
            urgentReasons: c.urgentReasons?.rawValue, urgentReasonsNote: c.urgentReasonsNote)
    }
}
