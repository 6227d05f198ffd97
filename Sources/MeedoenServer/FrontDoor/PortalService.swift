import Fluent
import MeedoenCore
import Vapor

/// The resident's own view: only their own file (the `ownFile` grant), every read audited.
enum PortalService {
    /// The signed-in resident and their person record, or 403.
    static func resident(_ ctx: UseCaseContext) async throws -> (User, Person) {
        let user = try ctx.requireRole(
            .resident, because: .init(nl: "Deze pagina is voor inwoners.", en: "This page is for residents."))
        guard let personID = user.personID, let person = try await Person.find(personID, on: ctx.db) else {
            throw DomainError.forbidden(
                .init(nl: "Uw account hoort bij geen inwoner.", en: "Your account belongs to no resident."))
        }
        return (user, person)
    }

    /// What the resident's home page shows: their plan and agreements, appointments, enrolments,
    /// vouchers, activities and who looked at their file. One audit entry (`portal.read`).
    struct Home {
        var user: User
        var person: Person
        var plan: Plan?
        var agreements: [Agreement]
        var appointments: [Appointment]
        var referrals: [Referral]
        var providers: [UUID: String]
        var account: VoucherAccount?
        var rated: Set<UUID>
        var activities: [ResidentActivity]
        /// Reads and changes by others, newest first (200 at most).
        var accessLog: [AuditEvent]
    }

    static func home(in ctx: UseCaseContext) async throws -> Home {
        let (user, person) = try await resident(ctx)
        let pid = person.id!
        let db = ctx.db
        let plan = try await person.$household.id.flatMapAsync {
            try await PlanService.active(householdID: $0, in: ctx.within(db))
        }
        let agreements =
            try await plan.flatMapAsync { p in try await PlanService.agreements(p.id!, in: ctx.within(db)) }?.filter {
                $0.$person.id == nil || $0.$person.id == pid
            } ?? []
        let appointments = try await Appointment.query(on: db).filter(\.$personID == pid).filter(
            \.$startsAt >= ctx.today.iso
        ).sort(\.$startsAt).all()
        let referrals = try await Referral.query(on: db).filter(\.$person.$id == pid).with(\.$intervention).sort(
            \.$referredAt, .descending
        ).all()
        let providerIDs = Set(referrals.map { $0.intervention.$provider.id })
        let providers = Dictionary(
            uniqueKeysWithValues: try await Provider.query(on: db).filter(\.$id ~~ providerIDs).all().map {
                ($0.id!, $0.name)
            })
        let account = try await VoucherAccount.query(on: db).filter(\.$personID == pid).first()
        let rated = Set(try await EnrolmentFeedback.query(on: db).filter(\.$personID == pid).all().map(\.referralID))
        let activities = try await ResidentActivity.query(on: db).filter(\.$personID == pid).sort(
            \.$createdAt, .descending
        ).limit(20).all()
        let log = try await AuditEvent.query(on: db).filter(\.$personID == pid).sort(\.$at, .descending).limit(200)
            .all().filter { $0.actorID != user.id }
        try await Audit.record(ctx, .portalRead, person: pid, basis: "ownFile")
        return Home(
            user: user, person: person, plan: plan, agreements: agreements, appointments: appointments,
            referrals: referrals,
            providers: providers, account: account, rated: rated, activities: activities, accessLog: log)
    }

    /// One of the resident's own enrolments (with its intervention), or not found.
    static func ownEnrolment(_ referralID: UUID, in ctx: UseCaseContext) async throws -> Referral {
        let (_, person) = try await resident(ctx)
        guard let r = try await Referral.query(on: ctx.db).filter(\.$id == referralID).with(\.$intervention).first(),
            r.$person.id == person.id
        else {
            throw DomainError.notFound(
                .init(nl: "Geen traject van u met deze id.", en: "No enrolment of yours with this id."))
        }
        return r
    }

    /// The resident marks one of their agreements done, with a note for the case manager.
    static func markDone(_ agreementID: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws -> Agreement {
        let (_, person) = try await resident(ctx)
        let note = input.string("note", maxLength: 2000)
        if let n = note, n.trimmingCharacters(in: .whitespaces).count < 3 {
            input.fail("note", "tooShort", nl: "Schrijf kort wat u heeft gedaan.", en: "Write briefly what you did.")
        }
        try input.validate()
        guard let a = try await Agreement.find(agreementID, on: ctx.db),
            let plan = try await Plan.find(a.$plan.id, on: ctx.db),
            plan.$household.id == person.$household.id, person.$household.id != nil,
            a.$person.id == nil || a.$person.id == person.id
        else {
            throw DomainError.notFound(
                .init(nl: "Geen afspraak van u met deze id.", en: "No agreement of yours with this id."))
        }
        guard a.status == .open || a.status == .missed else {
            throw DomainError.conflict(
                .init(nl: "Deze afspraak is al afgerond.", en: "This agreement is already completed."))
        }
        a.status = AgreementStatus.done
        a.doneOn = ctx.today.iso
        a.evidence = "Inwoner: " + note!
        try await ctx.db.transaction { db in
            try await a.save(on: db)
            try await Audit.record(
                ctx, .agreementUpdate, person: person.id, basis: "ownFile",
                detail: "agreement:\(agreementID) done by resident", on: db)
        }
        return a
    }

    /// A resident registers an activity; a professional approves it (and vouchers are credited) or not.
    static func registerActivity(_ input: inout Input, in ctx: UseCaseContext) async throws -> ResidentActivity {
        let (_, person) = try await resident(ctx)
        let description = input.string("description", maxLength: 200)
        let hours = input.int("hours", range: 1...40)
        let on = input.date("onDate")
        if let on, on > ctx.today {
            input.fail("onDate", "inFuture", nl: "De datum ligt in de toekomst.", en: "The date is in the future.")
        }
        if let on, on.year < ctx.today.year - 1 {
            input.fail(
                "onDate", "tooOld", nl: "Activiteiten van vóór vorig jaar tellen niet meer.",
                en: "Activities from before last year no longer count.")
        }
        try input.validate()
        let a = ResidentActivity()
        a.id = ctx.newID()
        a.personID = person.id!
        a.onDate = on!.iso
        a.description = description!
        a.hours = hours!
        a.status = .pending
        try await ctx.db.transaction { db in
            try await a.create(on: db)
            try await Audit.record(
                ctx, .activityCreate, person: person.id, basis: "ownFile", detail: "activity \(a.id!)", on: db)
        }
        return a
    }

    /// A professional with a need to know approves (vouchers credited) or rejects (with a reason).
    /// The first decision wins: the row is claimed with a conditional update before the voucher entry.
    static func decideActivity(
        _ personID: UUID, _ activityID: UUID, approve: Bool, _ input: inout Input, in ctx: UseCaseContext
    ) async throws -> ResidentActivity {
        let user = try ctx.requireRole(
            .caseManager, .residentAdviser,
            because: .init(
                nl: "Alleen een professional keurt activiteiten goed.", en: "Only a professional approves activities."))
        let (person, grant) = try await PersonService.authorised(personID, in: ctx)
        let note = input.string("note", required: !approve, maxLength: 500)
        try input.validate()
        guard let a = try await ResidentActivity.find(activityID, on: ctx.db), a.personID == person.id else {
            throw DomainError.notFound(.init(nl: "Geen activiteit met deze id.", en: "No activity with this id."))
        }
        let claimed = try await ResidentActivity.query(on: ctx.db).filter(\.$id == activityID).filter(
            \.$status == .pending
        ).filter(\.$decidedByID == nil)
            .set(\.$decidedByID, to: user.id).update()
        _ = claimed
        guard let fresh = try await ResidentActivity.find(activityID, on: ctx.db), fresh.status == .pending,
            fresh.decidedByID == user.id
        else {
            throw DomainError.conflict(
                .init(nl: "Over deze activiteit is al besloten.", en: "This activity has already been decided."))
        }
        if approve {
            var earn = Input(form: [
                "activity": .string(a.description), "hours": .int(a.hours), "on": .string(a.onDate),
            ])
            do {
                let entry = try await VoucherService.earn(person.id!, &earn, in: ctx)
                fresh.status = .approved
                fresh.voucherEntryID = entry.id
                fresh.decisionNote = note
            } catch {
                fresh.decidedByID = nil
                try await fresh.save(on: ctx.db)
                throw error
            }
        } else {
            fresh.status = .rejected
            fresh.decisionNote = note
        }
        try await ctx.db.transaction { db in
            try await fresh.save(on: db)
            try await Audit.record(
                ctx, .activityDecide, person: person.id, basis: grant.basis,
                detail: "activity \(activityID) \(fresh.status)", on: db)
        }
        return fresh
    }

    /// The resident says how an ended enrolment of theirs was: once per enrolment.
    static func giveFeedback(_ referralID: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws
        -> EnrolmentFeedback
    {
        let (_, person) = try await resident(ctx)
        guard let r = try await Referral.find(referralID, on: ctx.db), r.$person.id == person.id else {
            throw DomainError.notFound(
                .init(nl: "Geen traject van u met deze id.", en: "No enrolment of yours with this id."))
        }
        let useful = input.int("useful", range: 1...5)
        let respect = input.int("respect", range: 1...5)
        let recommend = input.int("recommend", range: 1...5)
        let comment = input.string("comment", required: false, maxLength: 1000)
        try input.validate()
        guard r.status == .ended else {
            throw DomainError.conflict(
                .init(
                    nl: "U kunt dit invullen als het traject is afgelopen.",
                    en: "You can answer once the enrolment has ended."))
        }
        guard try await EnrolmentFeedback.query(on: ctx.db).filter(\.$referralID == referralID).first() == nil else {
            throw DomainError.conflict(
                .init(
                    nl: "U heeft dit traject al beoordeeld. Dank u wel.",
                    en: "You have already rated this enrolment. Thank you."))
        }
        let f = EnrolmentFeedback()
        f.id = ctx.newID()
        f.referralID = referralID
        f.personID = person.id!
        f.useful = useful!
        f.respect = respect!
        f.recommend = recommend!
        f.comment = comment.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        try await ctx.db.transaction { db in
            try await f.create(on: db)
            try await Audit.record(
                ctx, .feedbackCreate, person: person.id, basis: "ownFile", detail: "feedback referral \(referralID)",
                on: db)
        }
        return f
    }

    /// A case manager plans an appointment with the resident.
    static func addAppointment(_ personID: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws
        -> Appointment
    {
        let user = try ctx.requireRole(.caseManager, .residentAdviser)
        let (person, grant) = try await PersonService.authorised(personID, in: ctx)
        let date = input.date("date")
        let time = input.string("time", maxLength: 5)
        if let time, time.range(of: #"^([01][0-9]|2[0-3]):[0-5][0-9]$"#, options: .regularExpression) == nil {
            input.fail(
                "time", "badTime", nl: "Tijd als uu:mm, bijvoorbeeld 10:30.", en: "Time as hh:mm, for example 10:30.")
        }
        if let date, date < ctx.today {
            input.fail("date", "inPast", nl: "De datum ligt in het verleden.", en: "The date is in the past.")
        }
        let place = input.string("place", maxLength: 200)
        let about = input.string("about", maxLength: 500)
        try input.validate()
        let a = Appointment()
        a.id = ctx.newID()
        a.personID = person.id!
        a.startsAt = "\(date!.iso)T\(time!)"
        a.withName = user.displayName
        a.place = place!
        a.about = about!
        a.createdByID = user.id!
        try await ctx.db.transaction { db in
            try await a.create(on: db)
            try await Audit.record(
                ctx, .appointmentCreate, person: person.id, basis: grant.basis, detail: "appointment \(a.id!)", on: db)
        }
        return a
    }

    // MARK: the AVG right of access

    /// Everything Meedoen holds about the resident, as stored (column names as in the database).
    struct Export: Codable, Sendable {
        var generatedAt: Date
        var explanation: String
        var person: Person
        var household: Household?
        var householdPlans: [Plan]
        var agreements: [Agreement]
        var assessments: [Assessment]
        var diagnoses: [Diagnosis]
        var referrals: [Referral]
        /// When the resident left for work or school.
        var exits: [PersonExit]
        /// The reciprocal contribution and exemptions.
        var obligations: [PersonObligation]
        var appointments: [Appointment]
        var activities: [ResidentActivity]
        var voucherAccount: VoucherAccount?
        var voucherEntries: [VoucherEntry]
        var enforcementCases: [EnforcementCase]
        var signals: [Signal]
        var feedback: [EnrolmentFeedback]
        var accessLog: [AuditEvent]
    }

    static func export(in ctx: UseCaseContext) async throws -> Export {
        let (_, person) = try await resident(ctx)
        let pid = person.id!
        let household = try await person.$household.id.flatMapAsync { try await Household.find($0, on: ctx.db) }
        let plans =
            try await household.flatMapAsync { h in
                try await Plan.query(on: ctx.db).filter(\.$household.$id == h.id!).all()
            } ?? []
        let agreements =
            plans.isEmpty
            ? []
            : try await Agreement.query(on: ctx.db).filter(\.$plan.$id ~~ plans.map { $0.id! }).all()
                .filter { $0.$person.id == nil || $0.$person.id == pid }
        let account = try await VoucherAccount.query(on: ctx.db).filter(\.$personID == pid).first()
        let entries =
            try await account.flatMapAsync { a in
                try await VoucherEntry.query(on: ctx.db).filter(\.$accountID == a.id!).all()
            } ?? []
        let export = Export(
            generatedAt: ctx.now,
            explanation:
                "Alles wat de gemeente in Meedoen over u vastlegt (AVG artikel 15). / Everything the municipality holds about you in Meedoen (GDPR article 15).",
            person: person, household: household, householdPlans: plans, agreements: agreements,
            assessments: try await Assessment.query(on: ctx.db).filter(\.$person.$id == pid).all(),
            diagnoses: try await Diagnosis.query(on: ctx.db).filter(\.$person.$id == pid).all(),
            referrals: try await Referral.query(on: ctx.db).filter(\.$person.$id == pid).all(),
            exits: try await ExitService.of(pid, on: ctx.db),
            obligations: try await ObligationService.of(pid, on: ctx.db),
            appointments: try await Appointment.query(on: ctx.db).filter(\.$personID == pid).all(),
            activities: try await ResidentActivity.query(on: ctx.db).filter(\.$personID == pid).all(),
            voucherAccount: account, voucherEntries: entries,
            enforcementCases: try await EnforcementCase.query(on: ctx.db).filter(\.$personID == pid).all(),
            signals: try await Signal.query(on: ctx.db).filter(\.$personID == pid).all(),
            feedback: try await EnrolmentFeedback.query(on: ctx.db).filter(\.$personID == pid).all(),
            accessLog: try await AuditEvent.query(on: ctx.db).filter(\.$personID == pid).sort(\.$at, .descending).limit(
                5000
            ).all())
        try await Audit.record(ctx, .accessExport, person: pid, basis: "ownFile")
        return export
    }

    /// Who read or changed the resident's file, newest first, a page at a time (the resident's own
    /// visits left out). Reading it is itself recorded.
    static func accessLog(page: Int, pageSize: Int = 50, in ctx: UseCaseContext) async throws
        -> (events: [AuditEvent], total: Int)
    {
        let (user, person) = try await resident(ctx)
        let base = AuditEvent.query(on: ctx.db).filter(\.$personID == person.id!).group(.or) {
            $0.filter(\.$actorID == nil).filter(\.$actorID != user.id)
        }
        let total = try await base.copy().count()
        let events = try await base.sort(\.$at, .descending).sort(\.$id).range(
            lower: (max(page, 1) - 1) * pageSize, upper: max(page, 1) * pageSize
        ).all()
        try await Audit.record(ctx, .auditRead, person: person.id!, basis: "ownFile")
        return (events, total)
    }

    /// The AVG overview as a page: the export with the names it refers to by id (offers, the case
    /// manager and plan directors, districts), so that nothing on the page is a code.
    struct ExportPage {
        var export: Export
        var offers: [UUID: String]
        var people: [UUID: String]
        var districts: [String: String]
    }

    static func exportPage(in ctx: UseCaseContext) async throws -> ExportPage {
        let export = try await export(in: ctx)
        let offerIDs = Set(export.referrals.map { $0.$intervention.id })
        let offers =
            offerIDs.isEmpty
            ? [] : try await Intervention.query(on: ctx.db).filter(\.$id ~~ Array(offerIDs)).all()
        let userIDs = Set(
            [export.person.$caseManager.id].compactMap { $0 } + export.householdPlans.map { $0.$director.id })
        let users = userIDs.isEmpty ? [] : try await User.query(on: ctx.db).filter(\.$id ~~ Array(userIDs)).all()
        return ExportPage(
            export: export,
            offers: Dictionary(offers.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a }),
            people: Dictionary(users.map { ($0.id!, $0.displayName) }, uniquingKeysWith: { a, _ in a }),
            districts: try await ctx.districts.all(on: ctx.db).names)
    }

    /// What the dossier shows of the front door: the resident's signals, activities awaiting a decision
    /// (when asked) and coming appointments (the caller has the dossier's need to know).
    static func frontDoorOfDossier(_ personID: UUID, withActivities: Bool, in ctx: UseCaseContext) async throws
        -> (signals: [Signal], pending: [ResidentActivity], appointments: [Appointment])
    {
        let signals = try await Signal.query(on: ctx.db).filter(\.$personID == personID).sort(\.$createdAt, .descending)
            .all()
        let pending =
            withActivities
            ? try await ResidentActivity.query(on: ctx.db).filter(\.$personID == personID).filter(
                \.$status == .pending
            ).sort(\.$onDate).all() : []
        let appointments = try await Appointment.query(on: ctx.db).filter(\.$personID == personID).filter(
            \.$startsAt >= ctx.today.iso
        ).sort(\.$startsAt).all()
        return (signals, pending, appointments)
    }
}
