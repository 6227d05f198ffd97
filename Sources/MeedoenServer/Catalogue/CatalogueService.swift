import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// The catalogue: providers and interventions. Loaded from a data file, edited through the API and
/// the admin pages by administrators and policy staff. Holds no personal data, so it is not audited
/// per read; changes are audited (who changed which offer).
enum CatalogueService {
    static let editors: [Role] = [.admin, .analyst]

    // MARK: loading a file

    struct LoadResult: Equatable { var providersAdded = 0, providersUpdated = 0, added = 0, updated = 0 }

    /// Upserts providers and interventions by code. Places taken are kept; a capacity below the places
    /// taken is refused for that entry.
    static func load(_ file: CatalogueFile, on db: any Database) async throws -> LoadResult {
        return try await db.transaction { db in
            var result = LoadResult()
            var providerIDs: [String: UUID] = [:]
            for spec in file.providers {
                if let p = try await Provider.query(on: db).filter(\.$code == spec.code).first() {
                    p.name = spec.name
                    p.contact = spec.contact
                    try await p.save(on: db)
                    providerIDs[spec.code] = p.id
                    result.providersUpdated += 1
                } else {
                    let p = Provider(code: spec.code, name: spec.name, contact: spec.contact)
                    try await p.create(on: db)
                    providerIDs[spec.code] = p.id
                    result.providersAdded += 1
                }
            }
            for spec in file.interventions {
                let existing = try await Intervention.query(on: db).filter(\.$code == spec.code).first()
                let i = existing ?? Intervention()
                if existing == nil {
                    i.taken = 0
                    i.active = true
                }
                guard spec.capacity >= i.taken else {
                    throw PolicyError(
                        file: file.id, entry: spec.code,
                        message: "capacity \(spec.capacity) is below the \(i.taken) places taken")
                }
                apply(spec, providerID: providerIDs[spec.provider]!, to: i)
                try await i.save(on: db)
                if existing == nil { result.added += 1 } else { result.updated += 1 }
            }
            return result
        }
    }

    static func apply(_ spec: InterventionSpec, providerID: UUID, to i: Intervention) {
        i.code = spec.code
        i.name = spec.name
        i.description = spec.description
        i.type = spec.type.rawValue
        i.domain = spec.domain.rawValue
        i.package = spec.package.rawValue
        i.districtCode = spec.district
        i.$provider.id = providerID
        i.fundingStream = spec.fundingStream
        i.priceCents = spec.priceCents
        i.maxMonths = spec.maxMonths
        i.capacity = spec.capacity
        i.hoursPerWeek = spec.hoursPerWeek
        i.location = spec.location
        i.criteria = spec.criteria
        i.legalBasisCode = spec.basis.rawValue
        i.needsApproval = spec.needsApproval ?? false
        i.contract = spec.contract
    }

    static func spec(of i: Intervention, providerCode: String) -> InterventionSpec {
        InterventionSpec(
            code: i.code, name: i.name, description: i.description, type: i.interventionType,
            domain: ParticipationDomain(rawValue: i.domain) ?? .burgerschap,
            package: Package(rawValue: i.package) ?? .basic,
            district: i.districtCode, provider: providerCode, fundingStream: i.fundingStream, priceCents: i.priceCents,
            maxMonths: i.maxMonths, capacity: i.capacity, hoursPerWeek: i.hoursPerWeek, location: i.location,
            criteria: i.criteria, legalBasis: i.legalBasis, needsApproval: i.needsApproval, contract: i.contract)
    }

    // MARK: reading

    struct Entry {
        var intervention: Intervention
        var providerName: String
        var waiting: Int
        /// Of those waiting, how many wait for money rather than for a place (the valve held them).
        var waitingForBudget: Int = 0
        var meanWaitDays: Int?
        var offer: Offer
    }

    /// Every intervention with its provider, waiting count and observed mean wait, in one statement.
    static func entries(in ctx: UseCaseContext, activeOnly: Bool = true, id: UUID? = nil) async throws -> [Entry] {
        let sql = ctx.db as! any SQLDatabase
        var where_: SQLQueryString = "1 = 1"
        if activeOnly { where_ = "i.active = \(bind: true)" }
        if let id { where_ = "i.id = \(bind: id)" }
        let rows = try await sql.raw(
            """
            SELECT i.*, p.name AS provider_name,
              (SELECT count(*) FROM referrals r WHERE r.intervention_id = i.id AND r.status = 'waiting') AS waiting,
              (SELECT count(*) FROM referrals r WHERE r.intervention_id = i.id AND r.status = 'waiting' AND r.waiting_for = 'budget') AS waiting_budget,
              (SELECT CAST(avg(r.waited_days) AS DOUBLE PRECISION) FROM referrals r WHERE r.intervention_id = i.id AND r.waited_days > 0) AS mean_wait
            FROM interventions i JOIN providers p ON p.id = i.provider_id
            WHERE \(where_)
            ORDER BY i.name
            """
        ).all()
        return try rows.map { row in
            let i = try Rows.intervention(row)
            let waiting = try row.decode(column: "waiting", as: Int.self)
            let mean = try row.decode(column: "mean_wait", as: Double?.self).map { Int($0.rounded()) }
            return Entry(
                intervention: i, providerName: try row.decode(column: "provider_name", as: String.self),
                waiting: waiting, waitingForBudget: try row.decode(column: "waiting_budget", as: Int.self),
                meanWaitDays: mean, offer: offer(i, waiting: waiting, meanWait: mean))
        }
    }

    static func offer(_ i: Intervention, waiting: Int, meanWait: Int?) -> Offer {
        Offer(
            id: i.id!, name: i.name, type: i.interventionType,
            domain: ParticipationDomain(rawValue: i.domain) ?? .burgerschap,
            package: Package(rawValue: i.package) ?? .basic, district: i.districtCode, priceCents: i.priceCents,
            capacity: i.capacity, taken: i.taken, waiting: waiting,
            expectedWaitDays: Matcher.expectedWaitDays(
                capacity: i.capacity, taken: i.taken, waiting: waiting, maxMonths: i.maxMonths,
                observedMeanDays: meanWait),
            criteria: i.criteria)
    }

    static func entry(_ id: UUID, in ctx: UseCaseContext) async throws -> Entry {
        guard let e = try await entries(in: ctx, activeOnly: false, id: id).first else {
            throw DomainError.notFound(.init(nl: "Geen aanbod met deze id.", en: "No intervention with this id."))
        }
        return e
    }

    // MARK: editing

    /// Creates (`existing` nil) or changes an intervention from JSON input. Every wrong field is named.
    static func save(_ input: inout Input, existing: Intervention?, in ctx: UseCaseContext) async throws -> Intervention
    {
        let user = try ctx.requireRole(
            .admin, .analyst,
            because: .init(
                nl: "Alleen beheerders en beleidsmedewerkers wijzigen het aanbod.",
                en: "Only administrators and policy staff change the catalogue."))
        let creating = existing == nil
        let i = existing ?? Intervention()
        var providerCode = ""
        if let e = existing { providerCode = try await Provider.find(e.$provider.id, on: ctx.db)?.code ?? "" }
        var spec =
            existing.map { Self.spec(of: $0, providerCode: providerCode) }
            ?? InterventionSpec(
                code: "", name: "", type: .dayActivitiesLow, domain: .burgerschap, package: .basic, district: nil,
                provider: "",
                fundingStream: "", priceCents: 0, maxMonths: 12, capacity: 0, hoursPerWeek: 0, location: "",
                criteria: .init())
        if creating || input.isPresent("code") {
            if let v = input.string("code", required: creating, maxLength: 64) { spec.code = v }
        }
        if let v = input.string("name", required: creating, maxLength: 200) { spec.name = v }
        if input.isPresent("description") {
            spec.description = input.string("description", required: false, maxLength: 2000)
        }
        if let v = input.choice("type", InterventionType.self, required: creating) { spec.type = v }
        if let v = input.choice("domain", ParticipationDomain.self, required: creating) { spec.domain = v }
        if let v = input.choice("package", Package.self, required: creating) { spec.package = v }
        if input.isPresent("districtCode") {
            spec.district = input.string("districtCode", required: false, maxLength: 8)
        }
        let providerID = input.uuid("providerId", required: creating)
        if let v = input.string("fundingStream", required: creating, maxLength: 64) {
            let streams = ctx.policies.money.streams
            if streams.contains(where: { $0.code == v }) {
                spec.fundingStream = v
            } else {
                input.fail(
                    "fundingStream", "unknownStream",
                    nl: "Kies een financieringsstroom uit de begroting: "
                        + streams.map { "\($0.nl) (\($0.code))" }.joined(separator: ", ") + ".",
                    en: "Choose a funding stream of the budget: "
                        + streams.map { "\($0.en) (\($0.code))" }.joined(separator: ", ") + ".")
            }
        }
        if let v = input.int("priceCents", required: creating, range: 0...100_000_000) { spec.priceCents = v }
        if let v = input.int("maxMonths", required: creating, range: 1...120) { spec.maxMonths = v }
        if let v = input.int("capacity", required: creating, range: 0...100_000) { spec.capacity = v }
        if let v = input.int("hoursPerWeek", required: creating, range: 0...60) { spec.hoursPerWeek = v }
        if let v = input.string("location", required: creating, maxLength: 300) { spec.location = v }
        if let v = input.choice("legalBasis", LegalBasis.self, required: false) { spec.legalBasis = v }
        if let v = input.bool("needsApproval", required: false) { spec.needsApproval = v }
        if input.isPresent("contract") {
            // null removes the contract: the offer is paid for effort again.
            if var c = input.object("contract") {
                let percent = c.int("resultPercent", range: 1...100)
                let months = c.int("withinMonths", range: 1...36)
                let results = c.set("results", ResultContract.Result.self)
                if results.isEmpty {
                    c.fail(
                        "results", "empty", nl: "Kies minstens één resultaat.", en: "Choose at least one result.")
                }
                input.absorb(c)
                if let percent, let months, !results.isEmpty {
                    spec.contract = ResultContract(
                        resultPercent: percent, withinMonths: months,
                        results: ResultContract.Result.allCases.filter(results.contains))
                }
            } else {
                spec.contract = nil
            }
        }
        let active = input.bool("active", required: false)
        if var c = input.object("criteria") {
            var k = AccessCriteria()
            k.rungs = c.intList("rungs", range: 1...20)
            k.categories = c.intList("categories", range: 1...5)
            k.minAge = c.int("minAge", required: false, range: 0...120)
            k.maxAge = c.int("maxAge", required: false, range: 0...120)
            k.benefitKinds = Array(c.set("benefitKinds", BenefitKind.self)).sorted { $0.rawValue < $1.rawValue }
            k.districts = c.stringList("districts", maxItems: 20, maxLength: 8)
            k.routes = Array(c.set("routes", Route.self)).sorted { $0.rawValue < $1.rawValue }
            for key in c.rawFields.keys where AccessCriteria.CodingKeys(stringValue: key) == nil {
                c.fail(key, "unknownCriterion", nl: "Onbekend criterium '\(key)'.", en: "Unknown criterion '\(key)'.")
            }
            input.absorb(c)
            spec.criteria = k
        }
        try input.validate()
        // The rules of the catalogue itself (maximum durations, plus package with a district, …).
        for p in spec.problems() {
            let name = p.entry == "district" ? "districtCode" : p.entry
            input.fail(name, "invalid", nl: dutch(p.message), en: p.message)
        }
        if let d = spec.district { try await PersonService.checkDistrict(d, &input, on: ctx.db) }
        for (n, d) in spec.criteria.districts.enumerated() where try await District.find(d, on: ctx.db) == nil {
            input.fail(
                "criteria.districts[\(n)]", "unknownDistrict", nl: "Onbekend stadsdeel '\(d)'.",
                en: "Unknown district '\(d)'.")
        }
        if let providerID, try await Provider.find(providerID, on: ctx.db) == nil {
            input.fail(
                "providerId", "unknownProvider", nl: "Geen aanbieder met deze id.", en: "No provider with this id.")
        }
        if let e = existing, spec.capacity < e.taken {
            input.fail(
                "capacity", "belowTaken", nl: "Er zijn al \(e.taken) plekken bezet; de capaciteit kan niet lager.",
                en: "\(e.taken) places are already taken; capacity cannot be lower.")
        }
        if creating || spec.code != i.code,
            try await Intervention.query(on: ctx.db).filter(\.$code == spec.code).count() > 0
        {
            input.fail("code", "duplicate", nl: "Deze code bestaat al.", en: "This code already exists.")
        }
        try input.validate()
        let oldCapacity = existing?.capacity ?? 0
        if creating {
            i.taken = 0
            i.active = true
        }
        apply(spec, providerID: providerID ?? i.$provider.id, to: i)
        if let active { i.active = active }
        try await ctx.db.transaction { db in
            try await i.save(on: db)
            try await Audit.record(
                ctx, creating ? .interventionCreate : .interventionUpdate, person: nil, basis: "catalogue",
                detail: "\(i.code) by \(user.username)", on: db)
        }
        // More places: offer them to whoever waits.
        if spec.capacity > oldCapacity, !creating {
            for _ in 0..<(spec.capacity - oldCapacity) {
                guard try await Placement.offerFreePlace(i.id!, in: ctx) else { break }
            }
        }
        return i
    }

    static func createProvider(_ input: inout Input, in ctx: UseCaseContext) async throws -> Provider {
        if !ctx.isSystem {
            try ctx.requireRole(
                .admin, .analyst,
                because: .init(
                    nl: "Alleen beheerders en beleidsmedewerkers wijzigen het aanbod.",
                    en: "Only administrators and policy staff change the catalogue."))
        }
        let code = input.string("code", maxLength: 64)
        let name = input.string("name", maxLength: 200)
        let contact = input.string("contact", required: false, maxLength: 200)
        try input.validate()
        if try await Provider.query(on: ctx.db).filter(\.$code == code!).count() > 0 {
            throw DomainError.conflict(
                .init(nl: "Er is al een aanbieder met deze code.", en: "A provider with this code exists."),
                param: .init(
                    name: "code", code: "duplicate", reason: .init(nl: "Code bestaat al.", en: "Code already exists.")))
        }
        let p = Provider(code: code!, name: name!, contact: contact)
        p.id = ctx.newID()
        try await ctx.db.transaction { db in
            try await p.create(on: db)
            try await Audit.record(
                ctx, .adminCreate, person: nil, basis: ctx.isSystem ? "system" : "admin", detail: "provider:\(p.code)",
                on: db)
        }
        return p
    }

    /// The catalogue's own messages are English (files are for administrators); the API gives both.
    static func dutch(_ message: String) -> String {
        if message.contains("exceeds the maximum") { return "Langer dan de wettelijke maximale duur: \(message)." }
        if message.contains("plus-package") { return "Een pluspakket-aanbod hoort bij één stadsdeel." }
        if message.contains("basic-package") {
            return "Een basispakket-aanbod geldt voor de hele stad en heeft geen stadsdeel."
        }
        return "Ongeldige waarde: \(message)."
    }

    /// The providers, by name (signed-in users).
    static func providers(in ctx: UseCaseContext) async throws -> [Provider] {
        if !ctx.isSystem { _ = try ctx.requireUser() }
        return try await Provider.query(on: ctx.db).sort(\.$name).all()
    }

    /// One intervention as stored (active or not), or "not found".
    static func intervention(_ id: UUID, in ctx: UseCaseContext) async throws -> Intervention {
        guard let i = try await Intervention.find(id, on: ctx.db) else {
            throw DomainError.notFound(.init(nl: "Geen aanbod met deze id.", en: "No intervention with this id."))
        }
        return i
    }
}
