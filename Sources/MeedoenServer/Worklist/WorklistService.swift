import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// "My work": what needs the case manager's attention — overdue reassessments and agreements, plans
/// without progress, enrolments whose maximum duration runs out soon, referrals waiting.
enum WorklistService {
    struct PlanItem {
        var planID: UUID
        var householdID: UUID
        var householdName: String
        var due: String
    }
    struct AgreementItem {
        var planID: UUID
        var householdName: String
        var agreement: Agreement
    }
    struct EnrolmentItem {
        var referralID: UUID
        var personID: UUID
        var personName: String
        var interventionName: String
        var plannedEndOn: String
    }
    /// An enforcement case waiting for this case manager: a sanction proposed by a colleague to decide on
    /// (four eyes), or a step of her own case to take.
    struct EnforcementItem {
        var caseID: UUID
        var personID: UUID
        var personName: String
        var status: MeedoenCore.Enforcement.Status
        var proposedByName: String?
        var since: String
    }
    /// A young person on the route "school first" who is not yet enrolled at school or working (no
    /// exit to school or work since the diagnosis): followed up until one of them is recorded.
    struct SchoolFirstItem {
        var personID: UUID
        var personName: String
        var since: String
    }
    /// An exemption from a duty that ends within a month (or ended in the last two): to review.
    struct ExemptionItem {
        var personID: UUID
        var personName: String
        var duty: ExemptedDuty
        var until: String
        var ended: Bool
    }
    /// A result-based contract whose six-month check is due: does the resident still work?
    struct ResultCheckItem {
        var referralID: UUID
        var personID: UUID
        var personName: String
        var interventionName: String
        var dueOn: String
    }
    /// A week below the agreed hours on a duty offer that no plan holds as a missed agreement (the
    /// household has no active plan): the case manager decides what follows.
    struct ShortWeekItem {
        var referralID: UUID
        var personID: UUID
        var personName: String
        var interventionName: String
        var week: String
        var present: Int
        var agreedHours: Int
    }
    struct Worklist {
        /// Sanctions proposed by a colleague, waiting for this case manager's decision (the second pair of eyes).
        var decisions: [EnforcementItem] = []
        /// The case manager's own enforcement cases that are not yet decided.
        var enforcement: [EnforcementItem] = []
        var overdueReassessments: [PlanItem] = []
        var overdueAgreements: [AgreementItem] = []
        var withoutProgress: [PlanItem] = []
        var endingSoon: [EnrolmentItem] = []
        var schoolFirst: [SchoolFirstItem] = []
        var exemptions: [ExemptionItem] = []
        var resultChecks: [ResultCheckItem] = []
        var shortWeeks: [ShortWeekItem] = []
    }

    static func forUser(in ctx: UseCaseContext) async throws -> Worklist {
        let user = try ctx.requireRole(
            .caseManager, .caseTableChair,
            because: .init(
                nl: "Alleen klantmanagers hebben een werklijst met plannen.",
                en: "Only case managers have a plan work list."))
        let today = ctx.today
        let policy = ctx.policies.plan
        var w = Worklist()
        let plans = try await Plan.query(on: ctx.db).filter(\.$director.$id == user.id!).filter(\.$status == .active)
            .all()
        let households = try await Household.query(on: ctx.db).filter(\.$id ~~ plans.map { $0.$household.id }).all()
        let names = Dictionary(uniqueKeysWithValues: households.map { ($0.id!, $0.name) })
        let members = try await Person.query(on: ctx.db).filter(\.$household.$id ~~ plans.map { $0.$household.id })
            .all()
        let agreements = try await Agreement.query(on: ctx.db).filter(\.$plan.$id ~~ plans.map { $0.id! }).all()
        // A week of attendance below the agreed hours is a missed agreement, to act on until enforcement starts.
        let missedIDs = agreements.filter { $0.status == .missed && $0.referralID != nil }.map { $0.id! }
        let enforced =
            missedIDs.isEmpty
            ? Set<UUID>()
            : Set(
                try await EnforcementCase.query(on: ctx.db).filter(\.$agreementID ~~ missedIDs).all().map(\.agreementID)
            )
        // Only the columns needed, without Fluent's per-row reflection: a director may have hundreds of plans.
        let rungRows =
            members.isEmpty
            ? []
            : try await (ctx.db as! any SQLDatabase).select()
                .column("person_id").column("ladder_id").column("rung").column("assessed_on").from("assessments")
                .where(SQLColumn("person_id"), .in, SQLGroupExpression(members.map { SQLBind($0.id!) })).where(
                    "kind", .equal, "rung"
                )
                .orderBy("assessed_on").all()
        let rungs: [Assessment] = try rungRows.map { row in
            let a = Assessment()
            a.id = ctx.newID()
            a.$person.id = try row.decode(column: "person_id", as: UUID.self)
            a.ladderID = try row.decode(column: "ladder_id", as: String?.self)
            a.rung = try row.decode(column: "rung", as: Int?.self)
            a.assessedOn = try row.decode(column: "assessed_on", as: String.self)
            return a
        }
        for plan in plans {
            let hid = plan.$household.id
            let name = names[hid] ?? ""
            if let due = CalendarDate(iso: plan.reassessmentDue), due < today {
                w.overdueReassessments.append(
                    PlanItem(planID: plan.id!, householdID: hid, householdName: name, due: plan.reassessmentDue))
            }
            let mine = agreements.filter { $0.$plan.id == plan.id }
            for a in mine
            where (a.status == .open && (CalendarDate(iso: a.dueOn).map { $0 < today } ?? false))
                || (a.status == .missed && a.referralID != nil && !enforced.contains(a.id!))
            {
                w.overdueAgreements.append(AgreementItem(planID: plan.id!, householdName: name, agreement: a))
            }
            let lastDone = mine.compactMap { $0.doneOn.flatMap(CalendarDate.init(iso:)) }.max()
            let memberIDs = Set(members.filter { $0.$household.id == hid }.map { $0.id! })
            let lastChange = lastRungChange(rungs.filter { memberIDs.contains($0.$person.id) })
            if let start = CalendarDate(iso: plan.startedOn),
                policy.withoutProgress(
                    planStart: start, lastAgreementDone: lastDone, lastRungChange: lastChange, today: today)
            {
                w.withoutProgress.append(
                    PlanItem(planID: plan.id!, householdID: hid, householdName: name, due: plan.reassessmentDue))
            }
        }
        // Enrolments of my caseload that reach their planned end (the maximum duration) soon.
        let sql = ctx.db as! any SQLDatabase
        let horizon = CalendarDate(dayNumber: today.dayNumber + policy.endingSoonDays).iso
        let rows = try await sql.raw(
            """
            SELECT r.id, r.person_id, r.planned_end_on, p.given_name, p.family_name, i.name AS i_name
            FROM referrals r JOIN persons p ON p.id = r.person_id JOIN interventions i ON i.id = r.intervention_id
            WHERE r.status = 'started' AND r.planned_end_on <= \(bind: horizon)
              AND (p.case_manager_id = \(bind: user.id!) OR r.referred_by_id = \(bind: user.id!))
            ORDER BY r.planned_end_on LIMIT 200
            """
        ).all()
        for row in rows {
            w.endingSoon.append(
                EnrolmentItem(
                    referralID: try row.decode(column: "id", as: UUID.self),
                    personID: try row.decode(column: "person_id", as: UUID.self),
                    personName:
                        "\(try row.decode(column: "given_name", as: String.self)) \(try row.decode(column: "family_name", as: String.self))",
                    interventionName: try row.decode(column: "i_name", as: String.self),
                    plannedEndOn: try row.decode(column: "planned_end_on", as: String.self)))
        }
        // Young people of my caseload whose latest diagnosis says "school first", not yet enrolled or working.
        let young = try await sql.raw(
            """
            SELECT p.id, p.given_name, p.family_name, ld.decided_on FROM persons p JOIN (
              SELECT person_id, decided_route, decided_on FROM (
                SELECT person_id, decided_route, decided_on,
                  ROW_NUMBER() OVER (PARTITION BY person_id ORDER BY decided_on DESC, created_at DESC) AS rn
                FROM diagnoses WHERE person_id IN (SELECT id FROM persons WHERE case_manager_id = \(bind: user.id!))) x
              WHERE rn = 1) ld ON ld.person_id = p.id
            WHERE ld.decided_route = \(bind: Route.workSchoolFirst.rawValue)
              AND NOT EXISTS (SELECT 1 FROM person_exits e WHERE e.person_id = p.id AND e.left_on >= ld.decided_on)
            ORDER BY ld.decided_on LIMIT 200
            """
        ).all()
        for row in young {
            w.schoolFirst.append(
                SchoolFirstItem(
                    personID: try row.decode(column: "id", as: UUID.self),
                    personName:
                        "\(try row.decode(column: "given_name", as: String.self)) \(try row.decode(column: "family_name", as: String.self))",
                    since: try row.decode(column: "decided_on", as: String.self)))
        }
        // Exemptions of my caseload whose latest end date falls within the review window.
        let reviewFrom = CalendarDate(dayNumber: today.dayNumber - 60).iso
        let reviewTo = CalendarDate(dayNumber: today.dayNumber + Obligations.reviewDays).iso
        let exemptionRows = try await sql.raw(
            """
            SELECT o.person_id, o.duty, MAX(o.until_on) AS until_on, p.given_name, p.family_name
            FROM person_obligations o JOIN persons p ON p.id = o.person_id
            WHERE o.kind = 'exemption' AND p.case_manager_id = \(bind: user.id!)
            GROUP BY o.person_id, o.duty, p.given_name, p.family_name
            HAVING MAX(o.until_on) >= \(bind: reviewFrom) AND MAX(o.until_on) <= \(bind: reviewTo)
            ORDER BY until_on LIMIT 200
            """
        ).all()
        for row in exemptionRows {
            guard let duty = ExemptedDuty(rawValue: try row.decode(column: "duty", as: String.self)) else { continue }
            w.exemptions.append(
                ExemptionItem(
                    personID: try row.decode(column: "person_id", as: UUID.self),
                    personName:
                        "\(try row.decode(column: "given_name", as: String.self)) \(try row.decode(column: "family_name", as: String.self))",
                    duty: duty, until: try row.decode(column: "until_on", as: String.self),
                    ended: try row.decode(column: "until_on", as: String.self) < today.iso))
        }
        // Six-month checks of result-based contracts that are due, for my caseload or my referrals.
        let checkRows = try await sql.raw(
            """
            SELECT r.id, r.person_id, c.result_due_on, p.given_name, p.family_name, i.name AS i_name
            FROM commitments c JOIN referrals r ON r.id = c.referral_id JOIN persons p ON p.id = r.person_id
            JOIN interventions i ON i.id = r.intervention_id
            WHERE c.status = 'open' AND c.result = 'pending' AND c.result_due_on <= \(bind: today.iso)
              AND (p.case_manager_id = \(bind: user.id!) OR r.referred_by_id = \(bind: user.id!))
            ORDER BY c.result_due_on LIMIT 200
            """
        ).all()
        for row in checkRows {
            w.resultChecks.append(
                ResultCheckItem(
                    referralID: try row.decode(column: "id", as: UUID.self),
                    personID: try row.decode(column: "person_id", as: UUID.self),
                    personName:
                        "\(try row.decode(column: "given_name", as: String.self)) \(try row.decode(column: "family_name", as: String.self))",
                    interventionName: try row.decode(column: "i_name", as: String.self),
                    dueOn: try row.decode(column: "result_due_on", as: String.self)))
        }
        // Short weeks on duty offers in the last eight weeks that no plan records as a missed agreement.
        let shortRows = try await sql.raw(
            """
            SELECT r.id, r.person_id, n.on_date, n.attended, n.hours, r.agreed_hours, p.given_name, p.family_name,
              i.name AS i_name
            FROM referral_notes n JOIN referrals r ON r.id = n.referral_id JOIN persons p ON p.id = r.person_id
            JOIN interventions i ON i.id = r.intervention_id
            WHERE n.kind = 'attendance' AND i.legal_basis = 'duty' AND r.agreed_hours > 0
              AND (n.attended = \(bind: false) OR COALESCE(n.hours, r.agreed_hours) < r.agreed_hours)
              AND n.on_date >= \(bind: CalendarDate(dayNumber: today.dayNumber - 56).iso)
              AND NOT EXISTS (SELECT 1 FROM agreements a WHERE a.referral_id = r.id AND a.due_on = n.on_date)
              AND (p.case_manager_id = \(bind: user.id!) OR r.referred_by_id = \(bind: user.id!))
            ORDER BY n.on_date LIMIT 200
            """
        ).all()
        for row in shortRows {
            let attended = try row.decode(column: "attended", as: Bool?.self) ?? false
            let agreed = try row.decode(column: "agreed_hours", as: Int.self)
            w.shortWeeks.append(
                ShortWeekItem(
                    referralID: try row.decode(column: "id", as: UUID.self),
                    personID: try row.decode(column: "person_id", as: UUID.self),
                    personName:
                        "\(try row.decode(column: "given_name", as: String.self)) \(try row.decode(column: "family_name", as: String.self))",
                    interventionName: try row.decode(column: "i_name", as: String.self),
                    week: try row.decode(column: "on_date", as: String.self),
                    present: attended ? (try row.decode(column: "hours", as: Int?.self) ?? agreed) : 0,
                    agreedHours: agreed))
        }
        // Enforcement: sanctions a colleague proposed for residents this case manager may assess (four eyes),
        // and her own cases still under way.
        if user.roleSet.contains(.caseManager) {
            let grants = NeedToKnow.grants(for: user.viewer)
            let open = ["reminded", "invited", "heard", "proposed"]
            let caseRows =
                grants.isEmpty
                ? []
                : try await sql.select()
                    .column(SQLColumn("id", table: "e")).column(SQLColumn("person_id", table: "e"))
                    .column(SQLColumn("status", table: "e")).column(SQLColumn("proposed_by_id", table: "e"))
                    .column(SQLColumn("proposed_by_name", table: "e")).column(SQLColumn("proposed_on", table: "e"))
                    .column(SQLColumn("opened_on", table: "e")).column(SQLColumn("given_name", table: "p"))
                    .column(SQLColumn("family_name", table: "p")).column(SQLColumn("case_manager_id", table: "p"))
                    .from(SQLAlias(SQLIdentifier("enforcement_cases"), as: SQLIdentifier("e")))
                    .join(
                        SQLAlias(SQLIdentifier("persons"), as: SQLIdentifier("p")), method: SQLJoinMethod.inner,
                        on: SQLColumn("id", table: "p"), .equal, SQLColumn("person_id", table: "e")
                    )
                    .where(SQLColumn("status", table: "e"), .in, SQLGroupExpression(open.map { SQLBind($0) }))
                    .where(PersonService.grantCondition(grants, table: "p"))
                    .orderBy(SQLColumn("opened_on", table: "e")).limit(500).all()
            for row in caseRows {
                let status = MeedoenCore.Enforcement.Status(rawValue: try row.decode(column: "status", as: String.self))
                guard let status else { continue }
                let proposer = try row.decode(column: "proposed_by_id", as: UUID?.self)
                let item = EnforcementItem(
                    caseID: try row.decode(column: "id", as: UUID.self),
                    personID: try row.decode(column: "person_id", as: UUID.self),
                    personName:
                        "\(try row.decode(column: "given_name", as: String.self)) \(try row.decode(column: "family_name", as: String.self))",
                    status: status, proposedByName: try row.decode(column: "proposed_by_name", as: String?.self),
                    since: try row.decode(column: "proposed_on", as: String?.self)
                        ?? row.decode(column: "opened_on", as: String.self))
                if status == .proposed, proposer != user.id {
                    w.decisions.append(item)
                } else if status != .proposed, try row.decode(column: "case_manager_id", as: UUID?.self) == user.id {
                    w.enforcement.append(item)
                }
            }
        }
        // Audit the people whose household or name this list shows (not every member of every plan).
        let shownHouseholds = Set(w.overdueReassessments.map(\.householdID) + w.withoutProgress.map(\.householdID))
            .union(w.overdueAgreements.compactMap { item in plans.first { $0.id == item.planID }?.$household.id })
        var shown = Set<UUID>()
        for m in members where m.$household.id.map(shownHouseholds.contains) == true { shown.insert(m.id!) }
        for e in w.endingSoon { shown.insert(e.personID) }
        for e in w.schoolFirst { shown.insert(e.personID) }
        for e in w.exemptions { shown.insert(e.personID) }
        for e in w.resultChecks { shown.insert(e.personID) }
        for e in w.shortWeeks { shown.insert(e.personID) }
        for e in w.decisions + w.enforcement { shown.insert(e.personID) }
        if !shown.isEmpty {
            try await Audit.record(
                ctx, .personList, people: shown.sorted { $0.uuidString < $1.uuidString }.map { ($0, "worklist") })
        }
        return w
    }

    /// The last date on which a rung differed from the one before it.
    static func lastRungChange(_ assessments: [Assessment]) -> CalendarDate? {
        var last: CalendarDate?
        var previous: [String: Int] = [:]  // per person and ladder
        for a in assessments {
            guard let r = a.rung else { continue }
            let key = "\(a.$person.id)/\(a.ladderID ?? "")"
            if let p = previous[key], p != r {
                last = max(last ?? CalendarDate(iso: a.assessedOn)!, CalendarDate(iso: a.assessedOn) ?? last!)
            }
            previous[key] = r
        }
        return last
    }
}
