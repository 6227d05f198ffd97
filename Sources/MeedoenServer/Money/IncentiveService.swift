import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// Incentives: the case manager records an item, the pure rules decide whether it is payable (with
/// reasons), budget holders export the payable items as CSV for the municipality's payment system.
enum IncentiveService {
    /// Records an incentive for an enrolment; refused with the rule's reason (e.g. a performance
    /// allowance at or above minimum wage, a participant allowance beyond the cap).
    static func create(_ input: inout Input, in ctx: UseCaseContext) async throws -> IncentivePayment {
        let user = try ctx.requireRole(
            .caseManager,
            because: .init(
                nl: "Alleen klantmanagers kennen vergoedingen en premies toe.",
                en: "Only case managers grant allowances and premiums."))
        let referralID = input.uuid("referralId")
        let kind = input.choice("kind", IncentiveKind.self)
        let amount = input.int("amountCents", required: false, range: 1...10_000_000)
        let hours = input.int("hours", required: false, range: 1...744)
        let period = input.string("period", required: false, maxLength: 7)
        if let period, period.range(of: #"^[0-9]{4}-(0[1-9]|1[0-2])$"#, options: .regularExpression) == nil {
            input.fail("period", "format", nl: "Geef de periode als JJJJ-MM.", en: "Give the period as YYYY-MM.")
        }
        let household = input.choice("householdType", HouseholdType.self, required: false)
        try input.validate()
        let l = try await ReferralService.load(referralID!, in: ctx)
        guard !l.access.asProvider, NeedToKnow.mayAssess(user.viewer, l.person.relations) else {
            throw DomainError.noNeedToKnow
        }
        let earlier = try await IncentivePayment.query(on: ctx.db).filter(\.$referralID == referralID!).all()
        var sums: [IncentiveKind: Int] = [:]
        var counts: [IncentiveKind: Int] = [:]
        for e in earlier {
            sums[e.kind, default: 0] += e.amountCents
            counts[e.kind, default: 0] += 1
        }
        let context = Incentives.Context(
            status: l.referral.status.rawValue, outcome: l.referral.outcome,
            interventionType: l.intervention.interventionType,
            earlier: sums, earlierCount: counts)
        var income: Incentives.Income?
        if kind == .performanceAllowance {
            // The month it is for, the resident's age then, and what was granted for that month already.
            let month = period.flatMap { CalendarDate(iso: $0 + "-01") }
            let earlierThisMonth =
                try await period.flatMapAsync { p in
                    try await (ctx.db as! any SQLDatabase).raw(
                        """
                        SELECT CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) AS total FROM incentive_payments
                        WHERE person_id = \(bind: l.person.id!) AND kind = 'performanceAllowance' AND period = \(bind: p)
                        """
                    ).first()?.decode(column: "total", as: Int.self)
                } ?? 0
            income = Incentives.Income(
                household: household, month: month,
                age: month.flatMap { m in CalendarDate(iso: l.person.birthDate)?.age(on: m) },
                earlierThisMonth: earlierThisMonth)
        }
        let decision = Incentives.decide(
            kind!, amountCents: amount, hours: hours, context: context, policy: ctx.policies.money, income: income)
        let monthLimit = income?.month.flatMap { IncomeNorms.inForce(ctx.policies.money.incomeNorms, on: $0) }
        guard decision.payable else {
            let r = decision.reasons[0]
            throw DomainError.invalid(decision.field ?? "kind", r.code, r.text)
        }
        let p = IncentivePayment()
        p.id = ctx.newID()
        p.personID = l.person.id!
        p.referralID = referralID!
        p.kind = kind!
        p.amountCents = decision.amountCents
        p.hours = hours
        p.period = period
        p.householdType = kind == .performanceAllowance ? household?.rawValue : nil
        p.reasons = ReferralService.encode(decision.reasons)
        p.status = .payable
        p.createdByID = user.id!
        p.createdByName = user.displayName
        do {
            try await ctx.db.transaction { db in
                // First write: touch the referral, so concurrent items of one enrolment queue behind each other
                // (a row lock on PostgreSQL; SQLite has one writer) and the re-count below sees the others.
                try await (db as! any SQLDatabase).raw(
                    "UPDATE referrals SET updated_at = \(bind: ctx.now) WHERE id = \(bind: referralID!)"
                ).run()
                if kind == .performanceAllowance {
                    // One month's allowances of one person over all enrolments: queue on the person too.
                    try await (db as! any SQLDatabase).raw(
                        "UPDATE persons SET on_case_table = on_case_table WHERE id = \(bind: l.person.id!)"
                    ).run()
                }
                try await p.create(on: db)
                if kind == .performanceAllowance, let period, let limit = monthLimit, let household {
                    let total =
                        try await (db as! any SQLDatabase).raw(
                            """
                            SELECT CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) AS total FROM incentive_payments
                            WHERE person_id = \(bind: l.person.id!) AND kind = 'performanceAllowance' AND period = \(bind: period)
                            """
                        ).first()?.decode(column: "total", as: Int.self) ?? 0
                    if total > limit.room(household) {
                        throw DomainError.conflict(
                            .init(
                                nl: "Intussen is voor deze maand al een prestatievergoeding vastgelegd; laad opnieuw.",
                                en: "Meanwhile a performance allowance was recorded for this month; reload."))
                    }
                }
                if kind == .outflowBonus || kind == .activationPremium || kind == .participantAllowance {
                    let sql = db as! any SQLDatabase
                    let row = try await sql.raw(
                        "SELECT COUNT(*) AS n, CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) AS total FROM incentive_payments WHERE referral_id = \(bind: referralID!) AND kind = \(bind: kind!.rawValue)"
                    ).first()
                    let n = try row?.decode(column: "n", as: Int.self) ?? 0
                    let total = try row?.decode(column: "total", as: Int.self) ?? 0
                    if (kind != .participantAllowance && n > 1)
                        || (kind == .participantAllowance && total > ctx.policies.money.participantAllowanceCapCents)
                    {
                        throw DomainError.conflict(
                            .init(
                                nl:
                                    "Intussen is voor dit traject al een premie of vergoeding vastgelegd; laad opnieuw.",
                                en: "Meanwhile a premium or allowance was recorded for this trajectory; reload."))
                    }
                }
                try await Audit.record(
                    ctx, .incentiveCreate, person: l.person.id, basis: l.access.basis,
                    detail: "\(kind!.rawValue) \(decision.amountCents) referral:\(referralID!)", on: db)
            }
        } catch let e as any DatabaseError where e.isConstraintFailure {
            throw DomainError.conflict(
                .init(
                    nl: "Voor dit traject is deze premie al vastgelegd.",
                    en: "This premium was already recorded for this trajectory."))
        }
        return p
    }

    /// Case managers: the items of one person or referral they have a need to know. Budget holders: all
    /// items with a status (they prepare the payment), each person audited.
    static func list(personID: UUID?, referralID: UUID?, status: String?, in ctx: UseCaseContext) async throws
        -> [IncentivePayment]
    {
        let user = try ctx.requireRole(
            .caseManager, .paymentOfficer,
            because: .init(
                nl: "Alleen klantmanagers en medewerkers uitbetalingen zien premies en vergoedingen.",
                en: "Only case managers and payments officers see premiums and allowances."))
        var q = IncentivePayment.query(on: ctx.db)
        if let personID { q = q.filter(\.$personID == personID) }
        if let referralID { q = q.filter(\.$referralID == referralID) }
        if let status {
            guard let s = IncentiveStatus(rawValue: status) else { return [] }
            q = q.filter(\.$status == s)
        }
        let items = try await q.sort(\.$createdAt, .descending).limit(1000).all()
        let isPaymentOfficer = user.roleSet.contains(.paymentOfficer)
        var visible: [IncentivePayment] = []
        var shown: [(UUID, String)] = []
        let persons = try await Person.query(on: ctx.db).filter(\.$id ~~ Set(items.map(\.personID))).all()
        let byID = Dictionary(uniqueKeysWithValues: persons.map { ($0.id!, $0) })
        for i in items {
            if isPaymentOfficer {
                visible.append(i)
                shown.append((i.personID, "paymentOfficer"))
                continue
            }
            if let p = byID[i.personID], let g = NeedToKnow.grant(for: user.viewer, to: p.relations) {
                visible.append(i)
                shown.append((i.personID, g.basis))
            }
        }
        if !shown.isEmpty { try await Audit.record(ctx, .incentiveRead, people: shown) }
        return visible
    }

    static let paymentOfficerOnly = LocalizedText(
        nl: "Alleen een medewerker uitbetalingen maakt en opent betaalbestanden: ze bevatten BSN's en namen.",
        en: "Only a payments officer makes and opens payment files: they hold citizen service numbers and names.")

    /// Why a payments file is made or opened: asked each time, written in the audit trail.
    static func reason(_ input: inout Input) -> String? {
        let reason = input.string("reason", maxLength: 300)
        if let reason, reason.count < 5 {
            input.fail(
                "reason", "tooShort", nl: "Schrijf kort waarom (minstens 5 tekens).",
                en: "Say briefly why (at least 5 characters).")
        }
        return reason
    }

    /// Exports every payable item once: marked exported in the same transaction that builds the file.
    /// CSV for Dutch Excel: semicolons, UTF-8 with BOM, amounts with a decimal comma. The payments
    /// officer gives a reason; every resident in the file gets an entry in their own access log.
    static func export(_ input: inout Input, in ctx: UseCaseContext) async throws -> IncentiveExport {
        let user = try ctx.requireRole(.paymentOfficer, because: paymentOfficerOnly)
        let reason = reason(&input)
        try input.validate()
        let e = IncentiveExport()
        e.id = ctx.newID()
        e.createdByName = user.displayName
        e.items = 0
        e.totalCents = 0
        e.csv = ""
        try await ctx.db.transaction { db in
            let sql = db as! any SQLDatabase
            try await e.create(on: db)
            let marked = try await sql.raw(
                """
                UPDATE incentive_payments SET status = 'exported', export_id = \(bind: e.id!) WHERE status = 'payable' RETURNING id
                """
            ).all()
            let ids = try marked.map { try $0.decode(column: "id", as: UUID.self) }
            guard !ids.isEmpty else {
                throw DomainError.conflict(
                    .init(nl: "Er zijn geen uit te betalen posten.", en: "There are no payable items."))
            }
            let rows = try await sql.raw(
                """
                SELECT ip.id, ip.kind, ip.amount_cents, ip.period, ip.hours, ip.referral_id, ip.created_at, p.id AS p_id, p.bsn, p.given_name, p.family_name, i.code AS i_code
                FROM incentive_payments ip JOIN persons p ON p.id = ip.person_id JOIN referrals r ON r.id = ip.referral_id JOIN interventions i ON i.id = r.intervention_id
                WHERE ip.export_id = \(bind: e.id!) ORDER BY p.family_name, ip.created_at
                """
            ).all()
            var lines = ["kenmerk;bsn;achternaam;voornaam;soort;bedrag;periode;uren;traject;vastgelegd"]
            var total = 0
            var people: [UUID] = []
            func cell(_ s: String) -> String {
                let needs = s.contains(";") || s.contains("\"") || s.contains("\n")
                var v = s.replacingOccurrences(of: "\"", with: "\"\"")
                if let f = v.first, "=+-@".contains(f) { v = "'" + v }  // no formulas in a spreadsheet
                return needs ? "\"\(v)\"" : v
            }
            for row in rows {
                let amount = try row.decode(column: "amount_cents", as: Int.self)
                total += amount
                people.append(try row.decode(column: "p_id", as: UUID.self))
                let kind = IncentiveKind(rawValue: try row.decode(column: "kind", as: String.self))
                let created =
                    try row.decode(column: "created_at", as: Date?.self).map { Clock.today(now: $0).iso } ?? ""
                lines.append(
                    [
                        try row.decode(column: "id", as: UUID.self).uuidString.lowercased(),
                        try row.decode(column: "bsn", as: String.self),
                        try row.decode(column: "family_name", as: String.self),
                        try row.decode(column: "given_name", as: String.self),
                        kind?.label.nl ?? "", "\(amount / 100),\(String(format: "%02d", amount % 100))",
                        try row.decode(column: "period", as: String?.self) ?? "",
                        (try row.decode(column: "hours", as: Int?.self)).map(String.init) ?? "",
                        try row.decode(column: "i_code", as: String.self), created,
                    ].map(cell).joined(separator: ";"))
            }
            e.items = ids.count
            e.totalCents = total
            e.csv = "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
            try await e.save(on: db)
            try await Audit.record(
                ctx, .incentiveExport, person: nil, basis: "paymentOfficer",
                detail: "export:\(e.id!) items:\(ids.count) total:\(total) reason:\(reason!)", on: db)
            try await
                (Set(people).map {
                    Audit.event(
                        ctx, .incentiveExport, person: $0, basis: "paymentOfficer",
                        detail: "export:\(e.id!) reason:\(reason!)")
                }).create(on: db)
        }
        return e
    }

    /// A payments export as a file: its name and its CSV text. Each download asks for a reason and is
    /// audited for every resident in the file, so it shows in their own access log.
    static func exportFile(_ id: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws -> (
        filename: String, csv: String
    ) {
        try ctx.requireRole(.paymentOfficer, because: paymentOfficerOnly)
        let reason = reason(&input)
        try input.validate()
        guard let e = try await IncentiveExport.find(id, on: ctx.db) else {
            throw DomainError.notFound(.init(nl: "Geen export met deze id.", en: "No export with this id."))
        }
        let people = try await IncentivePayment.query(on: ctx.db).filter(\.$exportID == id).all().map(\.personID)
        try await Audit.record(
            ctx, .incentiveExport, people: Set(people).map { ($0, "paymentOfficer") },
            detail: "download:\(id) reason:\(reason!)")
        return ("meedoen-uitbetalingen-\(id.uuidString.prefix(8).lowercased()).csv", e.csv)
    }

    /// What the payments page shows: the payable items with their residents, and the recent exports.
    static func payouts(in ctx: UseCaseContext) async throws -> (
        items: [IncentivePayment], persons: [UUID: Person], exports: [IncentiveExport]
    ) {
        let items = try await list(personID: nil, referralID: nil, status: "payable", in: ctx)
        let persons = Dictionary(
            uniqueKeysWithValues: try await Person.query(on: ctx.db).filter(\.$id ~~ Set(items.map(\.personID))).all()
                .map { ($0.id!, $0) })
        let exports = try await IncentiveExport.query(on: ctx.db).sort(\.$createdAt, .descending).limit(10).all()
        return (items, persons, exports)
    }
}
