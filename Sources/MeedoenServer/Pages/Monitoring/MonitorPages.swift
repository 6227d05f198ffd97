import MeedoenCore
import Vapor

/// "Monitor": the source indicators against their targets, city-wide and per district, with trends,
/// a district league table and counts to drill into. Aggregates only; cells under 5 suppressed.
/// (Just over 400 lines: the monitor, the league table and the counts share their helpers here.)
enum MonitorPages {
    static func requireViewer(_ req: Request) throws -> User {
        let user = try req.requireUser()
        guard user.viewer.isProfessional else { throw staffOnly }
        return user
    }

    /// A count as shown: small ones as "< 5".
    static func cell(_ n: Int) -> String {
        n > 0 && n < Suppression.threshold ? "< \(Suppression.threshold)" : TargetStatus.thousands(n)
    }

    /// One table of counts: its key, title, (row key, district, count) and the row's label.
    typealias CountTable = (String, String, [(String, String, Int)], (String) -> String)

    /// A district in an indicator's league table: its value against its part of the target.
    struct LeagueLine {
        var code: String
        var name: String
        var m: Measured?
        var status: TargetStatus
        var reason: Reason
        var expected: Double?
        var ratio: Double?
    }

    static let staffOnly = DomainError.forbidden(
        .init(nl: "De monitor is voor medewerkers van de gemeente.", en: "The monitor is for municipal staff."))

    static func statusBadge(_ s: TargetStatus, _ t: Texts) -> HTMLNode {
        switch s {
        case .met: el("span", [A("class", "badge ok")], txt(t("gehaald", "met")))
        case .close: el("span", [A("class", "badge warn")], txt(t("bijna", "close")))
        case .behind: el("span", [A("class", "badge bad")], txt(t("achter", "behind")))
        case .noTarget: el("span", [A("class", "badge")], txt(t("geen doel", "no target")))
        case .unknown: el("span", [A("class", "badge")], txt(t("onbekend", "unknown")))
        }
    }

    /// The judgement in a table cell: the badge and, after a space, its reason ("achter — 13 van 20 …");
    /// without a target only the reason, which says so.
    static func statusCell(_ s: TargetStatus, _ reason: Reason, _ t: Texts) -> HTMLNode {
        let why = el("span", [A("class", "meta")], txt(t(reason.text)))
        return s == .noTarget ? why : .group([statusBadge(s, t), txt(" "), why])
    }

    /// A value as shown: suppressed cells say so.
    static func shown(_ m: Measured?, _ unit: Indicator.Unit, _ t: Texts) -> String {
        guard let m else { return "—" }
        // Withheld so that the city's total does not give a small area away: not small itself.
        if m.withheld == true { return t("niet getoond", "not shown") }
        if Suppression.suppressed(m) { return "< \(Suppression.threshold)" }
        return m.value.map { TargetStatus.format($0, unit) } ?? "—"
    }

    /// An indicator's unit in words, for the exports.
    static func unitLabel(_ unit: Indicator.Unit, _ t: Texts) -> String {
        switch unit {
        case .count: t("aantal", "count")
        case .percent: t("procent", "percent")
        case .days: t("dagen", "days")
        case .euros: t("euro", "euros")
        }
    }

    static func visible(_ m: Measured?) -> Double? {
        guard let m, !Suppression.suppressed(m) else { return nil }
        return m.value
    }

    /// The monitor (the adapter): the page, or its figures as CSV or a workbook.
    static func show(_ req: Request) async throws -> Response {
        let m = try await load(year: try req.year(named: "jaar"), in: req.context)
        if let format = Export.format(req) {
            let t = req.t
            let (districts, year, rows, shares) = (m.districts, m.year, m.figures.rows, m.figures.shares)
            var out: [[String]] = []
            for r in rows.map({ $0.last! }) {
                let i = r.indicator
                let unit = unitLabel(i.unit, t)
                out.append([
                    t(i.name), t("hele stad", "city-wide"), CSV.number(visible(r.city)),
                    CSV.number(i.target(for: year)?.value), unit,
                ])
                for (code, name) in districts {
                    out.append([
                        t(i.name), name, CSV.number(visible(r.districts[code])),
                        CSV.number(
                            i.target(for: year).map { i.unit == .percent ? $0.value : $0.value * (shares[code] ?? 0) }),
                        unit,
                    ])
                }
            }
            return Export.response(
                format, "monitor-\(year)", header: ["indicator", "gebied", "waarde", "doel", "eenheid"],
                rows: out)
        }
        return req.page(req.t("Monitor", "Monitor"), view(m, req.view))
    }

    /// One indicator: the district league table, ranked by how far each district is from its part of the target.
    static func indicator(_ req: Request) async throws -> Response {
        let districts = try await req.districts().pairs
        _ = try requireViewer(req)
        let year = try req.year(named: "jaar")
        guard let id = req.parameters.get("indicator"), let i = req.policies.indicators.indicator(id) else {
            throw DomainError.notFound(.init(nl: "Onbekende indicator.", en: "Unknown indicator."))
        }
        let today = req.today
        let fraction = IndicatorService.yearFraction(year, today: today)
        let figures = try await IndicatorService.figures(year: year, in: req.context)
        let shares = figures.shares
        guard let r = figures.rows.first(where: { $0.last?.indicator.id == i.id })?.last else { throw Abort(.notFound) }
        var lines: [LeagueLine] = districts.map { code, name in
            let m = r.districts[code]
            let (s, reason, expected) = TargetStatus.evaluate(
                i, actual: visible(m), year: year, yearFraction: fraction, share: shares[code] ?? 0)
            let ratio = visible(m).flatMap { v in
                expected.map { e in i.higherIsBetter ? (e == 0 ? 1 : v / e) : (v == 0 ? 1 : e / v) }
            }
            return LeagueLine(
                code: code, name: name, m: m, status: s, reason: reason, expected: expected, ratio: ratio)
        }
        lines.sort { ($0.ratio ?? -1, $0.name) > ($1.ratio ?? -1, $1.name) }
        if let format = Export.format(req) {
            return Export.response(
                format, "\(i.id)-\(year)", header: ["stadsdeel", "waarde", "doel", "teller", "noemer"],
                rows: lines.map { l in
                    let hide = l.m.map(Suppression.suppressed) ?? false
                    return [
                        l.name, CSV.number(visible(l.m)), CSV.number(l.expected),
                        hide ? "" : CSV.number(l.m?.numerator), hide ? "" : CSV.number(l.m?.denominator),
                    ]
                })
        }
        return req.page(
            req.t(i.name), indicatorView(i: i, year: year, r: r, lines: lines, req.view))
    }

    /// Drill-down: people per rung, category and route; enrolments and waiting per intervention; per district.
    static func counts(_ req: Request) async throws -> Response {
        let districts = try await req.districts().pairs
        _ = try requireViewer(req)
        let t = req.t
        let year = try req.year(named: "jaar")
        let c = try await CountsQuery.tables(year: year, in: req.context)
        let (rungs, categories, routes, enrolments, waiting) = (
            c.rungs, c.categories, c.routes, c.enrolments, c.waiting
        )
        let tables: [CountTable] = [
            (
                "trede", t("Inwoners per trede (laatste beoordeling)", "Residents per rung (latest assessment)"), rungs,
                { t("trede ", "rung ") + $0 }
            ),
            (
                "categorie",
                t(
                    "Inwoners per prioriteitscategorie (laatste diagnose)",
                    "Residents per priority category (latest diagnosis)"), categories,
                { $0 == "—" ? t("geen categorie", "no category") : t("categorie ", "category ") + $0 }
            ),
            ("route", t("Inwoners per route", "Residents per route"), routes, { Labels.route($0, t) }),
            ("trajecten", t("Lopende trajecten per aanbod", "Running enrolments per offer"), enrolments, { $0 }),
            ("wachtlijst", t("Wachtenden per aanbod", "Waiting per offer"), waiting, { $0 }),
        ]
        // (A row's cells are hidden with `Suppression.row`: small ones, and one more where the total would give a single one away.)
        if let which = req.query[String.self, at: "tabel"], let table = tables.first(where: { $0.0 == which }),
            let format = Export.format(req)
        {
            let keys = Array(Set(table.2.map(\.0))).sorted()
            return Export.response(
                format, "\(which)-\(year)", header: [table.1] + districts.map(\.1) + [t("totaal", "total")],
                rows: keys.map { k in
                    let per = districts.map { code, _ in
                        table.2.filter { $0.0 == k && $0.1 == code }.reduce(0) { $0 + $1.2 }
                    }
                    let hidden = Suppression.row(per)
                    let total = per.reduce(0, +)
                    return [table.3(k)] + per.indices.map { hidden[$0] ? "" : String(per[$0]) } + [
                        total > 0 && total < Suppression.threshold ? "" : String(total)
                    ]
                })
        }
        return req.page(
            req.t("Aantallen", "Counts"), countsView(districts: districts, year: year, tables: tables, req.view))
    }

}
