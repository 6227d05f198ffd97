import MeedoenCore
import Vapor

/// A decision tree's step in the caller's language (Accept-Language).
struct TreeStepDTO: Content {
    struct AnswerDTO: Content {
        var id: String
        var text: String
    }
    struct QuestionDTO: Content {
        var id: String
        var text: String
        var hint: String?
        var answers: [AnswerDTO]
    }
    struct SimulationResult: Content {
        var id: String
        var title: String
        var text: String
        var interventionTypes: [String]
        var contacts: [String]
        var followUp: String
    }
    var treeId: String
    var version: String
    var answers: [String]
    var done: Bool
    var question: QuestionDTO?
    var result: SimulationResult?
    var signalId: UUID?

    init(_ tree: DecisionTree, _ walk: DecisionTree.Walk, language: MeedoenCore.Language, signalID: UUID? = nil) {
        treeId = tree.id
        version = tree.version
        answers = walk.path
        signalId = signalID
        switch walk.step {
        case .question(let q):
            done = false
            question = QuestionDTO(
                id: q.id, text: q.text.text(language), hint: q.hint?.text(language),
                answers: q.answers.map { AnswerDTO(id: $0.id, text: $0.text.text(language)) })
        case .result(let r):
            done = true
            result = SimulationResult(
                id: r.id, title: r.title.text(language), text: r.text.text(language),
                interventionTypes: r.interventionTypes.map(\.rawValue),
                contacts: r.contacts.map { $0.text(language) }, followUp: r.followUp.rawValue)
        }
    }
}

struct TreeSummaryDTO: Content {
    var id: String
    var version: String
    var title: String
    var intro: String
    var questions: Int
    var results: Int
}

struct SignalDTO: Content {
    struct EventDTO: Content {
        var at: Date
        var actorName: String
        var action: String
        var note: String?
    }
    struct TreeRef: Content {
        var id: String
        var version: String
        var result: String
        var answers: [String]
    }
    var id: UUID
    var kind: String
    var source: String
    var personId: UUID?
    var personName: String?
    var address: String?
    var districtCode: String
    var description: String
    var status: String
    var ownerId: UUID
    var ownerName: String?
    var createdById: UUID
    var dueOn: String
    var overdue: Bool
    var tree: TreeRef?
    var referralId: UUID?
    var outcome: String?
    var createdAt: Date?
    var events: [EventDTO]?

    init(
        _ s: Signal, person: Person?, mayName: Bool, names: [UUID: String], today: CalendarDate,
        events: [SignalEvent]? = nil
    ) {
        id = s.id!
        kind = s.kind
        source = s.source
        personId = s.personID
        address = s.address
        districtCode = s.districtCode
        personName = mayName ? person.map { "\($0.givenName) \($0.familyName)" } : nil
        description = s.description
        status = s.status.rawValue
        ownerId = s.ownerID
        ownerName = names[s.ownerID]
        createdById = s.createdByID
        dueOn = s.dueOn
        overdue = s.status.isOpen && (CalendarDate(iso: s.dueOn).map { $0 < today } ?? false)
        if let t = s.treeID, let v = s.treeVersion, let r = s.treeResult {
            tree = TreeRef(
                id: t, version: v, result: r, answers: (s.treeAnswers ?? "").split(separator: ",").map(String.init))
        }
        referralId = s.referralID
        outcome = s.outcome
        createdAt = s.createdAt
        self.events = events?.map {
            EventDTO(at: $0.at, actorName: names[$0.actorID] ?? "", action: $0.action, note: $0.note)
        }
    }
}

/// `/decision-trees`, `/signals`, `/me/…` (the resident's own), `/persons/{id}/activities/{activityId}/decision`.
struct FrontDoorController {
    func addRoutes(to api: any RoutesBuilder) {
        api.get("decision-trees", use: trees)
        api.post("decision-trees", use: loadTree)
        api.get("decision-trees", ":treeId", use: tree)
        api.post("decision-trees", ":treeId", "walks", use: walk)
        api.get("signals", use: signals)
        api.post("signals", use: createSignal)
        api.get("signals", ":id", use: signal)
        api.post("signals", ":id", "actions", use: act)
        api.get("me", "personal-data", use: personalData)
        api.post("me", "activities", use: registerActivity)
        api.post("me", "agreements", ":id", "done", use: agreementDone)
        api.post("persons", ":id", "activities", ":activityId", "decision", use: decideActivity)
    }

    @Sendable func trees(req: Request) async throws -> [TreeSummaryDTO] {
        _ = try req.requireUser()
        return req.application.trees.all.map {
            TreeSummaryDTO(
                id: $0.id, version: $0.version, title: $0.title.text(req.language), intro: $0.intro.text(req.language),
                questions: $0.questions.count, results: $0.results.count)
        }
    }

    static func tree(_ req: Request) throws -> DecisionTree {
        guard let id = req.parameters.get("treeId"), let tree = req.application.trees.tree(id) else {
            throw DomainError.notFound(.init(nl: "Deze wegwijzer bestaat niet.", en: "This guide does not exist."))
        }
        return tree
    }

    @Sendable func tree(req: Request) async throws -> DecisionTree {
        _ = try req.requireUser()
        return try Self.tree(req)
    }

    @Sendable func loadTree(req: Request) async throws -> Response {
        guard let body = req.body.data, body.readableBytes > 0 else {
            throw DomainError.badRequest(.init(nl: "Stuur de wegwijzer als JSON.", en: "Send the guide as JSON."))
        }
        _ = try req.requireRole(
            .admin,
            because: .init(
                nl: "Alleen een beheerder laadt een nieuwe versie van een wegwijzer.",
                en: "Only an administrator loads a new version of a decision tree."))
        let tree = try await TreeService.load(String(buffer: body), in: req.context)
        return try await TreeSummaryDTO(
            id: tree.id, version: tree.version, title: tree.title.text(req.language),
            intro: tree.intro.text(req.language),
            questions: tree.questions.count, results: tree.results.count
        ).encodeResponse(status: .created, for: req)
    }

    /// Follows the answers; a result is recorded with its version (with the signal, when one is named).
    @Sendable func walk(req: Request) async throws -> TreeStepDTO {
        _ = try req.requireUser()
        let tree = try Self.tree(req)
        var input = try Input(req)
        let answers = input.stringList("answers", maxItems: 50, maxLength: 40)
        let signalID = input.uuid("signalId", required: false)
        try input.validate()
        let walk: DecisionTree.Walk
        switch tree.walk(answers) {
        case .success(let w): walk = w
        case .failure(let e): throw DomainError.invalid("answers", e.reason.code, e.reason.text)
        }
        if case .result(let r) = walk.step {
            if let signalID {
                _ = try await SignalService.storeTreeResult(
                    signalID, treeID: tree.id, version: tree.version, answers: walk.path, in: req.context)
            } else {
                try await TreeService.record(
                    tree, walk: walk, resultID: r.id, userID: req.auth.get(User.self)?.id, in: req.context)
            }
        }
        return TreeStepDTO(tree, walk, language: req.language, signalID: signalID)
    }

    static func dto(_ s: Signal, on req: Request, events: [SignalEvent]? = nil, person: Person? = nil) async throws
        -> SignalDTO
    {
        let user = try req.requireUser()
        let p: Person?
        if let person {
            p = person
        } else {
            p = try await SignalService.person(of: s, in: req.context)
        }
        let names = try await SignalService.names(for: s, events: events ?? [], in: req.context)
        return SignalDTO(
            s, person: p, mayName: SignalService.mayNamePerson(p, user), names: names, today: req.today, events: events)
    }

    @Sendable func signals(req: Request) async throws -> [SignalDTO] {
        let board = try await SignalService.board(in: req.context)
        let (user, list, people, names) = (board.user, board.mine + board.district, board.people, board.names)
        return list.map { s in
            let p = s.personID.flatMap { people[$0] }
            return SignalDTO(
                s, person: p, mayName: SignalService.mayNamePerson(p, user), names: names, today: req.today)
        }
    }

    @Sendable func createSignal(req: Request) async throws -> Response {
        var input = try Input(req)
        let s = try await SignalService.create(&input, in: req.context)
        return try await Self.dto(s, on: req).encodeResponse(status: .created, for: req)
    }

    @Sendable func signal(req: Request) async throws -> SignalDTO {
        let l = try await SignalService.load(try req.idParameter(), in: req.context)
        return try await Self.dto(l.signal, on: req, events: l.events, person: l.person)
    }

    @Sendable func act(req: Request) async throws -> SignalDTO {
        var input = try Input(req)
        let action = input.choice("action", SignalService.Action.self)
        try input.validate()
        let s = try await SignalService.act(try req.idParameter(), action!, &input, in: req.context)
        return try await Self.dto(s, on: req)
    }

    @Sendable func personalData(req: Request) async throws -> PortalService.Export {
        try await PortalService.export(in: req.context)
    }

    struct ActivityDTO: Content {
        var id: UUID
        var personId: UUID
        var onDate: String
        var description: String
        var hours: Int
        var status: String
        var decisionNote: String?
        var voucherEntryId: UUID?
        init(_ a: ResidentActivity) {
            id = a.id!
            personId = a.personID
            onDate = a.onDate
            description = a.description
            hours = a.hours
            status = a.status.rawValue
            decisionNote = a.decisionNote
            voucherEntryId = a.voucherEntryID
        }
    }

    @Sendable func registerActivity(req: Request) async throws -> Response {
        var input = try Input(req)
        return try await ActivityDTO(try await PortalService.registerActivity(&input, in: req.context)).encodeResponse(
            status: .created, for: req)
    }

    @Sendable func decideActivity(req: Request) async throws -> ActivityDTO {
        var input = try Input(req)
        let approve = input.bool("approve")
        if approve == nil { try input.validate() }
        return ActivityDTO(
            try await PortalService.decideActivity(
                try req.idParameter(), try req.idParameter("activityId"), approve: approve!, &input, in: req.context))
    }

    struct AgreementDTO: Content {
        var id: UUID
        var what: String
        var status: String
        var doneOn: String?
        var evidence: String?
    }

    @Sendable func agreementDone(req: Request) async throws -> AgreementDTO {
        var input = try Input(req)
        let a = try await PortalService.markDone(try req.idParameter(), &input, in: req.context)
        return AgreementDTO(id: a.id!, what: a.what, status: a.status.rawValue, doneOn: a.doneOn, evidence: a.evidence)
    }
}

extension DecisionTree: Content {}
