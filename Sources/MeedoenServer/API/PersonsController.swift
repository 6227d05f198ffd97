import MeedoenCore
import Vapor

/// `/api/v1/persons` and what hangs under a person: dossier, assessments, diagnoses, audit trail.
struct PersonsController {
    func addRoutes(to api: any RoutesBuilder) {
        let persons = api.grouped("persons")
        persons.get(use: list)
        persons.post(use: create)
        persons.get(":id", use: read)
        persons.patch(":id", use: update)
        persons.get(":id", "assessments", use: assessments)
        persons.post(":id", "assessments", use: createAssessment)
        persons.get(":id", "diagnoses", use: diagnoses)
        persons.post(":id", "diagnoses", use: createDiagnosis)
        persons.get(":id", "audit-events", use: auditEvents)
        persons.get(":id", "exits", use: exits)
        persons.post(":id", "exits", use: recordExit)
        persons.get(":id", "obligations", use: obligations)
        persons.post(":id", "obligations", use: recordObligation)
    }

    /// The caller's caseload (need-to-know applied), searchable by name or BSN, paged.
    @Sendable func list(req: Request) async throws -> Page<PersonSummaryDTO> {
        let (page, pageSize, search) = try req.paging()
        let (items, total) = try await PersonService.caseload(
            search: search, page: page, pageSize: pageSize, in: req.context)
        return Page(
            items: items.map {
                PersonSummaryDTO(
                    id: $0.id!, bsnMasked: (try? BSN($0.bsn).masked) ?? "*********", givenName: $0.givenName,
                    familyName: $0.familyName, birthDate: $0.birthDate, districtCode: $0.districtCode,
                    benefit: $0.benefit, caseManagerId: $0.$caseManager.id)
            }, page: page, pageSize: pageSize, total: total)
    }

    /// Registers a person. 422 names every wrong field; 409 on a BSN already registered.
    @Sendable func create(req: Request) async throws -> Response {
        var input = try Input(req)
        let person = try await PersonService.create(&input, in: req.context)
        let response = try await PersonDTO(person).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/persons/\(person.id!)")
        return response
    }

    /// The dossier: person, household, assessments and diagnoses.
    @Sendable func read(req: Request) async throws -> DossierDTO {
        let d = try await PersonService.dossier(try req.idParameter(), in: req.context)
        let language = req.language
        return DossierDTO(
            person: PersonDTO(d.person),
            household: d.household.map { h in
                HouseholdDTO(
                    id: h.id!, name: h.name, address: h.address, districtCode: h.districtCode,
                    members: d.members.map {
                        MemberDTO(
                            id: $0.id!, givenName: $0.givenName, familyName: $0.familyName, birthDate: $0.birthDate)
                    })
            },
            assessments: d.assessments.map { AssessmentDTO($0, ladders: req.policies, language: language) },
            diagnoses: d.diagnoses.map { DiagnosisDTO($0, language: language) })
    }

    /// Changes details (JSON merge patch style: only the fields sent); BSN and birth date are read-only.
    @Sendable func update(req: Request) async throws -> PersonDTO {
        let id = try req.idParameter()
        var input = try Input(req)
        return PersonDTO(try await PersonService.update(id, &input, in: req.context))
    }

    @Sendable func assessments(req: Request) async throws -> [AssessmentDTO] {
        try await AssessmentService.list(personID: try req.idParameter(), in: req.context)
            .map { AssessmentDTO($0, ladders: req.policies, language: req.language) }
    }

    @Sendable func createAssessment(req: Request) async throws -> Response {
        let id = try req.idParameter()
        var input = try Input(req)
        let a = try await AssessmentService.record(personID: id, &input, in: req.context)
        return try await AssessmentDTO(a, ladders: req.policies, language: req.language).encodeResponse(
            status: .created, for: req)
    }

    @Sendable func diagnoses(req: Request) async throws -> [DiagnosisDTO] {
        try await DiagnosisService.list(personID: try req.idParameter(), in: req.context).map {
            DiagnosisDTO($0, language: req.language)
        }
    }

    @Sendable func createDiagnosis(req: Request) async throws -> Response {
        let id = try req.idParameter()
        var input = try Input(req)
        let d = try await DiagnosisService.record(personID: id, &input, in: req.context)
        return try await DiagnosisDTO(d, language: req.language).encodeResponse(status: .created, for: req)
    }

    /// Who looked at or changed this file, and on what basis. A resident may read their own.
    @Sendable func auditEvents(req: Request) async throws -> [AuditEventDTO] {
        try await PersonService.auditTrail(try req.idParameter(), in: req.context).map {
            AuditEventDTO(
                id: $0.id!, at: $0.at, actorName: $0.actorName,
                actorRoles: $0.actorRoles.split(separator: ",").map(String.init),
                action: $0.action, basis: $0.basis, requestId: $0.requestID)
        }
    }

    @Sendable func exits(req: Request) async throws -> [ExitDTO] {
        try await ExitService.list(try req.idParameter(), in: req.context).map { ExitDTO($0, req.language) }
    }

    @Sendable func obligations(req: Request) async throws -> [ObligationDTO] {
        try await ObligationService.list(try req.idParameter(), in: req.context).map { ObligationDTO($0, req.language) }
    }

    @Sendable func recordObligation(req: Request) async throws -> Response {
        let id = try req.idParameter()
        var input = try Input(req)
        let o = try await ObligationService.record(id, &input, in: req.context)
        return try await ObligationDTO(o, req.language).encodeResponse(status: .created, for: req)
    }

    @Sendable func recordExit(req: Request) async throws -> Response {
        let id = try req.idParameter()
        var input = try Input(req)
        let e = try await ExitService.record(id, &input, in: req.context)
        return try await ExitDTO(e, req.language).encodeResponse(status: .created, for: req)
    }
}

/// A reciprocal contribution or an exemption from a duty.
struct ObligationDTO: Content {
    var id: UUID
    var kind: String
    var kindLabel: String
    var what: String?
    var hoursPerWeek: Int?
    var informalCare: Bool
    var duty: String?
    var reason: String?
    var fromOn: String
    var untilOn: String?
    var recordedBy: String

    init(_ o: PersonObligation, _ language: Language) {
        id = o.id!
        kind = o.kind
        kindLabel = o.obligationKind?.label.text(language) ?? o.kind
        what = o.what
        hoursPerWeek = o.hoursPerWeek
        informalCare = o.informalCare
        duty = o.duty
        reason = o.reason
        fromOn = o.fromOn
        untilOn = o.untilOn
        recordedBy = o.recordedByName
    }
}

/// Leaving for work or school on a date.
struct ExitDTO: Content {
    var id: UUID
    var kind: String
    var kindLabel: String
    var leftOn: String
    var referralId: UUID?
    var note: String?
    var recordedBy: String?

    init(_ e: PersonExit, _ language: Language) {
        id = e.id!
        kind = e.kind
        kindLabel = e.exitKind?.label.text(language) ?? e.kind
        leftOn = e.leftOn
        referralId = e.referralID
        note = e.note
        recordedBy = e.recordedByName
    }
}
