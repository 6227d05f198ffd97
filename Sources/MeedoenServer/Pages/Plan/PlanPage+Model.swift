import Foundation
import MeedoenCore

extension PlanPage {
    /// The household's plan as the editor shows it, loaded through the use cases (reads audited there).
    struct Model {
        var user: User
        var person: Person
        var loaded: PlanService.Loaded?
        var directors: [User]
        /// Case managers and case-table chairs edit; others read.
        var editable: Bool
        var agreements: [Agreement]
        /// The latest enforcement case of each agreement.
        var enforcement: [UUID: EnforcementCase]
        var revisions: [PlanRevision]
    }

    static func load(personID: UUID, in ctx: UseCaseContext) async throws -> Model {
        let user = try ctx.requireUser()
        let (person, grant) = try await PersonService.authorised(personID, in: ctx, audit: "page:plan")
        if case .ownFile = grant { throw DomainError.noNeedToKnow }
        var loaded: PlanService.Loaded?
        if let hid = person.$household.id, let plan = try await PlanService.active(householdID: hid, in: ctx) {
            loaded = try await PlanService.load(plan.id!, in: ctx, audit: true)
        }
        let directors = try await PlanService.possibleDirectors(in: ctx)
        var model = Model(
            user: user, person: person, loaded: loaded, directors: directors,
            editable: !user.roleSet.isDisjoint(with: [.caseManager, .caseTableChair]), agreements: [], enforcement: [:],
            revisions: [])
        if let l = loaded {
            model.agreements = try await PlanService.agreements(l.plan.id!, in: ctx)
            model.enforcement = try await EnforcementService.latestCases(
                agreements: model.agreements.map { $0.id! }, in: ctx)
            model.revisions = try await PlanService.revisions(l.plan.id!, limit: 20, in: ctx)
        }
        return model
    }
}
