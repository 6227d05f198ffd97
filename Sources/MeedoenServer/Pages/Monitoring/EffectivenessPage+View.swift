import Foundation
import MeedoenCore

extension EffectivenessPage {

    /// What works: per offer, side by side within each kind, with the assumptions behind the figures.
    static func view(
        lines: [EffectivenessService.Line], months: Int, assumptions: Effectiveness.Assumptions, _ v: ViewContext
    ) -> HTMLNode {
        let t = v.t
        let (from, to) = (
            DateFormatting.long(v.today.adding(months: -months), v.language), DateFormatting.long(v.today, v.language)
        )
        func pct(_ x: Double?) -> String { x.map { TargetStatus.format($0 * 100, .percent) } ?? "—" }
        let hidden: (EffectivenessService.Line) -> Bool = Self.hidden
        func zrm(_ i: Effectiveness.Interval?) -> String {
            guard let i else { return "—" }
            func f(_ v: Double) -> String {
                (v >= 0 ? "+" : "") + String(format: "%.2f", v).replacingOccurrences(of: ".", with: ",")
            }
            return "\(f(i.mean)) [\(f(i.low)); \(f(i.high))]"
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
        return el(
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
                                            "td", [A("class", (s.netBenefitCents ?? 0) < 0 ? "num warn" : "num")],
                                            txt(s.netBenefitCents.map(Euro.text) ?? "—")),
                                        el(
                                            "td", [A("class", "num")],
                                            txt(
                                                s.experience.flatMap {
                                                    $0.n >= Suppression.threshold
                                                        ? String(format: "%.1f", $0.mean).replacingOccurrences(
                                                            of: ".", with: ",") + " (n \($0.n))" : nil
                                                } ?? "—")))
                                })))
                }))
    }
}
