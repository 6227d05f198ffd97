import MeedoenCore
import Vapor

/// `/api/v1/households`.
struct HouseholdsController {
    func addRoutes(to api: any RoutesBuilder) {
        let households = api.grouped("households")
        households.post(use: create)
        households.get(":id", use: read)
        households.post(":id", "members", use: addMember)
    }

    static func dto(_ h: Household, _ members: [Person]) -> HouseholdDTO {
        HouseholdDTO(
            id: h.id!, name: h.name, address: h.address, districtCode: h.districtCode,
            members: members.map {
                MemberDTO(id: $0.id!, givenName: $0.givenName, familyName: $0.familyName, birthDate: $0.birthDate)
            })
    }

    @Sendable func create(req: Request) async throws -> Response {
        var input = try Input(req)
        let (h, members) = try await PersonService.createHousehold(&input, in: req.context)
        return try await Self.dto(h, members).encodeResponse(status: .created, for: req)
    }

    @Sendable func read(req: Request) async throws -> HouseholdDTO {
        let (h, members) = try await PersonService.household(try req.idParameter(), in: req.context)
        return Self.dto(h, members)
    }

    @Sendable func addMember(req: Request) async throws -> HouseholdDTO {
        let id = try req.idParameter()
        var input = try Input(req)
        let (h, members) = try await PersonService.addMember(id, &input, in: req.context)
        return Self.dto(h, members)
    }
}

/// `/api/v1/diagnoses/preview`: the engine without storing anything.
struct DiagnosesController {
    func addRoutes(to api: any RoutesBuilder) {
        api.post("diagnoses", "preview", use: preview)
    }

    @Sendable func preview(req: Request) async throws -> DiagnosisProposalDTO {
        var input = try Input(req)
        return DiagnosisProposalDTO(try DiagnosisService.preview(&input, in: req.context), req.language)
    }
}

/// Configuration that holds no personal data: districts, ladders, the policy in force, the current user.
struct ReferenceController {
    func addRoutes(to api: any RoutesBuilder) {
        api.get("districts", use: districts)
        api.get("ladders", use: ladders)
        api.get("policies", "current", use: currentPolicy)
        api.get("me", use: me)
        api.get("municipality", use: municipality)
    }

    /// What anyone may know of the municipality: name, districts, areas, counters and opening hours.
    struct MunicipalityDTO: Content {
        var code: String
        var name: String
        var ladder: String
        var colours: MunicipalityFile.Colours
        var districts: [MunicipalityFile.District]
        var areas: [MunicipalityFile.Area]
        var counters: [MunicipalityFile.Counter]
    }

    @Sendable func municipality(req: Request) throws -> MunicipalityDTO {
        let m = try MunicipalityService.current(in: req.context)
        return MunicipalityDTO(
            code: m.code, name: m.name, ladder: m.ladder, colours: m.colours, districts: m.districts, areas: m.areas,
            counters: m.counters)
    }

    struct DistrictDTO: Content {
        var code: String
        var name: String
    }
    struct RungDTO: Content {
        var number: Int
        var name: String
    }
    struct LadderDTO: Content {
        var id: String
        var name: String
        var rungs: [RungDTO]
        var domains: [String]
        var proposesFromFacts: Bool
    }
    struct TargetGroupDTO: Content {
        var id: String
        var category: Int
        var name: String
    }
    struct PolicyDTO: Content {
        var id: String
        var version: String
        var name: String
        var targetGroups: [TargetGroupDTO]
    }
    struct MeDTO: Content {
        var id: UUID
        var username: String
        var displayName: String
        var roles: [String]
        var districtCode: String?
        var personId: UUID?
    }

    @Sendable func districts(req: Request) async throws -> [DistrictDTO] {
        _ = try req.requireUser()
        return try await DistrictService.list(in: req.context).entries.map { DistrictDTO(code: $0.code, name: $0.name) }
    }

    @Sendable func ladders(req: Request) throws -> [LadderDTO] {
        _ = try req.requireUser()
        let l = req.language
        return req.policies.ladders.map {
            LadderDTO(
                id: $0.id, name: $0.name.text(l),
                rungs: $0.rungs.map { RungDTO(number: $0.number, name: $0.name.text(l)) },
                domains: $0.domains, proposesFromFacts: $0.canPropose)
        }
    }

    @Sendable func currentPolicy(req: Request) throws -> PolicyDTO {
        _ = try req.requireProfessional()
        let p = req.policies.current
        let l = req.language
        return PolicyDTO(
            id: p.id, version: p.version, name: p.name.text(l),
            targetGroups: p.targetGroups.map { TargetGroupDTO(id: $0.id, category: $0.category, name: $0.name.text(l)) }
        )
    }

    @Sendable func me(req: Request) throws -> MeDTO {
        let u = try req.requireUser()
        return MeDTO(
            id: u.id!, username: u.username, displayName: u.displayName, roles: u.roles, districtCode: u.districtCode,
            personId: u.personID)
    }
}
