import MeedoenCore
import SQLKit
import Vapor

/// CSV for Dutch Excel: semicolons, UTF-8 with a byte-order mark, CRLF, no formulas.
enum CSV {
    static func cell(_ s: String) -> String {
        var v = s.replacingOccurrences(of: "\"", with: "\"\"")
        if let f = v.first, "=+-@".contains(f) { v = "'" + v }
        return v.contains(";") || v.contains("\"") || v.contains("\n") || v.contains("'") && v.first == "'"
            ? "\"\(v)\"" : v
    }

    static func response(_ name: String, header: [String], rows: [[String]]) -> Response {
        let text =
            "\u{FEFF}" + ([header] + rows).map { $0.map(cell).joined(separator: ";") }.joined(separator: "\r\n")
            + "\r\n"
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name).csv\"")
        return response
    }

    /// Decimal comma for Dutch Excel.
    static func number(_ v: Double?, decimals: Int = 1) -> String {
        guard let v else { return "" }
        if v == v.rounded() { return String(Int(v)) }
        return String(format: "%.\(decimals)f", v).replacingOccurrences(of: ".", with: ",")
    }
}

/// Every table of the monitor as a download: `?formaat=csv` (Dutch Excel) or `?formaat=xlsx`.
enum Export {
    enum Format: String { case csv, xlsx }

    static func format(_ req: Request) -> Format? {
        req.query[String.self, at: "formaat"].flatMap(Format.init(rawValue:))
    }

    /// The rows are the CSV's (numbers in Dutch notation); the workbook turns those into numbers.
    static func response(_ format: Format, _ name: String, header: [String], rows: [[String]]) -> Response {
        switch format {
        case .csv: return CSV.response(name, header: header, rows: rows)
        case .xlsx:
            let bytes = Xlsx.workbook(sheet: name, header: header, rows: rows)
            let response = Response(status: .ok, body: .init(buffer: ByteBuffer(bytes: bytes)))
            response.headers.replaceOrAdd(
                name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name).xlsx\"")
            return response
        }
    }

    /// The two download links of a table.
    static func links(_ base: String, _ t: Texts) -> HTMLNode {
        let sep = base.contains("?") ? "&" : "?"
        return el(
            "p", [A("class", "downloads")],
            link(
                "\(base)\(sep)formaat=csv", t("Download als CSV (Excel)", "Download as CSV (Excel)"),
                [A("class", "button secondary")]), txt(" "),
            link(
                "\(base)\(sep)formaat=xlsx", t("Download als Excel-bestand (XLSX)", "Download as Excel file (XLSX)"),
                [A("class", "button secondary")]))
    }
}

/// Trend lines drawn on the server: actual per year against the target, as SVG with a title.
enum TrendChart {
    static func svg(id: String, title: String, years: [Int], actual: [Double?], target: [Double?]) -> String {
        let w = 220
        let h = 64
        let pad = 16
        let values = (actual + target).compactMap { $0 }
        let top = max(1, (values.max() ?? 1) * 1.1)
        func x(_ i: Int) -> Int { years.count < 2 ? w / 2 : pad + i * (w - 2 * pad) / (years.count - 1) }
        func y(_ v: Double) -> Int { h - pad - Int(Double(h - 2 * pad) * v / top) }
        func path(_ vs: [Double?]) -> String {
            var d = ""
            var pen = false
            for (i, v) in vs.enumerated() {
                guard let v else {
                    pen = false
                    continue
                }
                d += (pen ? " L" : " M") + "\(x(i)) \(y(v))"
                pen = true
            }
            return d
        }
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h + 14)\" width=\"\(w)\" role=\"img\" aria-labelledby=\"\(id)-t\" class=\"trend\"><title id=\"\(id)-t\">\(escape(title))</title>"
        out +=
            "<path d=\"\(path(target))\" stroke=\"#475467\" stroke-dasharray=\"4 3\" fill=\"none\" stroke-width=\"1.5\"/>"
        out += "<path d=\"\(path(actual))\" stroke=\"#1d3a6b\" fill=\"none\" stroke-width=\"2.5\"/>"
        for (i, v) in actual.enumerated() {
            if let v { out += "<circle cx=\"\(x(i))\" cy=\"\(y(v))\" r=\"3\" fill=\"#1d3a6b\"/>" }
        }
        for (i, yr) in years.enumerated() {
            out +=
                "<text x=\"\(x(i))\" y=\"\(h + 12)\" font-size=\"10\" text-anchor=\"middle\" fill=\"#475467\">\(yr)</text>"
        }
        return out + "</svg>"
    }
}

/// "Monitor": the source indicators against their targets, city-wide and per district, with trends,
/// a district league table and counts to drill into. Aggregates only; cells under 5 suppressed.
enum MonitorPages {
    static func requireViewer(_ req: Request) throws -> User {
        let user = try req.requireUser()
        guard user.viewer.isProfessional else {
            throw DomainError.forbidden(
                .init(nl: "De monitor is voor medewerkers van de gemeente.", en: "The monitor is for municipal staff."))
        }
        return user
    }

    static func year(_ req: Request) throws -> Int {
        guard let raw = req.query[String.self, at: "jaar"] else { return req.today.year }
        guard let y = Int(raw), (2000...2100).contains(y) else {
            throw DomainError.invalid(
                "jaar", "range", .init(nl: "Een jaar van 2000 tot en met 2100.", en: "A year from 2000 to 2100."))
        }
        return y
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
        let year = try year(req)
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
        let year = try year(req)
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
        let year = try year(req)
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

/// "Wat werkt": per intervention, side by side within each kind, over the enrolments started in a period.
enum EffectivenessPage {
    static func show(_ req: Request) async throws -> Response {
        _ = try MonitorPages.requireViewer(req)
        let t = req.t
        let today = req.today
        let months = min(60, max(3, req.query[Int.self, at: "maanden"] ?? 24))
        let from = today.adding(months: -months).iso
        let to = today.iso
        let assumptions = req.policies.indicators.effectiveness
        let lines = try await EffectivenessService.lines(from: from, to: to, on: req.db, assumptions: assumptions)
        func pct(_ x: Double?) -> String { x.map { TargetStatus.format($0 * 100, .percent) } ?? "—" }
        func hidden(_ l: EffectivenessService.Line) -> Bool { l.summary.enrolments < Suppression.threshold }
        func zrm(_ i: Effectiveness.Interval?) -> String {
            guard let i else { return "—" }
            func f(_ v: Double) -> String {
                (v >= 0 ? "+" : "") + String(format: "%.2f", v).replacingOccurrences(of: ".", with: ",")
            }
            return "\(f(i.mean)) [\(f(i.low)); \(f(i.high))]"
        }
        if let format = Export.format(req) {
            return Export.response(
                format, "wat-werkt",
                header: [
                    "aanbod", "soort", "aanbieder", "trajecten", "beeindigd", "uitstroom_werk_pct", "doorstroom_pct",
                    "zrm_verandering", "zrm_laag", "zrm_hoog",
                    "duur_dagen", "wachttijd_dagen", "kosten_per_traject_eur", "kosten_per_succes_eur",
                    "maatschappelijk_saldo_eur", "ervaring",
                ],
                rows: lines.filter { !hidden($0) }.map { l in
                    let s = l.summary
                    return [
                        l.name, l.type.rawValue, l.provider, String(s.enrolments), String(s.ended),
                        CSV.number(s.exitRate.map { $0 * 100 }), CSV.number(s.stepUpRate.map { $0 * 100 }),
                        CSV.number(s.zrm?.mean, decimals: 2), CSV.number(s.zrm?.low, decimals: 2),
                        CSV.number(s.zrm?.high, decimals: 2),
                        CSV.number(s.meanDurationDays, decimals: 0), CSV.number(s.meanWaitDays, decimals: 0),
                        CSV.number(s.costPerTrajectoryCents.map { Double($0) / 100 }, decimals: 2),
                        CSV.number(s.costPerSuccessCents.map { Double($0) / 100 }, decimals: 2),
                        CSV.number(Double(s.netBenefitCents) / 100, decimals: 2),
                        CSV.number(s.experience.flatMap { $0.n >= Suppression.threshold ? $0.mean : nil }, decimals: 2),
                    ]
                })
        }
        let byType = Dictionary(grouping: lines, by: \.type)
        let types = byType.keys.sorted { ($0.tier.rawValue, $0.rawValue) < ($1.tier.rawValue, $1.rawValue) }
        let headers = [
            t("Aanbod", "Service"), t("Trajecten", "Enrolments"), t("Uitstroom werk", "Exit to work"),
            t("Doorstroom", "Step up"),
            t("ZRM-verandering [95%-interval]", "ZRM change [95% interval]"), t("Duur", "Duration"),
            t("Wachttijd", "Waiting"),
            t("Kosten per traject", "Cost per enrolment"), t("Kosten per succes", "Cost per success"),
            t("Maatschappelijk saldo", "Net social benefit"),
            t("Ervaring (1-5)", "Experience (1-5)"),
        ]
        return req.page(
            t("Wat werkt", "What works"),
            el(
                "section", [],
                el("p", [], link("/monitor", t("← Monitor", "← Monitor"), [A("class", "back")])),
                el("h1", [], txt(t("Wat werkt: resultaten per aanbod", "What works: results per service"))),
                el(
                    "p", [A("class", "lead")],
                    txt(
                        t(
                            "Trajecten gestart in de laatste \(months) maanden (\(from) tot en met \(to)). Succes is uitstroom naar werk of doorstroom. Het maatschappelijk saldo rekent \(assumptions.monthsSavedPerExit) maanden uitkering van \(Euro.text(assumptions.monthlyBenefitCents)) per uitstroom naar werk tegen de kosten. Aanbod met minder dan \(Suppression.threshold) trajecten wordt niet getoond. Vergelijk binnen één soort: de mensen verschillen tussen soorten.",
                            "Enrolments started in the last \(months) months (\(from) to \(to)). Success is exit to work or a step up. The net social benefit counts \(assumptions.monthsSavedPerExit) months of benefit of \(Euro.text(assumptions.monthlyBenefitCents)) per exit to work against the cost. Services with fewer than \(Suppression.threshold) enrolments are not shown. Compare within one kind: the people differ between kinds."
                        ))),
                Export.links("/monitor/wat-werkt?maanden=\(months)", t),
                .group(
                    types.map { type in
                        let group = byType[type]!
                        return el(
                            "div", [A("class", "table-wrap"), A("tabindex", "0")],
                            el(
                                "table", [A("class", "data small")],
                                el("caption", [], txt(t(type.label) + " — " + t(type.tier.label))),
                                el("thead", [], el("tr", [], headers.map { el("th", [A("scope", "col")], txt($0)) })),
                                el(
                                    "tbody", [],
                                    group.map { l in
                                        let s = l.summary
                                        if hidden(l) {
                                            return el(
                                                "tr", [],
                                                [
                                                    el("th", [A("scope", "row")], txt(l.name)),
                                                    el(
                                                        "td", [A("colspan", "10")],
                                                        txt(
                                                            t(
                                                                "minder dan \(Suppression.threshold) trajecten: niet getoond",
                                                                "fewer than \(Suppression.threshold) enrolments: not shown"
                                                            ))),
                                                ])
                                        }
                                        return el(
                                            "tr", [],
                                            el(
                                                "th", [A("scope", "row")], txt(l.name),
                                                el("span", [A("class", "meta")], txt(" " + l.provider))),
                                            el(
                                                "td", [A("class", "num")],
                                                txt("\(s.enrolments) (\(s.ended) \(t("klaar", "ended")))")),
                                            el("td", [A("class", "num")], txt(pct(s.exitRate))),
                                            el("td", [A("class", "num")], txt(pct(s.stepUpRate))),
                                            el("td", [A("class", "num")], txt(zrm(s.zrm))),
                                            el(
                                                "td", [A("class", "num")],
                                                txt(s.meanDurationDays.map { "\(Int($0.rounded())) d" } ?? "—")),
                                            el(
                                                "td", [A("class", "num")],
                                                txt(s.meanWaitDays.map { "\(Int($0.rounded())) d" } ?? "—")),
                                            el(
                                                "td", [A("class", "num")],
                                                txt(s.costPerTrajectoryCents.map(Euro.text) ?? "—")),
                                            el(
                                                "td", [A("class", "num")],
                                                txt(s.costPerSuccessCents.map(Euro.text) ?? "—")),
                                            el(
                                                "td", [A("class", s.netBenefitCents < 0 ? "num warn" : "num")],
                                                txt(Euro.text(s.netBenefitCents))),
                                            el(
                                                "td", [A("class", "num")],
                                                txt(
                                                    s.experience.flatMap {
                                                        $0.n >= Suppression.threshold
                                                            ? String(format: "%.1f", $0.mean).replacingOccurrences(
                                                                of: ".", with: ",") + " (n \($0.n))" : nil
                                                    } ?? "—")))
                                    })))
                    })))
    }
}

/// The management report: one period and one area (the city or a district) on paper — indicators
/// against targets with their trends, people per rung and category, what works, budget use.
enum ReportPage {
    static func show(_ req: Request) async throws -> Response {
        let districts = try await req.districts().pairs
        _ = try MonitorPages.requireViewer(req)
        let t = req.t
        let year = try MonitorPages.year(req)
        let code = req.query[String.self, at: "stadsdeel"].flatMap { c in districts.contains { $0.0 == c } ? c : nil }
        let area = code.flatMap { c in districts.first { $0.0 == c }?.1 } ?? t("Heel de stad", "The whole city")
        let today = req.today
        let fraction = IndicatorService.yearFraction(year, today: today)
        let figures = try await req.application.dashboardCache.figures(
            req.policies.indicators, year: year, today: today, on: req.application.db)
        let (shares, measuredRows) = (figures.shares, figures.rows)
        let years = [year - 2, year - 1, year]
        var indicatorRows: [HTMLNode] = []
        for (i, rows) in zip(req.policies.indicators.indicators, measuredRows) {
            let perYear: [Measured?] = rows.map { r in code.map { r.districts[$0] } ?? r.city }
            let m = perYear.last!
            var (status, reason, expected) = TargetStatus.evaluate(
                i, actual: MonitorPages.visible(m), year: year, yearFraction: fraction,
                share: code.map { shares[$0] ?? 0 } ?? 1)
            if let m, Suppression.suppressed(m) { reason = Suppression.reason }
            let chart = TrendChart.svg(
                id: "r-\(i.id)", title: t("Verloop \(t(i.name))", "Trend \(t(i.name))"), years: years,
                actual: perYear.map(MonitorPages.visible),
                target: years.map { y in
                    i.target(for: y).map {
                        i.unit == .percent ? $0.value : $0.value * (code.map { shares[$0] ?? 0 } ?? 1)
                    }
                })
            indicatorRows.append(
                el(
                    "tr", [],
                    el(
                        "th", [A("scope", "row")], txt(t(i.name)),
                        el("span", [A("class", "meta")], txt(t(i.owner.label)))),
                    el("td", [A("class", "num")], txt(expected.map { TargetStatus.format($0, i.unit) } ?? "—")),
                    el("td", [A("class", "num")], el("strong", [], txt(MonitorPages.shown(m, i.unit)))),
                    el(
                        "td", [], MonitorPages.statusBadge(status, t),
                        el("span", [A("class", "meta")], txt(t(reason.text)))),
                    el("td", [], markup(chart))))
        }
        // People per rung and per priority category in the area.
        let rungs = try await CountsQuery.perRung(year: year, district: code, in: req.context)
        let hidden = Suppression.row(rungs.map(\.1))
        let rungChart = BarChart.svg(
            id: "rapport-treden", title: t("Inwoners per trede", "Residents per rung"),
            rows: rungs.enumerated().map { n, r in
                BarChart.Row(
                    label: t("trede \(r.0)", "rung \(r.0)"),
                    segments: [
                        .init(value: hidden[n] ? 0 : r.1, colour: BarChart.committed, name: t("inwoners", "residents"))
                    ])
            },
            format: { TargetStatus.thousands($0) })
        // Budget use per stream (city-wide: the budget is the city's).
        let streams = try await BudgetService.streams(year: year, on: req.db)
        let asOf = min("\(year)-12-31", today.iso)
        let what = try await EffectivenessService.lines(
            from: CalendarDate(year: year - 1, month: 1, day: 1)!.iso, to: asOf, on: req.db,
            assumptions: req.policies.indicators.effectiveness)
        struct Kind {
            var type: InterventionType
            var ended = 0
            var work = 0
            var up = 0
            var rate: Double { Double(work + up) / Double(max(1, ended)) }
        }
        var kinds: [InterventionType: Kind] = [:]
        for l in what {
            var k = kinds[l.type] ?? Kind(type: l.type)
            k.ended += l.summary.ended
            k.work += l.summary.exitToWork
            k.up += l.summary.stepUp
            kinds[l.type] = k
        }
        let byKind: [Kind] = kinds.values.filter { $0.ended >= Suppression.threshold }.sorted { $0.rate > $1.rate }
        let kindRows: [HTMLNode] = byKind.map { k in
            el(
                "tr", [], el("th", [A("scope", "row")], txt(t(k.type.label))),
                el("td", [A("class", "num")], txt(TargetStatus.thousands(k.ended))),
                el(
                    "td", [A("class", "num")],
                    txt(TargetStatus.format(100 * Double(k.work) / Double(k.ended), .percent))),
                el("td", [A("class", "num")], txt(TargetStatus.format(100 * Double(k.up) / Double(k.ended), .percent))))
        }
        let streamRows: [HTMLNode] = streams.map { s in
            let use: String =
                s.totalCents > 0
                ? TargetStatus.format(100 * Double(s.committedCents + s.spentCents) / Double(s.totalCents), .percent)
                : "—"
            return el(
                "tr", [], el("th", [A("scope", "row")], txt(s.name)),
                el("td", [A("class", "num")], txt(Euro.text(s.totalCents))),
                el("td", [A("class", "num")], txt(Euro.text(s.committedCents))),
                el("td", [A("class", "num")], txt(Euro.text(s.spentCents))),
                el("td", [A("class", "num")], txt(use)))
        }
        let rungTableRows: [HTMLNode] = rungs.enumerated().map { n, r in
            el(
                "tr", [], el("td", [], txt(String(r.0))),
                el(
                    "td", [A("class", "num")],
                    txt(hidden[n] ? "< \(Suppression.threshold)" : TargetStatus.thousands(r.1))))
        }
        let districtOptions: [HTMLNode] =
            [el("option", [A("value", "")], txt(t("Heel de stad", "The whole city")))]
            + districts.map { c, n in el("option", [A("value", c), A.flag("selected", c == code)], txt(n)) }
        let footer: String = t(
            "Alleen totalen; aantallen onder de \(Suppression.threshold) zijn niet getoond. Bron: Meedoen, indicatoren ‘\(req.policies.indicators.id)’ versie \(req.policies.indicators.version).",
            "Totals only; numbers under \(Suppression.threshold) are not shown. Source: Meedoen, indicators ‘\(req.policies.indicators.id)’ version \(req.policies.indicators.version)."
        )
        let period: String =
            "\(area) · \(year)" + (fraction < 1 ? t(" (tot en met \(today.iso))", " (up to \(today.iso))") : "") + " · "
            + t("opgemaakt \(DateFormatting.local(Date()))", "compiled \(DateFormatting.local(Date()))")
        let section1 = el(
            "section", [A("aria-labelledby", "h-r1")],
            el("h2", [A("id", "h-r1")], txt(t("1. Resultaten tegen de doelen", "1. Results against targets"))),
            el(
                "table", [A("class", "data small")],
                el(
                    "thead", [],
                    el(
                        "tr", [],
                        [
                            t("Indicator en eigenaar", "Indicator and owner"), t("Doel", "Target"),
                            t("Stand", "Actual"), t("Oordeel", "Assessment"), t("Verloop", "Trend"),
                        ].map { el("th", [A("scope", "col")], txt($0)) })),
                el("tbody", [], indicatorRows)))
        let section2 = el(
            "section", [A("aria-labelledby", "h-r2")],
            el("h2", [A("id", "h-r2")], txt(t("2. Inwoners per trede", "2. Residents per rung"))),
            markup(rungChart),
            el(
                "table", [A("class", "data small")],
                el(
                    "thead", [],
                    el(
                        "tr", [], el("th", [A("scope", "col")], txt(t("Trede", "Rung"))),
                        el("th", [A("scope", "col")], txt(t("Inwoners", "Residents"))))),
                el("tbody", [], rungTableRows)))
        let section3 = el(
            "section", [A("aria-labelledby", "h-r3")],
            el(
                "h2", [A("id", "h-r3")],
                txt(
                    t(
                        "3. Wat werkt (hele stad, trajecten gestart sinds \(year - 1))",
                        "3. What works (city-wide, enrolments started since \(year - 1))"))),
            el(
                "table", [A("class", "data small")],
                el(
                    "thead", [],
                    el(
                        "tr", [],
                        [
                            t("Soort aanbod", "Kind of service"), t("Beëindigd", "Ended"),
                            t("Uitstroom werk", "Exit to work"), t("Doorstroom", "Step up"),
                        ].map { el("th", [A("scope", "col")], txt($0)) })),
                el("tbody", [], kindRows)))
        let section4 = el(
            "section", [A("aria-labelledby", "h-r4")],
            el(
                "h2", [A("id", "h-r4")],
                txt(t("4. Budgetgebruik \(year) (hele stad)", "4. Budget use \(year) (city-wide)"))),
            streams.isEmpty
                ? el("p", [], txt(t("Geen budget vastgelegd voor \(year).", "No budget recorded for \(year).")))
                : el(
                    "table", [A("class", "data small")],
                    el(
                        "thead", [],
                        el(
                            "tr", [],
                            [
                                t("Stroom", "Stream"), t("Totaal", "Total"), t("Verplicht", "Committed"),
                                t("Besteed", "Spent"), t("Gebruik", "Use"),
                            ].map { el("th", [A("scope", "col")], txt($0)) })),
                    el("tbody", [], streamRows)))
        let chooser = el(
            "form", [A("method", "get"), A("action", "/monitor/rapport"), A("class", "inline-form no-print")],
            el("label", [A("for", "r-jaar")], txt(t("Jaar", "Year"))),
            void(
                "input",
                [
                    A("type", "number"), A("id", "r-jaar"), A("name", "jaar"), A("value", String(year)),
                    A("min", "2000"), A("max", String(today.year)),
                ]),
            el("label", [A("for", "r-stadsdeel")], txt(t("Gebied", "Area"))),
            el("select", [A("id", "r-stadsdeel"), A("name", "stadsdeel")], districtOptions),
            button(t("Tonen", "Show"), secondary: true))
        return req.page(
            t("Managementrapportage", "Management report"),
            el(
                "article", [A("class", "report")],
                el(
                    "p", [A("class", "no-print")],
                    link("/monitor?jaar=\(year)", t("← Monitor", "← Monitor"), [A("class", "back")]),
                    txt(
                        " · "
                            + t(
                                "Afdrukken of bewaren als PDF: via het menu van uw browser (Ctrl+P).",
                                "Print or save as PDF: through your browser's menu (Ctrl+P)."))),
                chooser,
                el("h1", [], txt(t("Managementrapportage participatie", "Participation management report"))),
                el("p", [A("class", "lead")], txt(period)),
                section1, section2, section3, section4,
                el("p", [A("class", "meta")], txt(footer))))
    }
}
