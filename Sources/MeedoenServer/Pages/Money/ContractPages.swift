import MeedoenCore
import Vapor

/// "Contracten": each result-based contract's performance — for the budget holder all of them, for
/// a provider its own (`ContractService.performance`). Counts and money only, no names.
enum ContractPages {
    static func show(_ req: Request) async throws -> Response {
        let rows = try await ContractService.performance(in: req.context)
        let own = !(req.context.user?.roleSet.contains(.budgetHolder) ?? false)
        return req.page(req.t("Resultaatcontracten", "Result-based contracts"), view(rows, own: own, req.view))
    }

    /// `own`: a provider reading its own contracts.
    static func view(_ rows: [ContractService.Performance], own: Bool, _ v: ViewContext) -> HTMLNode {
        let t = v.t
        let th = BudgetPages.th
        let td = BudgetPages.tdNum
        return el(
            "div", [],
            el("h1", [], txt(t("Resultaatcontracten", "Result-based contracts"))),
            el(
                "p", [A("class", "lead")],
                txt(
                    t(
                        "Bij een resultaatcontract betaalt de gemeente een deel van de prijs bij de start en de rest alleen bij een resultaat binnen de afgesproken termijn. Stopt een traject zonder resultaat, dan gaat het resultaatdeel terug naar het budget. Hieronder per contract: hoeveel trajecten een resultaat haalden, wat dat kostte en hoe lang mensen wachtten.",
                        "Under a result-based contract the municipality pays part of the price at the start and the rest only on a result within the agreed term. If a trajectory ends without a result, the result part goes back to the budget. Below per contract: how many trajectories achieved a result, what it cost and how long people waited."
                    ))),
            rows.isEmpty
                ? el(
                    "p", [],
                    txt(
                        own
                            ? t(
                                "U heeft (nog) geen resultaatcontract met de gemeente.",
                                "You have no result-based contract with the municipality (yet).")
                            : t("Er zijn (nog) geen resultaatcontracten.", "There are no result-based contracts (yet).")
                    ))
                : el(
                    "div", [A("class", "table-wrap"), A("tabindex", "0")],
                    el(
                        "table", [A("class", "data")],
                        el("caption", [], txt(t("Per contract", "Per contract"))),
                        el(
                            "thead", [],
                            el(
                                "tr", [], th(t("Aanbod", "Offer")), th(t("Contract", "Contract")),
                                th(t("Gestart", "Started")), th(t("Resultaat", "Result")),
                                th(t("Zonder resultaat", "No result")), th(t("Nog te controleren", "To be checked")),
                                th(t("Betaald", "Paid")), th(t("Kosten per resultaat", "Cost per result")),
                                th(t("Gemiddelde wachttijd", "Mean waiting time")))),
                        el(
                            "tbody", [],
                            rows.map { p in
                                el(
                                    "tr", [],
                                    el(
                                        "td", [], txt(p.name), el("br", []),
                                        el("span", [A("class", "meta")], txt(p.providerName))),
                                    el(
                                        "td", [], txt(t(p.contract.summary(price: p.priceCents))), el("br", []),
                                        el(
                                            "span", [A("class", "meta")],
                                            txt(
                                                p.since.map {
                                                    t("Verwijzingen sinds", "Referrals since") + " "
                                                        + $0.long(v.language)
                                                } ?? t("Nog geen verwijzingen", "No referrals yet")))),
                                    td("\(p.started) " + t("van", "of") + " \(p.referred)"),
                                    td(
                                        String(p.achieved)
                                            + (p.resultRate.map { " (\($0)%)" } ?? "")),
                                    td(String(p.missed)), td(String(p.pending)), td(Euro.text(p.spentCents)),
                                    td(p.costPerResultCents.map(Euro.text) ?? "—"),
                                    td(p.meanWaitDays.map { Plural.days(Int($0.rounded()), v.language) } ?? "—"))
                            }))),
            rows.isEmpty
                ? .empty
                : el(
                    "p", [A("class", "hint")],
                    txt(
                        t(
                            "Alleen verwijzingen waarvoor het geld onder het contract is vastgelegd tellen mee; wat eerder naar inspanning werd betaald niet. Gestart: van die verwijzingen.",
                            "Only referrals whose money was committed under the contract count; what was paid for effort before does not. Started: of those referrals."
                        )
                            + (rows.contains { $0.resultRate != nil }
                                ? " "
                                    + t(
                                        "Het percentage is het deel met resultaat van de afgesloten trajecten.",
                                        "The percentage is the share with a result of the settled trajectories.")
                                : "")
                            + (rows.contains { $0.costPerResultCents != nil }
                                ? " "
                                    + t(
                                        "Kosten per resultaat: alles wat op dit contract is betaald, gedeeld door het aantal resultaten.",
                                        "Cost per result: everything paid on this contract, divided by the number of results."
                                    )
                                : ""))))
    }
}
