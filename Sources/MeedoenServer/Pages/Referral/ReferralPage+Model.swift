import Foundation
import MeedoenCore

extension ReferralPages {
    /// One referral as its page shows it, loaded through the use cases (the read is audited there).
    struct Model {
        var user: User
        var loaded: ReferralService.Loaded
        var notes: [ReferralNote]
        /// The provider, or a case manager with a need to know: may act on it.
        var maySteer: Bool
        var endingSoonDays: Int
        /// The referral's incentives, for its case manager once it is accepted.
        var incentives: [IncentivePayment]?
        /// An exception to the spending rules asked for this referral (not for the provider).
        var exception: SpendingException? = nil
        /// The specialist's approval asked for this referral (not for the provider).
        var approval: ReferralApproval? = nil
        /// The referral's commitment: under a result-based contract, for its result and a pending six-month check.
        var commitment: Commitment? = nil
    }

    static func loadReferral(_ id: UUID, in ctx: UseCaseContext) async throws -> Model {
        let user = try ctx.requireUser()
        let (l, notes) = try await ReferralService.read(id, in: ctx)
        let asProvider = l.access.asProvider
        let incentives =
            !asProvider && user.roleSet.contains(.caseManager)
                && [.accepted, .started, .ended].contains(l.referral.status)
            ? try await IncentiveService.list(personID: nil, referralID: id, status: nil, in: ctx) : nil
        return Model(
            user: user, loaded: l, notes: notes,
            maySteer: asProvider || NeedToKnow.mayAssess(user.viewer, l.person.relations),
            endingSoonDays: ctx.policies.plan.endingSoonDays, incentives: incentives,
            exception: asProvider
                ? nil : try await SpendingExceptionService.forReferral(l.referral, in: ctx),
            approval: asProvider || !l.intervention.needsApproval
                ? nil : try await ApprovalService.forReferral(l.referral, in: ctx),
            commitment: try await ContractService.commitment(l.referral, in: ctx))
    }
}
