import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// The valve's use cases: simulate, read, list and apply.
extension ValveService {
    /// Simulates and stores the simulation (budget holders and policy staff). Changes nothing else.
    static func simulate(_ input: inout Input, in ctx: UseCaseContext) async throws -> Simulation {
        let user = try ctx.requireRole(.budgetHolder, .analyst, because: BudgetService.viewers)
        let year = input.int("year", required: false, range: 2000...2100) ?? ctx.today.year
        let changes = readChanges(&input, policy: ctx.policies.money)
        try input.validate()
        let computed = try await compute(year: year, changes: changes, in: ctx)
        var dto = dto(
            computed, year: year, changes: changes, by: user.displayName, at: ctx.now, language: ctx.language,
            names: try await caseManagerNames(on: ctx.db), districts: try await ctx.districts.all(on: ctx.db))
        let record = ValveSimulationRecord()
        record.id = ctx.newID()
        record.year = year
        record.changes = ReferralService.encode(changes)
        record.createdByName = user.displayName
        dto.id = record.id
        record.result = ReferralService.encode(dto)
        try await record.create(on: ctx.db)
        try await Audit.record(
            ctx, .valveSimulate, person: nil, basis: "budget",
            detail:
                "simulation:\(record.id!) \(changes.map { "\($0.streamCode) \($0.amountCents.map { "\($0)c" } ?? "\($0.basisPoints ?? 0)bp")" }.joined(separator: ", "))"
        )
        return dto
    }

    /// A stored simulation. Budget holders and policy staff see it without names; a case manager sees
    /// only the people on their own caseload that it concerns, by name (audited).
    static func read(_ id: UUID, in ctx: UseCaseContext) async throws -> Simulation {
        let user = try ctx.requireRole(.budgetHolder, .analyst, .caseManager, because: BudgetService.viewers)
        guard let record = try await ValveSimulationRecord.find(id, on: ctx.db) else {
            throw DomainError.notFound(.init(nl: "Geen simulatie met deze id.", en: "No simulation with this id."))
        }
        var dto = try JSONDecoder().decode(Simulation.self, from: Data((record.appliedResult ?? record.result).utf8))
        if let at = record.appliedAt, let by = record.appliedByName, let reason = record.appliedReason,
            dto.applied == nil
        {
            dto.applied = Applied(at: at, by: by, reason: reason, withdrawn: 0, offered: 0)
        }
        if !user.roleSet.contains(.budgetHolder) && !user.roleSet.contains(.analyst) {
            let mine = dto.affected.filter { $0.caseManagerId == user.id }
            let people = try await Referral.query(on: ctx.db).filter(\.$id ~~ mine.map(\.referralId)).all()
            let persons = try await Person.query(on: ctx.db).filter(\.$id ~~ people.map { $0.$person.id }).all()
            let byReferral = Dictionary(uniqueKeysWithValues: people.map { ($0.id!, $0.$person.id) })
            let personByID = Dictionary(uniqueKeysWithValues: persons.map { ($0.id!, $0) })
            var shown: [(UUID, String)] = []
            dto.affected = mine.map { a in
                var a = a
                if let pid = byReferral[a.referralId], let p = personByID[pid],
                    let g = NeedToKnow.grant(for: user.viewer, to: p.relations)
                {
                    a.personName = p.fullName
                    shown.append((pid, g.basis))
                }
                return a
            }
            dto.byCaseManager = dto.byCaseManager.filter { $0.caseManagerId == user.id }
            if !shown.isEmpty { try await Audit.record(ctx, .referralList, people: shown, detail: "valve:\(id)") }
        }
        return dto
    }

    static func list(limit: Int = 50, in ctx: UseCaseContext) async throws -> [ValveSimulationRecord] {
        try ctx.requireRole(.budgetHolder, .analyst, because: BudgetService.viewers)
        return try await ValveSimulationRecord.query(on: ctx.db).sort(\.$createdAt, .descending).limit(limit).all()
    }

    /// Applies a simulation: recomputed on the budget as it is now, then in one transaction the new
    /// totals, the withdrawn offers (money and place released, the place handed on), the waiting
    /// referrals that lapse, and the waiting referrals that can start. Budget holders only; once.
    static func apply(_ id: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws -> Simulation {
        let user = try ctx.requireRole(.budgetHolder, because: BudgetService.holderOnly)
        let reason = input.reason(
            nl: "Leg het besluit uit in minstens 10 tekens.", en: "Explain the decision in at least 10 characters.")
        try input.validate()
        guard let record = try await ValveSimulationRecord.find(id, on: ctx.db) else {
            throw DomainError.notFound(.init(nl: "Geen simulatie met deze id.", en: "No simulation with this id."))
        }
        guard record.appliedAt == nil else {
            throw DomainError.conflict(
                .init(nl: "Deze simulatie is al toegepast.", en: "This simulation has already been applied."))
        }
        let changes = try JSONDecoder().decode([Change].self, from: Data(record.changes.utf8))
        let today = ctx.today
        let names = try await caseManagerNames(on: ctx.db)
        let language = ctx.language
        let districts = try await ctx.districts.all(on: ctx.db)
        return try await ctx.db.transaction { db in
            let sql = db as! any SQLDatabase
            // First write: mark it applied (conditional), so two budget holders cannot apply it twice.
            let claimed = try await sql.raw(
                """
                UPDATE valve_simulations SET applied_at = \(bind: ctx.now), applied_by_name = \(bind: user.displayName), applied_reason = \(bind: reason!)
                WHERE id = \(bind: id) AND applied_at IS NULL RETURNING id
                """
            ).all()
            guard !claimed.isEmpty else {
                throw DomainError.conflict(
                    .init(nl: "Deze simulatie is al toegepast.", en: "This simulation has already been applied."))
            }
            let computed = try await compute(year: record.year, changes: changes, in: ctx.within(db))
            var dto = dto(
                computed, year: record.year, changes: changes, by: record.createdByName, at: ctx.now,
                language: language, names: names,
                districts: districts)
            dto.id = id
            for s in computed.result.streams where s.newTotalCents != s.oldTotalCents {
                try await sql.raw(
                    "UPDATE funding_streams SET total_cents = \(bind: max(0, s.newTotalCents)), updated_at = \(bind: ctx.now) WHERE year = \(bind: record.year) AND code = \(bind: s.stream)"
                ).run()
            }
            let text = "Vervallen door budgetbesluit (ventiel) \(today.iso): \(reason!)"
            var withdrawn = 0
            var offered = 0
            for s in computed.result.streams {
                for rid in s.lapsed + s.waitingLapsed {
                    guard let i = computed.info[rid] else { continue }
                    guard
                        try await Placement.lapse(rid, interventionID: i.intervention, reason: text, in: ctx.within(db))
                    else { continue }
                    withdrawn += 1
                    try await Audit.record(
                        ctx, .referralUpdate, person: i.person, basis: "valve",
                        detail: "withdrawn:\(rid) simulation:\(id)", on: db)
                }
                if !s.canStart.isEmpty,
                    let stream = try await FundingStream.query(on: db).filter(\.$year == record.year).filter(
                        \.$code == s.stream
                    ).first()
                {
                    offered += try await Placement.startWaiting(
                        stream: stream, only: Set(s.canStart), in: ctx.within(db)
                    ).count
                }
            }
            dto.applied = Applied(
                at: ctx.now, by: user.displayName, reason: reason!, withdrawn: withdrawn, offered: offered)
            try await sql.raw(
                "UPDATE valve_simulations SET applied_result = \(bind: ReferralService.encode(dto)) WHERE id = \(bind: id)"
            ).run()
            try await Audit.record(
                ctx, .valveApply, person: nil, basis: "budgetHolder",
                detail: "simulation:\(id) withdrawn:\(withdrawn) offered:\(offered): \(reason!)", on: db)
            return dto
        }
    }

    /// The valve simulations of the last 60 days (10 at most), for the case managers' notice of budget
    /// decisions that concern their people (the page shows only those).
    static func recentForCaseManagers(in ctx: UseCaseContext) async throws -> [ValveSimulationRecord] {
        // Only decisions applied in the last 60 days: a simulation changes nothing for anyone.
        let since = ctx.now.addingTimeInterval(-60 * 86_400)
        return try await ValveSimulationRecord.query(on: ctx.db).filter(\.$appliedAt >= since)
            .sort(\.$appliedAt, .descending).limit(10).all()
    }
}
