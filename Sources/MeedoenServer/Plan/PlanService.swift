import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// One plan per household, one director (1-1-1-1). Every change is a new revision with a snapshot,
/// so the history is kept; every read or change is audited for each member of the household.
enum PlanService {
    struct Goal: Codable, Sendable, Equatable {
        var domain: String
        var text: String
    }
    struct Strength: Codable, Sendable, Equatable {
        var of: String
        var text: String
    }
    struct Involved: Codable, Sendable, Equatable {
        var organisation: String
        var goal: String
        var contactName: String
        var contactDetails: String?
    }

    struct Body: Codable, Sendable, Equatable {
        var directorId: UUID
        var goals: [Goal]
        var strengths: [Strength]
        var involved: [Involved]
        var reassessmentDue: String
        var residentAgreedOn: String?
        var residentAgreementNote: String?
        var status: String
    }

    static func body(_ p: Plan) -> Body {
        Body(
            directorId: p.$director.id, goals: decode(p.goals), strengths: decode(p.strengths),
            involved: decode(p.involved),
            reassessmentDue: p.reassessmentDue, residentAgreedOn: p.residentAgreedOn,
            residentAgreementNote: p.residentAgreementNote, status: p.status.rawValue)
    }

    static func decode<T: Decodable>(_ json: String) -> [T] {
        (try? JSONDecoder().decode([T].self, from: Data(json.utf8))) ?? []
    }

    struct Loaded {
        var plan: Plan
        var household: Household
        var members: [Person]
        var basis: String
    }

    /// The household's members and the viewer's basis to see them: whoever may see one member may see the plan.
    static func household(_ id: UUID, in ctx: UseCaseContext) async throws -> (Household, [Person], Grant) {
        let viewer = try ctx.requireViewer()
        guard let household = try await Household.find(id, on: ctx.db) else {
            throw DomainError.notFound(.init(nl: "Geen huishouden met deze id.", en: "No household with this id."))
        }
        let members = try await Person.query(on: ctx.db).filter(\.$household.$id == id).sort(\.$birthDate).all()
        let grant = try await PersonService.householdGrant(household, members: members, viewer: viewer, in: ctx)
        return (household, members, grant)
    }

    static func load(_ planID: UUID, in ctx: UseCaseContext, audit: Bool) async throws -> Loaded {
        guard let plan = try await Plan.find(planID, on: ctx.db) else {
            throw DomainError.notFound(.init(nl: "Geen plan met deze id.", en: "No plan with this id."))
        }
        let (household, members, grant) = try await household(plan.$household.id, in: ctx)
        if audit {
            try await Audit.record(
                ctx, .planRead, people: members.map { ($0.id!, grant.basis) }, detail: "plan:\(planID)")
        }
        return Loaded(plan: plan, household: household, members: members, basis: grant.basis)
    }

    static func requireEditor(_ ctx: UseCaseContext) throws -> User {
        try ctx.requireRole(
            .caseManager, .caseTableChair,
            because: .init(
                nl: "Alleen klantmanagers en voorzitters van de stadsdeeltafel stellen plannen op.",
                en: "Only case managers and case-table chairs draw up plans."))
    }

    /// Creates the household's plan. For a person without a household a one-person household is made
    /// first (the plan is always the household's). 409 when the household already has an active plan.
    static func create(_ input: inout Input, in ctx: UseCaseContext) async throws -> Loaded {
        let user = try requireEditor(ctx)
        let householdID = input.uuid("householdId", required: false)
        let personID = input.uuid("personId", required: false)
        if householdID == nil && personID == nil && input.problems.isEmpty {
            input.fail(
                "householdId", "required", nl: "Geef householdId of personId.", en: "Give householdId or personId.")
        }
        let directorID = input.uuid("directorId", required: false) ?? user.id!
        var body = Body(
            directorId: directorID, goals: [], strengths: [], involved: [], reassessmentDue: "", status: "active")
        readContent(&input, into: &body)
        try input.validate()
        try await checkDirector(directorID, &input, on: ctx.db)
        try input.validate()

        var hid = householdID
        if hid == nil, let personID {
            let (person, grant) = try await PersonService.authorised(personID, in: ctx)
            guard NeedToKnow.mayAssess(user.viewer, person.relations) || grant.basis.hasPrefix("caseTable") else {
                throw DomainError.noNeedToKnow
            }
            if let existing = person.$household.id {
                hid = existing
            } else {
                let h = Household(
                    name: "Huishouden \(person.familyName)", address: nil, districtCode: person.districtCode)
                h.id = ctx.newID()
                try await ctx.db.transaction { db in
                    try await h.create(on: db)
                    person.$household.id = h.id
                    try await person.save(on: db)
                    try await Audit.record(
                        ctx, .householdCreate, person: person.id, basis: grant.basis, detail: "for plan", on: db)
                }
                hid = h.id
            }
        }
        let (household, members, grant) = try await household(hid!, in: ctx)
        let routes = try await latestRoutes(members.map { $0.id! }, on: ctx.db)
        let today = ctx.today
        body.reassessmentDue = ctx.policies.plan.reassessmentDue(from: today, routes: routes).iso

        let plan = Plan()
        plan.id = ctx.newID()
        plan.$household.id = household.id!
        plan.startedOn = today.iso
        plan.revision = 0
        apply(body, to: plan)
        do {
            try await ctx.db.transaction { db in
                try await plan.create(on: db)
                try await revise(plan, summary: "created", by: user, at: ctx.now, id: ctx.newID(), on: db)
                try await
                    (members.map {
                        Audit.event(ctx, .planCreate, person: $0.id, basis: grant.basis, detail: "plan:\(plan.id!)")
                    }).create(on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw DomainError.conflict(
                .init(
                    nl: "Dit huishouden heeft al een actief plan: één huishouden, één plan.",
                    en: "This household already has an active plan: one household, one plan."))
        }
        return Loaded(plan: plan, household: household, members: members, basis: grant.basis)
    }

    static func checkDirector(_ id: UUID, _ input: inout Input, on db: any Database) async throws {
        guard let u = try await User.find(id, on: db), u.active,
            !u.roleSet.isDisjoint(with: [.caseManager, .caseTableChair])
        else {
            input.fail(
                "directorId", "unknownDirector", nl: "De regisseur moet een klantmanager of tafelvoorzitter zijn.",
                en: "The director must be a case manager or case-table chair.")
            return
        }
    }

    /// Reads goals, strengths and who is involved (each list replaces the old one when sent).
    static func readContent(_ input: inout Input, into body: inout Body) {
        if let goals = input.objects("goals", maxItems: 40) {
            body.goals = goals.compactMap { g in
                var g = g
                let domain = g.choice("domain", LifeDomain.self)
                let text = g.string("text", maxLength: 2000)
                input.absorb(g)
                guard let domain, let text else { return nil }
                return Goal(domain: domain.rawValue, text: text)
            }
        }
        if let strengths = input.objects("strengths", maxItems: 40) {
            body.strengths = strengths.compactMap { s in
                var s = s
                let of = s.string("of", required: false, maxLength: 20) ?? "person"
                if of != "person" && of != "network" {
                    s.fail("of", "unknownValue", nl: "Kies person of network.", en: "Choose person or network.")
                }
                let text = s.string("text", maxLength: 1000)
                input.absorb(s)
                guard let text else { return nil }
                return Strength(of: of, text: text)
            }
        }
        if let involved = input.objects("involved", maxItems: 40) {
            body.involved = involved.compactMap { o in
                var o = o
                let org = o.string("organisation", maxLength: 200)
                let goal = o.string("goal", maxLength: 1000)
                let contact = o.string("contactName", maxLength: 200)
                let details = o.string("contactDetails", required: false, maxLength: 200)
                input.absorb(o)
                guard let org, let goal, let contact else { return nil }
                return Involved(organisation: org, goal: goal, contactName: contact, contactDetails: details)
            }
        }
    }

    static func apply(_ b: Body, to plan: Plan) {
        plan.$director.id = b.directorId
        plan.goals = ReferralService.encode(b.goals)
        plan.strengths = ReferralService.encode(b.strengths)
        plan.involved = ReferralService.encode(b.involved)
        plan.reassessmentDue = b.reassessmentDue
        plan.residentAgreedOn = b.residentAgreedOn
        plan.residentAgreementNote = b.residentAgreementNote
        plan.status = PlanStatus(rawValue: b.status) ?? .active
    }

    static func revise(_ plan: Plan, summary: String, by user: User, at: Date, id: UUID, on db: any Database)
        async throws
    {
        plan.revision += 1
        try await plan.save(on: db)
        let rev = PlanRevision()
        rev.id = id
        rev.$plan.id = plan.id!
        rev.revision = plan.revision
        rev.snapshot = ReferralService.encode(body(plan))
        rev.summary = summary
        rev.changedByID = user.id!
        rev.changedByName = user.displayName
        rev.at = at
        try await rev.create(on: db)
    }

    /// Changes the plan: content, director, the resident's agreement, a reassessment done, or closing it.
    static func update(_ planID: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws -> Loaded {
        let user = try requireEditor(ctx)
        let l = try await load(planID, in: ctx, audit: false)
        guard l.plan.status == .active else {
            throw DomainError.conflict(
                .init(nl: "Dit plan is gesloten; maak een nieuw plan.", en: "This plan is closed; create a new plan."))
        }
        var b = body(l.plan)
        let before = b
        readContent(&input, into: &b)
        if let d = input.uuid("directorId", required: false) { b.directorId = d }
        // The note is read (and checked) whenever it is sent; it is kept only with an agreement.
        let agreementNote = input.string("residentAgreementNote", required: false, maxLength: 1000)
        if let agreed = input.bool("residentAgreed", required: false) {
            b.residentAgreedOn = agreed ? ctx.today.iso : nil
            b.residentAgreementNote = agreed ? agreementNote : nil
        }
        let reassessed = input.bool("reassessed", required: false) ?? false
        let close = input.bool("close", required: false) ?? false
        try input.validate()
        if b.directorId != before.directorId { try await checkDirector(b.directorId, &input, on: ctx.db) }
        try input.validate()
        if reassessed {
            let routes = try await latestRoutes(l.members.map { $0.id! }, on: ctx.db)
            b.reassessmentDue = ctx.policies.plan.reassessmentDue(from: ctx.today, routes: routes).iso
        }
        if close {
            b.status = "closed"
            l.plan.closedOn = ctx.today.iso
        }
        var changed: [String] = []
        if b.goals != before.goals { changed.append("goals") }
        if b.strengths != before.strengths { changed.append("strengths") }
        if b.involved != before.involved { changed.append("involved") }
        if b.directorId != before.directorId { changed.append("director") }
        if b.residentAgreedOn != before.residentAgreedOn || b.residentAgreementNote != before.residentAgreementNote {
            changed.append("residentAgreement")
        }
        if reassessed { changed.append("reassessed") }
        if close { changed.append("closed") }
        guard !changed.isEmpty else { return l }
        apply(b, to: l.plan)
        let plan = l.plan
        let members = l.members
        let basis = l.basis
        let summary = changed.joined(separator: ",")
        try await ctx.db.transaction { db in
            try await revise(plan, summary: summary, by: user, at: ctx.now, id: ctx.newID(), on: db)
            try await
                (members.map {
                    Audit.event(ctx, .planUpdate, person: $0.id, basis: basis, detail: "plan:\(planID) \(summary)")
                }).create(on: db)
        }
        return l
    }

    /// The latest decided route of each member (for the reassessment interval).
    static func latestRoutes(_ personIDs: [UUID], on db: any Database) async throws -> [MeedoenCore.Route] {
        guard !personIDs.isEmpty else { return [] }
        let diagnoses = try await Diagnosis.query(on: db).filter(\.$person.$id ~~ personIDs).sort(
            \.$decidedOn, .descending
        ).all()
        var seen = Set<UUID>()
        var routes: [MeedoenCore.Route] = []
        for d in diagnoses where seen.insert(d.$person.id).inserted {
            if let r = MeedoenCore.Route(rawValue: d.decidedRoute) { routes.append(r) }
        }
        return routes
    }

    static func revisions(_ planID: UUID, in ctx: UseCaseContext) async throws -> [PlanRevision] {
        _ = try await load(planID, in: ctx, audit: true)
        return try await PlanRevision.query(on: ctx.db).filter(\.$plan.$id == planID).sort(\.$revision, .descending)
            .all()
    }

    /// The active plan of a household, if any.
    static func active(householdID: UUID, in ctx: UseCaseContext) async throws -> Plan? {
        try await Plan.query(on: ctx.db).filter(\.$household.$id == householdID).filter(\.$status == .active).first()
    }

    /// Who can direct a plan: active case managers and case-table chairs, by name.
    static func possibleDirectors(in ctx: UseCaseContext) async throws -> [User] {
        try await User.query(on: ctx.db).filter(\.$active == true).all()
            .filter { !$0.roleSet.isDisjoint(with: [.caseManager, .caseTableChair]) }.sorted {
                $0.displayName < $1.displayName
            }
    }

    /// A plan's latest revisions, newest first.
    static func revisions(_ planID: UUID, limit: Int, in ctx: UseCaseContext) async throws -> [PlanRevision] {
        try await PlanRevision.query(on: ctx.db).filter(\.$plan.$id == planID).sort(\.$revision, .descending).limit(
            limit
        ).all()
    }
}
