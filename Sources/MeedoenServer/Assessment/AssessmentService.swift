import Fluent
import MeedoenCore
import Vapor

/// Recording a ladder rung (proposed from facts where the ladder allows) or a ZRM.
enum AssessmentService {
    static func record(personID: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws -> Assessment {
        let user = try ctx.requireRole(
            .caseManager,
            because: .init(
                nl: "Alleen een klantmanager legt een beoordeling vast.",
                en: "Only a case manager records an assessment."))
        let (person, _) = try await PersonService.authorised(personID, in: ctx)
        guard NeedToKnow.mayAssess(user.viewer, person.relations) else { throw DomainError.noNeedToKnow }

        let assessment = Assessment()
        assessment.id = ctx.newID()
        assessment.$person.id = personID
        assessment.assessorID = user.id!
        assessment.assessorName = user.displayName
        let kind = input.choice("kind", KindChoice.self)
        let assessedOn = input.date("assessedOn", required: false) ?? ctx.today
        if assessedOn > ctx.today {
            input.fail("assessedOn", "inFuture", nl: "De datum ligt in de toekomst.", en: "The date is in the future.")
        }
        assessment.assessedOn = assessedOn.iso

        switch kind {
        case .rung?:
            assessment.kind = .rung
            let ladderID = input.string("ladderId", required: false, maxLength: 64) ?? ctx.policies.defaultLadder.id
            let rung = input.int("rung", required: false, range: 1...20)
            let facts = input.set("facts", RungFact.self)
            let override = input.string("overrideReason", required: false, maxLength: 2000)
            let domain = input.string("participationDomain", required: false, maxLength: 64)
            guard let ladder = ctx.policies.ladder(ladderID) else {
                input.fail(
                    "ladderId", "unknownLadder", nl: "Onbekende ladder '\(ladderID)'.",
                    en: "Unknown ladder '\(ladderID)'.")
                throw DomainError.invalid(input.problems)
            }
            assessment.ladderID = ladder.id
            assessment.facts = facts.map(\.rawValue).sorted()
            if let domain {
                if ladder.domains.contains(domain) {
                    assessment.participationDomain = domain
                } else {
                    input.fail(
                        "participationDomain", "unknownValue",
                        nl: "Deze ladder kent de domeinen: \(ladder.domains.joined(separator: ", ")).",
                        en: "This ladder has the domains: \(ladder.domains.joined(separator: ", ")).")
                }
            }
            if let rung, ladder.rung(rung) == nil {
                input.fail(
                    "rung", "unknownRung", nl: "Ladder \(ladder.id) heeft geen trede \(rung).",
                    en: "Ladder \(ladder.id) has no rung \(rung).")
            }
            if let proposal = ladder.propose(from: facts) {
                assessment.proposedRung = proposal.rung
                assessment.proposalReason = proposal.reason.text.text(ctx.language)
                assessment.rung = rung ?? proposal.rung
                if assessment.rung != proposal.rung {
                    if let override {
                        assessment.overrideReason = override
                    } else {
                        input.fail(
                            "overrideReason", "required",
                            nl: "U wijkt af van de voorgestelde trede \(proposal.rung); leg uit waarom.",
                            en: "You deviate from the proposed rung \(proposal.rung); explain why.")
                    }
                }
            } else {
                if rung == nil {
                    input.fail(
                        "rung", "required", nl: "Deze ladder stelt geen trede voor; kies zelf een trede.",
                        en: "This ladder proposes no rung; choose one.")
                }
                assessment.rung = rung
                assessment.overrideReason = override
            }
        case .zrm?:
            assessment.kind = .zrm
            if let raw = input.intObject("scores", required: true) {
                do { assessment.zrmScores = try ZrmScores(raw: raw, complete: true).raw } catch {
                    input.fail(
                        error.field.replacingOccurrences(of: "zrm", with: "scores"), "invalidScore", error.reason)
                }
            }
        case nil: break
        }
        try input.validate()
        try await ctx.db.transaction { db in
            try await assessment.create(on: db)
            try await Audit.record(
                ctx, .assessmentCreate, person: personID, basis: "caseload", detail: assessment.kind.rawValue, on: db)
        }
        return assessment
    }

    static func list(personID: UUID, in ctx: UseCaseContext) async throws -> [Assessment] {
        let (_, grant) = try await PersonService.authorised(personID, in: ctx)
        let items = try await Assessment.query(on: ctx.db).filter(\.$person.$id == personID)
            .sort(\.$assessedOn, .descending).sort(\.$createdAt, .descending).all()
        try await Audit.record(ctx, .assessmentRead, person: personID, basis: grant.basis)
        return items
    }

    enum KindChoice: String, CaseIterable { case rung, zrm }

    /// The scores of a resident's latest ZRM assessment (the diagnosis reads them), if any.
    static func latestZRM(personID: UUID, in ctx: UseCaseContext) async throws -> [String: Int]? {
        try await Assessment.query(on: ctx.db).filter(\.$person.$id == personID).filter(\.$kind == .zrm)
            .sort(\.$assessedOn, .descending).first()?.zrmScores
    }
}
