import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// Households and their members, and a person's audit trail.
extension PersonService {
    // MARK: households

    static func createHousehold(_ input: inout Input, in ctx: UseCaseContext) async throws -> (Household, [Person]) {
        let user = try ctx.requireRole(.caseManager, .counter, .residentAdviser)
        let name = input.string("name", maxLength: 200)
        let address = input.string("address", required: false, maxLength: 300)
        let district = input.string("districtCode", maxLength: 8)
        let memberIDs = input.stringList("memberIds", maxItems: 30, maxLength: 36)
        var ids: [UUID] = []
        for (i, raw) in memberIDs.enumerated() {
            if let id = UUID(uuidString: raw) {
                ids.append(id)
            } else {
                input.fail("memberIds[\(i)]", "invalidId", nl: "Geen geldige id (UUID).", en: "Not a valid id (UUID).")
            }
        }
        try input.validate()
        if let district { try await checkDistrict(district, &input, on: ctx.db) }
        let members = ids.isEmpty ? [] : try await Person.query(on: ctx.db).filter(\.$id ~~ ids).all()
        for (i, id) in ids.enumerated() {
            guard let member = members.first(where: { $0.id == id }) else {
                input.fail(
                    "memberIds[\(i)]", "unknownPerson", nl: "Geen inwoner met deze id.", en: "No resident with this id."
                )
                continue
            }
            if NeedToKnow.grant(for: user.viewer, to: member.relations) == nil {
                input.fail(
                    "memberIds[\(i)]", "noNeedToKnow", nl: "U heeft geen noodzaak tot kennis van deze inwoner.",
                    en: "You have no need to know this resident.")
            }
        }
        try input.validate()
        let household = Household(name: name!, address: address, districtCode: district!)
        household.id = ctx.newID()
        try await ctx.db.transaction { db in
            try await household.create(on: db)
            for member in members {
                member.$household.id = household.id
                try await member.save(on: db)
            }
            try await
                (members.map { Audit.event(ctx, .householdCreate, person: $0.id, basis: "household:\(household.id!)") })
                .create(on: db)
        }
        return (household, members)
    }

    static func household(_ id: UUID, in ctx: UseCaseContext) async throws -> (Household, [Person]) {
        let viewer = try ctx.requireViewer()
        guard let household = try await Household.find(id, on: ctx.db) else {
            throw DomainError.notFound(.init(nl: "Geen huishouden met deze id.", en: "No household with this id."))
        }
        let members = try await Person.query(on: ctx.db).filter(\.$household.$id == id).sort(\.$birthDate).all()
        let grant = try await householdGrant(household, members: members, viewer: viewer, in: ctx)
        try await Audit.record(ctx, .householdRead, people: members.map { ($0.id!, "household:\(grant.basis)") })
        return (household, members)
    }

    /// The need to know a household: whoever may see one member may see it (the plan is the
    /// household's); a household without members yet, a case manager of its district. A refusal is
    /// audited in every member's log.
    static func householdGrant(_ household: Household, members: [Person], viewer: Viewer, in ctx: UseCaseContext)
        async throws -> Grant
    {
        if let grant = members.lazy.compactMap({ NeedToKnow.grant(for: viewer, to: $0.relations) }).first {
            return grant
        }
        if members.isEmpty, viewer.has(.caseManager), viewer.districtCode == household.districtCode {
            return .districtTeam(household.districtCode)
        }
        try await Audit.record(
            ctx, .personReadDenied, people: members.map { ($0.id!, "none") }, detail: "household:\(household.id!)")
        if members.isEmpty {
            try await Audit.record(ctx, .accessDenied, person: nil, basis: "none", detail: "household:\(household.id!)")
        }
        throw DomainError.noNeedToKnow
    }

    static func addMember(_ householdID: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws -> (
        Household, [Person]
    ) {
        let user = try ctx.requireRole(.caseManager, .counter, .residentAdviser)
        let personID = input.uuid("personId")
        try input.validate()
        guard let household = try await Household.find(householdID, on: ctx.db) else {
            throw DomainError.notFound(.init(nl: "Geen huishouden met deze id.", en: "No household with this id."))
        }
        // The household first: adding someone to a household one may not see would open its plan.
        let current = try await Person.query(on: ctx.db).filter(\.$household.$id == householdID).all()
        _ = try await householdGrant(household, members: current, viewer: user.viewer, in: ctx)
        guard let person = try await Person.find(personID!, on: ctx.db) else {
            throw DomainError.invalid(
                "personId", "unknownPerson", .init(nl: "Geen inwoner met deze id.", en: "No resident with this id."))
        }
        guard let grant = NeedToKnow.grant(for: user.viewer, to: person.relations) else {
            try await Audit.record(
                ctx, .personReadDenied, person: person.id, basis: "none", detail: "household:\(householdID)")
            throw DomainError.noNeedToKnow
        }
        person.$household.id = household.id
        try await ctx.db.transaction { db in
            try await person.save(on: db)
            try await Audit.record(
                ctx, .householdUpdate, person: person.id, basis: grant.basis, detail: "household:\(householdID)", on: db
            )
        }
        let members = try await Person.query(on: ctx.db).filter(\.$household.$id == householdID).sort(\.$birthDate)
            .all()
        return (household, members)
    }

    // MARK: audit trail

    static func auditTrail(_ id: UUID, in ctx: UseCaseContext) async throws -> [AuditEvent] {
        let (_, grant) = try await authorised(id, in: ctx)
        let events = try await AuditEvent.query(on: ctx.db).filter(\.$personID == id).sort(\.$at, .descending).limit(
            500
        ).all()
        try await Audit.record(ctx, .auditRead, person: id, basis: grant.basis)
        return events
    }
}
