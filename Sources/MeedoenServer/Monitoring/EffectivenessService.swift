import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// Collects the records "what works" needs: each enrolment that started in the period with its
/// outcome, duration, waiting time and cost (SQL), and the ZRM change of its person between the
/// last assessment before the start and the first after the end.
enum EffectivenessService {
    struct Line: Sendable {
        var interventionID: UUID
        var name: String
        var type: InterventionType
        var provider: String
        var summary: Effectiveness.Summary
    }

    static func lines(from: String, to: String, assumptions: Effectiveness.Assumptions, in ctx: UseCaseContext)
        async throws -> [Line]
    {
        let sql = ctx.db as! any SQLDatabase
        let rows = try await sql.raw(
            """
            SELECT r.person_id AS p, r.intervention_id AS i, i.name AS name, i.type AS type, pr.name AS provider, r.outcome AS outcome,
                   r.started_on AS started, r.ended_on AS ended, r.waited_days AS waited, CAST(c.amount_cents - c.released_cents AS BIGINT) AS cost,
                   f.useful AS q1, f.respect AS q2, f.recommend AS q3
            FROM referrals r JOIN interventions i ON i.id = r.intervention_id JOIN providers pr ON pr.id = i.provider_id
            LEFT JOIN commitments c ON c.referral_id = r.id LEFT JOIN enrolment_feedback f ON f.referral_id = r.id
            WHERE r.started_on IS NOT NULL AND r.started_on >= \(bind: from) AND r.started_on <= \(bind: to)
            """
        ).all()
        struct Raw {
            var person: UUID
            var intervention: UUID
            var name: String
            var type: String
            var provider: String
            var outcome: String?
            var started: String
            var ended: String?
            var waited: Int?
            var cost: Int?
            var experience: Double?
        }
        let raws = try rows.map { r in
            Raw(
                person: try r.decode(column: "p", as: UUID.self),
                intervention: try r.decode(column: "i", as: UUID.self),
                name: try r.decode(column: "name", as: String.self),
                type: try r.decode(column: "type", as: String.self),
                provider: try r.decode(column: "provider", as: String.self),
                outcome: try r.decode(column: "outcome", as: String?.self),
                started: try r.decode(column: "started", as: String.self),
                ended: try r.decode(column: "ended", as: String?.self),
                waited: try r.decode(column: "waited", as: Int?.self),
                cost: try r.decode(column: "cost", as: Int?.self),
                experience: try r.decode(column: "q1", as: Int?.self).map { q1 in
                    Double(
                        q1 + ((try? r.decode(column: "q2", as: Int.self)) ?? q1)
                            + ((try? r.decode(column: "q3", as: Int.self)) ?? q1)) / 3
                })
        }
        // ZRM means per person, by date (only for people with an ended enrolment).
        let people = Set(raws.filter { $0.ended != nil }.map(\.person))
        var zrm: [UUID: [(String, Double)]] = [:]
        if !people.isEmpty {
            let zrows = try await sql.raw(
                """
                SELECT a.person_id AS p, a.assessed_on AS d, a.zrm_scores AS z FROM assessments a
                WHERE a.kind = 'zrm' AND a.person_id IN (SELECT r.person_id FROM referrals r
                  WHERE r.ended_on IS NOT NULL AND r.started_on >= \(bind: from) AND r.started_on <= \(bind: to))
                """
            ).all()
            for z in zrows {
                let p = try z.decode(column: "p", as: UUID.self)
                guard people.contains(p), let scores = try z.decode(column: "z", as: [String: Int]?.self),
                    !scores.isEmpty
                else { continue }
                zrm[p, default: []].append(
                    (
                        try z.decode(column: "d", as: String.self),
                        Double(scores.values.reduce(0, +)) / Double(scores.count)
                    ))
            }
            for k in zrm.keys { zrm[k]!.sort { $0.0 < $1.0 } }
        }
        var grouped: [UUID: (Raw, [Effectiveness.Record])] = [:]
        for r in raws {
            var change: Double?
            if let ended = r.ended, let series = zrm[r.person],
                let before = series.last(where: { $0.0 <= r.started }),
                let after = series.first(where: { $0.0 >= ended })
            {
                change = after.1 - before.1
            }
            let duration = r.ended.flatMap { e in
                CalendarDate(iso: e).flatMap { end in CalendarDate(iso: r.started).map { end.dayNumber - $0.dayNumber }
                }
            }
            let record = Effectiveness.Record(
                outcome: r.outcome.flatMap(EnrolmentOutcome.init(rawValue:)), zrmChange: change, durationDays: duration,
                waitDays: r.waited, costCents: r.cost, experience: r.experience)
            grouped[r.intervention, default: (r, [])].1.append(record)
        }
        return grouped.values.compactMap { raw, records in
            guard let type = InterventionType(rawValue: raw.type) else { return nil }
            return Line(
                interventionID: raw.intervention, name: raw.name, type: type, provider: raw.provider,
                summary: Effectiveness.summarise(records, assumptions: assumptions))
        }.sorted {
            ($0.type.tier.rawValue, $0.type.rawValue, $0.name) < ($1.type.tier.rawValue, $1.type.rawValue, $1.name)
        }
    }
}
