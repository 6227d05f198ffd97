import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// The reciprocal contribution (tegenprestatie) and exemptions from a duty, recorded by the case
/// manager on the person; exemptions come up for review in "Mijn werk" before they end.
enum ObligationService {
    static func record(_ personID: UUID, _ input: inout Input, in ctx: UseCaseContext) async throws
        -> PersonObligation
    {
        let user = try ctx.requireRole(
            .caseManager,
            because: .init(
                nl: "Alleen klantmanagers leggen een tegenprestatie of ontheffing vast.",
                en: "Only case managers record a contribution or an exemption."))
        let (person, grant) = try await PersonService.authorised(personID, in: ctx)
        guard NeedToKnow.mayAssess(user.viewer, person.relations) else { throw DomainError.noNeedToKnow }
        let o = PersonObligation()
        o.id = ctx.newID()
        o.personID = personID
        o.recordedByName = user.displayName
        o.recordedAt = ctx.now
        o.informalCare = false
        let kind = input.choice("kind", ObligationKind.self)
        let from = input.date("fromOn")
        switch kind {
        case .contribution?:
            let care = input.bool("informalCare", required: false) ?? false
            o.informalCare = care
            o.what = input.string("what", maxLength: 500)
            o.hoursPerWeek = input.int("hoursPerWeek", required: !care, range: 1...40)
            let until = input.date("untilOn", required: false)
            if let from, let until, until < from {
                input.fail(
                    "untilOn", "beforeStart", nl: "De einddatum ligt voor de begindatum.",
                    en: "The end date is before the start date.")
            }
            o.untilOn = until?.iso
        case .exemption?:
            o.duty = input.choice("duty", ExemptedDuty.self)?.rawValue
            o.reason = input.reason(
                nl: "Geef de reden van de ontheffing in ten minste 10 tekens.",
                en: "Give the reason for the exemption in at least 10 characters.")
            let until = input.date("untilOn")
            if let from, let until {
                if until <= from {
                    input.fail(
                        "untilOn", "beforeStart", nl: "Een ontheffing eindigt na de begindatum.",
                        en: "An exemption ends after its start date.")
                } else if until > from.adding(months: Obligations.maxExemptionMonths) {
                    input.fail(
                        "untilOn", "tooLong",
                        nl:
                            "Een ontheffing duurt hooguit \(Obligations.maxExemptionMonths / 12) jaar; beoordeel daarna opnieuw.",
                        en:
                            "An exemption lasts at most \(Obligations.maxExemptionMonths / 12) years; reassess after that."
                    )
                }
            }
            o.untilOn = until?.iso
        case nil: break
        }
        if let from, from.dayNumber > ctx.today.dayNumber + 366 {
            input.fail(
                "fromOn", "tooFarAhead", nl: "De begindatum ligt hooguit een jaar vooruit.",
                en: "The start date is at most a year ahead.")
        }
        try input.validate()
        o.kind = kind!.rawValue
        o.fromOn = from!.iso
        try await ctx.db.transaction { db in
            try await o.create(on: db)
            try await Audit.record(
                ctx, .obligationRecord, person: personID, basis: grant.basis, detail: "\(o.kind):\(o.fromOn)", on: db)
        }
        return o
    }

    /// The person's contributions and exemptions, newest first (the read audited on the file).
    static func list(_ personID: UUID, in ctx: UseCaseContext) async throws -> [PersonObligation] {
        let user = try ctx.requireUser()
        let (person, _) = try await PersonService.authorised(personID, in: ctx, audit: "obligations")
        guard NeedToKnow.mayAssess(user.viewer, person.relations) else { throw DomainError.noNeedToKnow }
        return try await of(personID, on: ctx.db)
    }

    /// For a read audited already (the dossier, the AVG export).
    static func of(_ personID: UUID, on db: any Database) async throws -> [PersonObligation] {
        try await PersonObligation.query(on: db).filter(\.$personID == personID).sort(\.$fromOn, .descending).all()
    }
}
