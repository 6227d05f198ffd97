import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// A draft diagnosis policy run over everyone's latest facts (DOMAIN.md: "the system can simulate on
/// the real caseload before it is adopted"), and the adoption of a new version (audited). Old
/// diagnoses keep the policy version they were made with; only new diagnoses use the adopted one.
enum PolicySimulationService {
    struct SimulationResult: Codable, Sendable {
        struct Row: Codable, Sendable {
            var from: String
            var counts: [Int]
        }
        struct DistrictLine: Codable, Sendable {
            var districtCode: String
            var label: String
            var changed: Int
        }
        var policy: PolicyRef
        var basedOn: PolicyRef
        var total: Int
        var changed: Int
        /// Rows: current category ("open", "1"…"5"); columns the same order under the draft.
        var matrix: [Row]
        var changedByDistrict: [DistrictLine]
        var committedAtRiskCents: Int
        var newlyInvested: Int
        /// Open commitments the spending rules in force would not pay, and those the draft's would not.
        var notPaidNow: PolicySimulation.NotPaid?
        var notPaidDraft: PolicySimulation.NotPaid?
        var millisecondsLoad: Int
        var millisecondsCompute: Int
    }
    struct PolicyRef: Codable, Sendable {
        var id: String
        var version: String
    }

    static let policyStaff = LocalizedText(
        nl: "Alleen beleidsmedewerkers, budgethouders en beheerders simuleren beleid.",
        en: "Only policy staff, budget holders and administrators simulate policy.")

    /// Reads `policy` (a whole diagnosis policy document) and validates it like a shipped file.
    static func draft(body: Data) throws -> (DiagnosisPolicy, Data, [String: JSONValue]) {
        let data = body
        guard !data.isEmpty else {
            throw DomainError.badRequest(
                .init(
                    nl: "Het verzoek heeft geen inhoud; stuur een JSON-object.",
                    en: "The request has no body; send a JSON object."))
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw DomainError.badRequest(
                .init(nl: "De inhoud moet een JSON-object zijn.", en: "The body must be a JSON object."))
        }
        guard let policyObject = object["policy"] as? [String: Any],
            let policyData = try? JSONSerialization.data(withJSONObject: policyObject)
        else {
            throw DomainError.invalid(
                "policy", "required",
                .init(
                    nl: "Stuur het beleidsbestand als object in ‘policy’.",
                    en: "Send the policy file as an object in ‘policy’."))
        }
        let result: Result<DiagnosisPolicy, PolicyError> = Result { () throws(PolicyError) -> DiagnosisPolicy in
            try DiagnosisPolicy.load(policyData, file: "draft")
        }
        switch result {
        case .success(let policy):
            let rest = (try? JSONDecoder().decode([String: JSONValue].self, from: data)) ?? [:]
            return (policy, policyData, rest)
        case .failure(let e):
            throw DomainError.invalid(
                "policy.\(e.entry)", "invalidPolicy",
                .init(
                    nl: "Het beleidsbestand klopt niet bij \(e.entry): \(e.dutchMessage).",
                    en: "Policy file invalid at \(e.entry): \(e.message)"))
        }
    }

    /// Everyone's latest diagnosis facts (reference date moved to today), their current category and
    /// district, and the money committed to them — from the application's `FactsSnapshot`, brought up
    /// to date from the database first (only what changed since the last call is read and decoded).
    static func people(today: CalendarDate, snapshot: FactsSnapshot, on db: any Database) async throws
        -> [PolicySimulation.Person]
    {
        try await snapshot.refresh(on: db)
        let committed = try await committedPerPerson(on: db)
        return snapshot.people(today: today, committed: committed)
    }

    /// Each person's open commitments: the part still committed, the kind of offer and its stream.
    static func committedPerPerson(on db: any Database) async throws -> [UUID: [PolicySimulation.Held]] {
        let sql = db as! any SQLDatabase
        let rows = try await sql.raw(
            """
            SELECT c.person_id, i.type, i.funding_stream, c.amount_cents - c.spent_cents - c.released_cents AS remaining
            FROM commitments c JOIN interventions i ON i.id = c.intervention_id WHERE c.status = 'open'
            """
        ).all()
        var out: [UUID: [PolicySimulation.Held]] = [:]
        for row in rows {
            guard let type = InterventionType(rawValue: try row.decode(column: "type", as: String.self)) else {
                continue
            }
            out[try row.decode(column: "person_id", as: UUID.self), default: []].append(
                .init(
                    stream: try row.decode(column: "funding_stream", as: String.self), type: type,
                    remainingCents: try row.decode(column: "remaining", as: Int.self)))
        }
        return out
    }

    static func run(_ policy: DiagnosisPolicy, in ctx: UseCaseContext) async throws -> SimulationResult {
        let t0 = DispatchTime.now()
        let people = try await people(today: ctx.today, snapshot: ctx.facts, on: ctx.db)
        let t1 = DispatchTime.now()
        let r = PolicySimulation.run(people, draft: DiagnosisEngine(policy: policy), current: ctx.policies.current)
        let t2 = DispatchTime.now()
        let labels = ["open", "1", "2", "3", "4", "5"]
        let names = try await ctx.districts.all(on: ctx.db).names
        let current = ctx.policies.current
        return SimulationResult(
            policy: .init(id: policy.id, version: policy.version),
            basedOn: .init(id: current.id, version: current.version),
            total: r.total, changed: r.changed,
            matrix: r.matrix.enumerated().map { .init(from: labels[$0.offset], counts: $0.element) },
            changedByDistrict: r.changedByDistrict.sorted { $0.key < $1.key }.map {
                .init(districtCode: $0.key, label: names[$0.key] ?? $0.key, changed: $0.value)
            },
            committedAtRiskCents: r.committedAtRiskCents, newlyInvested: r.newlyInvested,
            notPaidNow: r.notPaidNow, notPaidDraft: r.notPaidDraft,
            millisecondsLoad: Int((t1.uptimeNanoseconds - t0.uptimeNanoseconds) / 1_000_000),
            millisecondsCompute: Int((t2.uptimeNanoseconds - t1.uptimeNanoseconds) / 1_000_000))
    }

    static func simulate(body: Data, in ctx: UseCaseContext) async throws -> SimulationResult {
        try ctx.requireRole(.analyst, .budgetHolder, .admin, because: policyStaff)
        return try await simulate(try draft(body: body).0, in: ctx)
    }

    /// A draft (from a file or the editor, already validated) run on everyone with a diagnosis.
    static func simulate(_ policy: DiagnosisPolicy, in ctx: UseCaseContext) async throws -> SimulationResult {
        let user = try ctx.requireRole(.analyst, .budgetHolder, .admin, because: policyStaff)
        let result = try await run(policy, in: ctx)
        Memory.giveBack()  // the simulation held everyone's facts twice over for a moment
        try await Audit.record(
            ctx, .policySimulate, person: nil, basis: "policy",
            detail: "\(policy.id) v\(policy.version) by \(user.username): \(result.changed) of \(result.total) change")
        return result
    }

    struct Adoption: Codable, Sendable {
        var id: UUID
        var policy: PolicyRef
        var reason: String
        var adoptedBy: String
        var adoptedAt: Date
        var simulation: SimulationResult
    }

    /// Adopts a new version: validated, simulated once more for the record, stored, audited, and in force
    /// for new diagnoses from now on. The same id and version cannot be adopted twice.
    static let adopters = LocalizedText(
        nl: "Alleen beleidsmedewerkers en beheerders stellen beleid vast.",
        en: "Only policy staff and administrators adopt policy.")

    static func adopt(body: Data, in ctx: UseCaseContext) async throws -> Adoption {
        try ctx.requireRole(.analyst, .admin, because: adopters)
        let (policy, _, rest) = try draft(body: body)
        var input = Input(fields: rest, prefix: "")
        return try await adopt(policy, &input, in: ctx)
    }

    /// Adopts a validated draft with the decision's reason (`reason` in `input`, at least 10 characters).
    static func adopt(_ policy: DiagnosisPolicy, _ input: inout Input, in ctx: UseCaseContext) async throws -> Adoption
    {
        let user = try ctx.requireRole(.analyst, .admin, because: adopters)
        let data = try JSONEncoder().encode(policy)
        let reason = input.reason(
            nl: "Leg het besluit uit in minstens 10 tekens.", en: "Explain the decision in at least 10 characters.")
        try input.validate()
        let current = ctx.policies.current
        if policy.id == current.id && policy.version == current.version {
            throw DomainError.conflict(
                .init(nl: "Deze versie is al van kracht.", en: "This version is already in force."))
        }
        if ctx.policies.policies.contains(where: { $0.id == policy.id && $0.version == policy.version }) {
            throw DomainError.conflict(
                .init(
                    nl:
                        "Versie \(policy.version) is de versie die met Meedoen is meegeleverd; geef een nieuw versienummer.",
                    en: "Version \(policy.version) is the one shipped with Meedoen; give a new version number."))
        }
        let simulation = try await run(policy, in: ctx)
        let a = PolicyAdoption()
        a.id = ctx.newID()
        a.policyID = policy.id
        a.version = policy.version
        a.body = String(decoding: data, as: UTF8.self)
        a.reason = reason!
        a.simulation = ReferralService.encode(simulation)
        a.adoptedByName = user.displayName
        a.adoptedAt = ctx.now
        do {
            try await ctx.db.transaction { db in
                try await a.create(on: db)
                try await Audit.record(
                    ctx, .policyAdopt, person: nil, basis: "policy",
                    detail:
                        "\(policy.id) v\(policy.version) replaces \(current.id) v\(current.version) by \(user.username): \(reason!)",
                    on: db)
            }
        } catch let e as any DatabaseError where e.isConstraintFailure {
            throw DomainError.conflict(
                .init(
                    nl: "Deze beleidsversie is al eerder vastgesteld; geef een nieuw versienummer.",
                    en: "This policy version was adopted before; give a new version number."))
        }
        ctx.policies.adopted.replace(with: policy)
        return Adoption(
            id: a.id!, policy: .init(id: policy.id, version: policy.version), reason: a.reason,
            adoptedBy: a.adoptedByName, adoptedAt: a.adoptedAt, simulation: simulation)
    }

    /// One version of the diagnosis policy as policy staff see it: shipped with Meedoen or adopted here.
    struct Version: Sendable {
        /// "shipped" or the adoption's id: what the editor starts from (`?vanaf=`).
        var ref: String
        var policy: DiagnosisPolicy
        var adoptedAt: Date?
        var adoptedBy: String?
        var reason: String?
        var inForce: Bool
    }

    /// Every version, newest first: the adopted ones and the shipped file they started from.
    static func versions(in ctx: UseCaseContext) async throws -> [Version] {
        try ctx.requireRole(.analyst, .budgetHolder, .admin, because: policyStaff)
        let current = ctx.policies.current
        let rows = try await PolicyAdoption.query(on: ctx.db).sort(\.$adoptedAt, .descending).all()
        var out: [Version] = rows.compactMap { a in
            guard
                let policy = try? DiagnosisPolicy.load(
                    Data(a.body.utf8), file: "policy_adoptions/\(a.policyID) v\(a.version)")
            else { return nil }
            return Version(
                ref: a.id!.uuidString, policy: policy, adoptedAt: a.adoptedAt, adoptedBy: a.adoptedByName,
                reason: a.reason, inForce: false)
        }
        for shipped in ctx.policies.policies where shipped.id == (out.last?.policy.id ?? current.id) {
            out.append(
                Version(ref: "shipped", policy: shipped, adoptedAt: nil, adoptedBy: nil, reason: nil, inForce: false))
        }
        if let i = out.firstIndex(where: { $0.policy == current }) { out[i].inForce = true }
        return out
    }

    /// The version a draft starts from: the one named by `ref` (see `Version.ref`), else the one in force.
    static func base(_ ref: String?, in ctx: UseCaseContext) async throws -> Version {
        try base(ref, among: try await versions(in: ctx), in: ctx)
    }

    /// The same, among versions already read (the page lists them anyway).
    static func base(_ ref: String?, among all: [Version], in ctx: UseCaseContext) throws -> Version {
        if let ref, !ref.isEmpty {
            guard let v = all.first(where: { $0.ref == ref }) else {
                throw DomainError.notFound(
                    .init(nl: "Deze beleidsversie bestaat niet.", en: "This policy version does not exist."))
            }
            return v
        }
        return all.first(where: \.inForce)
            ?? Version(
                ref: "", policy: ctx.policies.current, adoptedAt: nil, adoptedBy: nil, reason: nil, inForce: true)
    }

    /// A number for the next version that is not taken: "1.0" → "1.1", "2027-1" → "2027-2".
    static func nextVersion(after version: String, taken: Set<String>) -> String {
        var prefix = version
        var digits = ""
        while let last = prefix.last, last.isNumber {
            digits = String(last) + digits
            prefix.removeLast()
        }
        var n = (Int(digits) ?? 0) + 1
        if digits.isEmpty { prefix += "-" }
        while taken.contains(prefix + String(n)) { n += 1 }
        return prefix + String(n)
    }

    static func adoptions(in ctx: UseCaseContext) async throws -> [Adoption] {
        try ctx.requireRole(.analyst, .budgetHolder, .admin, because: policyStaff)
        return try await PolicyAdoption.query(on: ctx.db).sort(\.$adoptedAt, .descending).all().map { a in
            Adoption(
                id: a.id!, policy: .init(id: a.policyID, version: a.version), reason: a.reason,
                adoptedBy: a.adoptedByName, adoptedAt: a.adoptedAt,
                simulation: try JSONDecoder().decode(SimulationResult.self, from: Data(a.simulation.utf8)))
        }
    }

    /// At start-up: the latest adopted version is in force (the shipped default until one is adopted).
    static func loadAdopted(_ app: Application) async throws {
        guard let latest = try await PolicyAdoption.query(on: app.db).sort(\.$adoptedAt, .descending).first() else {
            return
        }
        let policy = try DiagnosisPolicy.load(
            Data(latest.body.utf8), file: "policy_adoptions/\(latest.policyID) v\(latest.version)")
        app.policyStore.adopted.replace(with: policy)
    }
}
