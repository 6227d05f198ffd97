import Foundation
import MeedoenCore

extension ReportPage {
    static func view(_ m: Model, _ v: ViewContext) -> HTMLNode {
        let t = v.t
        let (districts, year, code) = (m.districts, m.year, m.district)
        let area = code.flatMap { c in districts.first { $0.0 == c }?.1 } ?? t("De hele stad", "The whole city")
        let today = v.today
        let fraction = IndicatorService.yearFraction(year, today: today)
        let figures = m.figures
        let (shares, measuredRows) = (figures.shares, figures.rows)
        let years = [year - 2, year - 1, year]
        var indicatorRows: [HTMLNode] = []
        for (i, rows) in zip(m.indicators.indicators, measuredRows) {
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
                    el("td", [A("class", "num")], el("strong", [], txt(MonitorPages.shown(m, i.unit, t)))),
                    el(
                        "td", [], MonitorPages.statusBadge(status, t),
                        el("span", [A("class", "meta")], txt(t(reason.text)))),
                    el("td", [], markup(chart))))
        }
        // People per rung and per priority category in the area.
        let rungs = m.rungs
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
        let streams = m.streams
        let what = m.whatWorks
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
            [el("option", [A("value", "")], txt(t("De hele stad", "The whole city")))]
            + districts.map { c, n in el("option", [A("value", c), A.flag("selected", c == code)], txt(n)) }
        let footer: String = t(
            "Alleen totalen; aantallen onder de \(Suppression.threshold) zijn niet getoond. Bron: Meedoen, indicatoren ‘\(m.indicators.id)’ versie \(m.indicators.version).",
            "Totals only; numbers under \(Suppression.threshold) are not shown. Source: Meedoen, indicators ‘\(m.indicators.id)’ version \(m.indicators.version)."
        )
        let period: String =
            "\(area) · \(year)"
            + (fraction < 1
                ? t(" (tot en met \(DateFormatting.long(today, .nl)))", " (up to \(DateFormatting.long(today, .en)))")
                : "") + " · "
            + t("opgemaakt \(DateFormatting.local(Date()))", "compiled \(DateFormatting.local(Date()))")
        let section1 = el(
            "section", [A("aria-labelledby", "h-r1")],
            el("h2", [A("id", "h-r1")], txt(t("1. Resultaten tegen de doelen", "1. Results against targets"))),
            scrollable(
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
                    el("tbody", [], indicatorRows))))
        let section2 = el(
            "section", [A("aria-labelledby", "h-r2")],
            el("h2", [A("id", "h-r2")], txt(t("2. Inwoners per trede", "2. Residents per rung"))),
            markup(rungChart),
            scrollable(
                el(
                    "table", [A("class", "data small")],
                    el(
                        "thead", [],
                        el(
                            "tr", [], el("th", [A("scope", "col")], txt(t("Trede", "Rung"))),
                            el("th", [A("scope", "col")], txt(t("Inwoners", "Residents"))))),
                    el("tbody", [], rungTableRows))))
        let section3 = el(
            "section", [A("aria-labelledby", "h-r3")],
            el(
                "h2", [A("id", "h-r3")],
                txt(
                    t(
                        "3. Wat werkt (hele stad, trajecten gestart sinds \(year - 1))",
                        "3. What works (city-wide, enrolments started since \(year - 1))"))),
            scrollable(
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
                    el("tbody", [], kindRows))))
        let section4 = el(
            "section", [A("aria-labelledby", "h-r4")],
            el(
                "h2", [A("id", "h-r4")],
                txt(t("4. Budgetgebruik \(year) (hele stad)", "4. Budget use \(year) (city-wide)"))),
            streams.isEmpty
                ? el("p", [], txt(t("Geen budget vastgelegd voor \(year).", "No budget recorded for \(year).")))
                : scrollable(
                    el(
                        "table", [A("class", "data small")],
                        el(
                            "thead", [],
                            el(
                                "tr", [],
                                [
                                    t("Stroom", "Stream"), t("Totaal", "Total"), t("Verplicht", "Committed"),
                                    t("Besteed", "Spent"), t("Gebruik", "Use"),
                                ].map { el("th", [A("scope", "col")], txt($0)) })),
                        el("tbody", [], streamRows))))
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
        return el(
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
            el("p", [A("class", "meta")], txt(footer)))
    }
}
