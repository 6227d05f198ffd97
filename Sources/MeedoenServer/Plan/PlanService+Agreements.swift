import Fluent
import MeedoenCore
import Vapor

/// A plan's agreements: who does what by when, kept or not (overdue ones can start enforcement).
extension PlanService {
    static func addAgreement(_ planID: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws -> Agreement {
        _ = try requireEditor(ctx)
        let l = try await load(planID, in: ctx, audit: false)
        let who = input.string("who", maxLength: 200)
        let what = input.string("what", maxLength: 2000)
        let due = input.date("dueOn")
        let personID = input.uuid("personId", required: false)
        if let personID, !l.members.contains(where: { $0.id == personID }) {
            input.fail(
                "personId", "notAMember", nl: "Deze persoon hoort niet bij het huishouden.",
                en: "This person is not a member of the household.")
        }
        try input.validate()
        let a = Agreement()
        a.id = ctx.newID()
        a.$plan.id = planID
        a.$person.id = personID
        a.who = who!
        a.what = what!
        a.dueOn = due!.iso
        a.status = AgreementStatus.open
        let members = l.members
        let basis = l.basis
        try await ctx.db.transaction { db in
            try await a.create(on: db)
            try await
                (members.map {
                    Audit.event(ctx, .agreementCreate, person: $0.id, basis: basis, detail: "plan:\(planID)")
                }).create(on: db)
        }
        return a
    }

    /// The plan an agreement belongs to, or "not found".
    static func planOf(agreement agreementID: UUID, in ctx: UseCaseContext) async throws -> UUID {
        guard let a = try await Agreement.find(agreementID, on: ctx.db) else {
            throw DomainError.notFound(.init(nl: "Geen afspraak met deze id.", en: "No agreement with this id."))
        }
        return a.$plan.id
    }

    static func updateAgreement(_ planID: UUID, _ agreementID: UUID, _ input: inout Input, in ctx: UseCaseContext)
        async throws -> Agreement
    {
        _ = try requireEditor(ctx)
        let l = try await load(planID, in: ctx, audit: false)
        guard let a = try await Agreement.find(agreementID, on: ctx.db), a.$plan.id == planID else {
            throw DomainError.notFound(
                .init(nl: "Geen afspraak met deze id in dit plan.", en: "No agreement with this id in this plan."))
        }
        if let s = input.choice("status", AgreementStatus.self, required: false) {
            a.status = s
            a.doneOn = s == .done ? (a.doneOn ?? ctx.today.iso) : nil
        }
        if input.isPresent("evidence") { a.evidence = input.string("evidence", required: false, maxLength: 2000) }
        if let due = input.date("dueOn", required: false) { a.dueOn = due.iso }
        try input.validate()
        let members = l.members
        let basis = l.basis
        try await ctx.db.transaction { db in
            try await a.save(on: db)
            try await
                (members.map {
                    Audit.event(
                        ctx, .agreementUpdate, person: $0.id, basis: basis,
                        detail: "agreement:\(agreementID) \(a.status)")
                }).create(on: db)
        }
        return a
    }

    static func agreements(_ planID: UUID, in ctx: UseCaseContext) async throws -> [Agreement] {
        try await Agreement.query(on: ctx.db).filter(\.$plan.$id == planID).sort(\.$dueOn).all()
    }
}
