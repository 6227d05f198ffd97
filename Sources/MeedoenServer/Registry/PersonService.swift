import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// Registering, reading and changing persons and households — need-to-know and audit included.
/// API and pages both come through here.
enum PersonService {
    struct Dossier {
        var person: Person
        var household: Household?
        var members: [Person]
        var assessments: [Assessment]
        var diagnoses: [Diagnosis]
    }

    // MARK: create

    static func create(_ input: inout Input, in ctx: UseCaseContext) async throws -> Person {
        try await register(&input, fromSignal: nil, in: ctx).person
    }

    /// Registers a person; with `fromSignal`, the signal about their address becomes a signal about them,
    /// in the same transaction. `linkedSignal` says whether it was linked.
    static func register(_ input: inout Input, fromSignal signalID: UUID?, in ctx: UseCaseContext) async throws -> (
        person: Person, linkedSignal: Bool
    ) {
        let user = try ctx.requireRole(
            .caseManager, .counter, .residentAdviser,
            because: .init(
                nl: "Alleen klantmanagers, loketmedewerkers en bewonersadviseurs registreren inwoners.",
                en: "Only case managers, counter staff and resident advisers register residents."))
        let person = Person()
        person.id = ctx.newID()
        let bsnRaw = input.string("bsn", maxLength: 20)
        if let bsnRaw {
            do { person.bsn = try BSN(bsnRaw).value } catch { input.fail("bsn", "invalidBsn", error.reason) }
        }
        person.givenName = input.string("givenName", maxLength: 100) ?? ""
        person.familyName = input.string("familyName", maxLength: 100) ?? ""
        if let birth = input.date("birthDate") {
            let age = birth.age(on: ctx.today)
            if birth > ctx.today {
                input.fail(
                    "birthDate", "inFuture", nl: "De geboortedatum ligt in de toekomst.",
                    en: "The birth date is in the future.")
            } else if age > 120 {
                input.fail(
                    "birthDate", "implausible", nl: "Een leeftijd van \(age) jaar is niet aannemelijk.",
                    en: "An age of \(age) years is not plausible.")
            }
            person.birthDate = birth.iso
        }
        let district = input.string("districtCode", maxLength: 8)
        person.benefit = input.choice("benefit", BenefitKind.self)?.rawValue ?? ""
        person.civicIntegration =
            (input.choice("civicIntegration", CivicIntegration.self, required: false) ?? CivicIntegration.none).rawValue
        person.circumstances = input.set("circumstances", Circumstance.self).map(\.rawValue).sorted()
        person.wishes = input.set("wishes", Wish.self).map(\.rawValue).sorted()
        person.phone = input.string("phone", required: false, maxLength: 30)
        person.email = input.string("email", required: false, maxLength: 200)
        if let email = person.email, !email.contains("@") {
            input.fail("email", "invalid", nl: "Geen geldig e-mailadres.", en: "Not a valid e-mail address.")
        }
        let caseManagerID = input.uuid("caseManagerId", required: false)
        let householdID = input.uuid("householdId", required: false)
        try input.validate()

        // References must exist: checked here so the answer names the field, not a constraint.
        if let district { try await checkDistrict(district, &input, on: ctx.db) }
        if let caseManagerID { try await checkCaseManager(caseManagerID, &input, on: ctx.db) }
        if let householdID, try await Household.find(householdID, on: ctx.db) == nil {
            input.fail(
                "householdId", "unknownHousehold", nl: "Geen huishouden met deze id.", en: "No household with this id.")
        }
        try input.validate()
        person.districtCode = district!
        person.$caseManager.id = caseManagerID ?? (user.roleSet.contains(.caseManager) ? user.id : nil)
        person.$household.id = householdID
        person.registeredByID = user.id
        person.onCaseTable = false

        if try await Person.query(on: ctx.db).filter(\.$bsn == person.bsn).count() > 0 {
            throw duplicateBSN
        }
        do {
            let linked = try await ctx.db.transaction { db in
                try await person.create(on: db)
                try await Audit.record(ctx, .personCreate, person: person.id, basis: "registration", on: db)
                guard let signalID else { return false }
                return try await SignalService.linkRegistered(signalID, person: person, in: ctx.within(db))
            }
            return (person, linked)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two registrations of the same BSN at once: the unique index decides.
            throw duplicateBSN
        }
    }

    /// Whether the district exists; if not, the field is named in the input's problems.
    @discardableResult
    static func checkDistrict(_ code: String, _ input: inout Input, on db: any Database) async throws -> Bool {
        guard try await District.find(code, on: db) == nil else { return true }
        input.fail(
            "districtCode", "unknownDistrict", nl: "Onbekend stadsdeel '\(code)'.", en: "Unknown district '\(code)'.")
        return false
    }

    /// Whether the user exists and is a case manager; if not, the field is named in the input's problems.
    @discardableResult
    static func checkCaseManager(_ id: UUID, _ input: inout Input, on db: any Database) async throws -> Bool {
        if let user = try await User.find(id, on: db), user.roleSet.contains(.caseManager) { return true }
        input.fail(
            "caseManagerId", "unknownCaseManager", nl: "Geen klantmanager met deze id.",
            en: "No case manager with this id.")
        return false
    }

    static let duplicateBSN = DomainError.conflict(
        .init(
            nl: "Er staat al een inwoner met dit BSN ingeschreven.",
            en: "A resident with this BSN is already registered."),
        param: .init(name: "bsn", code: "duplicate", reason: .init(nl: "BSN bestaat al.", en: "BSN already exists.")))

    // MARK: update

    /// Changes what a professional who works with the person may change; every field is optional,
    /// and the audit entry names the fields that changed (not their values).
    static func update(_ id: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws -> Person {
        try ctx.requireRole(
            .caseManager, .counter, .residentAdviser,
            because: .init(
                nl: "Alleen klantmanagers, loketmedewerkers en bewonersadviseurs wijzigen gegevens van inwoners.",
                en: "Only case managers, counter staff and resident advisers change residents' details."))
        let (person, grant) = try await authorised(id, in: ctx)
        if case .ownFile = grant { throw DomainError.noNeedToKnow }
        var changed: [String] = []
        func set<T: Equatable>(_ name: String, _ value: T?, _ keyPath: ReferenceWritableKeyPath<Person, T>) {
            guard let value, person[keyPath: keyPath] != value else { return }
            person[keyPath: keyPath] = value
            changed.append(name)
        }
        set("givenName", input.string("givenName", required: false, maxLength: 100), \.givenName)
        set("familyName", input.string("familyName", required: false, maxLength: 100), \.familyName)
        set("benefit", input.choice("benefit", BenefitKind.self, required: false)?.rawValue, \.benefit)
        set(
            "civicIntegration", input.choice("civicIntegration", CivicIntegration.self, required: false)?.rawValue,
            \.civicIntegration)
        if input.isPresent("circumstances") {
            set(
                "circumstances", input.set("circumstances", Circumstance.self).map(\.rawValue).sorted(), \.circumstances
            )
        }
        if input.isPresent("wishes") {
            set("wishes", input.set("wishes", Wish.self).map(\.rawValue).sorted(), \.wishes)
        }
        if let phone = input.string("phone", required: false, maxLength: 30), phone != person.phone {
            person.phone = phone
            changed.append("phone")
        }
        if let email = input.string("email", required: false, maxLength: 200) {
            if !email.contains("@") {
                input.fail("email", "invalid", nl: "Geen geldig e-mailadres.", en: "Not a valid e-mail address.")
            } else if email != person.email {
                person.email = email
                changed.append("email")
            }
        }
        let district = input.string("districtCode", required: false, maxLength: 8)
        let caseManagerID = input.uuid("caseManagerId", required: false)
        if input.isPresent("bsn") || input.isPresent("birthDate") {
            for name in ["bsn", "birthDate"] where input.isPresent(name) {
                input.fail(
                    name, "readOnly", nl: "BSN en geboortedatum komen uit de basisregistratie en wijzigen hier niet.",
                    en: "BSN and birth date come from the population register and cannot be changed here.")
            }
        }
        try input.validate()
        if let district, district != person.districtCode, try await checkDistrict(district, &input, on: ctx.db) {
            person.districtCode = district
            changed.append("districtCode")
        }
        if let caseManagerID, caseManagerID != person.$caseManager.id,
            try await checkCaseManager(caseManagerID, &input, on: ctx.db)
        {
            person.$caseManager.id = caseManagerID
            changed.append("caseManagerId")
        }
        try input.validate()
        guard !changed.isEmpty else { return person }
        let detail = changed.joined(separator: ",")
        try await ctx.db.transaction { db in
            try await person.save(on: db)
            try await Audit.record(ctx, .personUpdate, person: id, basis: grant.basis, detail: detail, on: db)
        }
        return person
    }

    // MARK: read

    /// Loads the person and checks need-to-know; a refusal is audited too. `audit` records the read
    /// itself where the caller shows the person (a form page); changes audit their own entry.
    static func authorised(_ id: UUID, in ctx: UseCaseContext, audit detail: String? = nil) async throws -> (
        Person, Grant
    ) {
        let viewer = try ctx.requireViewer()
        guard let person = try await Person.find(id, on: ctx.db) else {
            throw DomainError.notFound(.init(nl: "Geen inwoner met deze id.", en: "No resident with this id."))
        }
        guard let grant = NeedToKnow.grant(for: viewer, to: person.relations) else {
            try await Audit.record(ctx, .personReadDenied, person: id, basis: "none")
            throw DomainError.noNeedToKnow
        }
        if let detail { try await Audit.record(ctx, .personRead, person: id, basis: grant.basis, detail: detail) }
        return (person, grant)
    }

    /// The whole dossier in four statements: person with household, assessments, diagnoses, audit entry.
    static func dossier(_ id: UUID, in ctx: UseCaseContext) async throws -> Dossier {
        let viewer = try ctx.requireViewer()
        let sql = ctx.db as! any SQLDatabase
        let rows = try await sql.raw(
            """
            SELECT p.*, h.name AS hh_name, h.address AS hh_address, h.district_code AS hh_district
            FROM persons p LEFT JOIN households h ON h.id = p.household_id
            WHERE p.id = \(bind: id) OR p.household_id = (SELECT household_id FROM persons WHERE id = \(bind: id))
            ORDER BY p.birth_date
            """
        ).all()
        var person: Person?
        var members: [Person] = []
        var household: Household?
        for row in rows {
            let p = try Rows.person(row)
            members.append(p)
            if p.id == id {
                person = p
                if let hid = p.$household.id {
                    let h = Household()
                    h.id = hid
                    h.name = try row.decode(column: "hh_name", as: String.self)
                    h.address = try row.decode(column: "hh_address", as: String?.self)
                    h.districtCode = try row.decode(column: "hh_district", as: String.self)
                    household = h
                }
            }
        }
        guard let person else {
            throw DomainError.notFound(.init(nl: "Geen inwoner met deze id.", en: "No resident with this id."))
        }
        guard let grant = NeedToKnow.grant(for: viewer, to: person.relations) else {
            try await Audit.record(ctx, .personReadDenied, person: id, basis: "none")
            throw DomainError.noNeedToKnow
        }
        let assessments = try await sql.raw(
            """
            SELECT * FROM assessments WHERE person_id = \(bind: id) ORDER BY assessed_on DESC, created_at DESC
            """
        ).all().map(Rows.assessment)
        let diagnoses = try await sql.raw(
            "SELECT * FROM diagnoses WHERE person_id = \(bind: id) ORDER BY created_at DESC"
        )
        .all().map(Rows.diagnosis)
        try await Audit.record(ctx, .personRead, person: id, basis: grant.basis)
        return Dossier(
            person: person, household: household, members: household == nil ? [] : members,
            assessments: assessments, diagnoses: diagnoses)
    }

    // MARK: list

    /// The caseload the viewer may see, searched by name or (case managers and counter staff) BSN; two
    /// statements and one audit insert.
    static func caseload(search: String?, page: Int, pageSize: Int, in ctx: UseCaseContext) async throws -> (
        items: [Person], total: Int
    ) {
        let viewer = try ctx.requireViewer()
        let grants = NeedToKnow.grants(for: viewer)
        guard !grants.isEmpty else {
            throw DomainError.forbidden(
                .init(
                    nl: "Uw rol geeft geen inzage in persoonsgegevens; u ziet alleen geaggregeerde cijfers.",
                    en: "Your role gives no access to personal data; you see aggregated figures only."))
        }
        // The grants as one SQL condition (any grant suffices), then the search. Read without Fluent's
        // per-row reflection: a page of 100 is the hot path of "my work".
        var condition = grantCondition(grants)
        if let search, !search.trimmingCharacters(in: .whitespaces).isEmpty {
            let matches: any SQLExpression
            if search.allSatisfy(\.isNumber) {
                guard NeedToKnow.maySearchByBSN(viewer) else {
                    throw DomainError.invalid(
                        "q", "bsnSearchNotAllowed",
                        .init(
                            nl: "Zoeken op BSN is voorbehouden aan klantmanagers en loketmedewerkers. Zoek op naam.",
                            en: "Searching by BSN is for case managers and counter staff only. Search by name."))
                }
                matches = SQLBinaryExpression(SQLColumn("bsn"), .equal, SQLBind(search))
            } else {
                // Every word must be in the given or the family name ("Iris Dijkstra"); `%` and `_`
                // are letters here, not wildcards.
                let words = search.lowercased().split(whereSeparator: \.isWhitespace).prefix(5)
                let perWord: [any SQLExpression] = words.map { word in
                    let pattern = "%" + likeEscaped(String(word)) + "%"
                    return SQLGroupExpression(
                        SQLQueryString(
                            "lower(given_name) LIKE \(bind: pattern) ESCAPE '!' OR lower(family_name) LIKE \(bind: pattern) ESCAPE '!'"
                        ))
                }
                matches = perWord.dropFirst().reduce(perWord[0]) { SQLBinaryExpression($0, .and, $1) }
            }
            condition = SQLBinaryExpression(condition, .and, matches)
        }
        let sql = ctx.db as! any SQLDatabase
        let total =
            try await sql.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from(Person.schema)
            .where(condition).first()?.decode(column: "n", as: Int.self) ?? 0
        let items = try await sql.select().column(SQLLiteral.all).from(Person.schema).where(condition)
            .orderBy("family_name").orderBy("given_name").limit(pageSize).offset((page - 1) * pageSize)
            .all().map(Rows.person)
        try await Audit.record(
            ctx, .personList,
            people: items.map { p in
                (p.id!, NeedToKnow.grant(for: viewer, to: p.relations)?.basis ?? "list")
            })
        return (items, total)
    }

    /// `text` for a LIKE pattern with `ESCAPE '!'`: its `%`, `_` and `!` match themselves.
    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "!", with: "!!").replacingOccurrences(of: "%", with: "!%")
            .replacingOccurrences(of: "_", with: "!_")
    }

    /// The grants as one SQL condition on `persons` (any grant suffices). `grants` must not be empty.
    static func grantCondition(_ grants: [Grant], table: String? = nil) -> any SQLExpression {
        let conditions: [any SQLExpression] = grants.map { grant in
            func equals(_ column: String, _ value: some Encodable & Sendable) -> any SQLExpression {
                SQLBinaryExpression(
                    table.map { SQLColumn(column, table: $0) } ?? SQLColumn(column), .equal, SQLBind(value))
            }
            switch grant {
            case .districtTeam(let code): return equals("district_code", code)
            case .assignedTo(let id): return equals("case_manager_id", id)
            case .registeredBy(let id): return equals("registered_by_id", id)
            case .caseTable(let code):
                return SQLGroupExpression(
                    SQLBinaryExpression(equals("district_code", code), .and, equals("on_case_table", true)))
            case .ownFile(let id): return equals("id", id)
            }
        }
        return SQLGroupExpression(conditions.dropFirst().reduce(conditions[0]) { SQLBinaryExpression($0, .or, $1) })
    }

}
