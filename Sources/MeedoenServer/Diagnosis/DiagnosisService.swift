import Fluent
import MeedoenCore
import Vapor

/// The diagnosis at the HTTP edge: read facts, run the pure engine, store proposal and decision.
enum DiagnosisService {
    /// Reads the facts of a diagnosis (the preview's request body) and collects every problem.
    static func facts(_ input: inout Input, today: CalendarDate) -> DiagnosisFacts? {
        let birth = input.date("birthDate")
        let reference = input.date("referenceDate", required: false) ?? today
        let benefit = input.choice("benefit", BenefitKind.self)
        let workProspect = input.bool("workProspect")
        let selfReliant = input.bool("selfReliant")
        let motivated = input.bool("motivated")
        let risks = input.set("risks", Risk.self)
        let civic = input.choice("civicIntegration", CivicIntegration.self, required: false) ?? CivicIntegration.none
        let circumstances = input.set("circumstances", Circumstance.self)
        let wishes = input.set("wishes", Wish.self)
        var zrm: ZrmScores?
        if let raw = input.intObject("zrm", required: false) {
            do { zrm = try ZrmScores(raw: raw, complete: false) } catch {
                input.fail(error.field, "invalidScore", error.reason)
            }
        }
        if let birth, birth > reference {
            input.fail(
                "birthDate", "afterReference", nl: "De geboortedatum ligt na de peildatum.",
                en: "The birth date is after the reference date.")
        } else if let birth, birth.age(on: reference) > 120 {
            input.fail(
                "birthDate", "implausible", nl: "Deze leeftijd is niet aannemelijk.", en: "This age is not plausible.")
        }
        guard input.problems.isEmpty, let birth, let benefit, let workProspect, let selfReliant, let motivated else {
            return nil
        }
        return DiagnosisFacts(
            birthDate: birth, referenceDate: reference, benefit: benefit, workProspect: workProspect,
            selfReliant: selfReliant, motivated: motivated, risks: risks, civicIntegration: civic,
            circumstances: circumstances, wishes: wishes, zrm: zrm)
    }

    static func preview(_ input: inout Input, in ctx: UseCaseContext) throws -> DiagnosisProposal {
        _ = try ctx.requireProfessional()
        let facts = facts(&input, today: ctx.today)
        try input.validate()
        return ctx.policies.engine.diagnose(facts!)
    }

    /// Stores a diagnosis for a person: the proposal, the professional's decision, and the reason for any deviation.
    static func record(personID: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws -> Diagnosis {
        let user = try ctx.requireRole(
            .caseManager,
            because: .init(
                nl: "Alleen een klantmanager stelt een diagnose vast.",
                en: "Only a case manager records a diagnosis."))
        let (person, _) = try await PersonService.authorised(personID, in: ctx)
        guard NeedToKnow.mayAssess(user.viewer, person.relations) else { throw DomainError.noNeedToKnow }
        // The registered facts are the defaults; the request may add what the conversation showed.
        var defaults: [String: JSONValue] = [
            "birthDate": .string(person.birthDate), "benefit": .string(person.benefit),
            "civicIntegration": .string(person.civicIntegration),
            "circumstances": .array(person.circumstances.map(JSONValue.string)),
            "wishes": .array(person.wishes.map(JSONValue.string)),
        ]
        for (k, v) in input.rawFields { defaults[k] = v }
        var factsInput = Input(fields: defaults, prefix: "")
        let facts = facts(&factsInput, today: ctx.today)
        let decidedRoute = input.choice("decidedRoute", Route.self, required: false)
        let hasCategory = input.isPresent("decidedCategory")
        let decidedCategory = input.int("decidedCategory", required: false, range: 1...5)
        let deviation = input.string("deviationReason", required: false, maxLength: 2000)
        for p in factsInput.problems { input.fail(p.name, p.code, p.reason) }
        try input.validate()

        let proposal = ctx.policies.engine.diagnose(facts!)
        let route = decidedRoute ?? proposal.route
        let category = hasCategory ? decidedCategory : proposal.category
        if (route != proposal.route || category != proposal.category) && deviation == nil {
            input.fail(
                "deviationReason", "required",
                nl:
                    "U wijkt af van het voorstel (‘\(proposal.route.label.nl)’, categorie \(proposal.category.map(String.init) ?? "geen")); leg uit waarom.",
                en:
                    "You deviate from the proposal (‘\(proposal.route.label.en)’, category \(proposal.category.map(String.init) ?? "none")); explain why."
            )
        }
        try input.validate()

        let diagnosis = Diagnosis()
        diagnosis.id = ctx.newID()
        diagnosis.$person.id = personID
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        diagnosis.facts = String(decoding: try encoder.encode(facts!), as: UTF8.self)
        diagnosis.proposedRoute = proposal.route.rawValue
        diagnosis.proposedCategory = proposal.category
        diagnosis.targetGroups = proposal.targetGroups
        diagnosis.caseTableProposed = proposal.caseTableProposed
        diagnosis.enforcementAvailable = proposal.enforcementAvailable
        diagnosis.reasons = String(decoding: try encoder.encode(proposal.reasons), as: UTF8.self)
        diagnosis.policyID = proposal.policyID
        diagnosis.policyVersion = proposal.policyVersion
        diagnosis.decidedRoute = route.rawValue
        diagnosis.decidedCategory = category
        diagnosis.deviationReason = (route != proposal.route || category != proposal.category) ? deviation : nil
        diagnosis.decidedByID = user.id!
        diagnosis.decidedByName = user.displayName
        diagnosis.decidedOn = ctx.today.iso
        try await ctx.db.transaction { db in
            try await diagnosis.create(on: db)
            if proposal.caseTableProposed && !person.onCaseTable {
                person.onCaseTable = true
                try await person.save(on: db)
            }
            try await Audit.record(
                ctx, .diagnosisCreate, person: personID, basis: "caseload", detail: route.rawValue, on: db)
        }
        return diagnosis
    }

    static func list(personID: UUID, in ctx: UseCaseContext) async throws -> [Diagnosis] {
        let (_, grant) = try await PersonService.authorised(personID, in: ctx)
        let items = try await Diagnosis.query(on: ctx.db).filter(\.$person.$id == personID).sort(
            \.$createdAt, .descending
        ).all()
        try await Audit.record(ctx, .diagnosisRead, person: personID, basis: grant.basis)
        return items
    }
}
