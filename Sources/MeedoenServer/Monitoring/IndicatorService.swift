import Fluent
import MeedoenCore
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Computes the indicators of the policy file in SQL: one aggregate statement per indicator and year,
/// grouped by the resident's district (the same SQL on SQLite and PostgreSQL). Only counts leave the
/// database; no person is read.
enum IndicatorService {
    struct Row: Sendable {
        var indicator: Indicator
        var year: Int
        var city: Measured?
        var districts: [String: Measured]
    }

    static let municipalBenefits = ["participatiewet", "ioaw", "ioaz"]
    static var languageTypes: [String] { InterventionType.allCases.filter(\.hasExam).map(\.rawValue) }
    /// The care infrastructure a risk is referred to (003).
    static var careTypes: [String] { InterventionType.allCases.filter(\.isCare).map(\.rawValue) }
    /// Work, internship, activation or volunteering alongside a language course makes it dual.
    static var dualTypes: [String] {
        InterventionType.allCases.filter {
            $0.tier != .dayActivities && $0 != .languageCourse && $0 != .civicIntegration
        }.map(\.rawValue)
    }

    static func list(_ xs: [String]) -> SQLQueryString {
        var q = SQLQueryString("")
        for (i, x) in xs.enumerated() { q += i == 0 ? "\(bind: x)" : ", \(bind: x)" }
        return q
    }

    /// Latest rung per person as of a date (inclusive).
    static func latestRung(asOf date: String, ladder: String) -> SQLQueryString {
        """
        SELECT person_id, rung FROM (
          SELECT person_id, rung, ROW_NUMBER() OVER (PARTITION BY person_id ORDER BY assessed_on DESC, created_at DESC) AS rn
          FROM assessments WHERE kind = 'rung' AND ladder_id = \(bind: ladder) AND rung IS NOT NULL AND assessed_on <= \(bind: date)) x WHERE rn = 1
        """
    }

    /// Rows of (district, numerator, denominator) for one computation and year.
    static func query(_ c: Indicator.Computation, year: Int, today: CalendarDate, ladder: String) -> SQLQueryString? {
        let from = "\(year)-01-01"
        let to = "\(year)-12-31"
        let asOf = min(to, today.iso)
        switch c {
        case .outflowToWork:
            return """
                SELECT p.district_code AS d, COUNT(DISTINCT e.person_id) AS n, CAST(NULL AS BIGINT) AS total FROM person_exits e JOIN persons p ON p.id = e.person_id
                WHERE e.kind = 'work' AND e.left_on >= \(bind: from) AND e.left_on <= \(bind: to) GROUP BY p.district_code
                """
        case .languageStarts:
            return """
                SELECT p.district_code AS d, COUNT(*) AS n, CAST(NULL AS BIGINT) AS total FROM referrals r JOIN persons p ON p.id = r.person_id JOIN interventions i ON i.id = r.intervention_id
                WHERE i.type IN (\(list(languageTypes))) AND r.started_on >= \(bind: from) AND r.started_on <= \(bind: to) GROUP BY p.district_code
                """
        case .languageDualShare:
            return """
                SELECT p.district_code AS d,
                  CAST(SUM(CASE WHEN EXISTS (SELECT 1 FROM referrals r2 JOIN interventions i2 ON i2.id = r2.intervention_id
                      WHERE r2.person_id = r.person_id AND r2.id <> r.id AND i2.type IN (\(list(dualTypes))) AND r2.started_on IS NOT NULL
                        AND r2.started_on <= COALESCE(r.ended_on, \(bind: asOf)) AND (r2.ended_on IS NULL OR r2.ended_on >= r.started_on))
                    THEN 1 ELSE 0 END) AS BIGINT) AS n,
                  COUNT(*) AS total
                FROM referrals r JOIN persons p ON p.id = r.person_id JOIN interventions i ON i.id = r.intervention_id
                WHERE i.type IN (\(list(languageTypes))) AND r.started_on >= \(bind: from) AND r.started_on <= \(bind: to) GROUP BY p.district_code
                """
        case .languagePassRate:
            return """
                SELECT p.district_code AS d, CAST(SUM(CASE WHEN r.exam = 'passed' THEN 1 ELSE 0 END) AS BIGINT) AS n, COUNT(*) AS total
                FROM referrals r JOIN persons p ON p.id = r.person_id JOIN interventions i ON i.id = r.intervention_id
                WHERE i.type IN (\(list(languageTypes))) AND r.exam IN ('passed', 'failed') AND r.ended_on >= \(bind: from) AND r.ended_on <= \(bind: to) GROUP BY p.district_code
                """
        case .rung2DayActivities:
            return """
                SELECT p.district_code AS d,
                  CAST(SUM(CASE WHEN EXISTS (SELECT 1 FROM referrals r WHERE r.person_id = p.id AND r.status IN ('started', 'ended')
                      AND r.started_on <= \(bind: asOf) AND (r.ended_on IS NULL OR r.ended_on >= \(bind: from))) THEN 1 ELSE 0 END) AS BIGINT) AS n,
                  COUNT(*) AS total
                FROM persons p JOIN (\(latestRung(asOf: asOf, ladder: ladder))) lr ON lr.person_id = p.id
                WHERE lr.rung = 2 AND p.benefit IN (\(list(municipalBenefits))) GROUP BY p.district_code
                """
        case .stepUpRung1, .stepUpRung2:
            let rung = c == .stepUpRung1 ? 1 : 2
            let dayBefore = CalendarDate(dayNumber: CalendarDate(year: year, month: 1, day: 1)!.dayNumber - 1).iso
            return """
                SELECT p.district_code AS d,
                  CAST(SUM(CASE WHEN EXISTS (SELECT 1 FROM assessments a WHERE a.person_id = p.id AND a.kind = 'rung' AND a.ladder_id = \(bind: ladder) AND a.rung > \(bind: rung)
                        AND a.assessed_on >= \(bind: from) AND a.assessed_on <= \(bind: to))
                    OR EXISTS (SELECT 1 FROM person_exits e WHERE e.person_id = p.id AND e.kind = 'work' AND e.left_on >= \(bind: from) AND e.left_on <= \(bind: to))
                    THEN 1 ELSE 0 END) AS BIGINT) AS n,
                  COUNT(*) AS total
                FROM persons p JOIN (\(latestRung(asOf: dayBefore, ladder: ladder))) lr ON lr.person_id = p.id
                WHERE lr.rung = \(bind: rung) GROUP BY p.district_code
                """
        case .riskReferredToCare:
            return """
                SELECT p.district_code AS d,
                  CAST(SUM(CASE WHEN p.on_case_table OR EXISTS (SELECT 1 FROM referrals r JOIN interventions i ON i.id = r.intervention_id
                        WHERE r.person_id = p.id AND r.referred_on <= \(bind: asOf) AND i.type IN (\(list(careTypes)))
                        AND r.status NOT IN ('withdrawn', 'refused')) THEN 1 ELSE 0 END) AS BIGINT) AS n,
                  COUNT(*) AS total
                FROM persons p JOIN (
                  SELECT person_id, facts FROM (
                    SELECT person_id, facts, ROW_NUMBER() OVER (PARTITION BY person_id ORDER BY decided_on DESC, created_at DESC) AS rn
                    FROM diagnoses WHERE decided_on <= \(bind: asOf)) x WHERE rn = 1) ld ON ld.person_id = p.id
                WHERE ld.facts NOT LIKE '%"risks":[]%' GROUP BY p.district_code
                """
        case .schoolFirstEnrolled:
            // Young people whose latest diagnosis says "school first": the share enrolled at school or at work since.
            return """
                SELECT p.district_code AS d,
                  CAST(SUM(CASE WHEN EXISTS (SELECT 1 FROM person_exits e WHERE e.person_id = p.id AND e.left_on >= ld.decided_on
                        AND e.left_on <= \(bind: asOf)) THEN 1 ELSE 0 END) AS BIGINT) AS n,
                  COUNT(*) AS total
                FROM persons p JOIN (
                  SELECT person_id, decided_route, decided_on FROM (
                    SELECT person_id, decided_route, decided_on, ROW_NUMBER() OVER (PARTITION BY person_id ORDER BY decided_on DESC, created_at DESC) AS rn
                    FROM diagnoses WHERE decided_on <= \(bind: asOf)) x WHERE rn = 1) ld ON ld.person_id = p.id
                WHERE ld.decided_route = \(bind: Route.workSchoolFirst.rawValue) GROUP BY p.district_code
                """
        case .enrolmentsLive:
            return """
                SELECT p.district_code AS d, COUNT(*) AS n, CAST(NULL AS BIGINT) AS total FROM referrals r JOIN persons p ON p.id = r.person_id
                WHERE r.status IN ('started', 'ended') AND r.started_on <= \(bind: asOf) AND (r.ended_on IS NULL OR r.ended_on > \(bind: asOf)) GROUP BY p.district_code
                """
        case .waitingList:
            // A state, not a history: only the current year has it.
            guard year == today.year else { return nil }
            return """
                SELECT p.district_code AS d, COUNT(*) AS n, CAST(NULL AS BIGINT) AS total FROM referrals r JOIN persons p ON p.id = r.person_id
                WHERE r.status = 'waiting' GROUP BY p.district_code
                """
        case .meanWaitDays:
            return """
                SELECT p.district_code AS d, COUNT(*) AS n, CAST(SUM(r.waited_days) AS BIGINT) AS total FROM referrals r JOIN persons p ON p.id = r.person_id
                WHERE r.waited_days IS NOT NULL AND r.started_on IS NOT NULL AND r.referred_on >= \(bind: from) AND r.referred_on <= \(bind: to) GROUP BY p.district_code
                """
        case .budgetUse:
            return """
                SELECT CAST(NULL AS TEXT) AS d, CAST(COALESCE(SUM(committed_cents + spent_cents), 0) AS BIGINT) AS n, CAST(COALESCE(SUM(total_cents), 0) AS BIGINT) AS total
                FROM funding_streams WHERE year = \(bind: year)
                """
        }
    }

    static func measure(_ indicator: Indicator, year: Int, today: CalendarDate, ladder: String, on db: any Database)
        async throws -> Row
    {
        guard let q = query(indicator.computation, year: year, today: today, ladder: ladder) else {
            return Row(indicator: indicator, year: year, city: nil, districts: [:])
        }
        let rows = try await (db as! any SQLDatabase).raw(q).all()
        var districts: [String: Measured] = [:]
        var n = 0.0
        var total = 0.0
        for r in rows {
            let d = try r.decode(column: "d", as: String?.self)
            let num = Double(try r.decode(column: "n", as: Int?.self) ?? 0)
            let tot = try r.decode(column: "total", as: Int?.self).map(Double.init)
            n += num
            total += tot ?? 0
            guard let d else { continue }
            districts[d] = measured(indicator.computation, num, tot)
        }
        let city =
            rows.isEmpty && indicator.computation == .budgetUse
            ? nil : measured(indicator.computation, n, indicator.unit == .count ? nil : total)
        return Row(indicator: indicator, year: year, city: city, districts: Suppression.areas(districts, city: city))
    }

    /// What the dashboard and the report show: every indicator over the three years up to `year`
    /// (oldest first), and each district's share of the city's count targets.
    static func dashboard(_ set: IndicatorSet, year: Int, today: CalendarDate, on db: any Database) async throws -> (
        shares: [String: Double], rows: [[Row]]
    ) {
        let shares = try await districtShares(on: db)
        var rows: [[Row]] = []
        for i in set.indicators {
            var perYear: [Row] = []
            for y in year - 2...year {
                perYear.append(try await measure(i, year: y, today: today, ladder: set.ladder, on: db))
            }
            rows.append(perYear)
        }
        return (shares, rows)
    }

    /// The dashboard's statements as plain SQL text for the `sqlite3` or `psql` client (binds written
    /// in as literals), for the benchmark that compares the server with the client on the same aggregates.
    static func dashboardSQL(_ set: IndicatorSet, year: Int, today: CalendarDate, on db: any SQLDatabase) -> [String] {
        var out: [SQLQueryString] = [
            """
            SELECT district_code AS d, COUNT(*) AS n FROM persons WHERE benefit IN (\(list(municipalBenefits))) GROUP BY district_code
            """
        ]
        for i in set.indicators {
            for y in year - 2...year {
                if let q = query(i.computation, year: y, today: today, ladder: set.ladder) { out.append(q) }
            }
        }
        return out.map { q in
            let s = db.serialize(q)
            var sql = s.sql
            for (n, bind) in s.binds.enumerated().reversed() {
                let literal: String
                switch bind {
                case let v as String: literal = "'" + v.replacingOccurrences(of: "'", with: "''") + "'"
                case let v as Int: literal = String(v)
                default: literal = "NULL"
                }
                let placeholder = db.dialect.name == "postgresql" ? "$\(n + 1)" : "?\(n + 1)"
                if sql.contains(placeholder) {
                    sql = sql.replacingOccurrences(of: placeholder, with: literal)
                } else if let r = sql.range(of: "?", options: .backwards) {
                    sql.replaceSubrange(r, with: literal)
                }
            }
            return sql + ";"
        }
    }

    static func measured(_ c: Indicator.Computation, _ n: Double, _ total: Double?) -> Measured {
        switch c {
        case .meanWaitDays: return Measured(numerator: n, mean: n > 0 ? (total ?? 0) / n : nil)
        default: return c.isShare ? Measured(numerator: n, denominator: total ?? 0) : Measured(numerator: n)
        }
    }

    /// Each district's share of the city's municipal-benefit clients: its part of a count target.
    static func districtShares(on db: any Database) async throws -> [String: Double] {
        let rows = try await (db as! any SQLDatabase).raw(
            """
            SELECT district_code AS d, COUNT(*) AS n FROM persons WHERE benefit IN (\(list(municipalBenefits))) GROUP BY district_code
            """
        ).all()
        var counts: [String: Double] = [:]
        for r in rows {
            counts[try r.decode(column: "d", as: String.self)] = Double(try r.decode(column: "n", as: Int.self))
        }
        let all = counts.values.reduce(0, +)
        return all > 0 ? counts.mapValues { $0 / all } : [:]
    }

    /// The part of the year that has passed (1 for an ended year).
    static func yearFraction(_ year: Int, today: CalendarDate) -> Double {
        if year < today.year { return 1 }
        if year > today.year { return 0 }
        let start = CalendarDate(year: year, month: 1, day: 1)!.dayNumber
        let end = CalendarDate(year: year, month: 12, day: 31)!.dayNumber
        return Double(today.dayNumber - start + 1) / Double(end - start + 1)
    }
}

extension IndicatorService {
    /// The monitor's figures of `year` for the indicators in force, from the ten-minute cache.
    static func figures(year: Int, in ctx: UseCaseContext) async throws -> DashboardCache.Entry {
        try await ctx.dashboard.figures(ctx.policies.indicators, year: year, today: ctx.today, on: ctx.appDB)
    }
}

/// The monitor's figures, computed at most once per `maxAge` (ten minutes) per indicator set, year
/// and day: at city scale they take seconds (every indicator over three years; see
/// docs/PERFORMANCE.md), and management figures do not need to be newer than that. One computation
/// at a time per key (concurrent visitors wait for the same one); when figures are older than
/// `maxAge` the old ones are shown once more while new ones are computed in the background. The page
/// says when its figures were computed. Warmed at start-up.
final class DashboardCache: Sendable {
    struct Entry: Sendable {
        var computedAt: Date
        var shares: [String: Double]
        var rows: [[IndicatorService.Row]]
    }
    private struct State {
        var entries: [String: Entry] = [:]
        var running: [String: Task<Entry, any Error>] = [:]
    }
    private let state = NIOLockedValueBox(State())
    let maxAge: TimeInterval

    init(maxAge: TimeInterval = 600) { self.maxAge = maxAge }

    func figures(_ set: IndicatorSet, year: Int, today: CalendarDate, on db: any Database) async throws -> Entry {
        let key = "\(set.id)|\(set.version)|\(year)|\(today.iso)"
        let (cached, task): (Entry?, Task<Entry, any Error>?) = state.withLockedValue { s in
            if let e = s.entries[key], Date().timeIntervalSince(e.computedAt) < maxAge { return (e, nil) }
            if let running = s.running[key] { return (s.entries[key], running) }
            let t = Task<Entry, any Error> { [state] in
                do {
                    let (shares, rows) = try await IndicatorService.dashboard(set, year: year, today: today, on: db)
                    let e = Entry(computedAt: Date(), shares: shares, rows: rows)
                    Memory.giveBack()
                    state.withLockedValue {
                        $0.entries[key] = e
                        $0.running[key] = nil
                    }
                    return e
                } catch {
                    state.withLockedValue { $0.running[key] = nil }
                    throw error
                }
            }
            s.running[key] = t
            return (s.entries[key], t)
        }
        if let cached { return cached }  // fresh, or stale while the new figures are computed
        return try await task!.value
    }

    /// Forgets all figures (the next view computes).
    func reset() { state.withLockedValue { $0.entries = [:] } }
}

extension Application {
    private struct DashboardCacheKey: StorageKey { typealias Value = DashboardCache }
    var dashboardCache: DashboardCache {
        get {
            if let c = storage[DashboardCacheKey.self] { return c }
            let c = DashboardCache()
            storage[DashboardCacheKey.self] = c
            return c
        }
        set { storage[DashboardCacheKey.self] = newValue }
    }
}
