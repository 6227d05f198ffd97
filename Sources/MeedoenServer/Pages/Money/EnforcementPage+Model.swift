import Foundation
import MeedoenCore

extension MoneyWorkPages {
    /// An enforcement case as its page shows it (the read is audited in the use case).
    struct CaseModel {
        var user: User
        var enforcementCase: EnforcementCase
        var agreement: Agreement
        var person: Person
        /// The sanctions the policy knows (the proposal's choices).
        var sanctions: [MoneyPolicy.SanctionRule]
    }

    static func loadCase(_ id: UUID, in ctx: UseCaseContext) async throws -> CaseModel {
        let user = try ctx.requireUser()
        let (c, agreement, person) = try await EnforcementService.read(id, in: ctx)
        return CaseModel(
            user: user, enforcementCase: c, agreement: agreement, person: person,
            sanctions: ctx.policies.money.sanctions)
    }
}
