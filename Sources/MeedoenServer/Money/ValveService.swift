import Fluent
import MeedoenCore
import SQLKit
import Vapor

/// The valve simulation on the real budget (DOMAIN.md "Priority categories"): what a cut or increase
/// per stream would do, without changing anything; applying it is a separate, audited act of a budget
/// holder. Only commitments of referrals that have not started can lapse (an offer is withdrawn);
/// running enrolments are obligations and are counted as fixed.
enum ValveService {
    struct Change: Codable, Sendable, Equatable {
        var streamCode: String
        var amountCents: Int?
        var basisPoints: Int?
    }
    struct Stream: Codable, Sendable {
        var code: String
        var oldTotalCents: Int
        var newTotalCents: Int
        var neededCents: Int
        var balanceCents: Int
        var lapsed: Int
        var canStart: Int
        var waitingLapsed: Int
        var protectedHit: Bool
    }
    struct Count: Codable, Sendable {
        var key: String
        var label: String
        var count: Int
    }
    struct CaseManager: Codable, Sendable {
        var caseManagerId: UUID?
        var name: String
        var lapse: Int
        var start: Int
    }
    struct Affected: Codable, Sendable {
        var referralId: UUID
        var effect: String
        var category: Int?
        var districtCode: String
        var interventionId: UUID
        var interventionName: String
        var caseManagerId: UUID?
        var personName: String?
    }
    struct Applied: Codable, Sendable {
        var at: Date
        var by: String
        var reason: String
        var withdrawn: Int
        var offered: Int
    }
    struct Simulation: Codable, Sendable {
        var id: UUID?
        var year: Int
        var createdBy: String
        var createdAt: Date?
        var changes: [Change]
        var streams: [Stream]
        var lapsedByCategory: [Count]
        var lapsedByDistrict: [Count]
        var lapsedByIntervention: [Count]
        var startingByCategory: [Count]
        var reasons: [String]
        var byCaseManager: [CaseManager]
        var affected: [Affected]
        var applied: Applied?
    }

    struct Computed {
        var result: Valve.Result
        var info:
            [UUID: (
                person: UUID, category: Int?, district: String, intervention: UUID, interventionName: String,
                caseManager: UUID?, streamCode: String
            )]
    }

    static func readChanges(_ input: inout Input, policy: MoneyPolicy) -> [Change] {
        var out: [Change] = []
        guard let items = input.objects("changes", maxItems: 20) else {
            // Absent (or not a list, already reported): nothing to simulate.
            if !input.problems.contains(where: { $0.name == "changes" }) {
                input.fail(
                    "changes", "required", nl: "Dit veld is verplicht: geef minstens één wijziging.",
                    en: "This field is required: give at least one change.")
            }
            return []
        }
        if items.isEmpty {
            input.fail("changes", "empty", nl: "Geef minstens één wijziging.", en: "Give at least one change.")
        }
        for var c in items {
            let code = c.string("streamCode", maxLength: 64)
            let amount = c.int("amountCents", required: false, range: -100_000_000_000...100_000_000_000)
            let bp = c.int("basisPoints", required: false, range: -10_000...100_000)
            if let code, policy.stream(code) == nil {
                c.fail("streamCode", "unknownValue", nl: "Onbekende stroom.", en: "Unknown stream.")
            }
            if (amount == nil) == (bp == nil) {
                c.fail(
                    "amountCents", "oneOf",
                    nl: "Geef een bedrag (amountCents) of een percentage (basisPoints), niet beide.",
                    en: "Give an amount (amountCents) or a percentage (basisPoints), not both.")
            }
            input.absorb(c)
            if let code, c.problems.isEmpty {
                out.append(Change(streamCode: code, amountCents: amount, basisPoints: bp))
            }
        }
        if Set(out.map(\.streamCode)).count != out.count {
            input.fail("changes", "duplicate", nl: "Elke stroom hooguit één keer.", en: "Each stream at most once.")
        }
        return out
    }

    /// Loads the year's streams, the commitments that could lapse and the referrals waiting for money, and runs the pure valve.
    static func compute(year: Int, changes: [Change], in ctx: UseCaseContext) async throws -> Computed {
        let sql = ctx.db as! any SQLDatabase
        let streams = try await BudgetService.streams(year: year, in: ctx)
        let rows = try await sql.raw(
            """
            SELECT c.id AS c_id, c.referral_id, c.category, c.district_code, c.intervention_id, c.created_at, r.status, p.id AS p_id, p.case_manager_id,
              c.amount_cents - c.spent_cents - c.released_cents AS remaining, s.code, i.name AS i_name
            FROM commitments c JOIN referrals r ON r.id = c.referral_id JOIN persons p ON p.id = c.person_id
              JOIN funding_streams s ON s.id = c.stream_id JOIN interventions i ON i.id = c.intervention_id
            WHERE c.status = 'open' AND s.year = \(bind: year)
            """
        ).all()
        var fixed: [String: Int] = [:]
        var commitments: [Valve.Commitment] = []
        var info:
            [UUID: (
                person: UUID, category: Int?, district: String, intervention: UUID, interventionName: String,
                caseManager: UUID?, streamCode: String
            )] = [:]
        for row in rows {
            let code = try row.decode(column: "code", as: String.self)
            let remaining = try row.decode(column: "remaining", as: Int.self)
            let status = try row.decode(column: "status", as: String.self)
            guard status == "offered" || status == "accepted" else {
                fixed[code, default: 0] += remaining
                continue
            }
            let rid = try row.decode(column: "referral_id", as: UUID.self)
            let c = Valve.Commitment(
                id: rid, stream: code, remainingCents: remaining,
                category: try row.decode(column: "category", as: Int?.self),
                district: try row.decode(column: "district_code", as: String.self),
                interventionID: try row.decode(column: "intervention_id", as: UUID.self),
                committedAt: try row.decode(column: "created_at", as: Date?.self) ?? Date.distantPast)
            commitments.append(c)
            info[rid] = (
                try row.decode(column: "p_id", as: UUID.self), c.category, c.district, c.interventionID,
                try row.decode(column: "i_name", as: String.self),
                try row.decode(column: "case_manager_id", as: UUID?.self), code
            )
        }
        let waitingRows = try await sql.raw(
            """
            SELECT r.id, r.category, r.referred_at, r.intervention_id, i.funding_stream, i.price_cents, i.name AS i_name, p.id AS p_id, p.district_code, p.case_manager_id
            FROM referrals r JOIN interventions i ON i.id = r.intervention_id JOIN persons p ON p.id = r.person_id
            WHERE r.status = 'waiting' AND r.waiting_for = 'budget'
            """
        ).all()
        var waiting: [Valve.Waiting] = []
        for row in waitingRows {
            let rid = try row.decode(column: "id", as: UUID.self)
            let w = Valve.Waiting(
                id: rid, stream: try row.decode(column: "funding_stream", as: String.self),
                priceCents: try row.decode(column: "price_cents", as: Int.self),
                category: try row.decode(column: "category", as: Int?.self),
                district: try row.decode(column: "district_code", as: String.self),
                interventionID: try row.decode(column: "intervention_id", as: UUID.self),
                referredAt: try row.decode(column: "referred_at", as: Date.self))
            waiting.append(w)
            info[rid] = (
                try row.decode(column: "p_id", as: UUID.self), w.category, w.district, w.interventionID,
                try row.decode(column: "i_name", as: String.self),
                try row.decode(column: "case_manager_id", as: UUID?.self), w.stream
            )
        }
        let valveStreams = streams.map {
            Valve.Stream(
                id: $0.code, totalCents: $0.totalCents, spentCents: $0.spentCents + (fixed[$0.code] ?? 0),
                name: ctx.policies.money.stream($0.code).map { LocalizedText(nl: $0.nl, en: $0.en) })
        }
        var coreChanges: [String: BudgetChange] = [:]
        for c in changes {
            coreChanges[c.streamCode] = c.amountCents.map(BudgetChange.amount) ?? .basisPoints(c.basisPoints ?? 0)
        }
        return Computed(
            result: Valve.simulate(
                streams: valveStreams, changes: coreChanges, commitments: commitments, waiting: waiting), info: info)
    }

    static func dto(
        _ c: Computed, year: Int, changes: [Change], by: String, at: Date, language: Language, names: [UUID: String],
        districts: Districts
    ) -> Simulation {
        let r = c.result
        let t = { (x: LocalizedText) in language == .en ? x.en : x.nl }
        var affected: [Affected] = []
        for s in r.streams {
            for (ids, effect) in [(s.lapsed, "lapse"), (s.waitingLapsed, "waitingLapse"), (s.canStart, "start")] {
                for id in ids {
                    if let i = c.info[id] {
                        affected.append(
                            Affected(
                                referralId: id, effect: effect, category: i.category, districtCode: i.district,
                                interventionId: i.intervention,
                                interventionName: i.interventionName, caseManagerId: i.caseManager, personName: nil))
                    }
                }
            }
        }
        var perCM: [UUID?: (Int, Int)] = [:]
        for a in affected {
            var v = perCM[a.caseManagerId] ?? (0, 0)
            if a.effect == "start" { v.1 += 1 } else { v.0 += 1 }
            perCM[a.caseManagerId] = v
        }
        let districtNames = districts.names
        let interventionNames = Dictionary(
            c.info.values.map { ($0.intervention, $0.interventionName) }, uniquingKeysWith: { a, _ in a })
        func cat(_ d: [Int: Int]) -> [Count] {
            d.sorted { $0.key < $1.key }.map {
                Count(key: String($0.key), label: $0.key == 0 ? "open" : String($0.key), count: $0.value)
            }
        }
        return Simulation(
            id: nil, year: year, createdBy: by, createdAt: at, changes: changes,
            streams: r.streams.map {
                Stream(
                    code: $0.stream, oldTotalCents: $0.oldTotalCents, newTotalCents: $0.newTotalCents,
                    neededCents: $0.neededCents,
                    balanceCents: $0.balanceCents, lapsed: $0.lapsed.count, canStart: $0.canStart.count,
                    waitingLapsed: $0.waitingLapsed.count,
                    protectedHit: $0.protectedHit)
            },
            lapsedByCategory: cat(r.lapsedByCategory),
            lapsedByDistrict: r.lapsedByDistrict.sorted { $0.key < $1.key }.map {
                Count(key: $0.key, label: districtNames[$0.key] ?? $0.key, count: $0.value)
            },
            lapsedByIntervention: r.lapsedByIntervention.sorted { $0.value > $1.value }.map {
                Count(key: $0.key.uuidString.lowercased(), label: interventionNames[$0.key] ?? "", count: $0.value)
            },
            startingByCategory: cat(r.startingByCategory),
            reasons: r.reasons.map { t($0.text) },
            byCaseManager: perCM.map {
                CaseManager(
                    caseManagerId: $0.key,
                    name: $0.key.flatMap { names[$0] }
                        ?? (language == .en ? "(no case manager)" : "(geen klantmanager)"), lapse: $0.value.0,
                    start: $0.value.1)
            }
            .sorted { $0.lapse + $0.start > $1.lapse + $1.start },
            affected: affected, applied: nil)
    }

    static func caseManagerNames(on db: any Database) async throws -> [UUID: String] {
        Dictionary(
            uniqueKeysWithValues: try await User.query(on: db).all().compactMap { u in
                u.roleSet.contains(.caseManager) ? (u.id!, u.displayName) : nil
            })
    }

}
