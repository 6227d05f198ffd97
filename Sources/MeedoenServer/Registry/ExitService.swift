import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// Leaving for work or school (uitstroom), recorded on the person by its date: by the case manager
/// (a job found without an enrolment, a return to school), and by the end of an enrolment with
/// outcome "uitstroom naar werk". Outflow to work counts people by this date, whatever the route.
enum ExitService {
    /// The case manager records that the resident left for work or school.
    static func record(_ personID: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws -> PersonExit {
        let user = try ctx.requireRole(.caseManager)
        let (person, grant) = try await PersonService.authorised(personID, in: ctx)
        guard NeedToKnow.mayAssess(user.viewer, person.relations) else { throw DomainError.noNeedToKnow }
        let kind = input.choice("kind", ExitKind.self)
        let on = input.date("leftOn")
        let note = input.string("note", required: false, maxLength: 2000)
        if let on, on > ctx.today {
            input.fail(
                "leftOn", "inFuture", nl: "De datum ligt in de toekomst; leg uitstroom vast als die er is.",
                en: "The date is in the future; record leaving when it has happened.")
        }
        if let on, let born = CalendarDate(iso: person.birthDate), on < born.adding(months: 12 * 15) {
            input.fail(
                "leftOn", "beforeWorkingAge", nl: "De datum ligt voor het vijftiende jaar van de inwoner.",
                en: "The date is before the resident turned fifteen.")
        }
        try input.validate()
        let e = PersonExit()
        e.id = ctx.newID()
        e.personID = personID
        e.kind = kind!.rawValue
        e.leftOn = on!.iso
        e.note = note
        e.recordedByName = user.displayName
        e.recordedAt = ctx.now
        let inserted = try await ctx.db.transaction { db -> Bool in
            guard try await insert(e, on: db) else { return false }
            try await Audit.record(
                ctx, .exitRecord, person: personID, basis: grant.basis, detail: "\(kind!.rawValue):\(on!.iso)", on: db)
            return true
        }
        guard inserted else {
            throw DomainError.conflict(
                .init(
                    nl: "Uitstroom naar \(kind!.label.nl) op deze datum is al vastgelegd.",
                    en: "Leaving for \(kind!.label.en) on this date has already been recorded."))
        }
        return e
    }

    /// The resident's exits, newest first (the read audited on the file).
    static func list(_ personID: UUID, in ctx: UseCaseContext) async throws -> [PersonExit] {
        let user = try ctx.requireUser()
        let (person, _) = try await PersonService.authorised(personID, in: ctx, audit: "exits")
        guard NeedToKnow.mayAssess(user.viewer, person.relations) else { throw DomainError.noNeedToKnow }
        return try await of(personID, on: ctx.db)
    }

    /// The exits of one person, for a read that is audited already (the dossier).
    static func of(_ personID: UUID, on db: any Database) async throws -> [PersonExit] {
        try await PersonExit.query(on: db).filter(\.$personID == personID).sort(\.$leftOn, .descending).all()
    }

    /// An enrolment ended with exit to work: the person left for work on its end date (once per date).
    static func fromEnrolment(
        person: UUID, referral: UUID, on: CalendarDate, by name: String, in ctx: UseCaseContext, db: any Database
    ) async throws {
        let e = PersonExit()
        e.id = ctx.newID()
        e.personID = person
        e.kind = ExitKind.work.rawValue
        e.leftOn = on.iso
        e.referralID = referral
        e.recordedByName = name
        e.recordedAt = ctx.now
        _ = try await insert(e, on: db)
    }

    /// Inserts unless the person already has this kind of exit on this date; true when inserted.
    private static func insert(_ e: PersonExit, on db: any Database) async throws -> Bool {
        let rows = try await (db as! any SQLDatabase).raw(
            """
            INSERT INTO person_exits (id, person_id, kind, left_on, referral_id, note, recorded_by_name, recorded_at)
            VALUES (\(bind: e.id!), \(bind: e.personID), \(bind: e.kind), \(bind: e.leftOn), \(bind: e.referralID),
              \(bind: e.note), \(bind: e.recordedByName), \(bind: e.recordedAt))
            ON CONFLICT (person_id, kind, left_on) DO NOTHING RETURNING id
            """
        ).all()
        return !rows.isEmpty
    }
}
