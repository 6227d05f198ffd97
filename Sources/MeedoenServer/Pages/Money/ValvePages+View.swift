import Foundation
import MeedoenCore

extension BudgetPages {

    /// One valve simulation: what changes, whom it affects (counts; names only for their case managers), and applying it.
    static func valveView(
        user: User, id: UUID, s: ValveService.Simulation, streamNames: [String: String],
        districts: [String: String], _ v: ViewContext,
        errors: FieldErrors = FieldErrors()
    ) -> HTMLNode {
        let t = v.t
        let isHolder = user.roleSet.contains(.budgetHolder)
        let asCaseManager = !isHolder && !user.roleSet.contains(.analyst)
        let changes = s.changes.map { c in
            let pct = c.basisPoints.map { bp in
                (bp < 0 ? "−" : "+")
                    + String(format: "%.2f%%", Double(abs(bp)) / 100).replacingOccurrences(
                        of: ".", with: v.language == .nl ? "," : ".")
            }
            return (streamNames[c.streamCode] ?? c.streamCode) + " " + (pct ?? Euro.text(c.amountCents ?? 0))
        }.joined(separator: ", ")
        let cats = Set(s.lapsedByCategory.map(\.key) + s.startingByCategory.map(\.key)).sorted()
        let chart = BarChart.svg(
            id: "valve",
            title: t("Per categorie: vervallen en kunnen starten", "Per category: lapsing and able to start"),
            rows: cats.map { k in
                BarChart.Row(
                    label: k == "0" ? t("geen categorie", "no category") : t("categorie ", "category ") + k,
                    segments: [
                        .init(
                            value: s.lapsedByCategory.first { $0.key == k }?.count ?? 0, colour: BarChart.lapse,
                            name: t("vervalt", "lapses")),
                        .init(
                            value: s.startingByCategory.first { $0.key == k }?.count ?? 0, colour: BarChart.start,
                            name: t("kan starten", "can start")),
                    ])
            })
        func category(_ key: String) -> String {
            key == "0" ? t("geen categorie", "no category") : t("categorie ", "category ") + key
        }
        func counts(_ caption: String, _ rows: [ValveService.Count], label: ((String) -> String)? = nil) -> HTMLNode {
            rows.isEmpty
                ? .empty
                : el(
                    "div", [A("class", "table-wrap"), A("tabindex", "0")],
                    el(
                        "table", [A("class", "data")], el("caption", [], txt(caption)),
                        el("thead", [], el("tr", [], th(t("Naam", "Name")), th(t("Aantal", "Count")))),
                        el(
                            "tbody", [],
                            rows.map {
                                el("tr", [], el("td", [], txt(label?($0.key) ?? $0.label)), tdNum(String($0.count)))
                            })
                    ))
        }
        let effects: [String: String] = [
            "lapse": t("aanbod vervalt", "offer lapses"),
            "waitingLapse": t("wachtende vervalt", "waiting referral lapses"), "start": t("kan starten", "can start"),
        ]
        let streamTable = el(
            "div", [A("class", "table-wrap"), A("tabindex", "0")],
            el(
                "table", [A("class", "data")],
                el(
                    "thead", [],
                    el(
                        "tr", [], th(t("Stroom", "Stream")), th(t("Oud totaal", "Old total")),
                        th(t("Nieuw totaal", "New total")), th(t("Nodig", "Needed")),
                        th(t("Saldo", "Balance")), th(t("Vervalt", "Lapse")), th(t("Start", "Start")),
                        th(t("Beschermd geraakt", "Protected hit")))),
                el(
                    "tbody", [],
                    s.streams.map { st in
                        el(
                            "tr", [], el("td", [], txt(streamNames[st.code] ?? st.code)),
                            tdNum(Euro.text(st.oldTotalCents)),
                            tdNum(Euro.text(st.newTotalCents)), tdNum(Euro.text(st.neededCents)),
                            tdNum(Euro.text(st.balanceCents)), tdNum(String(st.lapsed + st.waitingLapsed)),
                            tdNum(String(st.canStart)),
                            el(
                                "td", [],
                                st.protectedHit
                                    ? el(
                                        "span", [A("class", "badge cat-1")],
                                        txt(t("ja: categorie 1 of 2", "yes: category 1 or 2"))) : txt(t("nee", "no"))))
                    })))
        let affected: HTMLNode =
            s.affected.isEmpty
            ? el("p", [], txt(t("Niemand wordt geraakt.", "Nobody is affected.")))
            : el(
                "div", [A("class", "table-wrap"), A("tabindex", "0")],
                el(
                    "table", [A("class", "data")],
                    el(
                        "caption", [],
                        txt(
                            asCaseManager
                                ? t("Uw inwoners die het raakt", "Your residents it affects")
                                : t("Geraakte verwijzingen (zonder namen)", "Affected referrals (without names)"))),
                    el(
                        "thead", [],
                        el(
                            "tr", [], th(t("Gevolg", "Effect")),
                            asCaseManager ? th(t("Inwoner", "Resident")) : .empty,
                            th(t("Aanbod", "Offer")), th(t("Categorie", "Category")), th(t("Stadsdeel", "District")))),
                    el(
                        "tbody", [],
                        s.affected.prefix(200).map { a in
                            el(
                                "tr", [], el("td", [], txt(effects[a.effect] ?? a.effect)),
                                asCaseManager
                                    ? el("td", [], link("/verwijzingen/\(a.referralId)", a.personName ?? "—")) : .empty,
                                el("td", [], txt(a.interventionName)),
                                el("td", [], txt(a.category.map(String.init) ?? t("geen", "none"))),
                                el("td", [], txt(Labels.district(a.districtCode, districts)))
                            )
                        })))
        let perCM: HTMLNode =
            s.byCaseManager.isEmpty
            ? .empty
            : el(
                "div", [A("class", "table-wrap"), A("tabindex", "0")],
                el(
                    "table", [A("class", "data")],
                    el(
                        "caption", [],
                        txt(
                            t(
                                "Per klantmanager (zij zien hun eigen inwoners op deze pagina)",
                                "Per case manager (they see their own residents on this page)"))),
                    el(
                        "thead", [],
                        el(
                            "tr", [], th(t("Klantmanager", "Case manager")), th(t("Vervalt", "Lapse")),
                            th(t("Start", "Start")))),
                    el(
                        "tbody", [],
                        s.byCaseManager.map {
                            el("tr", [], el("td", [], txt($0.name)), tdNum(String($0.lapse)), tdNum(String($0.start)))
                        })))
        let apply: HTMLNode
        if let a = s.applied {
            apply = el(
                "p", [A("class", "notice")],
                txt(
                    t(
                        "Toegepast door \(a.by): \(a.reason). \(a.withdrawn) verwijzingen ingetrokken, \(a.offered) plekken aangeboden.",
                        "Applied by \(a.by): \(a.reason). \(a.withdrawn) referrals withdrawn, \(a.offered) places offered."
                    )))
        } else if isHolder {
            apply = el(
                "form",
                [
                    A("method", "post"), A("action", "/begroting/ventiel/\(id)/toepassen"), A("class", "card"),
                    A("novalidate", ""),
                ],
                el("h2", [], txt(t("Toepassen", "Apply"))),
                el(
                    "p", [],
                    txt(
                        t(
                            "Toepassen rekent opnieuw op de begroting van nu, past de totalen aan, trekt de vervallen verwijzingen in (met reden, zichtbaar voor de klantmanager) en biedt wachtenden een plek aan. Dit wordt vastgelegd.",
                            "Applying recomputes on today's budget, changes the totals, withdraws the lapsing referrals (with a reason the case manager sees) and offers waiting referrals a place. This is recorded."
                        ))),
                csrfField(v.csrfToken),
                textArea(
                    FormField(name: "reason", label: t("Besluit en reden", "Decision and reason"), errors: errors),
                    value: nil, rows: 2),
                button(t("Simulatie toepassen", "Apply simulation")))
        } else {
            apply = .empty
        }
        return el(
            "div", [],
            el(
                "p", [A("class", "breadcrumb")],
                asCaseManager
                    ? link("/mijn-werk", t("← Mijn werk", "← My work"))
                    : link("/begroting", t("← Begroting", "← Budget"))),
            el(
                "h1", [], txt(t("Ventielsimulatie \(s.year): \(changes)", "Valve simulation \(s.year): \(changes)"))
            ),
            el(
                "p", [A("class", "lead")],
                txt(
                    t("Door \(s.createdBy). Er is niets veranderd", "By \(s.createdBy). Nothing has changed")
                        + (s.applied == nil
                            ? t(" — dit is een simulatie.", " — this is a simulation.")
                            : t(" tot het toepassen hieronder.", " until it was applied below.")))),
            errorSummary(errors, t),
            el("section", [A("class", "card")], el("ul", [], s.reasons.map { el("li", [], txt($0)) }), streamTable),
            cats.isEmpty
                ? .empty
                : el(
                    "section", [A("class", "card")], el("h2", [], txt(t("Per categorie", "Per category"))),
                    markup(chart),
                    el(
                        "div", [A("class", "grid")],
                        counts(t("Vervalt per categorie", "Lapsing per category"), s.lapsedByCategory, label: category),
                        counts(
                            t("Kan starten per categorie", "Can start per category"), s.startingByCategory,
                            label: category))),
            el(
                "div", [A("class", "grid")],
                el(
                    "section", [A("class", "card")],
                    counts(t("Vervalt per stadsdeel", "Lapsing per district"), s.lapsedByDistrict),
                    counts(t("Vervalt per aanbod", "Lapsing per offer"), s.lapsedByIntervention)),
                el("section", [A("class", "card")], perCM)),
            el("section", [A("class", "card")], affected),
            apply)
    }
}
