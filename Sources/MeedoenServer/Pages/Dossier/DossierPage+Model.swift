import Foundation
import MeedoenCore

extension DossierPage {
    /// Everything the dossier shows, loaded through the use cases (the read is audited there).
    struct Model {
        var dossier: PersonService.Dossier
        /// A case manager with a need to know: may assess, refer and plan.
        var canAssess: Bool
        var districts: [String: String]
        /// The ladders the person's rungs were recorded on, by id.
        var ladders: [String: Ladder]
        /// The person's referrals (for those who may assess).
        var referrals: [ReferralService.Row]?
        var money: MoneyWorkPages.DossierMoney?
        var frontDoor: DossierFrontDoor.Model?
        /// When the person left for work or school (for those who may assess).
        var exits: [PersonExit]? = nil
        /// The reciprocal contribution and exemptions (for those who may assess).
        var obligations: [PersonObligation]? = nil
    }

    static func load(_ personID: UUID, in ctx: UseCaseContext) async throws -> Model {
        let user = try ctx.requireUser()
        let d = try await PersonService.dossier(personID, in: ctx)
        let p = d.person
        let canAssess = NeedToKnow.mayAssess(user.viewer, p.relations)
        var ladders: [String: Ladder] = [:]
        for id in Set(d.assessments.compactMap(\.ladderID)) { ladders[id] = ctx.policies.ladder(id) }
        return Model(
            dossier: d, canAssess: canAssess, districts: try await ctx.districts.all(on: ctx.db).names,
            ladders: ladders,
            referrals: canAssess
                ? try await ReferralService.list(personID: p.id!, interventionID: nil, status: nil, in: ctx) : nil,
            money: try await MoneyWorkPages.loadDossierMoney(p, user: user, in: ctx),
            frontDoor: try await DossierFrontDoor.load(p, user: user, canAssess: canAssess, in: ctx),
            exits: canAssess ? try await ExitService.of(p.id!, on: ctx.db) : nil,
            obligations: canAssess ? try await ObligationService.of(p.id!, on: ctx.db) : nil)
    }
}
