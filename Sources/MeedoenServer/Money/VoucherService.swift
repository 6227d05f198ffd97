import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// Participation vouchers: a ledger per person. Earned by registered activities (hours × the policy
/// rate, approved by a professional or the provider), redeemed at registered local businesses.
/// The balance is changed only by conditional updates; a redemption carries an idempotency key that
/// is unique per business, so a request sent twice — or twice at once — is applied once.
enum VoucherService {
    struct Entry: Codable, Sendable {
        var id: UUID
        var kind: String
        var amountCents: Int
        var onDate: String
        var activity: String?
        var hours: Int?
        var approvedBy: String?
        var business: String?
    }
    struct Account: Codable, Sendable {
        var personId: UUID
        var cardCode: String?
        var balanceCents: Int
        var entries: [Entry]
    }

    static func cardCode() -> String {
        let letters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var rng = SystemRandomNumberGenerator()
        let s = String((0..<8).map { _ in letters[Int(rng.next() % UInt64(letters.count))] })
        return "MD-\(s.prefix(4))-\(s.suffix(4))"
    }

    /// The person's account with its history (their own file, or a need to know); audited.
    static func account(_ personID: UUID, in ctx: UseCaseContext) async throws -> Account {
        let (person, grant) = try await PersonService.authorised(personID, in: ctx)
        guard let a = try await VoucherAccount.query(on: ctx.db).filter(\.$personID == person.id!).first() else {
            try await Audit.record(ctx, .voucherRead, person: person.id, basis: grant.basis)
            return Account(personId: personID, cardCode: nil, balanceCents: 0, entries: [])
        }
        let entries = try await VoucherEntry.query(on: ctx.db).filter(\.$accountID == a.id!).sort(
            \.$onDate, .descending
        ).sort(\.$createdAt, .descending).limit(500).all()
        let businesses = try await Business.query(on: ctx.db).filter(\.$id ~~ Set(entries.compactMap(\.businessID)))
            .all()
        let names = Dictionary(uniqueKeysWithValues: businesses.map { ($0.id!, $0.name) })
        try await Audit.record(ctx, .voucherRead, person: person.id, basis: grant.basis)
        return Account(
            personId: personID, cardCode: a.cardCode, balanceCents: a.balanceCents,
            entries: entries.map {
                Entry(
                    id: $0.id!, kind: $0.kind.rawValue, amountCents: $0.amountCents, onDate: $0.onDate,
                    activity: $0.activity,
                    hours: $0.hours,
                    approvedBy: $0.approvedByName, business: $0.businessID.flatMap { names[$0] })
            })
    }

    /// Credits an activity: a professional with a need to know, or the provider of a live enrolment of the person.
    static func earn(_ personID: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws -> VoucherEntry {
        let user = try ctx.requireRole(
            .caseManager, .residentAdviser, .provider,
            because: .init(
                nl: "Alleen een professional of aanbieder keurt activiteiten goed.",
                en: "Only a professional or provider approves activities."))
        let activity = input.string("activity", maxLength: 200)
        let hours = input.int("hours", range: 1...40)
        let on = input.date("on", required: false) ?? ctx.today
        if on > ctx.today {
            input.fail("on", "inFuture", nl: "De datum ligt in de toekomst.", en: "The date is in the future.")
        }
        if on.year < ctx.today.year - 1 {
            input.fail(
                "on", "tooOld", nl: "Activiteiten van vóór vorig jaar tellen niet meer.",
                en: "Activities from before last year no longer count.")
        }
        try input.validate()
        guard let person = try await Person.find(personID, on: ctx.db) else {
            throw DomainError.notFound(.init(nl: "Geen inwoner met deze id.", en: "No resident with this id."))
        }
        let basis: String
        if let g = NeedToKnow.grant(for: user.viewer, to: person.relations),
            user.roleSet.contains(.caseManager) || user.roleSet.contains(.residentAdviser)
        {
            basis = g.basis
        } else if let own = user.providerID {
            let live = try await (ctx.db as! any SQLDatabase).raw(
                """
                SELECT r.id FROM referrals r JOIN interventions i ON i.id = r.intervention_id
                WHERE r.person_id = \(bind: personID) AND i.provider_id = \(bind: own) AND r.status IN ('accepted', 'started') LIMIT 1
                """
            ).first()
            guard live != nil else { throw DomainError.noNeedToKnow }
            basis = "referredTo:\(own.uuidString.lowercased())"
        } else {
            try await Audit.record(ctx, .personReadDenied, person: personID, basis: "none", detail: "voucher.earn")
            throw DomainError.noNeedToKnow
        }
        let amount = Vouchers.earned(hours: hours!, policy: ctx.policies.money)
        let e = VoucherEntry()
        e.id = ctx.newID()
        e.kind = .earn
        e.amountCents = amount
        e.onDate = on.iso
        e.activity = activity
        e.hours = hours
        e.approvedByName = user.displayName
        try await ctx.db.transaction { db in
            let sql = db as! any SQLDatabase
            // First write: the balance (the account is made on first use).
            var row = try await sql.raw(
                """
                UPDATE voucher_accounts SET balance_cents = balance_cents + \(bind: amount), updated_at = \(bind: ctx.now) WHERE person_id = \(bind: personID) RETURNING id
                """
            ).first()
            if row == nil {
                try await sql.raw(
                    """
                    INSERT INTO voucher_accounts (id, person_id, card_code, balance_cents, updated_at) VALUES (\(bind: ctx.newID()), \(bind: personID), \(bind: cardCode()), \(bind: amount), \(bind: ctx.now))
                    ON CONFLICT (person_id) DO UPDATE SET balance_cents = voucher_accounts.balance_cents + \(bind: amount)
                    """
                ).run()
                row = try await sql.raw("SELECT id FROM voucher_accounts WHERE person_id = \(bind: personID)").first()
            }
            e.accountID = try row!.decode(column: "id", as: UUID.self)
            try await e.create(on: db)
            try await Audit.record(
                ctx, .voucherEarn, person: personID, basis: basis, detail: "\(hours!)h \(amount)", on: db)
        }
        return e
    }

    struct Redemption: Codable, Sendable {
        var id: UUID
        var cardCode: String
        var amountCents: Int
        var redeemedAt: Date?
        var replayed: Bool
    }

    /// A business redeems vouchers. `Idempotency-Key` (header) is required: the same key again answers
    /// with the first result and changes nothing.
    static func redeem(_ input: inout Input, idempotencyKey header: String?, in ctx: UseCaseContext) async throws
        -> Redemption
    {
        let user = try ctx.requireRole(
            .business,
            because: .init(
                nl: "Alleen geregistreerde lokale ondernemers nemen vouchers in.",
                en: "Only registered local businesses redeem vouchers."))
        guard let businessID = user.businessID else {
            throw DomainError.forbidden(
                .init(
                    nl: "Uw account hoort bij geen geregistreerde onderneming.",
                    en: "Your account belongs to no registered business."))
        }
        let card = input.string("cardCode", maxLength: 20)?.uppercased().trimmingCharacters(in: .whitespaces)
        let amount = input.int("amountCents", range: 1...100_000)
        let key = header ?? input.string("idempotencyKey", required: false, maxLength: 100)
        if key == nil || key!.count < 8 || key!.count > 100 {
            input.fail(
                "Idempotency-Key", "required",
                nl:
                    "Stuur een unieke sleutel (8-100 tekens) in de header Idempotency-Key, zodat een herhaald verzoek één keer telt.",
                en:
                    "Send a unique key (8-100 characters) in the Idempotency-Key header, so a repeated request counts once."
            )
        }
        try input.validate()
        if let earlier = try await replay(businessID: businessID, key: key!, card: card!, amount: amount!, on: ctx.db) {
            return earlier
        }
        let e = VoucherEntry()
        e.id = ctx.newID()
        e.kind = .redeem
        e.amountCents = -amount!
        e.onDate = ctx.today.iso
        e.businessID = businessID
        e.idempotencyKey = key
        do {
            try await ctx.db.transaction { db in
                let sql = db as! any SQLDatabase
                // First write: the conditional debit. Never below zero.
                guard
                    let row = try await sql.raw(
                        """
                        UPDATE voucher_accounts SET balance_cents = balance_cents - \(bind: amount!), updated_at = \(bind: ctx.now)
                        WHERE card_code = \(bind: card!) AND balance_cents >= \(bind: amount!) RETURNING id, person_id
                        """
                    ).first()
                else {
                    let exists = try await sql.raw("SELECT id FROM voucher_accounts WHERE card_code = \(bind: card!)")
                        .first()
                    if exists == nil {
                        throw DomainError.invalid(
                            "cardCode", "unknownCard", .init(nl: "Onbekende vouchercode.", en: "Unknown voucher code."))
                    }
                    throw DomainError.conflict(
                        .init(
                            nl: "Het saldo is niet genoeg voor dit bedrag.",
                            en: "The balance is not enough for this amount."),
                        param: .init(
                            name: "amountCents", code: "insufficientBalance",
                            reason: .init(
                                nl: "Het saldo is niet genoeg voor dit bedrag.",
                                en: "The balance is not enough for this amount.")))
                }
                e.accountID = try row.decode(column: "id", as: UUID.self)
                // the unique (business, key) refuses a concurrent twin: this whole transaction then rolls back
                try await e.create(on: db)
                try await Audit.record(
                    ctx, .voucherRedeem, person: try row.decode(column: "person_id", as: UUID.self),
                    basis: "business:\(businessID.uuidString.lowercased())",
                    detail: "\(amount!) key:\(key!)", on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            if let earlier = try await replay(
                businessID: businessID, key: key!, card: card!, amount: amount!, on: ctx.db)
            {
                return earlier
            }
            throw DomainError.conflict(
                .init(
                    nl: "De inwisseling botste met een andere; probeer het opnieuw.",
                    en: "The redemption collided with another; please try again."))
        }
        return Redemption(id: e.id!, cardCode: card!, amountCents: amount!, redeemedAt: ctx.now, replayed: false)
    }

    /// The earlier redemption with this key, if any. The same key with another card or amount is refused.
    static func replay(businessID: UUID, key: String, card: String, amount: Int, on db: any Database) async throws
        -> Redemption?
    {
        guard
            let e = try await VoucherEntry.query(on: db).filter(\.$businessID == businessID).filter(
                \.$idempotencyKey == key
            ).first()
        else { return nil }
        let account = try await VoucherAccount.find(e.accountID, on: db)
        guard account?.cardCode == card, -e.amountCents == amount else {
            throw DomainError.conflict(
                .init(
                    nl: "Deze sleutel is al gebruikt voor een andere inwisseling.",
                    en: "This key was already used for another redemption."),
                param: .init(
                    name: "Idempotency-Key", code: "keyReused",
                    reason: .init(nl: "Sleutel al gebruikt.", en: "Key already used.")))
        }
        return Redemption(id: e.id!, cardCode: card, amountCents: amount, redeemedAt: e.createdAt, replayed: true)
    }

    struct Expiry: Codable, Sendable {
        var year: Int
        var accounts: Int
        var expiredCents: Int
    }

    /// Vouchers earned up to the end of `year` and not spent expire (first in, first out). Only for a
    /// year that has ended; running it twice expires nothing more.
    static func expire(_ input: inout Input, in ctx: UseCaseContext) async throws -> Expiry {
        let user = try ctx.requireRole(.budgetHolder, because: BudgetService.holderOnly)
        let year = input.int("year", range: 2000...2100)
        try input.validate()
        guard ctx.policies.money.vouchersExpireAtYearEnd else {
            throw DomainError.conflict(
                .init(nl: "Volgens het beleid vervallen vouchers niet.", en: "By policy, vouchers do not expire."))
        }
        guard year! < ctx.today.year else {
            throw DomainError.invalid(
                "year", "notEnded", .init(nl: "Dit jaar is nog niet voorbij.", en: "This year has not ended yet."))
        }
        let yearEnd = "\(year!)-12-31"
        return try await ctx.db.transaction { db in
            let sql = db as! any SQLDatabase
            let rows = try await sql.raw(
                """
                SELECT a.id, a.person_id, a.balance_cents,
                  CAST(COALESCE(SUM(CASE WHEN e.kind = 'earn' AND e.on_date <= \(bind: yearEnd) THEN e.amount_cents ELSE 0 END), 0) AS BIGINT) AS earned,
                  CAST(COALESCE(SUM(CASE WHEN e.kind <> 'earn' THEN -e.amount_cents ELSE 0 END), 0) AS BIGINT) AS debited
                FROM voucher_accounts a LEFT JOIN voucher_entries e ON e.account_id = a.id
                GROUP BY a.id, a.person_id, a.balance_cents
                """
            ).all()
            var accounts = 0
            var total = 0
            for row in rows {
                let x = Vouchers.expiring(
                    earnedUpToYearEnd: try row.decode(column: "earned", as: Int.self),
                    debitedSoFar: try row.decode(column: "debited", as: Int.self),
                    balance: try row.decode(column: "balance_cents", as: Int.self))
                guard x > 0 else { continue }
                let id = try row.decode(column: "id", as: UUID.self)
                let ok = try await sql.raw(
                    "UPDATE voucher_accounts SET balance_cents = balance_cents - \(bind: x) WHERE id = \(bind: id) AND balance_cents >= \(bind: x) RETURNING id"
                ).all()
                guard !ok.isEmpty else { continue }
                let e = VoucherEntry()
                e.id = ctx.newID()
                e.accountID = id
                e.kind = .expire
                e.amountCents = -x
                e.onDate = ctx.today.iso
                e.activity = "Vervallen per \(yearEnd)"
                e.approvedByName = user.displayName
                try await e.create(on: db)
                try await Audit.record(
                    ctx, .voucherExpire, person: try row.decode(column: "person_id", as: UUID.self),
                    basis: "budgetHolder", detail: "\(year!) \(x)", on: db)
                accounts += 1
                total += x
            }
            return Expiry(year: year!, accounts: accounts, expiredCents: total)
        }
    }

    static func createBusiness(_ input: inout Input, in ctx: UseCaseContext) async throws -> Business {
        if !ctx.isSystem {
            try ctx.requireRole(
                .admin,
                because: .init(
                    nl: "Alleen beheerders registreren ondernemers.", en: "Only administrators register businesses."))
        }
        let code = input.string("code", maxLength: 40)
        let name = input.string("name", maxLength: 200)
        let district = input.string("districtCode", required: false, maxLength: 8)
        let address = input.string("address", required: false, maxLength: 200)
        if let code, code.range(of: #"^[a-z0-9-]{2,40}$"#, options: .regularExpression) == nil {
            input.fail(
                "code", "format", nl: "Kleine letters, cijfers en streepjes.",
                en: "Lower-case letters, digits and hyphens.")
        }
        try input.validate()
        if let district, try await District.find(district, on: ctx.db) == nil {
            throw DomainError.invalid(
                "districtCode", "unknownDistrict", .init(nl: "Onbekend stadsdeel.", en: "Unknown district."))
        }
        let b = Business()
        b.id = ctx.newID()
        b.code = code!
        b.name = name!
        b.districtCode = district
        b.address = address
        do {
            try await ctx.db.transaction { db in
                try await b.create(on: db)
                try await Audit.record(
                    ctx, .adminCreate, person: nil, basis: ctx.isSystem ? "system" : "admin",
                    detail: "business:\(b.code)",
                    on: db)
            }
        } catch let e as any DatabaseError where e.isConstraintFailure {
            throw DomainError.conflict(.init(nl: "Deze code bestaat al.", en: "This code already exists."))
        }
        return b
    }

    /// A resident's voucher account and its latest entries, for their dossier (the caller has the
    /// dossier's need to know).
    static func recent(personID: UUID, limit: Int, on ctx: UseCaseContext) async throws -> (
        VoucherAccount?, [VoucherEntry]
    ) {
        guard let account = try await VoucherAccount.query(on: ctx.db).filter(\.$personID == personID).first() else {
            return (nil, [])
        }
        // The same order as the resident's own account page: by the day it happened, newest first.
        let entries = try await VoucherEntry.query(on: ctx.db).filter(\.$accountID == account.id!).sort(
            \.$onDate, .descending
        ).sort(\.$createdAt, .descending).limit(limit).all()
        return (account, entries)
    }

    /// The local businesses that take vouchers, by name (signed-in users).
    static func businesses(in ctx: UseCaseContext) async throws -> [Business] {
        if !ctx.isSystem { _ = try ctx.requireUser() }
        return try await Business.query(on: ctx.db).sort(\.$name).all()
    }

    /// The business's own redemptions, newest first, a page at a time, with their count and the total of
    /// the current month. Only when and how much: nothing about the resident.
    static func redemptions(page: Int, pageSize: Int = 25, in ctx: UseCaseContext) async throws -> (
        entries: [VoucherEntry], total: Int, monthCents: Int
    ) {
        let user = try ctx.requireRole(
            .business,
            because: .init(
                nl: "Alleen geregistreerde lokale ondernemers nemen vouchers in.",
                en: "Only registered local businesses redeem vouchers."))
        guard let businessID = user.businessID else { return ([], 0, 0) }
        let base = VoucherEntry.query(on: ctx.db).filter(\.$businessID == businessID).filter(\.$kind == .redeem)
        let total = try await base.copy().count()
        let entries = try await base.copy().sort(\.$createdAt, .descending).range(
            ((page - 1) * pageSize)..<(page * pageSize)
        ).all()
        let month = String(ctx.today.iso.prefix(7))
        let monthCents = try await base.copy().filter(\.$onDate >= month + "-01").filter(\.$onDate <= month + "-31")
            .all().reduce(0) { $0 + abs($1.amountCents) }
        return (entries, total, monthCents)
    }

    /// The business the signed-in user belongs to, if any.
    static func ownBusiness(in ctx: UseCaseContext) async throws -> Business? {
        guard let id = try ctx.requireUser().businessID else { return nil }
        return try await Business.find(id, on: ctx.db)
    }
}
