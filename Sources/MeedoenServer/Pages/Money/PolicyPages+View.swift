import Foundation
import MeedoenCore

extension BudgetPages {

    /// The policy simulation: the policy in force, a draft, its effect on the categories, and adoption.
    static func policyView(
        user: User, current: DiagnosisPolicy, adoptions: [PolicyAdoption], _ v: ViewContext, draft: String? = nil,
        result: PolicySimulationService.SimulationResult? = nil, errors: FieldErrors = FieldErrors()
    ) -> HTMLNode {
        let t = v.t
        let text = draft ?? String(decoding: (try? JSONEncoder.pretty.encode(current)) ?? Data(), as: UTF8.self)
        let mayAdopt = !user.roleSet.isDisjoint(with: [.analyst, .admin])
        var resultNode: HTMLNode = .empty
        if let r = result {
            let labels = [t("geen categorie", "no category"), "1", "2", "3", "4", "5"]
            let matrix = el(
                "div", [A("class", "table-wrap"), A("tabindex", "0")],
                el(
                    "table", [A("class", "data matrix")],
                    el(
                        "caption", [],
                        txt(t("Nu (rijen) × na het concept (kolommen)", "Now (rows) × under the draft (columns)"))),
                    el("thead", [], el("tr", [], [th(t("nu \\ concept", "now \\ draft"))] + labels.map { th($0) })),
                    el(
                        "tbody", [],
                        r.matrix.map { row in
                            el(
                                "tr", [],
                                [el("th", [A("scope", "row")], txt(row.from))]
                                    + row.counts.enumerated().map { n, c in
                                        el(
                                            "td",
                                            [
                                                A(
                                                    "class",
                                                    labels[n] == row.from ? "num same" : c > 0 ? "num moved" : "num")
                                            ], txt(String(c)))
                                    })
                        })))
            let chart = BarChart.svg(
                id: "policy-districts", title: t("Verschuivingen per stadsdeel", "Shifts per district"),
                rows: r.changedByDistrict.map {
                    BarChart.Row(
                        label: $0.label,
                        segments: [.init(value: $0.changed, colour: BarChart.committed, name: t("anders", "changed"))])
                })
            resultNode = el(
                "section", [A("class", "card"), A("aria-labelledby", "h-result")],
                el(
                    "h2", [A("id", "h-result")],
                    txt(
                        t(
                            "Uitkomst: \(r.changed) van \(r.total) inwoners krijgen een andere categorie",
                            "Result: \(r.changed) of \(r.total) residents get another category"))),
                el(
                    "p", [],
                    txt(
                        t(
                            "Concept \(r.policy.id) v\(r.policy.version) tegenover \(r.basedOn.id) v\(r.basedOn.version). Verplicht geld bij mensen die uit categorie 1-3 gaan: \(Euro.text(r.committedAtRiskCents)); nieuw in categorie 1-3: \(r.newlyInvested). Geladen in \(r.millisecondsLoad) ms, berekend in \(r.millisecondsCompute) ms.",
                            "Draft \(r.policy.id) v\(r.policy.version) against \(r.basedOn.id) v\(r.basedOn.version). Committed money of people leaving categories 1-3: \(Euro.text(r.committedAtRiskCents)); new in categories 1-3: \(r.newlyInvested). Loaded in \(r.millisecondsLoad) ms, computed in \(r.millisecondsCompute) ms."
                        ))),
                matrix,
                r.changedByDistrict.isEmpty ? .empty : markup(chart),
                mayAdopt
                    ? el(
                        "form", [A("method", "post"), A("action", "/beleid/vaststellen"), A("novalidate", "")],
                        el("h3", [], txt(t("Vaststellen", "Adopt"))),
                        el(
                            "p", [],
                            txt(
                                t(
                                    "Vanaf nu gebruiken nieuwe diagnoses deze versie; bestaande diagnoses houden hun versie. Dit wordt vastgelegd.",
                                    "From now on new diagnoses use this version; existing ones keep theirs. This is recorded."
                                ))),
                        csrfField(v.csrfToken),
                        void("input", [A("type", "hidden"), A("name", "policy"), A("value", text)]),
                        textArea(
                            FormField(
                                name: "reason", label: t("Besluit en reden", "Decision and reason"), errors: errors),
                            value: nil, rows: 2),
                        button(t("Deze versie vaststellen", "Adopt this version"))) : .empty)
        }
        return el(
            "div", [],
            el("h1", [], txt(t("Beleidssimulatie", "Policy simulation"))),
            el(
                "p", [A("class", "lead")],
                txt(
                    t(
                        "Van kracht: \(current.id) v\(current.version). Pas doelgroepen of categorieën aan in het concept en zie wat het doet met iedereen met een diagnose — er verandert niets tot het wordt vastgesteld.",
                        "In force: \(current.id) v\(current.version). Change target groups or categories in the draft and see what it does to everyone with a diagnosis — nothing changes until it is adopted."
                    ))),
            errorSummary(errors, t),
            resultNode,
            el(
                "form",
                [A("method", "post"), A("action", "/beleid/simulatie"), A("class", "card"), A("novalidate", "")],
                csrfField(v.csrfToken),
                textArea(
                    FormField(
                        name: "policy",
                        label: t(
                            "Conceptbeleid (JSON, zoals Policies/diagnosis/*.json)",
                            "Draft policy (JSON, as Policies/diagnosis/*.json)"), errors: errors), value: text,
                    rows: 18),
                button(t("Simuleren", "Simulate"))),
            adoptions.isEmpty
                ? .empty
                : el(
                    "section", [A("class", "card")],
                    el("h2", [], txt(t("Vastgestelde versies", "Adopted versions"))),
                    el(
                        "ul", [],
                        adoptions.map { a in
                            el(
                                "li", [],
                                txt(
                                    "\(a.policyID) v\(a.version) — \(DateFormatting.day(Clock.today(now: a.adoptedAt))), \(a.adoptedByName): \(a.reason)"
                                ))
                        })))
    }
}
