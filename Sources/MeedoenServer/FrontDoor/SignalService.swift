import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// Questions at the counter and signals (neighbours, a school, a provider, the adviser's own visit)
/// about a person or an address, followed until help has arrived ("niet loslaten"): a referral, a
/// hand-over to a case manager, a proposal for the district case table — each with an owner, a
/// status and a due date, and a log of every step. Stale signals show in "Mijn werk".
enum SignalService {
    static let workerRoles: Set<Role> = [.counter, .residentAdviser, .caseManager, .caseTableChair]

    static func requireWorker(_ ctx: UseCaseContext) throws -> User {
        let user = try ctx.requireUser()
        guard !user.roleSet.isDisjoint(with: workerRoles) else {
            throw DomainError.forbidden(
                .init(
                    nl: "Signalen zijn voor het loket, bewonersadviseurs, klantmanagers en de stadsdeeltafel.",
                    en: "Signals are for counter staff, resident advisers, case managers and the case table."))
        }
        return user
    }

    /// Who may see a signal: its owner and creator, whoever has a need to know for its person, and
    /// colleagues of the district's front door (so a signal is never stuck with one absent person).
    static func mayView(_ s: Signal, person: Person?, _ user: User) -> Bool {
        if s.ownerID == user.id || s.createdByID == user.id { return true }
        if let person, NeedToKnow.grant(for: user.viewer, to: person.relations) != nil { return true }
        if !user.roleSet.isDisjoint(with: [.counter, .residentAdviser, .caseTableChair]),
            user.districtCode == s.districtCode
        {
            return true
        }
        return false
    }

    /// A person's name is shown only to a viewer with a need to know for that person.
    static func mayNamePerson(_ person: Person?, _ user: User) -> Bool {
        guard let person else { return false }
        return NeedToKnow.grant(for: user.viewer, to: person.relations) != nil
    }

    static func create(_ input: inout Input, in ctx: UseCaseContext) async throws -> Signal {
        let user = try requireWorker(ctx)
        let kind = input.string("kind", maxLength: 20)
        if let kind, kind != "question" && kind != "signal" {
            input.fail("kind", "unknownKind", nl: "Kies ‘vraag’ of ‘signaal’.", en: "Choose ‘question’ or ‘signal’.")
        }
        let source = input.choice("source", SignalSource.self)
        let personID = input.uuid("personId", required: false)
        let address = input.string("address", required: false, maxLength: 200).flatMap {
            $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0
        }
        var district = input.string("districtCode", required: false, maxLength: 10) ?? user.districtCode
        let description = input.string("description", maxLength: 2000)
        if let d = description, d.trimmingCharacters(in: .whitespacesAndNewlines).count < 5 {
            input.fail(
                "description", "tooShort", nl: "Beschrijf de vraag of het signaal in minstens 5 tekens.",
                en: "Describe the question or signal in at least 5 characters.")
        }
        let due = input.date("dueOn", required: false)
        if let due, due < ctx.today {
            input.fail(
                "dueOn", "inPast", nl: "De opvolgdatum ligt in het verleden.", en: "The follow-up date is in the past.")
        }
        if personID == nil && address == nil {
            input.fail(
                "address", "personOrAddress", nl: "Noem een adres, of leg het signaal vast bij een inwoner.",
                en: "Give an address, or record the signal with a resident.")
        }
        var person: Person?
        if let personID {
            person = try await Person.find(personID, on: ctx.db)
            if let p = person, NeedToKnow.grant(for: user.viewer, to: p.relations) != nil {
                district = p.districtCode
            } else {
                input.fail(
                    "personId", "noNeedToKnow",
                    nl: "U kunt geen signaal vastleggen bij een inwoner die u niet mag zien; gebruik het adres.",
                    en: "You cannot record a signal with a resident you may not see; use the address.")
            }
        }
        // An address with a postcode is listed in the district it lies in, whoever writes it down.
        if person == nil, let address, let area = ctx.municipality.current?.file.area(forAddress: address) {
            district = area.district
        }
        if person == nil, let code = district, try await District.find(code, on: ctx.db) == nil {
            input.fail("districtCode", "unknownDistrict", nl: "Onbekend stadsdeel.", en: "Unknown district.")
        } else if district == nil {
            input.fail("districtCode", "required", nl: "Kies het stadsdeel.", en: "Choose the district.")
        }
        try input.validate()
        let subject = person
        let s = Signal()
        s.id = ctx.newID()
        s.kind = kind!
        s.source = source!.rawValue
        s.personID = subject?.id
        s.address = address
        s.districtCode = district!
        s.description = description!
        s.status = SignalStatus.open
        s.ownerID = user.id!
        s.createdByID = user.id!
        // A signal is followed up within two weeks unless agreed otherwise; a question at the counter within a week.
        s.dueOn = (due ?? CalendarDate(dayNumber: ctx.today.dayNumber + (kind == "question" ? 7 : 14))).iso
        try await ctx.db.transaction { db in
            try await s.create(on: db)
            try await SignalEvent(
                id: ctx.newID(), at: ctx.now, signalID: s.id!, actorID: user.id!, action: "created", note: nil
            ).create(on: db)
            try await Audit.record(
                ctx, .signalCreate, person: subject?.id,
                basis: subject.flatMap { NeedToKnow.grant(for: user.viewer, to: $0.relations)?.basis }
                    ?? "signal:\(s.districtCode)",
                detail: "signal \(s.id!)", on: db)
        }
        return s
    }

    struct Loaded {
        var signal: Signal
        var person: Person?
        var events: [SignalEvent]
        var names: [UUID: String]
        var mayName: Bool
    }

    static func load(_ id: UUID, in ctx: UseCaseContext) async throws -> Loaded {
        let user = try requireWorker(ctx)
        guard let s = try await Signal.find(id, on: ctx.db) else {
            throw DomainError.notFound(.init(nl: "Geen signaal met deze id.", en: "No signal with this id."))
        }
        let person = try await s.personID.flatMapAsync { try await Person.find($0, on: ctx.db) }
        guard mayView(s, person: person, user) else { throw DomainError.noNeedToKnow }
        let events = try await SignalEvent.query(on: ctx.db).filter(\.$signalID == id).sort(\.$at, .ascending).all()
        let userIDs = Set(events.map(\.actorID) + [s.ownerID, s.createdByID])
        let names = Dictionary(
            uniqueKeysWithValues: try await User.query(on: ctx.db).filter(\.$id ~~ userIDs).all().map {
                ($0.id!, $0.displayName)
            })
        let mayName = mayNamePerson(person, user)
        try await Audit.record(
            ctx, .signalRead, person: person?.id,
            basis: person.flatMap { NeedToKnow.grant(for: user.viewer, to: $0.relations)?.basis }
                ?? "signal:\(s.districtCode)",
            detail: "signal \(id)")
        return Loaded(signal: s, person: person, events: events, names: names, mayName: mayName)
    }

    enum Action: String, CaseIterable { case take, note, due, handOver, caseTable, close, reopen }

    /// One step of the follow-up. Every step is logged with who and when.
    static func act(_ id: UUID, _ action: Action, _ input: inout Input, in ctx: UseCaseContext) async throws -> Signal {
        let user = try requireWorker(ctx)
        let loaded = try await load(id, in: ctx)
        let s = loaded.signal
        let note = input.string(
            "note", required: action == .note || action == .close || action == .caseTable, maxLength: 2000)
        if action == .caseTable, let n = note, n.trimmingCharacters(in: .whitespaces).count < 10 {
            input.fail(
                "note", "tooShort",
                nl: "Schrijf op waarom dit samen aan de stadsdeeltafel moet (minstens 10 tekens).",
                en: "Write down why this needs the district case table (at least 10 characters).")
        }
        if action == .close, let n = note, n.trimmingCharacters(in: .whitespaces).count < 5 {
            input.fail(
                "note", "tooShort", nl: "Schrijf op hoe de hulp er is gekomen (minstens 5 tekens).",
                en: "Write down how help arrived (at least 5 characters).")
        }
        var newDue: CalendarDate?
        if action == .due {
            newDue = input.date("dueOn")
            if let d = newDue, d < ctx.today {
                input.fail(
                    "dueOn", "inPast", nl: "De opvolgdatum ligt in het verleden.",
                    en: "The follow-up date is in the past.")
            }
        }
        var caseManager: User?
        if action == .handOver {
            if let cm = input.uuid("caseManagerId") {
                caseManager = try await User.find(cm, on: ctx.db)
                if caseManager?.roleSet.contains(.caseManager) != true || caseManager?.active != true {
                    input.fail(
                        "caseManagerId", "notCaseManager", nl: "Kies een klantmanager.", en: "Choose a case manager.")
                }
            }
            if loaded.person == nil {
                input.fail(
                    "caseManagerId", "noPerson",
                    nl: "Een overdracht vraagt een geregistreerde inwoner; registreer de inwoner eerst.",
                    en: "A hand-over needs a registered resident; register the resident first.")
            }
        }
        if action == .caseTable && loaded.person == nil {
            input.fail(
                "note", "noPerson", nl: "Een voorstel voor de stadsdeeltafel vraagt een geregistreerde inwoner.",
                en: "A case-table proposal needs a registered resident.")
        }
        if action != .reopen && !s.status.isOpen {
            input.fail(
                "status", "closed", nl: "Dit signaal is afgesloten; heropen het eerst.",
                en: "This signal is closed; reopen it first.")
        }
        if action == .reopen && s.status.isOpen {
            input.fail("status", "open", nl: "Dit signaal is nog open.", en: "This signal is still open.")
        }
        try input.validate()
        let due = newDue
        let chosenCaseManager = caseManager
        let basis =
            loaded.person.flatMap { NeedToKnow.grant(for: user.viewer, to: $0.relations)?.basis }
            ?? "signal:\(s.districtCode)"
        try await ctx.db.transaction { db in
            var eventNote = note
            switch action {
            case .take:
                s.ownerID = user.id!
                if s.status == .open { s.status = SignalStatus.inProgress }
            case .note: if s.status == .open { s.status = SignalStatus.inProgress }
            case .due:
                s.dueOn = due!.iso
                eventNote = [due!.iso, note].compactMap { $0 }.joined(separator: " — ")
            case .handOver:
                let person = loaded.person!
                let cm = chosenCaseManager!
                s.ownerID = cm.id!
                s.status = SignalStatus.handedOver
                // The case manager follows up within a week — or sooner, when it was due sooner (an urgent
                // signal stays urgent: a hand-over never moves its date later).
                s.dueOn =
                    min(CalendarDate(iso: s.dueOn) ?? ctx.today, CalendarDate(dayNumber: ctx.today.dayNumber + 7)).iso
                if person.$caseManager.id == nil {
                    person.$caseManager.id = cm.id
                    try await person.save(on: db)
                    try await Audit.record(
                        ctx, .personUpdate, person: person.id, basis: basis, detail: "caseManager from signal \(s.id!)",
                        on: db)
                }
                eventNote = cm.displayName + (note.map { " — \($0)" } ?? "")
            case .caseTable:
                let person = loaded.person!
                s.status = SignalStatus.caseTable
                if !person.onCaseTable {
                    person.onCaseTable = true
                    try await person.save(on: db)
                    try await Audit.record(
                        ctx, .personUpdate, person: person.id, basis: basis, detail: "onCaseTable from signal \(s.id!)",
                        on: db)
                }
            case .close:
                s.status = SignalStatus.closed
                s.outcome = note
            case .reopen:
                s.status = SignalStatus.inProgress
                s.outcome = nil
                s.ownerID = user.id!
            }
            try await s.save(on: db)
            try await SignalEvent(
                id: ctx.newID(), at: ctx.now, signalID: s.id!, actorID: user.id!, action: action.rawValue,
                note: eventNote
            ).create(on: db)
            try await Audit.record(
                ctx, .signalUpdate, person: s.personID, basis: basis, detail: "signal \(s.id!) \(action.rawValue)",
                on: db)
        }
        return s
    }

    /// Stores a decision tree's result with the signal: the version that answered, the answers, the result.
    static func storeTreeResult(_ id: UUID, treeID: String, version: String, answers: [String], in ctx: UseCaseContext)
        async throws -> Signal
    {
        let user = try requireWorker(ctx)
        let loaded = try await load(id, in: ctx)
        guard let tree = ctx.trees.tree(treeID) else {
            throw DomainError.invalid("tree", "unknownTree", .init(nl: "Onbekende wegwijzer.", en: "Unknown guide."))
        }
        guard tree.version == version else {
            throw DomainError.conflict(
                .init(
                    nl: "De wegwijzer is intussen vernieuwd (nu versie \(tree.version)); loop hem opnieuw door.",
                    en: "The guide has been renewed meanwhile (now version \(tree.version)); walk it again."))
        }
        guard case .success(let walk) = tree.walk(answers), case .result(let result) = walk.step else {
            throw DomainError.invalid(
                "answers", "noResult",
                .init(nl: "Deze antwoorden leiden niet tot een uitkomst.", en: "These answers do not lead to a result.")
            )
        }
        let s = loaded.signal
        try await ctx.db.transaction { db in
            s.treeID = tree.id
            s.treeVersion = tree.version
            s.treeResult = result.id
            s.treeAnswers = walk.path.joined(separator: ",")
            if s.status == .open { s.status = SignalStatus.inProgress }
            if result.followUp == .urgent { s.dueOn = min(CalendarDate(iso: s.dueOn) ?? ctx.today, ctx.today).iso }
            try await s.save(on: db)
            try await TreeService.record(
                tree, walk: walk, resultID: result.id, signalID: s.id, userID: user.id, in: ctx.within(db))
            try await SignalEvent(
                id: ctx.newID(), at: ctx.now, signalID: s.id!, actorID: user.id!, action: "tree",
                note: "\(tree.id)@\(tree.version): \(result.title.nl)"
            ).create(on: db)
        }
        return s
    }

    /// A referral made from a signal: the signal is now "referred" and points to it.
    static func linkReferral(_ signalID: UUID, referralID: UUID, personID: UUID, in ctx: UseCaseContext) async throws {
        let user = try ctx.requireUser()
        guard let s = try await Signal.find(signalID, on: ctx.db), s.personID == personID, s.status.isOpen else {
            return
        }
        s.referralID = referralID
        s.status = SignalStatus.referred
        s.ownerID = user.id!
        try await ctx.db.transaction { db in
            try await s.save(on: db)
            try await SignalEvent(
                id: ctx.newID(), at: ctx.now, signalID: signalID, actorID: user.id!, action: "referred",
                note: referralID.uuidString
            ).create(on: db)
        }
    }

    /// The signals a user owns that are still open, oldest due date first; and those of their district's front door.
    static func open(ownedBy user: User, on db: any Database) async throws -> [Signal] {
        try await Signal.query(on: db).filter(\.$ownerID == user.id!).filter(\.$status != SignalStatus.closed)
            .sort(\.$dueOn, .ascending).limit(200).all()
    }

    static func open(district: String, on db: any Database) async throws -> [Signal] {
        try await Signal.query(on: db).filter(\.$districtCode == district).filter(
            \.$status != SignalStatus.closed
        ).sort(\.$dueOn, .ascending).limit(500).all()
    }

    /// A resident registered from a signal about an address: the signal is now about this resident
    /// (only the signal's owner or creator links it). Runs in the registration's transaction; audited.
    /// Returns whether the signal was linked.
    static func linkRegistered(_ signalID: UUID, person: Person, in ctx: UseCaseContext) async throws -> Bool {
        let user = try ctx.requireUser()
        guard let s = try await Signal.find(signalID, on: ctx.db), s.personID == nil,
            s.ownerID == user.id || s.createdByID == user.id
        else {
            return false
        }
        s.personID = person.id
        try await s.save(on: ctx.db)
        try await SignalEvent(
            id: ctx.newID(), at: ctx.now, signalID: signalID, actorID: user.id!, action: "registered", note: nil
        ).create(on: ctx.db)
        try await Audit.record(
            ctx, .signalUpdate, person: person.id, basis: "signal", detail: "registered:\(signalID)", on: ctx.db)
        return true
    }

}

extension Optional {
    func flatMapAsync<U>(_ f: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let v = self else { return nil }
        return try await f(v)
    }

}
