import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// Matching on live data: the pure `Matcher` over the catalogue and the person's latest facts.
enum MatchingService {
    struct PersonMatches {
        var person: Person
        var candidate: Candidate
        var entries: [CatalogueService.Entry]
        var matches: [Match]
        /// Offers the spending rules do not let the budget pay for this person, with the rule's reason.
        /// `unmet`: the access criteria it misses as well (then no exception can be asked for it).
        var notPaid: [(intervention: Intervention, reason: Reason, unmet: [CriterionResult])] = []
    }

    /// The interventions that fit a person, best first, with reasons; `includeUnfit` adds the others with
    /// the criteria they miss (for a reasoned override). Case managers (and chairs) with a need to know.
    static func forPerson(_ personID: UUID, includeUnfit: Bool, in ctx: UseCaseContext) async throws -> PersonMatches {
        try ctx.requireRole(
            .caseManager, .caseTableChair,
            because: .init(
                nl: "Alleen klantmanagers zoeken passend aanbod.",
                en: "Only case managers look for matching interventions."))
        let (person, grant) = try await PersonService.authorised(personID, in: ctx)
        if case .ownFile = grant { throw DomainError.noNeedToKnow }
        let candidate = try await ReferralService.candidate(person, in: ctx)
        // What the spending rules refuse is left out (a referral to it would be refused), with the reason.
        var notPaid: [(intervention: Intervention, reason: Reason, unmet: [CriterionResult])] = []
        let entries = try await CatalogueService.entries(in: ctx).filter { e in
            guard let d = ReferralService.spending(candidate, e.intervention, ctx.policies.current), !d.allowed
            else { return true }
            notPaid.append((e.intervention, d.reason, AccessCheck.check(candidate, e.offer).filter { !$0.passed }))
            return false
        }
        let matches = Matcher.rank(
            candidate, entries.map(\.offer), limit: includeUnfit ? .max : 25, includeUnfit: includeUnfit)
        try await Audit.record(ctx, .matchRead, person: personID, basis: grant.basis)
        return PersonMatches(
            person: person, candidate: candidate, entries: entries, matches: matches, notPaid: notPaid)
    }

    struct PlaceCandidate {
        var person: PersonLite
        var match: Match
    }
    struct PersonLite {
        var id: UUID
        var givenName: String
        var familyName: String
        var districtCode: String
        var category: Int?
        var rung: Int?
    }

    /// The people who fit a place, among those the case manager has a need to know; priority category first.
    static func forIntervention(_ interventionID: UUID, in ctx: UseCaseContext) async throws -> (
        CatalogueService.Entry, [PlaceCandidate]
    ) {
        let user = try ctx.requireRole(
            .caseManager, .caseTableChair,
            because: .init(
                nl: "Alleen klantmanagers zien wie bij een plek past.", en: "Only case managers see who fits a place."))
        let entry = try await CatalogueService.entry(interventionID, in: ctx)
        let grants = NeedToKnow.grants(for: user.viewer)
        guard !grants.isEmpty else { return (entry, []) }
        let (people, lites) = try await candidates(
            where: PersonService.grantCondition(grants, table: "p"), ladder: ctx.ladderInUse.id,
            today: ctx.today, districtNames: try await ctx.districts.all(on: ctx.db).names, on: ctx.db)
        let fit = Matcher.candidates(for: entry.offer, among: people, limit: 50)
        let result = fit.map { PlaceCandidate(person: lites[$0.candidateIndex], match: $0) }
        try await Audit.record(ctx, .personList, people: result.map { ($0.person.id, "match:\(interventionID)") })
        return (entry, result)
    }

    /// Candidates with their latest rung (on the catalogue's ladder, or else on any ladder, with its participation
    /// domain) and latest decided diagnosis, in one statement.
    static func candidates(
        where condition: any SQLExpression, ladder: String, today: CalendarDate, districtNames: [String: String] = [:],
        on db: any Database
    ) async throws -> ([Candidate], [PersonLite]) {
        let sql = db as! any SQLDatabase
        let rows = try await sql.select()
            .column(SQLColumn("id", table: "p")).column(SQLColumn("given_name", table: "p")).column(
                SQLColumn("family_name", table: "p")
            )
            .column(SQLColumn("birth_date", table: "p")).column(SQLColumn("benefit", table: "p")).column(
                SQLColumn("district_code", table: "p")
            )
            .column(SQLColumn("wishes", table: "p"))
            .column(
                SQLQueryString(
                    "(SELECT a.rung FROM assessments a WHERE a.person_id = p.id AND a.kind = 'rung' ORDER BY CASE WHEN a.ladder_id = \(bind: ladder) THEN 0 ELSE 1 END, a.assessed_on DESC, a.created_at DESC LIMIT 1)"
                ), as: "rung"
            )
            .column(
                SQLQueryString(
                    "(SELECT a.participation_domain FROM assessments a WHERE a.person_id = p.id AND a.kind = 'rung' ORDER BY CASE WHEN a.ladder_id = \(bind: ladder) THEN 0 ELSE 1 END, a.assessed_on DESC, a.created_at DESC LIMIT 1)"
                ), as: "domain"
            )
            .column(
                SQLRaw(
                    "(SELECT d.decided_category FROM diagnoses d WHERE d.person_id = p.id ORDER BY d.decided_on DESC, d.created_at DESC LIMIT 1)"
                ), as: "category"
            )
            .column(
                SQLRaw(
                    "(SELECT d.decided_route FROM diagnoses d WHERE d.person_id = p.id ORDER BY d.decided_on DESC, d.created_at DESC LIMIT 1)"
                ), as: "route"
            )
            .from(SQLAlias(SQLIdentifier("persons"), as: SQLIdentifier("p")))
            .where(condition)
            .limit(50_000)
            .all()
        var people: [Candidate] = []
        var lites: [PersonLite] = []
        people.reserveCapacity(rows.count)
        lites.reserveCapacity(rows.count)
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            let rung = try row.decode(column: "rung", as: Int?.self)
            let category = try row.decode(column: "category", as: Int?.self)
            let district = try row.decode(column: "district_code", as: String.self)
            people.append(
                Candidate(
                    id: id,
                    age: CalendarDate(iso: try row.decode(column: "birth_date", as: String.self))?.age(on: today) ?? 0,
                    rung: rung, category: category,
                    benefit: BenefitKind(rawValue: try row.decode(column: "benefit", as: String.self)) ?? .none,
                    district: district,
                    route: try row.decode(column: "route", as: String?.self).flatMap {
                        MeedoenCore.Route(rawValue: $0)
                    },
                    wishes: Set(try row.decode(column: "wishes", as: [String].self).compactMap(Wish.init(rawValue:))),
                    preferredDomain: try row.decode(column: "domain", as: String?.self).flatMap(
                        ParticipationDomain.init(rawValue:)), districtNames: districtNames))
            lites.append(
                PersonLite(
                    id: id, givenName: try row.decode(column: "given_name", as: String.self),
                    familyName: try row.decode(column: "family_name", as: String.self), districtCode: district,
                    category: category, rung: rung))
        }
        return (people, lites)
    }
}
