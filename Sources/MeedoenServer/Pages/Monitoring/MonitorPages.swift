import MeedoenCore
import Vapor

/// "Monitor": the source indicators against their targets, city-wide and per district, with trends,
/// a district league table and counts to drill into. Aggregates only; cells under 5 suppressed.
/// (Just over 400 lines: the monitor, the league table and the counts share their helpers here.)
enum MonitorPages {
    static func requireViewer(_ req: Request) throws -> User {
        let user = try req.requireUser()
        guard user.viewer.isProfessional else {
            throw DomainError.forbidden(
                .init(nl: "De monitor is voor medewerkers van de gemeente.", en: "The monitor is for municipal staff."))
        }
        return user
    }

    static func statusBadge(_ s: TargetStatus, _ t: Texts) -> HTMLNode {
        switch s {
        case .met: el("span", [A("class", "badge ok")], txt(t("gehaald", "met")))
        case .close: el("span", [A("class", "badge warn")], txt(t("bijna", "close")))
        case .behind: el("span", [A("class", "badge bad")], txt(t("achter", "behind")))
        case .noTarget: el("span", [A("class", "badge")], txt(t("geen doel", "no target")))
        case .unknown: el("span", [A("class", "badge")], txt(t("onbekend", "unknown")))
        }
    }

    /// A value as shown: suppressed cells say so.
    static func shown(_ m: Measured?, _ unit: Indicator.Unit) -> String {
        guard let m else { return "—" }
        if Suppression.suppressed(m) { return "< \(Suppression.threshold)" }
        return m.value.map { TargetStatus.format($0, unit) } ?? "—"
    }

    static func visible(_ m: Measured?) -> Double? {
        guard let m, !Suppression.suppressed(m) else { return nil }
        return m.value
    }

    static func show(_ req: Request) async throws -> Response {
        let districts = try await req.districts().pairs
        _ = try requireViewer(req)
        let t = req.t
        let year = try req.year(named: "jaar")
        let set = req.policies.indicators
        let today = req.today
        let fraction = IndicatorService.yearFraction(year, today: today)
        let figures = try await req.application.dashboardCache.figures(
            set, year: year, today: today, on: req.application.db)
        let (shares, rows) = (figures.shares, figures.rows)
        let years = [year - 2, year - 1, year]
        if let format = Export.format(req) {
            var out: [[String]] = []
            for r in rows.map({ $0.last! }) {
                let i = r.indicator
                out.append([
                    i.id, t(i.name), "stad", CSV.number(visible(r.city)), CSV.number(i.target(for: year)?.value),
                    i.unit.rawValue,
                ])
                for (code, _) in districts {
                    out.append([
                        i.id, t(i.name), code, CSV.number(visible(r.districts[code])),
                        CSV.number(
                            i.target(for: year).map { i.unit == .percent ? $0.value : $0.value * (shares[code] ?? 0) }),
                        i.unit.rawValue,
                    ])
                }
            }
            return Export.response(
                format, "monitor-\(year)", header: ["indicator", "naam", "gebied", "waarde", "doel", "eenheid"],
                rows: out)
        }
        let table = el(
            "div", [A("class", "table-wrap"), A("tabindex", "0")],
            el(
                "table", [A("class", "data monitor")],
                el(
                    "caption", [],
                    txt(
                        t("Heel de stad, \(year)", "The whole city, \(year)")
                            + (fraction < 1 ? t(" (tot en met vandaag)", " (up to today)") : ""))),
                el(
                    "thead", [],
                    el(
                        "tr", [],
                        [
                            t("Indicator", "Indicator"), t("Eigenaar", "Owner"), t("Doel", "Target"),
                            t("Stand", "Actual"), t("Oordeel", "Assessment"),
                            t("Verloop (stippel: doel)", "Trend (dashed: target)"),
                        ].map { el("th", [A("scope", "col")], txt($0)) })),
                el(
                    "tbody", [],
                    rows.map { perYear in
                        let r = perYear.last!
                        let i = r.indicator
                        var (status, reason, expected) = TargetStatus.evaluate(
                            i, actual: visible(r.city), year: year, yearFraction: fraction)
                        if let c = r.city, Suppression.suppressed(c) { reason = Suppression.reason }
                        let chart = TrendChart.svg(
                            id: "trend-\(i.id)", title: t("Verloop \(t(i.name))", "Trend \(t(i.name))"), years: years,
                            actual: perYear.map { visible($0.city) }, target: years.map { i.target(for: $0)?.value })
                        return el(
                            "tr", [],
                            el(
                                "th", [A("scope", "row")], link("/monitor/\(i.id)?jaar=\(year)", t(i.name)),
                                el("p", [A("class", "meta")], txt(t(i.definition)))),
                            el("td", [], txt(t(i.owner.label))),
                            el(
                                "td", [A("class", "num")],
                                txt(i.target(for: year).map { TargetStatus.format($0.value, i.unit) } ?? "—"),
                                expected.map { e in
                                    i.computation.accumulates && fraction < 1
                                        ? el(
                                            "span", [A("class", "meta")],
                                            txt(
                                                t(
                                                    " (nu \(TargetStatus.format(e, i.unit)))",
                                                    " (now \(TargetStatus.format(e, i.unit)))"))) : .empty
                                } ?? .empty),
                            el("td", [A("class", "num")], el("strong", [], txt(shown(r.city, i.unit)))),
                            el("td", [], statusBadge(status, t), el("span", [A("class", "meta")], txt(t(reason.text)))),
                            el("td", [], markup(chart)))
                    })))
        // Every district's results, visible to all: indicators × districts with the assessment in words.
        let league = el(
            "div", [A("class", "table-wrap"), A("tabindex", "0")],
            el(
                "table", [A("class", "data small")],
                el("caption", [], txt(t("Per stadsdeel, \(year)", "Per district, \(year)"))),
                el(
                    "thead", [],
                    el(
                        "tr", [],
                        [el("th", [A("scope", "col")], txt(t("Indicator", "Indicator")))]
                            + districts.map { el("th", [A("scope", "col")], txt($0.1)) })),
                el(
                    "tbody", [],
                    rows.map { perYear in
                        let r = perYear.last!
                        let i = r.indicator
                        return el(
                            "tr", [],
                            [el("th", [A("scope", "row")], link("/monitor/\(i.id)?jaar=\(year)", t(i.name)))]
                                + districts.map { code, _ in
                                    let m = r.districts[code]
                                    let (status, _, _) = TargetStatus.evaluate(
                                        i, actual: visible(m), year: year, yearFraction: fraction,
                                        share: shares[code] ?? 0)
                                    return el(
                                        "td", [A("class", "num")], txt(shown(m, i.unit) + " "),
                                        status == .noTarget || status == .unknown ? .empty : statusBadge(status, t))
                                })
                    })))
        let yearNav = el(
            "nav", [A("class", "pager"), A("aria-label", t("Jaar", "Year"))],
            link("/monitor?jaar=\(year - 1)", "← \(year - 1)"), el("strong", [], txt(String(year))),
            year < today.year ? link("/monitor?jaar=\(year + 1)", "\(year + 1) →") : .empty)
        return req.page(
            t("Monitor", "Monitor"),
            el(
                "section", [],
                el("h1", [], txt(t("Monitor: resultaten tegen de doelen", "Monitor: results against targets"))),
                el(
                    "p", [A("class", "lead")],
                    txt(
                        t(
                            "De indicatoren uit de brondocumenten, voor de hele stad en per stadsdeel. Alleen totalen; aantallen onder de \(Suppression.threshold) worden niet getoond. Een doel geldt tot een nieuw doel het vervangt; aantallen over het jaar worden naar rato vergeleken.",
                            "The indicators of the source documents, city-wide and per district. Totals only; numbers under \(Suppression.threshold) are not shown. A target holds until a new one replaces it; counts over the year are compared pro rata."
                        ))),
                el(
                    "p", [A("class", "meta")],
                    txt(
                        t(
                            "Cijfers berekend \(DateFormatting.local(figures.computedAt)); ze worden hooguit elke \(Int(req.application.dashboardCache.maxAge / 60)) minuten opnieuw berekend.",
                            "Figures computed \(DateFormatting.local(figures.computedAt)); they are recomputed at most every \(Int(req.application.dashboardCache.maxAge / 60)) minutes."
                        ))),
                yearNav,
                table,
                league,
                Export.links("/monitor?jaar=\(year)", t),
                el(
                    "p", [],
                    link(
                        "/monitor/aantallen?jaar=\(year)",
                        t(
                            "Aantallen per trede, categorie, route en stadsdeel",
                            "Counts per rung, category, route and district"), [A("class", "button secondary")]),
                    txt(" "),
                    link(
                        "/monitor/wat-werkt", t("Wat werkt: resultaten per aanbod", "What works: results per service"),
                        [A("class", "button secondary")]), txt(" "),
                    link(
                        "/monitor/rapport?jaar=\(year)",
                        t("Managementrapportage (afdrukbaar)", "Management report (printable)"),
                        [A("class", "button secondary")]))))
    }

    /// One indicator: the district league table, ranked by how far each district is from its part of the target.
    static func indicator(_ req: Request) async throws -> Response {
        let districts = try await req.districts().pairs
        _ = try requireViewer(req)
        let t = req.t
        let year = try req.year(named: "jaar")
        guard let id = req.parameters.get("indicator"), let i = req.policies.indicators.indicator(id) else {
            throw DomainError.notFound(.init(nl: "Onbekende indicator.", en: "Unknown indicator."))
        }
        let today = req.today
        let fraction = IndicatorService.yearFraction(year, today: today)
        let figures = try await req.application.dashboardCache.figures(
            req.policies.indicators, year: year, today: today, on: req.application.db)
        let shares = figures.shares
        guard let r = figures.rows.first(where: { $0.last?.indicator.id == i.id })?.last else { throw Abort(.notFound) }
        struct Line {
            var code: String
            var name: String
            var m: Measured?
            var status: TargetStatus
            var reason: Reason
            var expected: Double?
            var ratio: Double?
        }
        var lines: [Line] = districts.map { code, name in
            let m = r.districts[code]
            let (s, reason, expected) = TargetStatus.evaluate(
                i, actual: visible(m), year: year, yearFraction: fraction, share: shares[code] ?? 0)
            let ratio = visible(m).flatMap { v in
                expected.map { e in i.higherIsBetter ? (e == 0 ? 1 : v / e) : (v == 0 ? 1 : e / v) }
            }
            return Line(code: code, name: name, m: m, status: s, reason: reason, expected: expected, ratio: ratio)
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
            t(i.name),
            el(
                "section", [],
                el("p", [], link("/monitor?jaar=\(year)", t("← Monitor", "← Monitor"), [A("class", "back")])),
                el("h1", [], txt(t(i.name) + " — \(year)")),
                el("p", [A("class", "lead")], txt(t(i.definition))),
                el(
                    "dl", [A("class", "facts card")],
                    el("dt", [], txt(t("Eigenaar", "Owner"))), el("dd", [], txt(t(i.owner.label))),
                    el("dt", [], txt(t("Doel", "Target"))),
                    el(
                        "dd", [],
                        txt(i.target(for: year).map { TargetStatus.format($0.value, i.unit) + " (\($0.year))" } ?? "—")),
                    el("dt", [], txt(t("Bron", "Source"))), el("dd", [], txt(i.source ?? "—")),
                    el("dt", [], txt(t("Heel de stad", "City-wide"))),
                    el("dd", [], el("strong", [], txt(shown(r.city, i.unit))))),
                el(
                    "div", [A("class", "table-wrap"), A("tabindex", "0")],
                    el(
                        "table", [A("class", "data")],
                        el(
                            "caption", [],
                            txt(
                                t(
                                    "Ranglijst van de stadsdelen (ten opzichte van hun deel van het doel)",
                                    "District league table (against their part of the target)"))),
                        el(
                            "thead", [],
                            el(
                                "tr", [],
                                [
                                    "#", t("Stadsdeel", "District"), t("Stand", "Actual"),
                                    t("Doel (deel)", "Target (part)"), t("Oordeel", "Assessment"),
                                    t("Teller / noemer", "Numerator / denominator"),
                                ].map { el("th", [A("scope", "col")], txt($0)) })),
                        el(
                            "tbody", [],
                            lines.enumerated().map { n, l in
                                let hide = l.m.map(Suppression.suppressed) ?? true
                                return el(
                                    "tr", [], el("td", [], txt(String(n + 1))),
                                    el("th", [A("scope", "row")], txt(l.name)),
                                    el("td", [A("class", "num")], txt(shown(l.m, i.unit))),
                                    el(
                                        "td", [A("class", "num")],
                                        txt(l.expected.map { TargetStatus.format($0, i.unit) } ?? "—")),
                                    el(
                                        "td", [], statusBadge(l.status, t),
                                        el("span", [A("class", "meta")], txt(t(l.reason.text)))),
                                    el(
                                        "td", [A("class", "num")],
                                        txt(
                                            hide
                                                ? t("niet getoond", "not shown")
                                                : [l.m?.numerator, l.m?.denominator].compactMap { $0 }.map {
                                                    TargetStatus.thousands(Int($0))
                                                }.joined(separator: " / "))))
                            }))),
                Export.links("/monitor/\(i.id)?jaar=\(year)", t)))
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
        let tables: [(String, String, [(String, String, Int)], (String) -> String)] = [
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
            ("route", t("Inwoners per route", "Residents per route"), routes, { $0 }),
            ("trajecten", t("Lopende trajecten per aanbod", "Running enrolments per offer"), enrolments, { $0 }),
            ("wachtlijst", t("Wachtenden per aanbod", "Waiting per offer"), waiting, { $0 }),
        ]
        func cell(_ n: Int) -> String {
            n > 0 && n < Suppression.threshold ? "< \(Suppression.threshold)" : TargetStatus.thousands(n)
        }
        // (A row's cells are hidden with `Suppression.row`: small ones, and one more where the total would give a single one away.)
        if let which = req.query[String.self, at: "tabel"], let table = tables.first(where: { $0.0 == which }),
            let format = Export.format(req)
        {
            let keys = Array(Set(table.2.map(\.0))).sorted()
            return Export.response(
                format, "\(which)-\(year)", header: [which] + districts.map(\.1) + [t("totaal", "total")],
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
            t("Aantallen", "Counts"),
            el(
                "section", [],
                el("p", [], link("/monitor?jaar=\(year)", t("← Monitor", "← Monitor"), [A("class", "back")])),
                el("h1", [], txt(t("Aantallen, \(year)", "Counts, \(year)"))),
                el(
                    "p", [A("class", "lead")],
                    txt(
                        t(
                            "Totalen per stadsdeel; cellen onder de \(Suppression.threshold) staan als ‘< \(Suppression.threshold)’.",
                            "Totals per district; cells under \(Suppression.threshold) show as ‘< \(Suppression.threshold)’."
                        ))),
                .group(
                    tables.map { key, title, data, label in
                        let keys = Array(Set(data.map(\.0))).sorted { a, b in
                            (Int(a) ?? Int.max, a) < (Int(b) ?? Int.max, b)
                        }
                        return el(
                            "div", [A("class", "table-wrap"), A("tabindex", "0")],
                            el(
                                "table", [A("class", "data small")],
                                el(
                                    "caption", [], txt(title + " "),
                                    link("/monitor/aantallen?jaar=\(year)&tabel=\(key)&formaat=csv", "CSV"), txt(" "),
                                    link("/monitor/aantallen?jaar=\(year)&tabel=\(key)&formaat=xlsx", "XLSX")),
                                el(
                                    "thead", [],
                                    el(
                                        "tr", [],
                                        [el("th", [A("scope", "col")], txt(""))]
                                            + districts.map { el("th", [A("scope", "col")], txt($0.1)) } + [
                                                el("th", [A("scope", "col")], txt(t("Totaal", "Total")))
                                            ])),
                                el(
                                    "tbody", [],
                                    keys.map { k in
                                        let per = districts.map { code, _ in
                                            data.filter { $0.0 == k && $0.1 == code }.reduce(0) { $0 + $1.2 }
                                        }
                                        let hidden = Suppression.row(per)
                                        return el(
                                            "tr", [],
                                            [el("th", [A("scope", "row")], txt(label(k)))]
                                                + per.indices.map { j in
                                                    el(
                                                        "td", [A("class", "num")],
                                                        txt(hidden[j] ? "< \(Suppression.threshold)" : cell(per[j])))
                                                }
                                                + [
                                                    el(
                                                        "td", [A("class", "num")],
                                                        el("strong", [], txt(cell(per.reduce(0, +)))))
                                                ])
                                    })))
                    })))
    }
}
