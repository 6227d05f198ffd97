import Fluent
import MeedoenCore
import SQLKit

/// The monitor's counts: residents per rung, category and route, running enrolments and waiting
/// referrals, per district — aggregates only (the pages suppress small cells).
enum CountsQuery {
    /// One table: (key, district code, count).
    typealias Table = [(String, String, Int)]

    struct Tables {
        var rungs: Table
        var categories: Table
        var routes: Table
        var enrolments: Table
        var waiting: Table
    }

    static func requireViewer(_ ctx: UseCaseContext) throws {
        let user = try ctx.requireUser()
        guard user.viewer.isProfessional else {
            throw DomainError.forbidden(
                .init(nl: "De monitor is voor medewerkers van de gemeente.", en: "The monitor is for municipal staff."))
        }
    }

    /// The counts as they stood at the end of `year` (or today, during the year).
    static func tables(year: Int, in ctx: UseCaseContext) async throws -> Tables {
        try requireViewer(ctx)
        let asOf = min("\(year)-12-31", ctx.today.iso)
        let sql = ctx.db as! any SQLDatabase
        func grouped(_ q: SQLQueryString) async throws -> Table {
            try await sql.raw(q).all().map {
                (
                    try $0.decode(column: "k", as: String?.self) ?? "—", try $0.decode(column: "d", as: String.self),
                    try $0.decode(column: "n", as: Int.self)
                )
            }
        }
        let latestRung = IndicatorService.latestRung(asOf: asOf, ladder: ctx.ladderInUse.id)
        let rungs = try await grouped(
            "SELECT CAST(lr.rung AS TEXT) AS k, p.district_code AS d, COUNT(*) AS n FROM persons p JOIN (\(latestRung)) lr ON lr.person_id = p.id GROUP BY lr.rung, p.district_code"
        )
        let latestDiagnosis: SQLQueryString = """
            SELECT person_id, decided_category, decided_route FROM (SELECT person_id, decided_category, decided_route,
              ROW_NUMBER() OVER (PARTITION BY person_id ORDER BY decided_on DESC, created_at DESC) AS rn FROM diagnoses WHERE decided_on <= \(bind: asOf)) x WHERE rn = 1
            """
        let categories = try await grouped(
            "SELECT CAST(ld.decided_category AS TEXT) AS k, p.district_code AS d, COUNT(*) AS n FROM persons p JOIN (\(latestDiagnosis)) ld ON ld.person_id = p.id GROUP BY ld.decided_category, p.district_code"
        )
        let routes = try await grouped(
            "SELECT ld.decided_route AS k, p.district_code AS d, COUNT(*) AS n FROM persons p JOIN (\(latestDiagnosis)) ld ON ld.person_id = p.id GROUP BY ld.decided_route, p.district_code"
        )
        let enrolments = try await grouped(
            """
            SELECT i.name AS k, p.district_code AS d, COUNT(*) AS n FROM referrals r JOIN persons p ON p.id = r.person_id JOIN interventions i ON i.id = r.intervention_id
            WHERE r.status IN ('accepted', 'started') GROUP BY i.name, p.district_code
            """)
        let waiting = try await grouped(
            """
            SELECT i.name AS k, p.district_code AS d, COUNT(*) AS n FROM referrals r JOIN persons p ON p.id = r.person_id JOIN interventions i ON i.id = r.intervention_id
            WHERE r.status = 'waiting' GROUP BY i.name, p.district_code
            """)
        return Tables(rungs: rungs, categories: categories, routes: routes, enrolments: enrolments, waiting: waiting)
    }

    /// Residents per rung of the ladder in use at the end of `year`, in one district or the whole city.
    static func perRung(year: Int, district: String?, in ctx: UseCaseContext) async throws -> [(Int, Int)] {
        try requireViewer(ctx)
        let asOf = min("\(year)-12-31", ctx.today.iso)
        let sql = ctx.db as! any SQLDatabase
        let districtFilter: SQLQueryString = district.map { "AND p.district_code = \(bind: $0)" } ?? ""
        let latestRung = IndicatorService.latestRung(asOf: asOf, ladder: ctx.ladderInUse.id)
        let rows = try await sql.raw(
            "SELECT lr.rung AS k, COUNT(*) AS n FROM persons p JOIN (\(latestRung)) lr ON lr.person_id = p.id WHERE 1 = 1 \(districtFilter) GROUP BY lr.rung ORDER BY lr.rung"
        ).all()
        return try rows.map { (try $0.decode(column: "k", as: Int.self), try $0.decode(column: "n", as: Int.self)) }
    }
}
