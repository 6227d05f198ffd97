import Foundation
import MeedoenCore

extension DossierPage {
    static func view(
        _ m: Model, _ v: ViewContext, frontDoorErrors: FieldErrors = FieldErrors(),
        exitErrors: FieldErrors = FieldErrors(), obligationErrors: FieldErrors = FieldErrors(), form: FormData? = nil
    )
        -> HTMLNode
    {
        let t = v.t
        let d = m.dossier
        let p = d.person
        let canAssess = m.canAssess
        let rungs = d.assessments.filter { $0.kind == .rung }
        let zrms = d.assessments.filter { $0.kind == .zrm }
        let districts = m.districts
        let age = CalendarDate(iso: p.birthDate)?.age(on: v.today)

        let ageText: String = age.map { t(" (\($0) jaar)", " (\($0) years)") } ?? ""
        let civic: String = CivicIntegration(rawValue: p.civicIntegration).map { t($0.label) } ?? p.civicIntegration
        let circumstanceText: String = p.circumstances.compactMap { Circumstance(rawValue: $0).map { t($0.label) } }
            .joined(separator: ", ")
        let wishText: String = p.wishes.compactMap { Wish(rawValue: $0).map { t($0.label) } }.joined(separator: ", ")
        let benefitText = Labels.benefit(p.benefit, t)
        let rows: [(String, String)] = [
            ("BSN", p.bsn), (t("Geboortedatum", "Date of birth"), DateFormatting.day(iso: p.birthDate) + ageText),
            (t("Stadsdeel", "District"), districts[p.districtCode] ?? p.districtCode),
            (t("Uitkering", "Benefit"), benefitText), (t("Inburgering", "Civic integration"), civic),
            (t("Omstandigheden", "Circumstances"), circumstanceText), (t("Wensen", "Wishes"), wishText),
            (t("Telefoon", "Phone"), p.phone ?? ""),
        ]
        let facts = el(
            "dl", [A("class", "facts")],
            rows.flatMap { k, v in [el("dt", [], txt(k)), el("dd", [], txt(v.isEmpty ? "—" : v))] })

        let household: HTMLNode =
            d.household.map { h in
                el(
                    "section", [A("class", "card"), A("aria-labelledby", "h-household")],
                    el(
                        "h2", [A("id", "h-household")],
                        txt(
                            h.name.lowercased().hasPrefix("huishouden")
                                ? h.name : t("Huishouden", "Household") + ": " + h.name)),
                    h.address.map { el("p", [], txt($0)) } ?? .empty,
                    el(
                        "ul", [],
                        d.members.map { m in
                            el(
                                "li", [],
                                m.id == p.id
                                    ? el(
                                        "strong", [],
                                        txt("\(m.givenName) \(m.familyName) (\(DateFormatting.day(iso: m.birthDate)))"))
                                    : txt("\(m.givenName) \(m.familyName) (\(DateFormatting.day(iso: m.birthDate)))"))
                        }))
            } ?? .empty

        let rungTable: HTMLNode =
            rungs.isEmpty
            ? el("p", [], txt(t("Nog geen trede vastgelegd.", "No rung recorded yet.")))
            : el(
                "div", [A("class", "table-wrap"), A("tabindex", "0")],
                el(
                    "table", [A("class", "data")],
                    el("caption", [], txt(t("Tredehistorie", "Rung history"))),
                    el(
                        "thead", [],
                        el(
                            "tr", [],
                            el("th", [A("scope", "col")], txt(t("Datum", "Date"))),
                            el("th", [A("scope", "col")], txt(t("Ladder", "Ladder"))),
                            el("th", [A("scope", "col")], txt(t("Trede", "Rung"))),
                            el("th", [A("scope", "col")], txt(t("Voorstel en reden", "Proposal and reason"))),
                            el("th", [A("scope", "col")], txt(t("Beoordelaar", "Assessor"))))),
                    el(
                        "tbody", [],
                        rungs.map { a in
                            let ladder = a.ladderID.flatMap { m.ladders[$0] }
                            let name = a.rung.flatMap { ladder?.rung($0)?.name }.map { t($0) } ?? ""
                            return el(
                                "tr", [],
                                dateCell(DateFormatting.day(iso: a.assessedOn)),
                                el("td", [], txt(ladder.map { t($0.name) } ?? a.ladderID ?? "")),
                                el("td", [], el("strong", [], txt("\(a.rung ?? 0)")), txt(" " + name)),
                                el(
                                    "td", [], txt(a.proposalReason ?? "—"),
                                    a.overrideReason.map {
                                        el("p", [A("class", "override")], txt(t("Afgeweken: ", "Overridden: ") + $0))
                                    } ?? .empty),
                                el("td", [], txt(a.assessorName)))
                        })))

        let latestZRM = zrms.first
        let zrmSection: HTMLNode =
            latestZRM.flatMap { $0.zrmScores }.map { scores in
                let previous = zrms.dropFirst().first?.zrmScores
                return el(
                    "figure", [A("class", "zrm")],
                    markup(ZrmChart.svg(scores: scores, previous: previous, language: v.language)),
                    el(
                        "figcaption", [],
                        txt(
                            t(
                                "ZRM van \(DateFormatting.day(iso: latestZRM!.assessedOn))",
                                "ZRM of \(DateFormatting.day(iso: latestZRM!.assessedOn))")
                                + (previous == nil
                                    ? "" : t(" (lichte balk: vorige meting)", " (light bar: previous assessment)")))))
            } ?? el("p", [], txt(t("Nog geen ZRM afgenomen.", "No ZRM assessed yet.")))

        let diagnoses: [HTMLNode] = d.diagnoses.map { dg in
            let deviated = dg.deviationReason != nil
            return el(
                "article", [A("class", "diagnosis")],
                el(
                    "h3", [],
                    txt("\(DateFormatting.day(iso: dg.decidedOn)) · \(Labels.route(dg.decidedRoute, t))")),
                el(
                    "p", [],
                    el(
                        "span", [A("class", "badge cat-\(dg.decidedCategory.map(String.init) ?? "none")")],
                        txt(
                            dg.decidedCategory.map { t("Categorie \($0)", "Category \($0)") }
                                ?? t("Geen categorie", "No category"))),
                    txt(
                        " "
                            + t(
                                "door \(dg.decidedByName), volgens het diagnosebeleid versie \(dg.policyVersion)",
                                "by \(dg.decidedByName), under the diagnosis policy version \(dg.policyVersion)"))),
                deviated
                    ? el(
                        "p", [A("class", "override")],
                        txt(
                            t(
                                "Afwijking van het voorstel (\(Labels.route(dg.proposedRoute, t)), categorie \(dg.proposedCategory.map(String.init) ?? "geen")): ",
                                "Deviation from the proposal (\(Labels.route(dg.proposedRoute, t)), category \(dg.proposedCategory.map(String.init) ?? "none")): "
                            ) + dg.deviationReason!)) : .empty,
                el(
                    "details", [], el("summary", [], txt(t("Redenen van het voorstel", "Reasons for the proposal"))),
                    el("ul", [], dg.reasonList.map { el("li", [], txt($0.text.text(v.language))) })))
        }

        var referrals: HTMLNode = .empty
        if let rows = m.referrals {
            referrals = el(
                "section", [A("class", "card"), A("aria-labelledby", "h-ref")],
                el("h2", [A("id", "h-ref")], txt(t("Verwijzingen en trajecten", "Referrals and enrolments"))),
                ReferralPages.table(
                    rows.map { ($0.referral, "\($0.givenName) \($0.familyName)", $0.interventionName) }, t))
        }
        let money = m.money.map { MoneyWorkPages.dossierSections($0, person: p, canAssess: canAssess, v) } ?? .empty
        let frontDoor =
            m.frontDoor.map {
                DossierFrontDoor.section($0, person: p, canAssess: canAssess, v, errors: frontDoorErrors, form: form)
            } ?? .empty
        return el(
            "div", [A("class", "dossier")],
            el("p", [A("class", "breadcrumb")], link("/mijn-werk", t("← Mijn werk", "← My work"))),
            el("h1", [], txt("\(p.givenName) \(p.familyName)")),
            p.onCaseTable
                ? el(
                    "p", [A("class", "notice")],
                    txt(
                        t(
                            "Op de stadsdeeltafel: meervoudige problematiek.",
                            "On the district case table: multi-problem case."))) : .empty,
            canAssess
                ? el(
                    "p", [A("class", "actions")],
                    link("/personen/\(p.id!)/trede", t("Trede vastleggen", "Record rung"), [A("class", "button")]),
                    link("/personen/\(p.id!)/zrm", t("ZRM afnemen", "Assess ZRM"), [A("class", "button")]),
                    link("/personen/\(p.id!)/diagnose", t("Diagnose stellen", "Diagnose"), [A("class", "button")]),
                    link("/personen/\(p.id!)/plan", t("Plan", "Plan"), [A("class", "button secondary")]),
                    link("/personen/\(p.id!)/verwijzen", t("Verwijzen", "Refer"), [A("class", "button secondary")]))
                : .empty,
            el(
                "div", [A("class", "grid")],
                el(
                    "section", [A("class", "card"), A("aria-labelledby", "h-facts")],
                    el("h2", [A("id", "h-facts")], txt(t("Gegevens", "Details"))), facts),
                household),
            el(
                "section", [A("class", "card"), A("aria-labelledby", "h-rungs")],
                el("h2", [A("id", "h-rungs")], txt(t("Participatieladder", "Participation ladder"))), rungTable),
            el(
                "section", [A("class", "card"), A("aria-labelledby", "h-zrm")],
                el("h2", [A("id", "h-zrm")], txt(t("Zelfredzaamheid (ZRM)", "Self-sufficiency (ZRM)"))), zrmSection),
            el(
                "section", [A("class", "card"), A("aria-labelledby", "h-diag")],
                el("h2", [A("id", "h-diag")], txt(t("Diagnoses", "Diagnoses"))),
                diagnoses.isEmpty
                    ? el("p", [], txt(t("Nog geen diagnose.", "No diagnosis yet."))) : el("div", [], diagnoses)),
            referrals,
            m.exits.map { DossierExits.section($0, person: p, v, errors: exitErrors, form: form) } ?? .empty,
            m.obligations.map { DossierObligations.section($0, person: p, v, errors: obligationErrors, form: form) }
                ?? .empty,
            frontDoor,
            money,
            el(
                "p", [],
                link("/personen/\(p.id!)/inzage", t("Wie heeft dit dossier ingezien?", "Who has viewed this file?"))
            ))
    }

    /// Who looked at or changed the file, newest first.
    static func auditTrailView(
        id: UUID, events: [AuditEvent], _ v: ViewContext
    ) -> HTMLNode {
        let t = v.t
        return el(
            "section", [],
            el("p", [A("class", "breadcrumb")], link("/personen/\(id)", t("← Dossier", "← File"))),
            el(
                "h1", [],
                txt(t("Wie heeft dit dossier ingezien of gewijzigd?", "Who has viewed or changed this file?"))),
            el(
                "div", [A("class", "table-wrap"), A("tabindex", "0")],
                el(
                    "table", [A("class", "data")],
                    el(
                        "thead", [],
                        el(
                            "tr", [],
                            el("th", [A("scope", "col")], txt(t("Moment", "When"))),
                            el("th", [A("scope", "col")], txt(t("Wie", "Who"))),
                            el("th", [A("scope", "col")], txt(t("Rol", "Role"))),
                            el("th", [A("scope", "col")], txt(t("Handeling", "Action"))),
                            el("th", [A("scope", "col")], txt(t("Grondslag", "Basis"))))),
                    el(
                        "tbody", [],
                        events.map { e in
                            el(
                                "tr", [], dateCell(DateFormatting.local(e.at)),
                                el("td", [], txt(e.actorName)),
                                el("td", [], txt(Labels.roles(e.actorRoles, t))),
                                el("td", [], txt(Labels.auditAction(e.action, t))),
                                el("td", [], txt(Labels.basis(e.basis, t))))
                        }))))
    }
}
