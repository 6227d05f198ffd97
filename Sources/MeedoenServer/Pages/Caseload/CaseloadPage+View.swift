import Foundation
import MeedoenCore

extension CaseloadPage {
    /// A user whose role gives no access to residents' files.
    static func noFiles(_ user: User, _ v: ViewContext) -> HTMLNode {
        let t = v.t
        return el(
            "section", [A("class", "card")],
            el("h1", [], txt(t("Welkom, \(user.displayName)", "Welcome, \(user.displayName)"))),
            el(
                "p", [],
                txt(
                    t(
                        "Uw rol (\(user.roleSet.map { $0.label.nl }.sorted().joined(separator: ", "))) geeft geen inzage in dossiers van inwoners. U ziet alleen geaggregeerde cijfers; die volgen in de monitor.",
                        "Your role (\(user.roleSet.map { $0.label.en }.sorted().joined(separator: ", "))) gives no access to residents' files. You see aggregated figures only; they follow in the monitor."
                    ))))
    }

    static func view(_ m: Model, _ v: ViewContext) -> HTMLNode {
        let t = v.t
        let (page, pages, search, total, items, districts) = (m.page, m.pages, m.search, m.total, m.people, m.districts)
        let worklist = m.worklist.map { Self.worklist($0, t) } ?? .empty
        let signals = m.signals.map { SignalPages.workBlock($0, today: v.today, t) } ?? .empty
        let valveNotice = budgetNotice(m.budgetDecisions, t)
        return el(
            "section", [],
            el("h1", [], txt(t("Mijn werk", "My work"))),
            valveNotice,
            signals,
            worklist,
            el(
                "p", [A("class", "lead")],
                txt(
                    t(
                        "Inwoners die u mag zien: uw stadsdeelteam, uw caseload of wie u zelf registreerde. Elke inzage wordt vastgelegd.",
                        "Residents you may see: your district team, your caseload or whom you registered yourself. Every view is recorded."
                    ))),
            el(
                "form", [A("method", "get"), A("action", "/mijn-werk"), A("class", "search"), A("role", "search")],
                el(
                    "label", [A("for", "q")],
                    txt(
                        NeedToKnow.maySearchByBSN(m.user.viewer)
                            ? t("Zoek op naam of BSN", "Search by name or BSN") : t("Zoek op naam", "Search by name"))),
                m.searchError.map { el("p", [A("class", "field-error"), A("id", "q-error")], txt($0)) }
                    ?? .empty,
                void(
                    "input",
                    [
                        A("type", "search"), A("id", "q"), A("name", "q"), A("value", search ?? ""),
                        A("aria-describedby", m.searchError == nil ? nil : "q-error"),
                        A("aria-invalid", m.searchError == nil ? nil : "true"),
                    ]),
                button(t("Zoeken", "Search"))),
            el(
                "p", [A("class", "count"), A("aria-live", "polite")],
                txt(
                    t("\(total) inwoners", "\(total) residents")
                        + (m.searchError == nil
                            ? (search.map { t(" gevonden voor ‘\($0)’", " found for ‘\($0)’") } ?? "") : ""))),
            el(
                "div", [A("class", "table-wrap"), A("tabindex", "0")],
                el(
                    "table", [A("class", "data")],
                    el("caption", [A("class", "visually-hidden")], txt(t("Caseload", "Caseload"))),
                    el(
                        "thead", [],
                        el(
                            "tr", [],
                            el("th", [A("scope", "col")], txt(t("Naam", "Name"))),
                            el("th", [A("scope", "col")], txt("BSN")),
                            el("th", [A("scope", "col")], txt(t("Geboortedatum", "Date of birth"))),
                            el("th", [A("scope", "col")], txt(t("Stadsdeel", "District"))),
                            el("th", [A("scope", "col")], txt(t("Uitkering", "Benefit"))))),
                    el(
                        "tbody", [],
                        items.map { p in
                            el(
                                "tr", [],
                                el("td", [], link("/personen/\(p.id!)", "\(p.familyName), \(p.givenName)")),
                                el("td", [A("class", "mono")], txt((try? BSN(p.bsn).masked) ?? "—")),
                                dateCell(DateFormatting.day(iso: p.birthDate)),
                                el("td", [], txt(districts[p.districtCode] ?? p.districtCode)),
                                el("td", [], txt(Labels.benefit(p.benefit, t))))
                        }))),
            pager(page: page, pages: pages, t) { "/mijn-werk?page=\($0)" + (search.map { "&q=" + query($0) } ?? "") })
    }

    static func budgetNotice(_ decisions: [BudgetDecision], _ t: Texts) -> HTMLNode {
        let items = decisions.map { d in
            let state = d.applied ? t("toegepast", "applied") : t("simulatie", "simulation")
            return el(
                "li", [],
                link(
                    "/begroting/ventiel/\(d.simulationID)",
                    t(
                        "Budgetbesluit (\(state)): \(d.lapse) van uw inwoners verliezen een aanbod, \(d.start) kunnen starten",
                        "Budget decision (\(state)): \(d.lapse) of your residents lose an offer, \(d.start) can start"
                    )))
        }
        return items.isEmpty
            ? .empty
            : el(
                "section", [A("class", "notice"), A("aria-labelledby", "h-valve-notice")],
                el("h2", [A("id", "h-valve-notice")], txt(t("Budget", "Budget"))), el("ul", [], items))
    }

    /// What needs attention: overdue reassessments and agreements, stalled plans, enrolments ending soon.
    static func worklist(_ w: WorklistService.Worklist, _ t: Texts) -> HTMLNode {
        func group(_ title: String, _ items: [HTMLNode]) -> HTMLNode {
            items.isEmpty
                ? .empty
                : el(
                    "div", [], el("h3", [], txt("\(title) (\(items.count))")),
                    el("ul", [], Array(items.prefix(5))),
                    items.count > 5
                        ? el(
                            "details", [A("class", "more")],
                            el("summary", [], txt(t("en \(items.count - 5) meer", "and \(items.count - 5) more"))),
                            el("ul", [], Array(items.dropFirst(5)))) : .empty)
        }
        let groups = [
            group(
                t("Besluit nodig (vier ogen)", "Decision needed (four eyes)"),
                w.decisions.map {
                    el(
                        "li", [], link("/handhaving/\($0.caseID)", $0.personName),
                        txt(
                            t(
                                " — maatregel voorgesteld door \($0.proposedByName ?? "een collega") op \(DateFormatting.day(iso: $0.since))",
                                " — sanction proposed by \($0.proposedByName ?? "a colleague") on \(DateFormatting.day(iso: $0.since))"
                            )))
                }),
            group(
                t("Handhaving loopt", "Enforcement under way"),
                w.enforcement.map {
                    el(
                        "li", [], link("/handhaving/\($0.caseID)", $0.personName),
                        txt(" — \(t($0.status.label)) (\(DateFormatting.day(iso: $0.since)))"))
                }),
            group(
                t("Herbeoordeling te laat", "Reassessment overdue"),
                w.overdueReassessments.map {
                    el(
                        "li", [], link("/huishoudens/\($0.householdID)/plan", $0.householdName),
                        txt(
                            t(
                                " — was \(DateFormatting.day(iso: $0.due))",
                                " — was due \(DateFormatting.day(iso: $0.due))")))
                }),
            group(
                t("Afspraken te laat of niet nagekomen", "Agreements overdue or missed"),
                w.overdueAgreements.map {
                    el(
                        "li", [], link("/plannen/\($0.planID)", $0.householdName),
                        txt(
                            " — \($0.agreement.what) ("
                                + ($0.agreement.status == .missed ? t("niet nagekomen", "missed") + ", " : "")
                                + "\(DateFormatting.day(iso: $0.agreement.dueOn)))"))
                }),
            group(
                t("Plannen zonder voortgang (3 maanden)", "Plans without progress (3 months)"),
                w.withoutProgress.map { el("li", [], link("/huishoudens/\($0.householdID)/plan", $0.householdName)) }),
            group(
                t("Maximale duur loopt af", "Maximum duration running out"),
                w.endingSoon.map {
                    el(
                        "li", [], link("/verwijzingen/\($0.referralID)", $0.personName),
                        txt(" — \($0.interventionName), \(DateFormatting.day(iso: $0.plannedEndOn))"))
                }),
            group(
                t("Ontheffing herbeoordelen", "Exemption to review"),
                w.exemptions.map { e in
                    el(
                        "li", [], link("/personen/\(e.personID)#verplichtingen", e.personName),
                        txt(
                            t(
                                " — ontheffing van \(e.duty.label.nl) \(e.ended ? "liep af op" : "loopt af op") \(DateFormatting.day(iso: e.until))",
                                " — exemption from \(e.duty.label.en) \(e.ended ? "ended on" : "ends on") \(DateFormatting.day(iso: e.until))"
                            )))
                }),
            group(
                t("Aanwezigheid onder de afspraak, zonder plan", "Attendance below the agreement, without a plan"),
                w.shortWeeks.map {
                    el(
                        "li", [], link("/verwijzingen/\($0.referralID)", $0.personName),
                        txt(
                            t(
                                " — \($0.interventionName): \($0.present) van de \($0.agreedHours) uur in de week van \(DateFormatting.day(iso: $0.week)). Er is geen lopend plan om dit als niet-nagekomen afspraak vast te leggen.",
                                " — \($0.interventionName): \($0.present) of \($0.agreedHours) hours in the week of \(DateFormatting.day(iso: $0.week)). There is no active plan to record this as a missed agreement."
                            )))
                }),
            group(
                t("Resultaat na zes maanden vastleggen", "Record the result after six months"),
                w.resultChecks.map {
                    el(
                        "li", [], link("/verwijzingen/\($0.referralID)#resultaat", $0.personName),
                        txt(
                            t(
                                " — \($0.interventionName): werkt de inwoner nog? Vast te leggen sinds \(DateFormatting.day(iso: $0.dueOn))",
                                " — \($0.interventionName): still working? To record since \(DateFormatting.day(iso: $0.dueOn))"
                            )))
                }),
            group(
                t(
                    "Jongeren: eerst school, nog niet ingeschreven of aan het werk",
                    "Young people: school first, not yet enrolled or working"),
                w.schoolFirst.map {
                    el(
                        "li", [], link("/personen/\($0.personID)", $0.personName),
                        txt(
                            t(
                                " — sinds de diagnose van \(DateFormatting.day(iso: $0.since)); leg uitstroom naar school of werk vast",
                                " — since the diagnosis of \(DateFormatting.day(iso: $0.since)); record leaving for school or work"
                            )))
                }),
        ]
        let empty =
            w.decisions.isEmpty && w.enforcement.isEmpty && w.overdueReassessments.isEmpty
            && w.overdueAgreements.isEmpty && w.withoutProgress.isEmpty
            && w.endingSoon.isEmpty && w.schoolFirst.isEmpty && w.exemptions.isEmpty && w.resultChecks.isEmpty
            && w.shortWeeks.isEmpty
        return el(
            "section", [A("class", "card worklist"), A("aria-labelledby", "h-worklist")],
            [el("h2", [A("id", "h-worklist")], txt(t("Aandacht nodig", "Needs attention")))]
                + (empty
                    ? [el("p", [], txt(t("Niets te laat. Goed bezig.", "Nothing overdue.")))]
                    : [el("div", [A("class", "groups")], groups)]))
    }
}
