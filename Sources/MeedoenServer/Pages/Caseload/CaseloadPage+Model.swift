import Foundation
import MeedoenCore

extension CaseloadPage {
    /// Everything "Mijn werk" shows, loaded through the use cases (each resident named is audited there).
    struct Model {
        var user: User
        var people: [Person]
        var total: Int
        var page: Int
        var pageSize: Int
        var search: String?
        /// Why the search was not done (a BSN searched by a role that searches by name only).
        var searchError: String?
        var districts: [String: String]
        /// What needs attention (case managers and chairs, first page without a search).
        var worklist: WorklistService.Worklist?
        /// The user's own signals (counter staff, advisers, case managers; first page without a search).
        var signals: SignalService.Board?
        /// Budget decisions applied in the last 60 days that change something for the case manager's
        /// own residents (a referral lapses or may start).
        var budgetDecisions: [BudgetDecision]

        var pages: Int { max(1, (total + pageSize - 1) / pageSize) }
    }

    struct BudgetDecision {
        var simulationID: UUID
        var applied: Bool
        var lapse: Int
        var start: Int
    }

    static func load(page: Int, pageSize: Int, search: String?, in ctx: UseCaseContext) async throws -> Model {
        let user = try ctx.requireUser()
        let (items, total) = try await PersonService.caseload(search: search, page: page, pageSize: pageSize, in: ctx)
        let front = page == 1 && search == nil
        var model = Model(
            user: user, people: items, total: total, page: page, pageSize: pageSize, search: search,
            districts: try await ctx.districts.all(on: ctx.db).names, budgetDecisions: [])
        if front && !user.roleSet.isDisjoint(with: [.caseManager, .caseTableChair]) {
            model.worklist = try await WorklistService.forUser(in: ctx)
        }
        if front && !user.roleSet.isDisjoint(with: SignalService.workerRoles) {
            model.signals = try await SignalService.board(includeDistrict: false, in: ctx)
        }
        if front && user.roleSet.contains(.caseManager) {
            for s in try await ValveService.recentForCaseManagers(in: ctx) {
                guard
                    let result = try? JSONDecoder().decode(
                        ValveService.Simulation.self, from: Data((s.appliedResult ?? s.result).utf8)),
                    let mine = result.byCaseManager.first(where: { $0.caseManagerId == user.id }),
                    mine.lapse + mine.start > 0
                else { continue }
                model.budgetDecisions.append(
                    BudgetDecision(
                        simulationID: s.id!, applied: s.appliedAt != nil, lapse: mine.lapse, start: mine.start))
            }
        }
        return model
    }
}
