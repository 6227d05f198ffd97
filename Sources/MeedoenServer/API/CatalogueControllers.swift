import MeedoenCore
import Vapor

/// `/providers`, `/interventions` (+ waiting list, candidates), `/referrals` and their actions,
/// `/persons/{id}/matches`, `/plans` with agreements and revisions, `/households/{id}/plan`, `/worklist`.
struct CatalogueController {
    func addRoutes(to api: any RoutesBuilder) {
        api.get("providers", use: providers)
        api.post("providers", use: createProvider)
        let i = api.grouped("interventions")
        i.get(use: list)
        i.post(use: create)
        i.get(":id", use: read)
        i.patch(":id", use: update)
        i.get(":id", "waiting-list", use: waitingList)
        i.get(":id", "candidates", use: candidates)
        api.get("persons", ":id", "matches", use: matches)
    }

    @Sendable func providers(req: Request) async throws -> [ProviderDTO] {
        try await CatalogueService.providers(in: req.context).map(ProviderDTO.init)
    }

    @Sendable func createProvider(req: Request) async throws -> Response {
        var input = try Input(req)
        return try await ProviderDTO(try await CatalogueService.createProvider(&input, in: req.context)).encodeResponse(
            status: .created, for: req)
    }

    /// The catalogue holds no personal data: every signed-in user may read it (providers included).
    @Sendable func list(req: Request) async throws -> [InterventionDTO] {
        _ = try req.requireUser()
        var problems: [DomainError.Field] = []
        let district = req.query[String.self, at: "districtCode"]
        if let district, district.count > 8 {
            problems.append(
                .init(
                    name: "districtCode", code: "tooLong",
                    reason: .init(
                        nl: "Een stadsdeelcode van hooguit 8 tekens.", en: "A district code of at most 8 characters.")))
        }
        let typeRaw = req.query[String.self, at: "type"]
        let type = typeRaw.flatMap(InterventionType.init(rawValue:))
        if typeRaw != nil && type == nil {
            problems.append(
                .init(name: "type", code: "unknownValue", reason: .init(nl: "Onbekend type.", en: "Unknown type.")))
        }
        let q = req.query[String.self, at: "q"]?.lowercased()
        if let q, q.count > 100 {
            problems.append(
                .init(
                    name: "q", code: "tooLong", reason: .init(nl: "Maximaal 100 tekens.", en: "At most 100 characters.")
                ))
        }
        if !problems.isEmpty { throw DomainError.invalid(problems) }
        return try await CatalogueService.entries(in: req.context).filter { e in
            (district == nil || e.intervention.districtCode == nil || e.intervention.districtCode == district)
                && (type == nil || e.intervention.type == type!.rawValue)
                && (q == nil || q!.isEmpty || e.intervention.name.lowercased().contains(q!)
                    || e.intervention.code.lowercased().contains(q!))
        }.map { InterventionDTO($0, language: req.language) }
    }

    @Sendable func create(req: Request) async throws -> Response {
        var input = try Input(req)
        let i = try await CatalogueService.save(&input, existing: nil, in: req.context)
        let response = try await InterventionDTO(
            try await CatalogueService.entry(i.id!, in: req.context), language: req.language
        ).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/interventions/\(i.id!)")
        return response
    }

    @Sendable func read(req: Request) async throws -> InterventionDTO {
        _ = try req.requireUser()
        return InterventionDTO(
            try await CatalogueService.entry(try req.idParameter(), in: req.context), language: req.language)
    }

    @Sendable func update(req: Request) async throws -> InterventionDTO {
        let id = try req.idParameter()
        try req.requireRole(
            .admin, .analyst,
            because: .init(
                nl: "Alleen beheerders en beleidsmedewerkers wijzigen het aanbod.",
                en: "Only administrators and policy staff change the catalogue."))
        let existing = try await CatalogueService.intervention(id, in: req.context)
        var input = try Input(req)
        _ = try await CatalogueService.save(&input, existing: existing, in: req.context)
        return InterventionDTO(try await CatalogueService.entry(id, in: req.context), language: req.language)
    }

    @Sendable func waitingList(req: Request) async throws -> [WaitingEntryDTO] {
        try await ReferralService.waitingList(try req.idParameter(), in: req.context).map {
            WaitingEntryDTO(
                position: $0.position, referralId: $0.referral.id!, referredOn: $0.referral.referredOn,
                category: $0.referral.category,
                waitedDays: $0.waitedSoFar, personName: $0.personName)
        }
    }

    @Sendable func candidates(req: Request) async throws -> [PlaceCandidateDTO] {
        let (_, list) = try await MatchingService.forIntervention(try req.idParameter(), in: req.context)
        let language = req.language
        return list.map { c in
            PlaceCandidateDTO(
                personId: c.person.id, givenName: c.person.givenName, familyName: c.person.familyName,
                districtCode: c.person.districtCode,
                category: c.person.category, rung: c.person.rung, score: c.match.score,
                reasons: c.match.reasons.map { ReasonDTO($0, language) })
        }
    }

    @Sendable func matches(req: Request) async throws -> PersonMatchesDTO {
        let all = req.query[String.self, at: "all"]
        if let all, all != "true" && all != "false" {
            throw DomainError.invalid(
                "all", "type", .init(nl: "Moet true of false zijn.", en: "Must be true or false."))
        }
        let m = try await MatchingService.forPerson(try req.idParameter(), includeUnfit: all == "true", in: req.context)
        let language = req.language
        return PersonMatchesDTO(
            personId: m.person.id!, rung: m.candidate.rung, category: m.candidate.category,
            route: m.candidate.route?.rawValue,
            matches: m.matches.map { match in
                MatchDTO(
                    intervention: InterventionDTO(m.entries[match.offerIndex], language: language), fits: match.fits,
                    score: match.score,
                    reasons: match.reasons.map { ReasonDTO($0, language) }, unmet: match.unmet.map(\.criterion.rawValue)
                )
            })
    }
}

struct ReferralsController {
    func addRoutes(to api: any RoutesBuilder) {
        let r = api.grouped("referrals")
        r.get(use: list)
        r.post(use: create)
        r.get(":id", use: read)
        for (path, action) in [
            ("accept", ReferralAction.accept), ("refuse", .refuse), ("start", .start), ("notes", .note), ("end", .end),
            ("withdraw", .withdraw),
        ] {
            r.post(":id", .constant(path)) { req async throws -> ReferralDTO in
                let id = try req.idParameter()
                var input =
                    req.body.data.map { $0.readableBytes > 0 } == true ? try Input(req) : Input(fields: [:], prefix: "")
                let l = try await ReferralService.act(id, action, &input, in: req.context)
                return ReferralDTO(
                    l, notes: try await ReferralService.notes(id, in: req.context), language: req.language)
            }
        }
    }

    @Sendable func list(req: Request) async throws -> [ReferralDTO] {
        var problems: [DomainError.Field] = []
        func id(_ name: String) -> UUID? {
            guard let raw = req.query[String.self, at: name] else { return nil }
            guard let id = UUID(uuidString: raw) else {
                problems.append(
                    .init(
                        name: name, code: "invalidId",
                        reason: .init(nl: "Geen geldige id (UUID).", en: "Not a valid id (UUID).")))
                return nil
            }
            return id
        }
        let personID = id("personId")
        let interventionID = id("interventionId")
        let statusRaw = req.query[String.self, at: "status"]
        let status = statusRaw.flatMap(ReferralStatus.init(rawValue:))
        if statusRaw != nil && status == nil {
            problems.append(
                .init(
                    name: "status", code: "unknownValue", reason: .init(nl: "Onbekende status.", en: "Unknown status."))
            )
        }
        if !problems.isEmpty { throw DomainError.invalid(problems) }
        return try await ReferralService.list(
            personID: personID, interventionID: interventionID, status: status, in: req.context
        )
        .map { ReferralDTO($0, language: req.language) }
    }

    @Sendable func create(req: Request) async throws -> Response {
        var input = try Input(req)
        let l = try await ReferralService.refer(&input, in: req.context)
        let response = try await ReferralDTO(l, notes: [], language: req.language).encodeResponse(
            status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/referrals/\(l.referral.id!)")
        return response
    }

    @Sendable func read(req: Request) async throws -> ReferralDTO {
        let (l, notes) = try await ReferralService.read(try req.idParameter(), in: req.context)
        return ReferralDTO(l, notes: notes, language: req.language)
    }
}

struct PlansController {
    func addRoutes(to api: any RoutesBuilder) {
        let p = api.grouped("plans")
        p.post(use: create)
        p.get(":id", use: read)
        p.patch(":id", use: update)
        p.get(":id", "revisions", use: revisions)
        p.post(":id", "agreements", use: addAgreement)
        p.patch(":id", "agreements", ":agreementId", use: updateAgreement)
        api.get("households", ":id", "plan", use: householdPlan)
        api.get("worklist", use: worklist)
    }

    func dto(_ l: PlanService.Loaded, on req: Request) async throws -> PlanDTO {
        PlanDTO(l, agreements: try await PlanService.agreements(l.plan.id!, in: req.context), today: req.today)
    }

    @Sendable func create(req: Request) async throws -> Response {
        var input = try Input(req)
        let l = try await PlanService.create(&input, in: req.context)
        let response = try await dto(l, on: req).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/plans/\(l.plan.id!)")
        return response
    }

    @Sendable func read(req: Request) async throws -> PlanDTO {
        try await dto(try await PlanService.load(try req.idParameter(), in: req.context, audit: true), on: req)
    }

    @Sendable func update(req: Request) async throws -> PlanDTO {
        let id = try req.idParameter()
        var input = try Input(req)
        return try await dto(try await PlanService.update(id, &input, in: req.context), on: req)
    }

    @Sendable func revisions(req: Request) async throws -> [PlanRevisionDTO] {
        try await PlanService.revisions(try req.idParameter(), in: req.context).map {
            PlanRevisionDTO(
                revision: $0.revision, summary: $0.summary, changedBy: $0.changedByName, at: $0.at,
                snapshot: (try? JSONDecoder().decode(PlanService.Body.self, from: Data($0.snapshot.utf8)))
                    ?? .init(
                        directorId: $0.changedByID, goals: [], strengths: [], involved: [], reassessmentDue: "",
                        status: ""))
        }
    }

    @Sendable func addAgreement(req: Request) async throws -> Response {
        let id = try req.idParameter()
        var input = try Input(req)
        let a = try await PlanService.addAgreement(id, &input, in: req.context)
        return try await AgreementDTO(a, today: req.today).encodeResponse(status: .created, for: req)
    }

    @Sendable func updateAgreement(req: Request) async throws -> AgreementDTO {
        let id = try req.idParameter()
        let agreementID = try req.idParameter("agreementId")
        var input = try Input(req)
        return AgreementDTO(
            try await PlanService.updateAgreement(id, agreementID, &input, in: req.context), today: req.today)
    }

    @Sendable func householdPlan(req: Request) async throws -> PlanDTO {
        let hid = try req.idParameter()
        // `load` checks the need to know; without a plan, the household check decides between 403 and 404.
        guard let plan = try await PlanService.active(householdID: hid, in: req.context) else {
            _ = try await PlanService.household(hid, in: req.context)
            throw DomainError.notFound(
                .init(nl: "Dit huishouden heeft geen actief plan.", en: "This household has no active plan."))
        }
        return try await dto(try await PlanService.load(plan.id!, in: req.context, audit: true), on: req)
    }

    @Sendable func worklist(req: Request) async throws -> WorklistDTO {
        WorklistDTO(try await WorklistService.forUser(in: req.context), today: req.today)
    }
}

/// A referral waiting for the specialist's approval, as the specialist sees it: who, the offer, the
/// goal and category it was referred with, who asked; after a decision, who decided and why.
struct ApprovalDTO: Content {
    var id: UUID
    var referralId: UUID
    var interventionId: UUID
    var interventionName: String?
    var personName: String?
    var goal: String?
    var category: Int?
    var requestedBy: String
    var requestedAt: Date
    var status: String
    var decidedBy: String?
    var decidedReason: String?
    var decidedAt: Date?
    /// After a decision: offered, waitingForPlace, waitingForBudget, waitingForException or withdrawn.
    var referralOutcome: String?

    init(_ a: ReferralApproval, pending: ApprovalService.Pending? = nil, outcome: ApprovalService.Outcome? = nil) {
        id = a.id!
        referralId = a.referralID
        interventionId = a.interventionID
        interventionName = pending?.interventionName
        personName = pending?.personName
        goal = pending?.referral.goal
        category = pending?.referral.category
        requestedBy = a.requestedByName
        requestedAt = a.requestedAt
        status = a.status.rawValue
        decidedBy = a.decidedByName
        decidedReason = a.decidedReason
        decidedAt = a.decidedAt
        referralOutcome = outcome?.rawValue
    }
}

/// `/approvals`: the specialist's gate on costly provisions.
struct ApprovalsController {
    func addRoutes(to api: any RoutesBuilder) {
        api.get("approvals") { req async throws -> [ApprovalDTO] in
            try await ApprovalService.requested(in: req.context).map { ApprovalDTO($0.approval, pending: $0) }
        }
        api.post("approvals", ":id", "decision") { req async throws -> ApprovalDTO in
            let id = try req.idParameter()
            var input = try Input(req)
            let (a, outcome) = try await ApprovalService.decide(id, &input, in: req.context)
            return ApprovalDTO(a, outcome: outcome)
        }
    }
}

/// An offer's result-based contract, with its parts in cents and in words.
struct ContractDTO: Content {
    var resultPercent: Int
    var withinMonths: Int
    var results: [String]
    var startCents: Int
    var resultCents: Int
    var summary: String

    init(_ c: ResultContract, price: Int, language: Language) {
        resultPercent = c.resultPercent
        withinMonths = c.withinMonths
        results = c.results.map(\.rawValue)
        startCents = c.startCents(price)
        resultCents = c.resultCents(price)
        summary = c.summary(price: price).text(language)
    }
}

struct ContractPerformanceDTO: Content {
    var interventionId: UUID
    var code: String
    var name: String
    var providerName: String
    var contract: ContractDTO
    var referred: Int
    var started: Int
    var achieved: Int
    var missed: Int
    var pending: Int
    var resultRatePercent: Int?
    var spentCents: Int
    var costPerResultCents: Int?
    var meanWaitDays: Int?
    /// The first referral committed under the contract (ISO day); only those count.
    var since: String?

    init(_ p: ContractService.Performance, language: Language) {
        interventionId = p.interventionID
        code = p.code
        name = p.name
        providerName = p.providerName
        contract = ContractDTO(p.contract, price: p.priceCents, language: language)
        referred = p.referred
        started = p.started
        achieved = p.achieved
        missed = p.missed
        pending = p.pending
        resultRatePercent = p.resultRate
        spentCents = p.spentCents
        costPerResultCents = p.costPerResultCents
        meanWaitDays = p.meanWaitDays.map { Int($0.rounded()) }
        since = p.since?.iso
    }
}

struct ResultCheckDTO: Content {
    var referralId: UUID
    var result: String?
    var paidCents: Int
    var releasedCents: Int
    var reason: String
}

/// `/contract-performance` and `/referrals/{id}/result-check`: result-based provider contracts.
struct ContractsController {
    func addRoutes(to api: any RoutesBuilder) {
        api.get("contract-performance") { req async throws -> [ContractPerformanceDTO] in
            try await ContractService.performance(in: req.context).map {
                ContractPerformanceDTO($0, language: req.language)
            }
        }
        api.post("referrals", ":id", "result-check") { req async throws -> ResultCheckDTO in
            let id = try req.idParameter()
            var input = try Input(req)
            let (c, s) = try await ContractService.check(id, &input, in: req.context)
            return ResultCheckDTO(
                referralId: id, result: c.result, paidCents: s.payCents, releasedCents: s.releaseCents,
                reason: s.reason.text.text(req.language))
        }
    }
}
