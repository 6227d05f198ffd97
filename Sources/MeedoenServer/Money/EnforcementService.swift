import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// Enforcement steps on an overdue agreement, each a conditional status update, each audited.
/// The rules (order, municipal benefit only, alternatives first, four eyes) are in `Enforcement`.
enum EnforcementService {
    static let caseManagers = LocalizedText(nl: "Alleen klantmanagers handhaven.", en: "Only case managers enforce.")

    /// Opens a case on an overdue agreement of a person: a reminder (municipal benefit) or an invitation.
    static func open(_ input: inout Input, in ctx: UseCaseContext) async throws -> (EnforcementCase, Agreement) {
        let user = try ctx.requireRole(.caseManager, because: caseManagers)
        let agreementID = input.uuid("agreementId")
        try input.validate()
        guard let agreement = try await Agreement.find(agreementID!, on: ctx.db) else {
            throw DomainError.invalid(
                "agreementId", "unknownAgreement",
                .init(nl: "Geen afspraak met deze id.", en: "No agreement with this id."))
        }
        guard let personID = agreement.$person.id else {
            throw DomainError.invalid(
                "agreementId", "noPerson",
                .init(
                    nl: "Deze afspraak hoort bij geen persoon (alleen bij het huishouden).",
                    en: "This agreement belongs to no person (only to the household)."))
        }
        let (person, grant) = try await PersonService.authorised(personID, in: ctx)
        guard NeedToKnow.mayAssess(user.viewer, person.relations) else { throw DomainError.noNeedToKnow }
        let relation = Enforcement.Relation.of(
            BenefitKind(rawValue: person.benefit) ?? .none, policy: ctx.policies.current)
        // An agreement about attendance belongs to an offer; a right (Wmo) is not enforced.
        var offerBasis: LegalBasis?
        if let rid = agreement.referralID, let referral = try await Referral.find(rid, on: ctx.db) {
            offerBasis = try await Intervention.find(referral.$intervention.id, on: ctx.db)?.legalBasis
        }
        let status: Enforcement.Status
        do {
            status = try Enforcement.open(
                agreementStatus: agreement.status.rawValue, dueOn: CalendarDate(iso: agreement.dueOn) ?? ctx.today,
                today: ctx.today, relation: relation, offerBasis: offerBasis)
        } catch { throw DomainError.invalid(error.field, error.reason.code, error.reason.text) }
        let c = EnforcementCase()
        c.id = ctx.newID()
        c.personID = personID
        c.agreementID = agreement.id!
        c.relation = relation
        c.status = status
        c.openedByName = user.displayName
        c.openedOn = ctx.today.iso
        do {
            try await ctx.db.transaction { db in
                try await c.create(on: db)
                try await Audit.record(
                    ctx, .enforcementCreate, person: personID, basis: grant.basis,
                    detail: "\(status.rawValue) agreement:\(agreement.id!)", on: db)
            }
        } catch let e as any DatabaseError where e.isConstraintFailure {
            throw DomainError.conflict(
                .init(
                    nl: "Voor deze afspraak loopt al een handhavingstraject.",
                    en: "An enforcement case is already running for this agreement."))
        }
        return (c, agreement)
    }

    static func load(_ id: UUID, in ctx: UseCaseContext) async throws -> (EnforcementCase, Agreement, Person, Grant) {
        let user = try ctx.requireRole(.caseManager, because: caseManagers)
        guard let c = try await EnforcementCase.find(id, on: ctx.db),
            let a = try await Agreement.find(c.agreementID, on: ctx.db)
        else {
            throw DomainError.notFound(
                .init(nl: "Geen handhavingszaak met deze id.", en: "No enforcement case with this id."))
        }
        let (person, grant) = try await PersonService.authorised(c.personID, in: ctx)
        guard NeedToKnow.mayAssess(user.viewer, person.relations) else { throw DomainError.noNeedToKnow }
        return (c, a, person, grant)
    }

    static func read(_ id: UUID, in ctx: UseCaseContext) async throws -> (EnforcementCase, Agreement, Person) {
        let (c, a, p, g) = try await load(id, in: ctx)
        try await Audit.record(ctx, .enforcementRead, person: p.id, basis: g.basis, detail: "case:\(id)")
        return (c, a, p)
    }

    static func forPerson(_ personID: UUID, in ctx: UseCaseContext) async throws -> [(EnforcementCase, Agreement)] {
        let user = try ctx.requireRole(.caseManager, because: caseManagers)
        let (person, grant) = try await PersonService.authorised(personID, in: ctx)
        guard NeedToKnow.mayAssess(user.viewer, person.relations) else { throw DomainError.noNeedToKnow }
        let cases = try await EnforcementCase.query(on: ctx.db).filter(\.$personID == personID).sort(
            \.$createdAt, .descending
        ).all()
        let agreements = try await Agreement.query(on: ctx.db).filter(\.$id ~~ cases.map(\.agreementID)).all()
        let byID = Dictionary(uniqueKeysWithValues: agreements.map { ($0.id!, $0) })
        try await Audit.record(ctx, .enforcementRead, person: personID, basis: grant.basis, detail: "list")
        return cases.compactMap { c in byID[c.agreementID].map { (c, $0) } }
    }

    enum Step: String, CaseIterable { case hearing, alternatives, proposal, decision, close }

    /// One step. The change is a conditional update on the status it started from, so two hands cannot both act.
    static func act(_ id: UUID, _ step: Step, _ input: inout Input, in ctx: UseCaseContext) async throws -> (
        EnforcementCase, Agreement
    ) {
        let user = try ctx.requireRole(.caseManager, because: caseManagers)
        let (c, agreement, person, grant) = try await load(id, in: ctx)
        let from = c.status
        let today = ctx.today
        func refused(_ e: Enforcement.Refusal) -> DomainError {
            e.field == "status"
                ? DomainError.conflict(
                    e.reason.text, param: .init(name: "status", code: e.reason.code, reason: e.reason.text))
                : DomainError.invalid(e.field, e.reason.code, e.reason.text)
        }
        var to = from
        switch step {
        case .hearing:
            let on = input.date("heldOn", required: false) ?? today
            let note = input.string("note", maxLength: 4000)
            if on > today {
                input.fail("heldOn", "inFuture", nl: "De datum ligt in de toekomst.", en: "The date is in the future.")
            }
            try input.validate()
            do { to = try Enforcement.hear(from: from) } catch { throw refused(error) }
            c.hearingOn = on.iso
            c.hearingNote = note
        case .alternatives:
            let list = input.stringList("alternatives", maxItems: 20, maxLength: 1000)
            if !Enforcement.validAlternatives(list) {
                input.fail(
                    "alternatives", "tooShort",
                    nl: "Noem minstens één andere weg die is geprobeerd, elk in minstens 10 tekens.",
                    en: "Name at least one other way that was tried, each in at least 10 characters.")
            }
            try input.validate()
            guard from == .reminded || from == .invited || from == .heard else {
                throw DomainError.conflict(
                    .init(
                        nl: "Alternatieven worden vastgelegd vóór een voorstel (nu: \(from.label.nl)).",
                        en: "Alternatives are recorded before a proposal (now: \(from.label.en))."))
            }
            c.alternatives = ReferralService.encode(list)
        case .proposal:
            let violation = input.string("violation", maxLength: 64)
            try input.validate()
            let since = today.adding(months: -ctx.policies.money.recidivismMonths).iso
            let earlier = try await EnforcementCase.query(on: ctx.db).filter(\.$personID == person.id!).filter(
                \.$decision == "approved"
            )
            .filter(\.$decidedOn >= since).count()
            let proposal: Enforcement.Proposal
            do {
                proposal = try Enforcement.propose(
                    status: from, relation: c.relation,
                    alternatives: c.alternativesList,
                    violation: violation!, earlierSanctions: earlier, policy: ctx.policies.money)
            } catch { throw refused(error) }
            to = .proposed
            c.violation = violation
            c.occurrence = proposal.occurrence
            c.percent = proposal.percent
            c.months = proposal.months
            c.proposalReasons = ReferralService.encode(proposal.reasons)
            c.proposedByID = user.id
            c.proposedByName = user.displayName
            c.proposedOn = today.iso
        case .decision:
            let decision = input.string("decision", maxLength: 10)
            let note = input.string("note", maxLength: 4000)
            if let decision, decision != "approve" && decision != "reject" {
                input.fail("decision", "unknownValue", nl: "Kies approve of reject.", en: "Choose approve or reject.")
            }
            // Weighed (000 §2.1.3): lower, never higher, with a reason; urgent reasons assessed.
            let percent = input.int("percent", required: false, range: 0...100)
            let months = input.int("months", required: false, range: 0...36)
            let weighingReason = input.string("weighingReason", required: false, maxLength: 2000)
            let urgent = input.choice("urgentReasons", Enforcement.UrgentReasons.self, required: false)
            let urgentNote = input.string("urgentReasonsNote", required: false, maxLength: 2000)
            try input.validate()
            do {
                to = try Enforcement.decide(status: from, proposerID: c.proposedByID ?? user.id!, deciderID: user.id!)
            } catch { throw refused(error) }
            let approved = decision == "approve"
            var weighing: Enforcement.Weighing?
            if approved {
                do {
                    weighing = try Enforcement.weigh(
                        tablePercent: c.percent ?? 0, tableMonths: c.months ?? 0, percent: percent, months: months,
                        reason: weighingReason, urgentReasons: urgent, urgentNote: urgentNote)
                } catch {
                    throw DomainError.invalid(
                        error.all.map { .init(name: $0.field, code: $0.reason.code, reason: $0.reason.text) })
                }
            }
            if let w = weighing {
                if w.lowered {
                    c.tablePercent = w.tablePercent
                    c.tableMonths = w.tableMonths
                }
                c.percent = w.percent
                c.months = w.months
                c.weighingReason = w.reason
                c.urgentReasons = w.urgentReasons
                c.urgentReasonsNote = w.urgentNote
            }
            c.decision = approved ? "approved" : "rejected"
            c.decisionNote = note
            c.decidedByID = user.id
            c.decidedByName = user.displayName
            c.decidedOn = today.iso
            c.notification = ReferralService.encode(
                Enforcement.notification(
                    givenName: person.givenName, agreement: agreement.what, approved: approved,
                    percent: c.percent ?? 0, months: c.months ?? 0, decidedOn: today,
                    sender: .init(
                        municipality: ctx.municipality.current?.file.name ?? "De gemeente",
                        signedBy: user.displayName, objections: ctx.municipality.current?.file.objections),
                    weighing: weighing))
        case .close:
            let note = input.string("note", maxLength: 4000)
            try input.validate()
            guard from == .reminded || from == .invited || from == .heard else {
                throw DomainError.conflict(
                    .init(
                        nl: "Afsluiten kan vóór een voorstel; een voorstel krijgt een besluit (nu: \(from.label.nl)).",
                        en: "Closing is possible before a proposal; a proposal gets a decision (now: \(from.label.en))."
                    ))
            }
            to = .closed
            c.closedNote = note
        }
        c.status = to
        let fromRaw = from.rawValue
        let to_ = to
        try await ctx.db.transaction { db in
            let sql = db as! any SQLDatabase
            // The columns the CHECK constraints tie together go in the same conditional statement.
            let changed = try await sql.raw(
                """
                UPDATE enforcement_cases SET status = \(bind: to_.rawValue), alternatives = \(bind: c.alternatives), hearing_on = \(bind: c.hearingOn),
                  percent = \(bind: c.percent), proposed_by_id = \(bind: c.proposedByID), decided_by_id = \(bind: c.decidedByID), updated_at = \(bind: ctx.now)
                WHERE id = \(bind: id) AND status = \(bind: fromRaw) RETURNING id
                """
            ).all()
            guard !changed.isEmpty else {
                throw DomainError.conflict(
                    .init(nl: "De zaak is intussen gewijzigd; laad opnieuw.", en: "The case changed meanwhile; reload.")
                )
            }
            try await c.save(on: db)
            if step == .decision, c.decision == "approved" {
                try await sql.raw(
                    "UPDATE agreements SET status = 'missed', updated_at = \(bind: ctx.now) WHERE id = \(bind: agreement.id!) AND status = 'open'"
                ).run()
            }
            try await Audit.record(
                ctx, .enforcementUpdate, person: person.id, basis: grant.basis,
                detail: "\(step.rawValue):\(id) \(fromRaw)→\(to_.rawValue)", on: db)
        }
        return (c, agreement)
    }

    /// A resident's enforcement cases, newest first, for their dossier (the caller has the dossier's need to know).
    static func cases(personID: UUID, in ctx: UseCaseContext) async throws -> [EnforcementCase] {
        try await EnforcementCase.query(on: ctx.db).filter(\.$personID == personID).sort(\.$createdAt, .descending)
            .all()
    }

    /// The latest enforcement case of each agreement.
    static func latestCases(agreements: [UUID], in ctx: UseCaseContext) async throws -> [UUID: EnforcementCase] {
        Dictionary(
            try await EnforcementCase.query(on: ctx.db).filter(\.$agreementID ~~ agreements).sort(\.$createdAt).all()
                .map { ($0.agreementID, $0) }, uniquingKeysWith: { _, latest in latest })
    }
}
