import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// Referral to outcome, with capacity and waiting lists. A place is claimed with one conditional
/// `UPDATE … WHERE taken < capacity RETURNING id` as the first write of the transaction
/// (STACK-NOTES: never count-then-insert), so concurrent referrals never overbook, on SQLite and
/// PostgreSQL alike; the `CHECK (taken <= capacity)` is the backstop.
enum ReferralService {
    struct CheckRecord: Codable, Equatable {
        var criterion: String
        var passed: Bool
        var nl: String
        var en: String
    }
    struct OverrideRecord: Codable, Equatable {
        var criterion: String
        var reason: String
    }
    struct NextStepRecord: Codable, Equatable {
        var proposedRung: Int?
        var nextTier: String?
        var reasons: [CheckRecord]
    }

    // MARK: the person as matching sees them

    /// The person as matching sees them — the same query as for a whole caseload, for one person.
    static func candidate(_ p: Person, in ctx: UseCaseContext) async throws -> Candidate {
        let (people, _) = try await MatchingService.candidates(
            where: SQLBinaryExpression(SQLColumn("id", table: "p"), .equal, SQLBind(p.id!)),
            ladder: ctx.ladderInUse.id, today: ctx.today, districtNames: try await ctx.districts.all(on: ctx.db).names,
            on: ctx.db)
        guard let c = people.first else {
            throw DomainError.notFound(.init(nl: "Geen inwoner met deze id.", en: "No resident with this id."))
        }
        return c
    }

    // MARK: refer

    /// A case manager refers a person. Criteria are checked with reasons; an unmet criterion needs an
    /// override with a reason; capacity is never overridden: when full, the referral waits.
    /// Returns the referral as its creator sees it (no second read, no second audit entry).
    static func refer(_ input: inout Input, in ctx: UseCaseContext) async throws -> Loaded {
        let user = try ctx.requireRole(
            .caseManager,
            because: .init(
                nl: "Alleen klantmanagers verwijzen naar aanbod.", en: "Only case managers refer to interventions."))
        let personID = input.uuid("personId")
        let interventionID = input.uuid("interventionId")
        let goal = input.string("goal", maxLength: 2000)
        let hours = input.int("agreedHours", required: false, range: 0...60)
        var overrides: [OverrideRecord] = []
        for var o in input.objects("overrides", maxItems: 10) ?? [] {
            let criterion = o.choice("criterion", Criterion.self)
            let reason = o.reason(
                nl: "Leg in minstens 10 tekens uit waarom u afwijkt.",
                en: "Explain in at least 10 characters why you deviate.")
            input.absorb(o)
            if let criterion, let reason {
                overrides.append(.init(criterion: criterion.rawValue, reason: reason))
            }
        }
        // A request to fund what the spending rules refuse: a budget holder decides (never the case manager).
        var exceptionReason: String?
        if var e = input.object("spendingException") {
            exceptionReason = e.reason(
                nl: "Leg in minstens 10 tekens uit waarom een uitzondering nodig is.",
                en: "Explain in at least 10 characters why an exception is needed.")
            input.absorb(e)
        }
        try input.validate()
        let (person, _) = try await PersonService.authorised(personID!, in: ctx)
        guard NeedToKnow.mayAssess(user.viewer, person.relations) else { throw DomainError.noNeedToKnow }
        guard let intervention = try await Intervention.find(interventionID!, on: ctx.db), intervention.active else {
            throw DomainError.invalid(
                "interventionId", "unknownIntervention",
                .init(nl: "Geen actief aanbod met deze id.", en: "No active intervention with this id."))
        }
        let candidate = try await candidate(person, in: ctx)
        let offer = CatalogueService.offer(intervention, waiting: 0, meanWait: nil)
        let checks = AccessCheck.check(candidate, offer)
        for unmet in checks
        where !unmet.passed && !overrides.contains(where: { $0.criterion == unmet.criterion.rawValue }) {
            input.fail(
                "criteria.\(unmet.criterion.rawValue)", "criterionUnmet",
                nl: unmet.reason.text.nl + " Verwijs alleen met een onderbouwde afwijking.",
                en: unmet.reason.text.en + " Refer only with a reasoned override (overrides).")
        }
        try input.validate()
        // The category decides the money (000 §2.3): a rule of the policy in force, not an override.
        var refusal: (field: String, reason: Reason)?
        if let decision = spending(candidate, intervention, ctx.policies.current), let field = decision.field {
            guard exceptionReason != nil else {
                try await Audit.record(
                    ctx, .referralRefused, person: person.id, basis: "referral",
                    detail: "\(intervention.code) \(decision.reason.code)")
                throw DomainError.invalid(
                    field, "spendingRule",
                    .init(
                        nl: decision.reason.text.nl
                            + " Een budgethouder kan een uitzondering toestaan; vraag die aan met een reden.",
                        en: decision.reason.text.en
                            + " A budget holder can grant an exception; ask for one with a reason (spendingException).")
                )
            }
            refusal = (field, decision.reason)
        }
        let (refused, exceptionAsked) = (refusal, exceptionReason)
        let needed = overrides.filter { o in checks.contains { !$0.passed && $0.criterion.rawValue == o.criterion } }
        if try await Referral.query(on: ctx.db).filter(\.$person.$id == person.id!).filter(
            \.$intervention.$id == intervention.id!
        )
        .filter(\.$status ~~ [ReferralStatus.waiting, .offered, .accepted, .started]).count() > 0 {
            throw duplicate
        }

        let r = Referral()
        r.id = ctx.newID()
        r.$person.id = person.id!
        r.$intervention.id = intervention.id!
        r.referredByID = user.id!
        r.referredByName = user.displayName
        r.referredAt = ctx.now
        r.referredOn = ctx.today.iso
        r.goal = goal!
        r.agreedHours = hours ?? intervention.hoursPerWeek
        r.category = candidate.category
        r.checks = encode(
            checks.map {
                CheckRecord(
                    criterion: $0.criterion.rawValue, passed: $0.passed, nl: $0.reason.text.nl, en: $0.reason.text.en)
            })
        r.overrides = needed.isEmpty ? nil : encode(needed)
        do {
            try await ctx.db.transaction { db in
                let ctx = ctx.within(db)
                // First write: claim a place, or join the waiting list; then the money, or wait for it.
                // A referral the spending rules refuse claims nothing until a budget holder grants it.
                // An offer with a gatekeeper waits for the specialist first, whatever else it needs.
                let reservation: Placement.Reservation =
                    intervention.needsApproval
                    ? .waitingForApproval
                    : refused == nil ? try await Placement.reserve(intervention, in: ctx) : .waitingForException
                switch reservation {
                case .offered:
                    r.status = ReferralStatus.offered
                    r.offeredAt = ctx.now
                    r.waitedDays = 0
                case .waitingForPlace:
                    r.status = ReferralStatus.waiting
                    r.waitingFor = .place
                case .waitingForBudget:
                    r.status = ReferralStatus.waiting
                    r.waitingFor = .budget
                case .waitingForException:
                    r.status = ReferralStatus.waiting
                    r.waitingFor = .exception
                case .waitingForApproval:
                    r.status = ReferralStatus.waiting
                    r.waitingFor = .approval
                }
                try await r.create(on: db)
                if reservation == .waitingForApproval {
                    let a = ReferralApproval()
                    a.id = ctx.newID()
                    a.referralID = r.id!
                    a.personID = person.id!
                    a.interventionID = intervention.id!
                    a.requestedByName = user.displayName
                    a.requestedAt = ctx.now
                    a.status = .requested
                    try await a.create(on: db)
                }
                if let refusal = refused, let exceptionReason = exceptionAsked {
                    let e = SpendingException()
                    e.id = ctx.newID()
                    e.referralID = r.id!
                    e.personID = person.id!
                    e.interventionID = intervention.id!
                    e.districtCode = person.districtCode
                    e.category = r.category
                    e.year = ctx.today.year
                    e.amountCents = intervention.priceCents
                    e.ruleField = refusal.field
                    e.ruleNL = refusal.reason.text.nl
                    e.ruleEN = refusal.reason.text.en
                    e.requestedByName = user.displayName
                    e.requestedReason = exceptionReason
                    e.requestedAt = ctx.now
                    e.status = .requested
                    try await e.create(on: db)
                }
                if case .offered(.claimed(let streamID)) = reservation {
                    try await Placement.commit(
                        referralID: r.id!, streamID: streamID, personID: person.id!, interventionID: intervention.id!,
                        district: person.districtCode, category: r.category, price: intervention.priceCents,
                        contract: intervention.contract, in: ctx)
                }
                let detail =
                    "\(intervention.code) \(r.status)"
                    + (needed.isEmpty ? "" : " overrides:" + needed.map(\.criterion).joined(separator: ","))
                    + (refused.map { " exception requested: \($0.reason.code)" } ?? "")
                    + (reservation == .waitingForApproval ? " approval requested" : "")
                try await Audit.record(
                    ctx, .referralCreate, person: person.id, basis: "referral", detail: detail, on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw duplicate  // the same referral sent twice at once: the unique index decides
        }
        let providerName = try await Provider.find(intervention.$provider.id, on: ctx.db)?.name ?? ""
        return Loaded(
            referral: r, person: person, intervention: intervention, providerName: providerName,
            access: Access(basis: "referral", asProvider: false))
    }

    /// The spending rules' decision on paying `intervention` for `c` under `policy` (nil: no rules).
    /// The referral, the matches and the demo and city generators all ask this one question.
    static func spending(_ c: Candidate, _ intervention: Intervention, _ policy: DiagnosisPolicy)
        -> SpendingRules.Decision?
    {
        guard let type = InterventionType(rawValue: intervention.type) else { return nil }
        return policy.spendingDecision(
            category: c.category, benefit: c.benefit, stream: intervention.fundingStream, type: type)
    }

    /// Whether the spending rules let `intervention` be paid for `c` (true when the policy has none).
    static func fundable(_ c: Candidate, _ intervention: Intervention, _ policy: DiagnosisPolicy) -> Bool {
        spending(c, intervention, policy)?.allowed ?? true
    }

    static let duplicate = DomainError.conflict(
        .init(
            nl: "Deze inwoner is al naar dit aanbod verwezen (wachtend of lopend).",
            en: "This resident is already referred to this intervention (waiting or running)."))

    static func encode<T: Encodable>(_ value: T) -> String {
        String(decoding: try! JSONEncoder.sorted.encode(value), as: UTF8.self)
    }

    // MARK: access

    struct Access {
        var basis: String
        var asProvider: Bool
    }

    /// Who may see this referral: the provider of the intervention (once offered), or whoever has a
    /// need to know the person. A refusal is audited.
    static func access(_ r: Referral, person: Person, intervention: Intervention, in ctx: UseCaseContext) async throws
        -> Access
    {
        let viewer = try ctx.requireViewer()
        if let basis = NeedToKnow.providerBasis(
            viewer, interventionProviderID: intervention.$provider.id, status: r.status)
        {
            return Access(basis: basis, asProvider: true)
        }
        // Otherwise the person's need-to-know grant (a resident's own file included).
        if let grant = NeedToKnow.grant(for: viewer, to: person.relations) {
            return Access(basis: grant.basis, asProvider: false)
        }
        try await Audit.record(ctx, .referralReadDenied, person: person.id, basis: "none", detail: "referral:\(r.id!)")
        throw DomainError.noNeedToKnow
    }

    struct Loaded {
        var referral: Referral
        var person: Person
        var intervention: Intervention
        var providerName: String
        var access: Access
        /// The missed agreement a short week of attendance created just now (the answer to that note only).
        var missedAgreement: Agreement? = nil
        var shortfall: Attendance.Shortfall? = nil
    }

    static func load(_ id: UUID, in ctx: UseCaseContext) async throws -> Loaded {
        guard let r = try await Referral.find(id, on: ctx.db) else {
            throw DomainError.notFound(.init(nl: "Geen verwijzing met deze id.", en: "No referral with this id."))
        }
        guard let person = try await Person.find(r.$person.id, on: ctx.db),
            let intervention = try await Intervention.find(r.$intervention.id, on: ctx.db)
        else {
            throw DomainError.notFound(.init(nl: "Geen verwijzing met deze id.", en: "No referral with this id."))
        }
        let access = try await access(r, person: person, intervention: intervention, in: ctx)
        let providerName = try await Provider.find(intervention.$provider.id, on: ctx.db)?.name ?? ""
        return Loaded(
            referral: r, person: person, intervention: intervention, providerName: providerName, access: access)
    }

    /// Reads one referral; audited with the basis (for a provider: `referredTo:<provider>`).
    static func read(_ id: UUID, in ctx: UseCaseContext) async throws -> (Loaded, [ReferralNote]) {
        let l = try await load(id, in: ctx)
        let notes = try await notes(id, in: ctx)
        try await Audit.record(ctx, .referralRead, person: l.person.id, basis: l.access.basis, detail: "referral:\(id)")
        return (l, notes)
    }

    static func notes(_ referralID: UUID, in ctx: UseCaseContext) async throws -> [ReferralNote] {
        try await ReferralNote.query(on: ctx.db).filter(\.$referral.$id == referralID).sort(\.$onDate, .descending)
            .sort(
                \.$createdAt, .descending
            ).all()
    }

    // MARK: lists

    struct Row {
        var referral: Referral
        var givenName: String
        var familyName: String
        var phone: String?
        var email: String?
        var interventionName: String
        var interventionCode: String
        var providerName: String
        var asProvider: Bool
    }

    /// A list page's filter: open or finished referrals, words to find in the name or the offer, a page.
    struct ListFilter {
        enum Group: String { case open, finished, all }
        var group: Group = .open
        var search: String?
        var page = 1
        var pageSize = 25
        /// Open referrals first (the ones waiting for someone), then the newest.
        static let order: [ReferralStatus] = [.offered, .accepted, .started, .waiting, .ended, .refused, .withdrawn]
        func includes(_ status: ReferralStatus) -> Bool {
            switch group {
            case .all: true
            case .open: [.offered, .accepted, .started, .waiting].contains(status)
            case .finished: [.ended, .refused, .withdrawn].contains(status)
            }
        }
        func matches(_ text: String) -> Bool {
            let words = (search ?? "").lowercased().split(whereSeparator: \.isWhitespace)
            let hay = text.lowercased()
            return words.allSatisfy { hay.contains($0) }
        }
    }

    static func list(personID: UUID?, interventionID: UUID?, status: ReferralStatus?, in ctx: UseCaseContext)
        async throws -> [Row]
    {
        try await list(personID: personID, interventionID: interventionID, status: status, filter: nil, in: ctx).rows
    }

    /// For a provider: referrals to their own interventions (not those still waiting). For a case manager:
    /// referrals of people they have a need to know, optionally of one person or intervention. With a
    /// filter, one page of them (open ones first) and how many there are. Each person shown is audited.
    static func list(
        personID: UUID?, interventionID: UUID?, status: ReferralStatus?, filter: ListFilter?, in ctx: UseCaseContext
    ) async throws -> (rows: [Row], total: Int) {
        let viewer = try ctx.requireViewer()
        let sql = ctx.db as! any SQLDatabase
        var conditions: [SQLQueryString] = []
        let asProvider =
            viewer.has(.provider) && !viewer.hasAny(.caseManager, .counter, .residentAdviser, .caseTableChair)
        if asProvider {
            guard let own = viewer.providerID else { return ([], 0) }
            conditions.append("i.provider_id = \(bind: own) AND r.status <> 'waiting'")
        } else {
            guard viewer.hasAny(.caseManager, .counter, .residentAdviser, .caseTableChair) else {
                throw DomainError.forbidden(
                    .init(
                        nl: "Uw rol geeft geen inzage in verwijzingen van personen.",
                        en: "Your role gives no access to referrals of persons."))
            }
        }
        if let personID { conditions.append("r.person_id = \(bind: personID)") }
        if let interventionID { conditions.append("r.intervention_id = \(bind: interventionID)") }
        if let status { conditions.append("r.status = \(bind: status.rawValue)") }
        var where_: SQLQueryString = "1 = 1"
        for c in conditions { where_ = "\(where_) AND \(c)" }
        // Unpaged callers (the API, a file) get the newest 500, as before; a list page filters and pages
        // up to 2,000 after the need-to-know check, and returns only its page.
        let limit = filter == nil ? 500 : 2000
        let rows = try await sql.raw(
            """
            SELECT r.id AS r_id, r.status AS r_status, p.id AS p_id, p.given_name, p.family_name, p.phone, p.email, p.district_code,
              p.case_manager_id, p.registered_by_id, p.on_case_table, i.name AS i_name, i.code AS i_code, pr.name AS pr_name
            FROM referrals r JOIN persons p ON p.id = r.person_id JOIN interventions i ON i.id = r.intervention_id JOIN providers pr ON pr.id = i.provider_id
            WHERE \(where_) ORDER BY r.referred_at DESC LIMIT \(unsafeRaw: String(limit))
            """
        ).all()
        var visible: [(UUID, UUID, String)] = []  // referral, person, basis
        var info: [UUID: (String, String, String?, String?, String, String, String)] = [:]
        var statuses: [UUID: ReferralStatus] = [:]
        for row in rows {
            let pid = try row.decode(column: "p_id", as: UUID.self)
            let relations = PersonRelations(
                personID: pid, districtCode: try row.decode(column: "district_code", as: String.self),
                caseManagerID: try row.decode(column: "case_manager_id", as: UUID?.self),
                registeredByID: try row.decode(column: "registered_by_id", as: UUID?.self),
                onCaseTable: try row.decode(column: "on_case_table", as: Bool.self))
            let basis: String
            if asProvider {
                basis = "referredTo:\(viewer.providerID!.uuidString.lowercased())"
            } else if let g = NeedToKnow.grant(for: viewer, to: relations) {
                basis = g.basis
            } else {
                continue
            }
            let rid = try row.decode(column: "r_id", as: UUID.self)
            visible.append((rid, pid, basis))
            statuses[rid] = ReferralStatus(rawValue: try row.decode(column: "r_status", as: String.self))
            info[rid] = (
                try row.decode(column: "given_name", as: String.self),
                try row.decode(column: "family_name", as: String.self),
                try row.decode(column: "phone", as: String?.self), try row.decode(column: "email", as: String?.self),
                try row.decode(column: "i_name", as: String.self), try row.decode(column: "i_code", as: String.self),
                try row.decode(column: "pr_name", as: String.self)
            )
        }
        var total = visible.count
        if let filter {
            let kept = visible.enumerated().filter { _, v in
                guard let st = statuses[v.0], let i = info[v.0] else { return false }
                return filter.includes(st) && filter.matches("\(i.0) \(i.1) \(i.4) \(i.6)")
            }
            let sorted = kept.sorted { a, b in
                let (ra, rb) = (
                    ListFilter.order.firstIndex(of: statuses[a.element.0]!) ?? 9,
                    ListFilter.order.firstIndex(of: statuses[b.element.0]!) ?? 9
                )
                return ra != rb ? ra < rb : a.offset < b.offset
            }.map(\.element)
            total = sorted.count
            visible = Array(sorted.dropFirst((filter.page - 1) * filter.pageSize).prefix(filter.pageSize))
        }
        guard !visible.isEmpty else { return ([], total) }
        let referrals = try await Referral.query(on: ctx.db).filter(\.$id ~~ visible.map(\.0)).all()
        let byID = Dictionary(uniqueKeysWithValues: referrals.map { ($0.id!, $0) })
        try await Audit.record(ctx, .referralList, people: visible.map { ($0.1, $0.2) })
        let result: [Row] = visible.compactMap { v in
            guard let r = byID[v.0], let i = info[v.0] else { return nil }
            return Row(
                referral: r, givenName: i.0, familyName: i.1, phone: i.2, email: i.3, interventionName: i.4,
                interventionCode: i.5,
                providerName: i.6, asProvider: asProvider)
        }
        return (result, total)
    }

    struct WaitingEntry {
        var position: Int
        var referral: Referral
        var personName: String?
        var waitedSoFar: Int
    }

    /// The waiting list of an intervention in its order; names only of people the viewer has a need to know.
    static func waitingList(_ interventionID: UUID, in ctx: UseCaseContext) async throws -> [WaitingEntry] {
        let user = try ctx.requireRole(
            .caseManager, .caseTableChair,
            because: .init(nl: "Alleen klantmanagers zien wachtlijsten.", en: "Only case managers see waiting lists."))
        _ = try await CatalogueService.entry(interventionID, in: ctx)
        let waiting = try await Referral.query(on: ctx.db).filter(\.$intervention.$id == interventionID).filter(
            \.$status == .waiting
        ).all()
        let order = WaitingOrder.sorted(
            waiting.map { WaitingOrder.Entry(id: $0.id!, category: $0.category, referredAt: $0.referredAt) })
        let byID = Dictionary(uniqueKeysWithValues: waiting.map { ($0.id!, $0) })
        let people = try await Person.query(on: ctx.db).filter(\.$id ~~ waiting.map { $0.$person.id }).all()
        let personByID = Dictionary(uniqueKeysWithValues: people.map { ($0.id!, $0) })
        var shown: [(UUID, String)] = []
        let today = ctx.today
        let entries: [WaitingEntry] = order.enumerated().map { n, e in
            let r = byID[e.id]!
            var name: String?
            if let p = personByID[r.$person.id], let g = NeedToKnow.grant(for: user.viewer, to: p.relations) {
                name = p.fullName
                shown.append((p.id!, g.basis))
            }
            let since = CalendarDate(iso: r.referredOn) ?? today
            return WaitingEntry(
                position: n + 1, referral: r, personName: name, waitedSoFar: max(0, today.dayNumber - since.dayNumber))
        }
        if !shown.isEmpty {
            try await Audit.record(ctx, .referralList, people: shown, detail: "waitingList:\(interventionID)")
        }
        return entries
    }

}
