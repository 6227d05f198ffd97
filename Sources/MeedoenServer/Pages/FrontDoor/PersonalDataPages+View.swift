import Foundation
import MeedoenCore

extension PortalPages {

    /// The resident's data as a readable page, one section per subject (who I am, my household, my
    /// plan, my assessments, my referrals, my money, who looked at my file), in words and Dutch dates;
    /// the JSON download beside it holds the same records as they are stored.
    static func exportView(_ m: PortalService.ExportPage, _ v: ViewContext) -> HTMLNode {
        let t = v.t
        let e = m.export
        let p = e.person
        func day(_ iso: String?) -> String { DateFormatting.long(iso: iso, v.language) }
        func facts(_ rows: [(String, String?)]) -> HTMLNode {
            el(
                "dl", [A("class", "facts")],
                rows.flatMap {
                    [el("dt", [], txt($0.0)), el("dd", [], txt($0.1.flatMap { $0.isEmpty ? nil : $0 } ?? "—"))]
                })
        }
        func section(_ id: String, _ title: String, _ empty: Bool, _ body: [HTMLNode]) -> HTMLNode {
            el(
                "section", [A("class", "card avg"), A("id", id), A("aria-labelledby", "h-\(id)")],
                [el("h2", [A("id", "h-\(id)")], txt(title))]
                    + (empty ? [el("p", [], txt(t("Niets vastgelegd.", "Nothing recorded.")))] : body))
        }
        let circumstances = p.circumstances.compactMap { Circumstance(rawValue: $0).map { t($0.label) } }
        let wishes = p.wishes.compactMap { Wish(rawValue: $0).map { t($0.label) } }
        let who = section(
            "wie", t("Wie ik ben", "Who I am"), false,
            [
                facts([
                    (t("Naam", "Name"), p.fullName), ("BSN", p.bsn),
                    (t("Geboortedatum", "Date of birth"), day(p.birthDate)),
                    (t("Stadsdeel", "District"), Labels.district(p.districtCode, m.districts)),
                    (t("Telefoon", "Phone"), p.phone), (t("E-mail", "E-mail"), p.email),
                    (t("Uitkering", "Benefit"), Labels.benefit(p.benefit, t)),
                    (
                        t("Inburgering", "Civic integration"),
                        CivicIntegration(rawValue: p.civicIntegration).map { t($0.label) }
                    ),
                    (t("Omstandigheden", "Circumstances"), circumstances.joined(separator: ", ")),
                    (t("Wensen", "Wishes"), wishes.joined(separator: ", ")),
                    (t("Klantmanager", "Case manager"), p.$caseManager.id.flatMap { m.people[$0] }),
                    (
                        t("Besproken aan de stadsdeeltafel", "Discussed at the district case table"),
                        Labels.yesNo(p.onCaseTable, t)
                    ),
                    (t("Vastgelegd sinds", "Recorded since"), p.createdAt.map { DateFormatting.long($0, v.language) }),
                ])
            ])
        let household = section(
            "huishouden", t("Mijn huishouden", "My household"), e.household == nil,
            e.household.map { h in
                [
                    facts([
                        (t("Naam", "Name"), h.name), (t("Adres", "Address"), h.address),
                        (t("Stadsdeel", "District"), Labels.district(h.districtCode, m.districts)),
                    ])
                ]
            } ?? [])
        let plans = section(
            "plan", t("Mijn plan", "My plan"), e.householdPlans.isEmpty,
            e.householdPlans.map { plan in
                let goals: [PlanService.Goal] = PlanService.decode(plan.goals)
                return el(
                    "div", [A("class", "avg-plan")],
                    facts([
                        (t("Stand", "Status"), t(plan.status.label)), (t("Gestart", "Started"), day(plan.startedOn)),
                        (t("Volgende bespreking vóór", "Next review before"), day(plan.reassessmentDue)),
                        (t("Regisseur", "Director"), m.people[plan.$director.id]),
                        (
                            t("Ingestemd op", "Agreed on"),
                            plan.residentAgreedOn.map(day) ?? t("nog niet", "not yet")
                        ),
                        (t("Afgesloten op", "Closed on"), plan.closedOn.map(day)),
                        (
                            t("Doelen", "Goals"),
                            goals.map { g in (LifeDomain(rawValue: g.domain).map { t($0.label) + ": " } ?? "") + g.text
                            }
                            .joined(separator: "; ")
                        ),
                    ]))
            }
                + (e.agreements.isEmpty
                    ? []
                    : [
                        el("h3", [], txt(t("Afspraken", "Agreements"))),
                        dataTable(
                            [t("Wat", "What"), t("Wie", "Who"), t("Uiterlijk op", "Due on"), t("Stand", "Status")],
                            e.agreements.sorted { $0.dueOn < $1.dueOn }.map { a in
                                [
                                    td(a.what), td(a.who), td(day(a.dueOn)),
                                    td(t(a.status.label) + (a.doneOn.map { " · " + day($0) } ?? "")),
                                ]
                            }),
                    ]))
        let assessments = section(
            "beoordelingen", t("Beoordelingen en diagnoses", "Assessments and diagnoses"),
            e.assessments.isEmpty && e.diagnoses.isEmpty,
            [
                e.assessments.isEmpty
                    ? .empty
                    : dataTable(
                        [t("Datum", "Date"), t("Soort", "Kind"), t("Uitkomst", "Result"), t("Door", "By")],
                        e.assessments.sorted { $0.assessedOn > $1.assessedOn }.map { a in
                            let result: String =
                                a.kind == .rung
                                ? t("trede ", "rung ") + (a.rung.map(String.init) ?? "—")
                                : ZrmDomain.allCases.compactMap { d in
                                    a.zrmScores?[d.rawValue].map { "\(t(d.label)) \($0)" }
                                }.joined(separator: ", ")
                            return [td(day(a.assessedOn)), td(t(a.kind.label)), td(result), td(a.assessorName)]
                        }),
                e.diagnoses.isEmpty
                    ? .empty
                    : dataTable(
                        [
                            t("Datum", "Date"), t("Route", "Route"), t("Categorie", "Category"),
                            t("Toelichting", "Note"),
                        ],
                        e.diagnoses.sorted { $0.decidedOn > $1.decidedOn }.map { d in
                            [
                                td(day(d.decidedOn)), td(Labels.route(d.decidedRoute, t)),
                                td(d.decidedCategory.map(String.init) ?? t("geen", "none")),
                                td(d.deviationReason ?? "—"),
                            ]
                        }),
            ])
        let referrals = section(
            "trajecten", t("Mijn trajecten en afspraken", "My enrolments and appointments"),
            e.referrals.isEmpty && e.appointments.isEmpty && e.exits.isEmpty && e.obligations.isEmpty,
            [
                e.obligations.isEmpty
                    ? .empty
                    : el(
                        "ul", [],
                        e.obligations.map { o in
                            el(
                                "li", [],
                                txt(
                                    (o.obligationKind == .exemption
                                        ? t("Ontheffing van ", "Exemption from ")
                                            + (o.exemptedDuty.map { t($0.label) } ?? "")
                                        : t("Tegenprestatie: ", "Contribution: ") + (o.what ?? ""))
                                        + t(" vanaf ", " from ") + day(o.fromOn)
                                        + (o.untilOn.map { t(" tot en met ", " until ") + day($0) } ?? "")))
                        }),
                e.exits.isEmpty
                    ? .empty
                    : el(
                        "ul", [],
                        e.exits.map { x in
                            el(
                                "li", [],
                                txt(
                                    t("Uitgestroomd naar ", "Left for ") + (x.exitKind.map { t($0.label) } ?? x.kind)
                                        + t(" op ", " on ") + day(x.leftOn)))
                        }),
                e.referrals.isEmpty
                    ? .empty
                    : dataTable(
                        [
                            t("Aanbod", "Service"), t("Verwezen op", "Referred on"), t("Stand", "Status"),
                            t("Gestart", "Started"), t("Beëindigd", "Ended"),
                        ],
                        e.referrals.sorted { $0.referredOn > $1.referredOn }.map { r in
                            [
                                td(m.offers[r.$intervention.id] ?? "—"), td(day(r.referredOn)), td(t(r.status.label)),
                                td(r.startedOn.map(day) ?? "—"),
                                td(
                                    r.endedOn.map { day($0) }.map { d in
                                        d
                                            + (r.outcome.flatMap(EnrolmentOutcome.init(rawValue:)).map {
                                                " · " + t($0.label)
                                            } ?? "")
                                    } ?? "—"),
                            ]
                        }),
                e.appointments.isEmpty
                    ? .empty
                    : dataTable(
                        [t("Wanneer", "When"), t("Waarover", "About"), t("Met", "With"), t("Waar", "Where")],
                        e.appointments.sorted { $0.startsAt > $1.startsAt }.map { a in
                            [
                                dateCell(DateFormatting.moment(iso: a.startsAt, v.language)), td(a.about),
                                td(a.withName),
                                td(a.place),
                            ]
                        }),
            ])
        let money = section(
            "geld", t("Mijn vouchers, activiteiten en handhaving", "My vouchers, activities and enforcement"),
            e.voucherAccount == nil && e.activities.isEmpty && e.enforcementCases.isEmpty,
            [
                e.voucherAccount.map {
                    el("p", [], txt(t("Saldo vouchers: ", "Voucher balance: ") + Euro.text($0.balanceCents)))
                } ?? .empty,
                e.voucherEntries.isEmpty
                    ? .empty
                    : dataTable(
                        [t("Datum", "Date"), t("Soort", "Kind"), t("Bedrag", "Amount"), t("Waarvoor", "What for")],
                        e.voucherEntries.sorted { $0.onDate > $1.onDate }.map { x in
                            [
                                td(day(x.onDate)), td(t(x.kind.label)), td(Euro.text(x.amountCents)),
                                td(x.activity ?? "—"),
                            ]
                        }),
                e.activities.isEmpty
                    ? .empty
                    : dataTable(
                        [t("Datum", "Date"), t("Activiteit", "Activity"), t("Uren", "Hours"), t("Stand", "Status")],
                        e.activities.sorted { $0.onDate > $1.onDate }.map { a in
                            [td(day(a.onDate)), td(a.description), td(String(a.hours)), td(t(a.status.label))]
                        }),
                e.enforcementCases.isEmpty
                    ? .empty
                    : dataTable(
                        [t("Geopend", "Opened"), t("Stand", "Status"), t("Maatregel", "Measure")],
                        e.enforcementCases.sorted { $0.openedOn > $1.openedOn }.map { c in
                            [
                                td(day(c.openedOn)), td(t(c.status.label)),
                                td(
                                    c.percent.map { pct in
                                        t(
                                            "\(pct)% verlaging, \(Plural.months(c.months ?? 1, .nl))",
                                            "\(pct)% reduction, \(Plural.months(c.months ?? 1, .en))")
                                    } ?? "—"),
                            ]
                        }),
            ])
        let signals = section(
            "signalen", t("Signalen en mijn oordeel", "Signals and my views"), e.signals.isEmpty && e.feedback.isEmpty,
            [
                e.signals.isEmpty
                    ? .empty
                    : dataTable(
                        [
                            t("Soort", "Kind"), t("Wat", "What"), t("Opvolgen vóór", "Follow up by"),
                            t("Stand", "Status"),
                        ],
                        e.signals.map { s in
                            [
                                td(SignalPages.kindLabel(s.kind, t)), td(s.description), td(day(s.dueOn)),
                                td(t(s.status.label)),
                            ]
                        }),
                e.feedback.isEmpty
                    ? .empty
                    : dataTable(
                        [
                            t("Geholpen", "Helped"), t("Met respect", "With respect"), t("Aanraden", "Recommend"),
                            t("Opmerking", "Comment"),
                        ],
                        e.feedback.map { f in
                            [
                                td("\(f.useful) / 5"), td("\(f.respect) / 5"), td("\(f.recommend) / 5"),
                                td(f.comment ?? "—"),
                            ]
                        }),
            ])
        let log = section(
            "inzage", t("Wie keek in mijn dossier en waarom", "Who looked at my file and why"), e.accessLog.isEmpty,
            [
                el(
                    "p", [],
                    txt(
                        t(
                            "\(e.accessLog.count) keer vastgelegd. ", "\(e.accessLog.count) entries recorded. ")),
                    link("/mijn-meedoen/inzage", t("Bekijk wie, wanneer en waarom", "See who, when and why")))
            ])
        let contents: [(String, String)] = [
            ("wie", t("Wie ik ben", "Who I am")), ("huishouden", t("Mijn huishouden", "My household")),
            ("plan", t("Mijn plan", "My plan")), ("beoordelingen", t("Beoordelingen", "Assessments")),
            ("trajecten", t("Trajecten", "Enrolments")),
            ("geld", t("Vouchers en handhaving", "Vouchers and enforcement")),
            ("signalen", t("Signalen", "Signals")), ("inzage", t("Inzage", "Access log")),
        ]
        return el(
            "div", [A("class", "portal")],
            el("p", [], link("/mijn-meedoen", t("← Mijn Meedoen", "← My Meedoen"), [A("class", "back")])),
            el(
                "h1", [],
                txt(t("Alles wat de gemeente over u vastlegt", "Everything the municipality records about you"))),
            el(
                "p", [A("class", "lead")],
                txt(
                    t(
                        "Opgemaakt op \(DateFormatting.long(e.generatedAt, .nl)). Klopt er iets niet? Vraag uw klantmanager het te verbeteren (AVG artikel 16).",
                        "Compiled on \(DateFormatting.long(e.generatedAt, .en)). Something wrong? Ask your case manager to correct it (GDPR article 16)."
                    ))),
            el(
                "p", [],
                link(
                    "/mijn-gegevens.json",
                    t("Download alles als bestand (JSON)", "Download everything as a file (JSON)"),
                    [A("class", "button secondary"), A("download", "mijn-gegevens.json")])),
            el(
                "nav", [A("aria-label", t("Onderwerpen", "Subjects")), A("class", "contents")],
                el("ul", [], contents.map { el("li", [], link("#\($0.0)", $0.1)) })),
            who, household, plans, assessments, referrals, money, signals, log)
    }
}
