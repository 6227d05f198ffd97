import Fluent
import Foundation
import MeedoenCore

/// Organisations an administrator keeps: external organisations (housing, debt counselling, care …),
/// and changes to providers and businesses. Every change is audited; none holds personal data.
enum OrganisationService {
    static func codeProblem(_ code: String?, _ input: inout Input) {
        if let code, code.range(of: #"^[a-z0-9-]{2,40}$"#, options: .regularExpression) == nil {
            input.fail(
                "code", "format", nl: "2 tot 40 kleine letters, cijfers en streepjes.",
                en: "2 to 40 lower-case letters, digits and hyphens.")
        }
    }

    static func list(in ctx: UseCaseContext) async throws -> [Organisation] {
        if !ctx.isSystem { _ = try ctx.requireProfessional() }
        return try await Organisation.query(on: ctx.db).sort(\.$name).all()
    }

    static func create(_ input: inout Input, in ctx: UseCaseContext) async throws -> Organisation {
        let admin = try UserAdminService.requireAdmin(ctx)
        let o = Organisation()
        o.id = ctx.newID()
        o.active = true
        o.createdAt = ctx.now
        let code = input.string("code", maxLength: 40)
        codeProblem(code, &input)
        try await read(&input, into: o, creating: true, in: ctx)
        try input.validate()
        o.code = code!
        if try await Organisation.query(on: ctx.db).filter(\.$code == o.code).count() > 0 {
            throw DomainError.conflict(
                .init(nl: "Er is al een organisatie met deze code.", en: "An organisation with this code exists."),
                param: .init(
                    name: "code", code: "duplicate", reason: .init(nl: "Code bestaat al.", en: "Code already exists.")))
        }
        try await ctx.db.transaction { db in
            try await o.create(on: db)
            try await Audit.record(
                ctx, .adminCreate, person: nil, basis: admin == nil ? "system" : "admin",
                detail: "organisation:\(o.code)", on: db)
        }
        return o
    }

    static func update(_ id: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws -> Organisation {
        try UserAdminService.requireAdmin(ctx)
        guard let o = try await Organisation.find(id, on: ctx.db) else {
            throw DomainError.notFound(.init(nl: "Geen organisatie met deze id.", en: "No organisation with this id."))
        }
        try await read(&input, into: o, creating: false, in: ctx)
        if let active = input.bool("active", required: false) { o.active = active }
        try input.validate()
        try await ctx.db.transaction { db in
            try await o.save(on: db)
            try await Audit.record(
                ctx, .adminUpdate, person: nil, basis: "admin", detail: "organisation:\(o.code)", on: db)
        }
        return o
    }

    private static func read(_ input: inout Input, into o: Organisation, creating: Bool, in ctx: UseCaseContext)
        async throws
    {
        if creating || input.isPresent("name"), let name = input.string("name", maxLength: 200) { o.name = name }
        if input.isPresent("kind") {
            let raw = input.string("kind", required: false, maxLength: 40)
            if let raw, OrganisationKind(rawValue: raw) == nil {
                input.fail(
                    "kind", "unknownValue",
                    nl: "Kies uit \(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", ")).",
                    en: "Choose from \(OrganisationKind.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            o.kind = raw
        }
        if input.isPresent("contact") { o.contact = input.string("contact", required: false, maxLength: 200) }
        if input.isPresent("districtCode") {
            o.districtCode = input.string("districtCode", required: false, maxLength: 8)
            if let d = o.districtCode, !(try await ctx.districts.all(on: ctx.db)).contains(d) {
                input.fail("districtCode", "unknownDistrict", nl: "Onbekend stadsdeel.", en: "Unknown district.")
            }
        }
    }

    // MARK: providers and businesses

    static func updateProvider(_ id: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws -> Provider {
        try ctx.requireRole(.admin, because: UserAdminService.adminOnly)
        guard let p = try await Provider.find(id, on: ctx.db) else {
            throw DomainError.notFound(.init(nl: "Geen aanbieder met deze id.", en: "No provider with this id."))
        }
        if input.isPresent("name") { p.name = input.string("name", maxLength: 200) ?? p.name }
        if input.isPresent("contact") { p.contact = input.string("contact", required: false, maxLength: 200) }
        try input.validate()
        try await ctx.db.transaction { db in
            try await p.save(on: db)
            try await Audit.record(ctx, .adminUpdate, person: nil, basis: "admin", detail: "provider:\(p.code)", on: db)
        }
        return p
    }

    static func updateBusiness(_ id: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws -> Business {
        try ctx.requireRole(.admin, because: UserAdminService.adminOnly)
        guard let b = try await Business.find(id, on: ctx.db) else {
            throw DomainError.notFound(.init(nl: "Geen onderneming met deze id.", en: "No business with this id."))
        }
        if input.isPresent("name") { b.name = input.string("name", maxLength: 200) ?? b.name }
        if input.isPresent("address") { b.address = input.string("address", required: false, maxLength: 200) }
        if input.isPresent("districtCode") {
            b.districtCode = input.string("districtCode", required: false, maxLength: 8)
            if let d = b.districtCode, !(try await ctx.districts.all(on: ctx.db)).contains(d) {
                input.fail("districtCode", "unknownDistrict", nl: "Onbekend stadsdeel.", en: "Unknown district.")
            }
        }
        try input.validate()
        try await ctx.db.transaction { db in
            try await b.save(on: db)
            try await Audit.record(ctx, .adminUpdate, person: nil, basis: "admin", detail: "business:\(b.code)", on: db)
        }
        return b
    }
}
