import Fluent
import Foundation
import MeedoenCore

/// The audit trail: every read or change of personal data appends an entry (who, role, what,
/// whom, when, on what basis, which request).
enum Audit {
    enum Action: String {
        case personCreate = "person.create"
        case personRead = "person.read"
        case personList = "person.list"
        case personUpdate = "person.update"
        case personReadDenied = "person.read.denied"
        case householdCreate = "household.create"
        case householdRead = "household.read"
        case householdUpdate = "household.update"
        case assessmentCreate = "assessment.create"
        case assessmentRead = "assessment.read"
        case diagnosisCreate = "diagnosis.create"
        case diagnosisRead = "diagnosis.read"
        case auditRead = "audit.read"
        case interventionCreate = "intervention.create"
        case interventionUpdate = "intervention.update"
        case referralCreate = "referral.create"
        case referralRead = "referral.read"
        case referralList = "referral.list"
        case referralUpdate = "referral.update"
        case referralReadDenied = "referral.read.denied"
        /// A referral the spending rules refused (the person's file shows the attempt).
        case referralRefused = "referral.refused"
        case matchRead = "match.read"
        case planCreate = "plan.create"
        case planRead = "plan.read"
        case planUpdate = "plan.update"
        case agreementCreate = "agreement.create"
        case agreementUpdate = "agreement.update"
        case budgetUpdate = "budget.update"
        case budgetOverride = "budget.override"
        /// A budget holder reads the requests for an exception to the spending rules (no names).
        case spendingExceptionRead = "spendingException.read"
        /// A budget holder grants or refuses one.
        case spendingExceptionDecide = "spendingException.decide"
        /// A specialist reads the referrals waiting for approval.
        case approvalRead = "approval.read"
        /// A specialist grants or refuses one.
        case approvalDecide = "approval.decide"
        case costBooked = "budget.cost"
        case valveSimulate = "valve.simulate"
        case valveApply = "valve.apply"
        case policySimulate = "policy.simulate"
        case policyAdopt = "policy.adopt"
        case incentiveCreate = "incentive.create"
        case incentiveRead = "incentive.read"
        case incentiveExport = "incentive.export"
        case voucherRead = "voucher.read"
        case voucherEarn = "voucher.earn"
        case voucherRedeem = "voucher.redeem"
        case voucherExpire = "voucher.expire"
        case enforcementCreate = "enforcement.create"
        case enforcementRead = "enforcement.read"
        case enforcementUpdate = "enforcement.update"
        case signalCreate = "signal.create"
        case signalRead = "signal.read"
        case signalUpdate = "signal.update"
        case activityCreate = "activity.create"
        case activityDecide = "activity.decide"
        case feedbackCreate = "feedback.create"
        case appointmentCreate = "appointment.create"
        /// Leaving for work or school recorded on the person.
        case exitRecord = "exit.record"
        /// A reciprocal contribution or an exemption recorded for the person.
        case obligationRecord = "obligation.record"
        case portalRead = "portal.read"
        case accessExport = "avg.export"
        case municipalitySetup = "municipality.setup"
        /// An administrator creates a user, provider, business or organisation.
        case adminCreate = "admin.create"
        /// An administrator changes one (roles, district, deactivation, a password reset).
        case adminUpdate = "admin.update"
        /// An API token issued or revoked.
        case adminToken = "admin.token"
        /// A one-time invitation code used to activate an account.
        case accountActivate = "account.activate"
        /// A refusal that concerns no one person (a role that may not do this, a form from elsewhere).
        case accessDenied = "access.denied"

        /// Whether this entry records a refused attempt.
        var isRefusal: Bool { self == .accessDenied || rawValue.hasSuffix(".denied") }
    }

    static func event(_ ctx: UseCaseContext, _ action: Action, person: UUID?, basis: String, detail: String? = nil)
        -> AuditEvent
    {
        let user = ctx.user
        if action.isRefusal { ctx.refusals?.mark() }
        let event = AuditEvent()
        event.id = ctx.newID()
        event.at = ctx.now
        event.actorID = user?.id
        event.actorName = user?.displayName ?? "anonymous"
        event.actorRoles = user?.roles.joined(separator: ",") ?? ""
        event.action = action.rawValue
        event.personID = person
        event.basis = basis
        event.requestID = ctx.requestID
        event.detail = detail
        return event
    }

    /// Appends one entry. With `db` (a change's transaction) it is written there, atomically with the
    /// change; without, it goes through the group-committing `AuditWriter` — either way the call returns
    /// only once the entry is stored.
    static func record(
        _ ctx: UseCaseContext, _ action: Action, person: UUID?, basis: String, detail: String? = nil,
        on db: (any Database)? = nil
    ) async throws {
        let entry = event(ctx, action, person: person, basis: basis, detail: detail)
        if let db { try await entry.create(on: db) } else { try await ctx.auditWriter.append([entry]) }
    }

    /// Appends one entry per person (a list read), committed together.
    static func record(_ ctx: UseCaseContext, _ action: Action, people: [(UUID, String)], detail: String? = nil)
        async throws
    {
        try await ctx.auditWriter.append(people.map { event(ctx, action, person: $0.0, basis: $0.1, detail: detail) })
    }
}
