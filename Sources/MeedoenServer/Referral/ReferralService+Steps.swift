import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// A referral's steps after it was made: the provider's answer, start, notes, end, withdrawal.
extension ReferralService {
    // MARK: transitions

    /// Accept, refuse, start, note, end or withdraw. The status change is a conditional update, the first
    /// write of its transaction, so two hands on one referral cannot both act.
    /// Returns the referral after the action, as loaded for it (the change is audited; no second read).
    static func act(_ id: UUID, _ action: ReferralAction, _ input: inout Input, in ctx: UseCaseContext) async throws
        -> Loaded
    {
        let user = try ctx.requireUser()
        let viewer = user.viewer
        let l = try await load(id, in: ctx)
        let r = l.referral
        // Who may do what: the provider answers and reports; the case manager withdraws; both may start, note and end.
        let providerOnly: Set<ReferralAction> = [.accept, .refuse]
        let caseManagerOnly: Set<ReferralAction> = [.withdraw]
        if providerOnly.contains(action), !l.access.asProvider {
            throw DomainError.forbidden(
                .init(
                    nl: "Alleen de aanbieder accepteert of weigert een verwijzing.",
                    en: "Only the provider accepts or refuses a referral."))
        }
        if caseManagerOnly.contains(action),
            !(viewer.has(.caseManager) && !l.access.asProvider && NeedToKnow.mayAssess(viewer, l.person.relations))
        {
            throw DomainError.forbidden(
                .init(
                    nl: "Alleen de klantmanager trekt een verwijzing in.",
                    en: "Only the case manager withdraws a referral."))
        }
        if !l.access.asProvider, !NeedToKnow.mayAssess(viewer, l.person.relations) { throw DomainError.noNeedToKnow }

        let from = r.status
        guard let to = action.next(from: from) else {
            throw DomainError.conflict(action.refusal(from: from))
        }
        let today = ctx.today
        var note: ReferralNote?
        var missed: Agreement?
        var shortfall: Attendance.Shortfall?
        var frees = false
        switch action {
        case .offer:
            // The system's step (a place came free); never a person's.
            throw DomainError.conflict(action.refusal(from: from))
        case .accept:
            r.decidedAt = ctx.now
        case .refuse:
            guard let reason = input.string("reason", maxLength: 2000) else {
                try input.validate()
                break
            }
            r.refusalReason = reason
            r.decidedAt = ctx.now
            frees = true
        case .start:
            let start = input.date("startOn", required: false) ?? today
            let end =
                input.date("plannedEndOn", required: false)
                ?? Duration.latestEnd(start: start, maxMonths: l.intervention.maxMonths)
            try input.validate()
            if let refusal = Duration.refusal(start: start, plannedEnd: end, maxMonths: l.intervention.maxMonths) {
                input.fail("plannedEndOn", "maxDuration", refusal)
            }
            if start.dayNumber > today.dayNumber + 90 {
                input.fail(
                    "startOn", "tooFarAhead", nl: "Een start ligt hooguit 90 dagen vooruit.",
                    en: "A start is at most 90 days ahead.")
            }
            r.startedOn = start.iso
            r.plannedEndOn = end.iso
            // The waiting time is from the referral to the start of the help (until now: to the offer).
            r.waitedDays = max(0, start.dayNumber - (CalendarDate(iso: r.referredOn)?.dayNumber ?? start.dayNumber))
        case .note:
            let kind = input.string("kind", required: false, maxLength: 20) ?? "note"
            let on = input.date("on", required: false) ?? today
            if on > today {
                input.fail("on", "inFuture", nl: "De datum ligt in de toekomst.", en: "The date is in the future.")
            }
            let n = ReferralNote()
            n.id = ctx.newID()
            n.$referral.id = id
            n.kind = NoteKind(rawValue: kind) ?? .note  // an unknown kind fails below
            n.onDate = on.iso
            n.authorID = user.id!
            n.authorName = user.displayName
            switch kind {
            case "attendance":
                // One record per week (Monday to Sunday): a second would count the same absence twice.
                let monday = on.weekStart
                let sunday = CalendarDate(dayNumber: monday.dayNumber + 6)
                if let earlier = try await ReferralNote.query(on: ctx.db).filter(\.$referral.$id == id)
                    .filter(\.$kind == .attendance).filter(\.$onDate >= monday.iso).filter(\.$onDate <= sunday.iso)
                    .first()
                {
                    let day = CalendarDate(iso: earlier.onDate) ?? monday
                    input.fail(
                        "on", "alreadyRecorded",
                        nl:
                            "Voor de week van \(monday.long(.nl)) is de aanwezigheid al vastgelegd (op \(day.long(.nl))). Kies een andere week.",
                        en:
                            "Attendance for the week of \(monday.long(.en)) is already recorded (on \(day.long(.en))). Choose another week."
                    )
                }
                n.attended = input.bool("attended")
                n.hours = input.int("hours", required: false, range: 0...60)  // present in the week of `on`
                n.text = input.string("text", required: false, maxLength: 2000)
            case "note":
                n.text = input.string("text", maxLength: 4000)
            default:
                input.fail("kind", "unknownValue", nl: "Kies note of attendance.", en: "Choose note or attendance.")
            }
            note = n
            if n.kind == .attendance, let attended = n.attended,
                let short = Attendance.shortfall(
                    attended: attended, hours: n.hours, agreedHours: r.agreedHours, basis: l.intervention.legalBasis,
                    offer: l.intervention.name, week: on)
            {
                shortfall = short
                missed = try await missedAgreement(short, l, on: on, in: ctx)
            }
        case .end:
            let outcome = input.choice("outcome", EnrolmentOutcome.self)
            let end = input.date("endOn", required: false) ?? today
            let text = input.string("note", required: false, maxLength: 4000)
            let exam = input.choice("exam", ExamResult.self, required: false)
            if exam != nil, !l.intervention.interventionType.hasExam {
                input.fail(
                    "exam", "noExam",
                    nl: "Alleen een taalcursus of inburgering eindigt met een examen.",
                    en: "Only a language course or civic integration ends with an exam.")
            }
            if let s = r.startedOn.flatMap(CalendarDate.init(iso:)), end < s {
                input.fail(
                    "endOn", "beforeStart", nl: "De einddatum ligt voor de start (\(s.long(.nl))).",
                    en: "The end date is before the start (\(s.long(.en))).")
            }
            if end > today {
                input.fail(
                    "endOn", "inFuture", nl: "De einddatum ligt in de toekomst.", en: "The end date is in the future.")
            }
            try input.validate()
            let candidate = try await candidate(l.person, in: ctx)
            let ladder = ctx.ladderInUse
            let next = Outcomes.nextStep(
                outcome!, currentRung: candidate.rung, topRung: ladder.rungs.map(\.number).max() ?? 5,
                tier: l.intervention.interventionType.tier)
            r.outcome = outcome!.rawValue
            r.outcomeNote = text
            r.exam = exam?.rawValue
            r.endedOn = end.iso
            r.nextStep = encode(
                NextStepRecord(
                    proposedRung: next.proposedRung, nextTier: next.nextTier.map { "\($0)" },
                    reasons: next.reasons.map {
                        CheckRecord(criterion: $0.code, passed: true, nl: $0.text.nl, en: $0.text.en)
                    }))
            frees = true
        case .withdraw:
            r.withdrawReason = input.string("reason", maxLength: 2000)
            frees = from.holdsPlace
        }
        try input.validate()
        r.status = to
        let interventionID = l.intervention.id!
        let newNote = note
        let freesPlace = frees
        let missedAgreement = missed
        let outcome = r.outcome
        let refusal = r.refusalReason
        try await ctx.db.transaction { db in
            if to != from {
                // With the columns the CHECK constraints tie to the status, in the same statement.
                let sql = db as! any SQLDatabase
                let changed = try await sql.raw(
                    """
                    UPDATE referrals SET status = \(bind: to.rawValue), outcome = \(bind: outcome), refusal_reason = \(bind: refusal)
                    WHERE id = \(bind: id) AND status = \(bind: from.rawValue) RETURNING id
                    """
                ).all()
                guard !changed.isEmpty else {
                    throw DomainError.conflict(
                        .init(
                            nl: "De verwijzing is intussen gewijzigd; laad opnieuw.",
                            en: "The referral changed meanwhile; reload."))
                }
            }
            try await r.save(on: db)
            if let newNote { try await newNote.create(on: db) }
            if let missed = missedAgreement {
                // A week below the agreed hours on a duty offer: a missed agreement the case manager can enforce.
                try await missed.create(on: db)
                try await Audit.record(
                    ctx, .agreementCreate, person: l.person.id, basis: l.access.basis,
                    detail: "missed attendance referral:\(id)", on: db)
            }
            try await Audit.record(
                ctx, .referralUpdate, person: l.person.id, basis: l.access.basis, detail: "\(action.rawValue):\(id)",
                on: db)
            // The contract the money was committed under (not the offer's now: a later contract is for new referrals).
            let contract =
                to == .started || to == .refused || to == .withdrawn || to == .ended
                ? try await Commitment.query(on: db).filter(\.$referralID == id).filter(\.$status == .open).first()?
                    .contract : nil
            if let contract, to == .started {
                // A result-based contract pays its start part at the start.
                try await Placement.settle(
                    referralID: id, bookedBy: user.displayName, close: false, in: ctx.within(db)
                ) { c in contract.atStart(priceCents: c.amountCents, spentCents: c.spentCents) }
            }
            if let contract, to == .refused || to == .withdrawn || to == .ended {
                // The result part on a result in time, or back to the stream.
                let start = r.startedOn.flatMap(CalendarDate.init(iso:))
                let end = r.endedOn.flatMap(CalendarDate.init(iso:)) ?? today
                let outcome = r.outcome.flatMap(EnrolmentOutcome.init(rawValue:))
                try await Placement.settle(
                    referralID: id, bookedBy: user.displayName, close: true, in: ctx.within(db)
                ) { c in
                    contract.atEnd(
                        priceCents: c.amountCents, spentCents: c.spentCents, releasedCents: c.releasedCents,
                        outcome: outcome, start: start, end: end)
                }
            } else if to == .refused || to == .withdrawn || to == .ended {
                // The money: all of it back before a start, pro rata after.
                try await Placement.releaseMoney(
                    referralID: id, start: r.startedOn.flatMap(CalendarDate.init(iso:)),
                    plannedEnd: r.plannedEndOn.flatMap(CalendarDate.init(iso:)),
                    end: r.endedOn.flatMap(CalendarDate.init(iso:)) ?? today,
                    in: ctx.within(db))
            }
            if to == .ended, outcome == EnrolmentOutcome.exitToWork.rawValue,
                let end = r.endedOn.flatMap(CalendarDate.init(iso:))
            {
                // Leaving for work is the person's, by its date, whatever the route that led there.
                try await ExitService.fromEnrolment(
                    person: l.person.id!, referral: id, on: end, by: user.displayName, in: ctx, db: db)
            }
            if freesPlace { try await Placement.handOn(interventionID, in: ctx.within(db)) }
        }
        var after = l
        after.missedAgreement = missed
        after.shortfall = shortfall
        return after
    }

    /// The missed agreement a short week creates, in the household's active plan (none without one:
    /// then the attendance stands on the referral alone).
    private static func missedAgreement(
        _ short: Attendance.Shortfall, _ l: Loaded, on: CalendarDate, in ctx: UseCaseContext
    ) async throws -> Agreement? {
        guard let household = l.person.$household.id,
            let plan = try await Plan.query(on: ctx.db).filter(\.$household.$id == household)
                .filter(\.$status == .active).first()
        else { return nil }
        let a = Agreement()
        a.id = ctx.newID()
        a.$plan.id = plan.id!
        a.$person.id = l.person.id!
        a.who = "\(l.person.givenName) \(l.person.familyName)"
        a.what = short.what.nl
        a.dueOn = on.iso
        a.status = .missed
        a.evidence = short.reason.text.nl
        a.referralID = l.referral.id
        return a
    }
}
