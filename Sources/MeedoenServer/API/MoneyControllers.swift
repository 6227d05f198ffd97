import MeedoenCore
import Vapor

struct Stream: Content {
    var id: UUID
    var year: Int
    var code: String
    var name: String
    var totalCents: Int
    var committedCents: Int
    var spentCents: Int
    var availableCents: Int
    init(_ s: FundingStream) {
        id = s.id!
        year = s.year
        code = s.code
        name = s.name
        totalCents = s.totalCents
        committedCents = s.committedCents
        spentCents = s.spentCents
        availableCents = s.availableCents
    }
}

struct CommitmentDTO: Content {
    var id: UUID
    var referralId: UUID
    var streamId: UUID
    var interventionId: UUID
    var districtCode: String
    var category: Int?
    var amountCents: Int
    var spentCents: Int
    var releasedCents: Int
    var remainingCents: Int
    var status: String
    var overrideReason: String?
    var overrideBy: String?
    init(_ c: Commitment) {
        id = c.id!
        referralId = c.referralID
        streamId = c.streamID
        interventionId = c.interventionID
        districtCode = c.districtCode
        category = c.category
        amountCents = c.amountCents
        spentCents = c.spentCents
        releasedCents = c.releasedCents
        remainingCents = c.remainingCents
        status = c.status.rawValue
        overrideReason = c.overrideReason
        overrideBy = c.overrideBy
    }
}

struct CostBookingDTO: Content {
    var id: UUID
    var commitmentId: UUID
    var amountCents: Int
    var description: String
    var bookedOn: String
    var bookedBy: String
    init(_ b: CostBooking) {
        id = b.id!
        commitmentId = b.commitmentID
        amountCents = b.amountCents
        description = b.description
        bookedOn = b.bookedOn
        bookedBy = b.bookedByName
    }
}

struct AllocationDTO: Content {
    var streamId: UUID
    var districtCode: String
    var totalCents: Int
    init(_ a: BudgetAllocation) {
        streamId = a.streamID
        districtCode = a.districtCode
        totalCents = a.totalCents
    }
}

struct BusinessDTO: Content {
    var id: UUID
    var code: String
    var name: String
    var districtCode: String?
    var address: String?
    init(_ b: Business) {
        id = b.id!
        code = b.code
        name = b.name
        districtCode = b.districtCode
        address = b.address
    }
}

struct ValveSimulationSummaryDTO: Content {
    var id: UUID
    var year: Int
    var createdBy: String
    var createdAt: Date?
    var appliedAt: Date?
}

/// An exception to the spending rules as the budget holder sees it: no name, the rule and both reasons.
struct SpendingExceptionDTO: Content {
    var id: UUID
    var referralId: UUID
    var interventionId: UUID
    var districtCode: String
    var category: Int?
    var year: Int
    var amountCents: Int
    /// `category` or `route`: what the rule refused on.
    var ruleField: String
    /// The rule's reason, in the language asked for.
    var rule: String
    var requestedBy: String
    var requestedReason: String
    var requestedAt: Date
    var status: String
    var decidedBy: String?
    var decidedReason: String?
    var decidedAt: Date?
    /// After a decision: where the referral stands (offered, waitingForPlace, waitingForBudget, withdrawn).
    var referralOutcome: String?
    init(_ e: SpendingException, outcome: SpendingExceptionService.Outcome? = nil, _ language: Language) {
        id = e.id!
        referralId = e.referralID
        interventionId = e.interventionID
        districtCode = e.districtCode
        category = e.category
        year = e.year
        amountCents = e.amountCents
        ruleField = e.ruleField
        rule = e.rule.text(language)
        requestedBy = e.requestedByName
        requestedReason = e.requestedReason
        requestedAt = e.requestedAt
        status = e.status.rawValue
        decidedBy = e.decidedByName
        decidedReason = e.decidedReason
        decidedAt = e.decidedAt
        referralOutcome = outcome?.rawValue
    }
}

/// `/budget`, `/budget-streams`, `/commitments`, `/referrals/{id}/fund`, `/spending-exceptions`, `/valve-simulations`,
/// `/policy-simulations`, `/policy-adoptions`.
struct BudgetController {
    func addRoutes(to api: any RoutesBuilder) {
        api.get("budget", use: overview)
        api.post("budget-streams", use: createStream)
        api.patch("budget-streams", ":id", use: changeStream)
        api.post("budget-streams", ":id", "allocations", use: allocate)
        api.get("commitments", use: commitments)
        api.post("commitments", ":id", "costs", use: bookCost)
        api.post("referrals", ":id", "fund", use: fund)
        api.get("spending-exceptions", use: exceptions)
        api.post("spending-exceptions", ":id", "decision", use: decideException)
        api.get("valve-simulations", use: simulations)
        api.post("valve-simulations", use: simulate)
        api.get("valve-simulations", ":id", use: simulation)
        api.post("valve-simulations", ":id", "apply", use: apply)
        api.post("policy-simulations", use: policySimulation)
        api.get("policy-adoptions", use: adoptions)
        api.post("policy-adoptions", use: adopt)
    }

    @Sendable func overview(req: Request) async throws -> BudgetService.Overview {
        try await BudgetService.overview(year: try req.year(), in: req.context)
    }

    @Sendable func createStream(req: Request) async throws -> Response {
        var input = try Input(req)
        return try await Stream(try await BudgetService.createStream(&input, in: req.context)).encodeResponse(
            status: .created, for: req)
    }

    @Sendable func changeStream(req: Request) async throws -> Stream {
        let id = try req.idParameter()
        var input = try Input(req)
        return Stream(try await BudgetService.changeTotal(id, &input, in: req.context))
    }

    @Sendable func allocate(req: Request) async throws -> Response {
        let id = try req.idParameter()
        var input = try Input(req)
        return try await AllocationDTO(try await BudgetService.allocate(id, &input, in: req.context)).encodeResponse(
            status: .created, for: req)
    }

    @Sendable func commitments(req: Request) async throws -> [CommitmentDTO] {
        try req.requireRole(.budgetHolder, .analyst, because: BudgetService.viewers)
        var streamID: UUID?
        if let raw = req.query[String.self, at: "streamId"] {
            guard let id = UUID(uuidString: raw) else {
                throw DomainError.invalid("streamId", "format", .init(nl: "Geen geldige id.", en: "Not a valid id."))
            }
            streamID = id
        }
        let status = req.query[String.self, at: "status"]
        if let status, status != "open" && status != "closed" {
            throw DomainError.invalid(
                "status", "unknownValue", .init(nl: "Kies open of closed.", en: "Choose open or closed."))
        }
        return try await BudgetService.commitments(streamID: streamID, status: status, in: req.context).map(
            CommitmentDTO.init)
    }

    @Sendable func bookCost(req: Request) async throws -> Response {
        let id = try req.idParameter()
        var input = try Input(req)
        return try await CostBookingDTO(try await BudgetService.bookCost(id, &input, in: req.context)).encodeResponse(
            status: .created, for: req)
    }

    @Sendable func fund(req: Request) async throws -> CommitmentDTO {
        let id = try req.idParameter()
        var input = try Input(req)
        return CommitmentDTO(try await BudgetService.fund(id, &input, in: req.context))
    }

    @Sendable func exceptions(req: Request) async throws -> [SpendingExceptionDTO] {
        try await SpendingExceptionService.requested(in: req.context).map {
            SpendingExceptionDTO($0.exception, req.language)
        }
    }

    @Sendable func decideException(req: Request) async throws -> SpendingExceptionDTO {
        let id = try req.idParameter()
        var input = try Input(req)
        let (e, outcome) = try await SpendingExceptionService.decide(id, &input, in: req.context)
        return SpendingExceptionDTO(e, outcome: outcome, req.language)
    }

    @Sendable func simulations(req: Request) async throws -> [ValveSimulationSummaryDTO] {
        try await ValveService.list(in: req.context).map {
            ValveSimulationSummaryDTO(
                id: $0.id!, year: $0.year, createdBy: $0.createdByName, createdAt: $0.createdAt, appliedAt: $0.appliedAt
            )
        }
    }

    @Sendable func simulate(req: Request) async throws -> Response {
        var input = try Input(req)
        let dto = try await ValveService.simulate(&input, in: req.context)
        let res = try await dto.encodeResponse(status: .created, for: req)
        res.headers.replaceOrAdd(name: .location, value: "/api/v1/valve-simulations/\(dto.id!)")
        return res
    }

    @Sendable func simulation(req: Request) async throws -> ValveService.Simulation {
        try await ValveService.read(try req.idParameter(), in: req.context)
    }

    @Sendable func apply(req: Request) async throws -> ValveService.Simulation {
        let id = try req.idParameter()
        var input = try Input(req)
        return try await ValveService.apply(id, &input, in: req.context)
    }

    @Sendable func policySimulation(req: Request) async throws -> PolicySimulationService.SimulationResult {
        try await PolicySimulationService.simulate(body: req.bodyData, in: req.context)
    }

    @Sendable func adoptions(req: Request) async throws -> [PolicySimulationService.Adoption] {
        try await PolicySimulationService.adoptions(in: req.context)
    }

    @Sendable func adopt(req: Request) async throws -> Response {
        try await PolicySimulationService.adopt(body: req.bodyData, in: req.context).encodeResponse(
            status: .created, for: req)
    }
}

/// `/incentive-payments`, `/incentive-exports`, `/businesses`, vouchers, `/enforcement-cases`.
struct IncentivesController {
    func addRoutes(to api: any RoutesBuilder) {
        api.get("incentive-payments", use: incentives)
        api.post("incentive-payments", use: createIncentive)
        api.post("incentive-exports", use: export)
        api.get("incentive-exports", ":id", use: exportFile)
        api.get("businesses", use: businesses)
        api.post("businesses", use: createBusiness)
        api.get("persons", ":id", "vouchers", use: vouchers)
        api.post("persons", ":id", "voucher-earnings", use: earn)
        api.post("voucher-redemptions", use: redeem)
        api.post("voucher-expiries", use: expire)
        api.post("enforcement-cases", use: openCase)
        api.get("enforcement-cases", ":id", use: readCase)
        for step in EnforcementService.Step.allCases {
            api.post("enforcement-cases", ":id", PathComponent(stringLiteral: step.rawValue)) {
                req async throws -> EnforcementCaseDTO in
                let id = try req.idParameter()
                var input = try Input(req)
                let (c, a) = try await EnforcementService.act(id, step, &input, in: req.context)
                return EnforcementCaseDTO(c, agreement: a, req.language)
            }
        }
        api.get("persons", ":id", "enforcement-cases", use: personCases)
    }

    static func optionalID(_ req: Request, _ name: String) throws -> UUID? {
        guard let raw = req.query[String.self, at: name] else { return nil }
        guard let id = UUID(uuidString: raw) else {
            throw DomainError.invalid(name, "format", .init(nl: "Geen geldige id.", en: "Not a valid id."))
        }
        return id
    }

    @Sendable func incentives(req: Request) async throws -> [IncentiveItemDTO] {
        let status = req.query[String.self, at: "status"]
        if let status, status != "payable" && status != "exported" {
            throw DomainError.invalid(
                "status", "unknownValue", .init(nl: "Kies payable of exported.", en: "Choose payable or exported."))
        }
        return try await IncentiveService.list(
            personID: try Self.optionalID(req, "personId"), referralID: try Self.optionalID(req, "referralId"),
            status: status, in: req.context
        )
        .map { IncentiveItemDTO($0, req.language) }
    }

    @Sendable func createIncentive(req: Request) async throws -> Response {
        var input = try Input(req)
        return try await IncentiveItemDTO(try await IncentiveService.create(&input, in: req.context), req.language)
            .encodeResponse(status: .created, for: req)
    }

    @Sendable func export(req: Request) async throws -> Response {
        var input = try Input(req)
        let e = try await IncentiveService.export(&input, in: req.context)
        let res = try await IncentiveExportDTO(
            id: e.id!, items: e.items, totalCents: e.totalCents, createdBy: e.createdByName, createdAt: e.createdAt
        )
        .encodeResponse(status: .created, for: req)
        res.headers.replaceOrAdd(name: .location, value: "/api/v1/incentive-exports/\(e.id!)")
        return res
    }

    @Sendable func exportFile(req: Request) async throws -> Response {
        var input = Input.query(req, ["reason"])
        let file = try await IncentiveService.exportFile(try req.idParameter(), &input, in: req.context)
        return Response.csvAttachment(file.csv, filename: file.filename)
    }

    @Sendable func businesses(req: Request) async throws -> [BusinessDTO] {
        try await VoucherService.businesses(in: req.context).map(BusinessDTO.init)
    }

    @Sendable func createBusiness(req: Request) async throws -> Response {
        var input = try Input(req)
        return try await BusinessDTO(try await VoucherService.createBusiness(&input, in: req.context)).encodeResponse(
            status: .created, for: req)
    }

    @Sendable func vouchers(req: Request) async throws -> VoucherService.Account {
        try await VoucherService.account(try req.idParameter(), in: req.context)
    }

    @Sendable func earn(req: Request) async throws -> Response {
        let id = try req.idParameter()
        var input = try Input(req)
        let e = try await VoucherService.earn(id, &input, in: req.context)
        return try await VoucherService.Entry(
            id: e.id!, kind: e.kind.rawValue, amountCents: e.amountCents, onDate: e.onDate, activity: e.activity,
            hours: e.hours,
            approvedBy: e.approvedByName, business: nil
        ).encodeResponse(status: .created, for: req)
    }

    @Sendable func redeem(req: Request) async throws -> Response {
        var input = try Input(req)
        let r = try await VoucherService.redeem(
            &input, idempotencyKey: req.headers.first(name: "Idempotency-Key"), in: req.context)
        return try await r.encodeResponse(status: r.replayed ? .ok : .created, for: req)
    }

    @Sendable func expire(req: Request) async throws -> VoucherService.Expiry {
        var input = try Input(req)
        return try await VoucherService.expire(&input, in: req.context)
    }

    @Sendable func openCase(req: Request) async throws -> Response {
        var input = try Input(req)
        let (c, a) = try await EnforcementService.open(&input, in: req.context)
        return try await EnforcementCaseDTO(c, agreement: a, req.language).encodeResponse(
            status: .created, for: req)
    }

    @Sendable func readCase(req: Request) async throws -> EnforcementCaseDTO {
        let (c, a, _) = try await EnforcementService.read(try req.idParameter(), in: req.context)
        return EnforcementCaseDTO(c, agreement: a, req.language)
    }

    @Sendable func personCases(req: Request) async throws -> [EnforcementCaseDTO] {
        try await EnforcementService.forPerson(try req.idParameter(), in: req.context).map {
            EnforcementCaseDTO($0.0, agreement: $0.1, req.language)
        }
    }
}
