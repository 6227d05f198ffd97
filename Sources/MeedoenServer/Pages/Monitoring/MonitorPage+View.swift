import Foundation
import MeedoenCore

extension MonitorPages {
    static func view(_ m: Model, _ v: ViewContext) -> HTMLNode {
        let t = v.t
        let (districts, year, today, figures) = (m.districts, m.year, v.today, m.figures)
        let fraction = IndicatorService.yearFraction(year, today: today)
        let (shares, rows) = (figures.shares, figures.rows)
        let years = [year - 2, year - 1, year]
        let table = el(
            "div", [A("class", "table-wrap"), A("tabindex", "0")],
            el(
                "table", [A("class", "data monitor")],
                el(
                    "caption", [],
                    txt(
                        t("De hele stad, \(year)", "The whole city, \(year)")
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
                                i.baseline.map { b in
                                    el(
                                        "span", [A("class", "meta")],
                                        txt(
                                            t(
                                                " nulmeting \(TargetStatus.format(b.value, i.unit)) (\(b.label(.nl)))",
                                                " baseline \(TargetStatus.format(b.value, i.unit)) (\(b.label(.en)))")))
                                } ?? .empty,
                                expected.map { e in
                                    i.computation.accumulates && fraction < 1
                                        ? el(
                                            "span", [A("class", "meta")],
                                            txt(
                                                t(
                                                    " (nu \(TargetStatus.format(e, i.unit)))",
                                                    " (now \(TargetStatus.format(e, i.unit)))"))) : .empty
                                } ?? .empty),
                            el("td", [A("class", "num")], el("strong", [], txt(shown(r.city, i.unit, t)))),
                            el("td", [], statusCell(status, reason, t)),
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
                                        "td", [A("class", "num")], txt(shown(m, i.unit, t) + " "),
                                        status == .noTarget || status == .unknown ? .empty : statusBadge(status, t))
                                })
                    })))
        let yearNav = el(
            "nav", [A("class", "pager"), A("aria-label", t("Jaar", "Year"))],
            link("/monitor?jaar=\(year - 1)", "← \(year - 1)"), el("strong", [], txt(String(year))),
            year < today.year ? link("/monitor?jaar=\(year + 1)", "\(year + 1) →") : .empty)
        return el(
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
                        "Cijfers berekend \(DateFormatting.local(figures.computedAt)); ze worden hooguit elke \(m.maxAgeMinutes) minuten opnieuw berekend.",
                        "Figures computed \(DateFormatting.local(figures.computedAt)); they are recomputed at most every \(m.maxAgeMinutes) minutes."
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
                    [A("class", "button secondary")])))
    }

    /// The counts per rung, category, route and offer, per district; small cells suppressed.
    static func countsView(
        districts: [(String, String)], year: Int, tables: [CountTable], _ v: ViewContext
    ) -> HTMLNode {
        let t = v.t
        return el(
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
                }))
    }

    /// One indicator: the district league table, ranked by how far each district is from its part of the target.
    static func indicatorView(
        i: Indicator, year: Int, r: IndicatorService.Row, lines: [LeagueLine], _ v: ViewContext
    ) -> HTMLNode {
        let t = v.t
        return el(
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
                i.baseline.map { b in
                    .group([
                        el("dt", [], txt(t("Nulmeting", "Baseline"))),
                        el(
                            "dd", [],
                            txt(
                                t(
                                    "\(TargetStatus.format(b.value, i.unit)) (\(b.label(.nl))); een uitgangspunt, geen doel",
                                    "\(TargetStatus.format(b.value, i.unit)) (\(b.label(.en))); a starting point, not a target"
                                ))),
                    ])
                } ?? .empty,
                el("dt", [], txt(t("Bron", "Source"))),
                el(
                    "dd", [],
                    txt(i.source?.label ?? "—"),
                    i.source?.quote.map { q in el("span", [A("class", "meta")], txt(": „\(q)”")) } ?? .empty),
                el("dt", [], txt(t("De hele stad", "City-wide"))),
                el("dd", [], el("strong", [], txt(shown(r.city, i.unit, t))))),
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
                            // A district without a figure (none measured, or too few to show) gets no
                            // place in the ranking; the others keep theirs.
                            let ranked = l.ratio != nil
                            return el(
                                "tr", [], el("td", [], txt(ranked ? String(n + 1) : "—")),
                                el("th", [A("scope", "row")], txt(l.name)),
                                el("td", [A("class", "num")], txt(shown(l.m, i.unit, t))),
                                el(
                                    "td", [A("class", "num")],
                                    txt(l.expected.map { TargetStatus.format($0, i.unit) } ?? "—")),
                                el(
                                    "td", [], statusCell(l.status, l.reason, t)),
                                el(
                                    "td", [A("class", "num")],
                                    txt(
                                        l.m == nil
                                            ? t("geen gegevens", "no data")
                                            : l.m!.withheld == true
                                                ? t(
                                                    "niet getoond (met het stadstotaal zou een klein aantal elders te herleiden zijn)",
                                                    "not shown (with the city total a small number elsewhere could be derived)"
                                                )
                                                : Suppression.suppressed(l.m!)
                                                    ? t("niet getoond (te weinig)", "not shown (too few)")
                                                    : [l.m?.numerator, l.m?.denominator].compactMap { $0 }.map {
                                                        TargetStatus.thousands(Int($0))
                                                    }.joined(separator: " / "))))
                        }))),
            Export.links("/monitor/\(i.id)?jaar=\(year)", t))
    }
}
