import MeedoenCore

extension ApprovalPages {
    /// The referrals waiting for the specialist, oldest first, each with a grant-or-refuse form.
    static func view(_ m: Model, _ v: ViewContext, errors: FieldErrors) -> HTMLNode {
        let t = v.t
        let th = BudgetPages.th
        let rows: [HTMLNode] = m.pending.map { p in
            let id = p.approval.id!.uuidString.lowercased()
            let category =
                p.referral.category.map { n in
                    t("Categorie \(n)", "Category \(n)") + (m.categoryNames[n].map { " ‘\(t($0))’" } ?? "")
                } ?? t("Nog geen categorie", "No category yet")
            return el(
                "tr", [],
                dateCell(DateFormatting.day(Clock.today(now: p.approval.requestedAt))),
                el("td", [], txt(p.interventionName)),
                el(
                    "td", [], txt(p.personName), el("br", []), el("span", [A("class", "meta")], txt(category))),
                el(
                    "td", [], txt(p.referral.goal), el("br", []),
                    el(
                        "span", [A("class", "meta")],
                        txt(
                            t("Verwezen door", "Referred by") + " \(p.approval.requestedByName), "
                                + t("\(p.referral.agreedHours) uur per week", "\(p.referral.agreedHours) hours a week")
                        ))),
                el(
                    "td", [],
                    BudgetPages.decisionForm(action: "/toestemmingen/\(id)", fieldID: "approval-\(id)", v)))
        }
        return el(
            "div", [],
            el("h1", [], txt(t("Toestemmingen", "Approvals"))),
            errorSummary(errors, t),
            el(
                "p", [],
                txt(
                    t(
                        "Sommig aanbod is kostbaar of vraagt een specialistisch oordeel, zoals arbeidsmatige dagbesteding. Een verwijzing daarheen wacht op uw toestemming en houdt zolang geen plek en geen geld vast. Toegestaan gaat ze de gewone weg: een vrije plek en ruimte in het budget (of eerst het besluit van een budgethouder als de bestedingsregels haar niet betalen). Afgewezen wordt ze ingetrokken, met uw reden. De klantmanager ziet uw besluit bij de verwijzing.",
                        "Some offers are costly or need a specialist's judgement, such as work-oriented day activities. A referral to one waits for your approval and holds no place and no money meanwhile. Granted, it goes the ordinary way: a free place and room in the budget (or first a budget holder's decision when the spending rules do not pay for it). Refused, it is withdrawn, with your reason. The case manager sees your decision on the referral."
                    ))),
            m.pending.isEmpty
                ? el("p", [], txt(t("Er wacht niets op uw besluit.", "Nothing is waiting for your decision.")))
                : el(
                    "div", [A("class", "table-wrap"), A("tabindex", "0")],
                    el(
                        "table", [A("class", "data")],
                        el("caption", [], txt(t("Wachten op uw besluit", "Waiting for your decision"))),
                        el(
                            "thead", [],
                            el(
                                "tr", [], th(t("Gevraagd", "Requested")), th(t("Aanbod", "Offer")),
                                th(t("Inwoner", "Resident")), th(t("Doel", "Goal")), th(t("Besluit", "Decision")))),
                        el("tbody", [], rows))))
    }
}
