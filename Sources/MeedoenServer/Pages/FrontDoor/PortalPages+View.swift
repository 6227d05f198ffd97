import Foundation
import MeedoenCore

extension PortalPages {

    /// The resident's own page: plan, appointments, vouchers, referrals, activities and who looked.
    static func homeView(
        home: PortalService.Home, _ v: ViewContext, errors: FieldErrors = FieldErrors(), form: FormData? = nil
    ) -> HTMLNode {
        let t = v.t
        let person = home.person
        let (plan, agreements, appointments, referrals) = (
            home.plan, home.agreements, home.appointments, home.referrals
        )
        let (providers, account, rated, activities, log) = (
            home.providers, home.account, home.rated, home.activities, home.accessLog
        )
        let goals: [PlanService.Goal] = plan.map { PlanService.decode($0.goals) } ?? []

        let planSection = el(
            "section", [A("class", "card"), A("id", "plan"), A("aria-labelledby", "h-plan")],
            el("h2", [A("id", "h-plan")], txt(t("Mijn plan", "My plan"))),
            plan == nil
                ? el(
                    "p", [],
                    txt(
                        t(
                            "U heeft nog geen plan. Uw klantmanager maakt het samen met u.",
                            "You have no plan yet. Your case manager makes it together with you.")))
                : el(
                    "div", [],
                    el(
                        "p", [A("class", "meta")],
                        txt(
                            t(
                                "Gestart \(DateFormatting.long(iso: plan!.startedOn, v.language)) · volgende bespreking vóór \(DateFormatting.long(iso: plan!.reassessmentDue, v.language))",
                                "Started \(DateFormatting.long(iso: plan!.startedOn, v.language)) · next review before \(DateFormatting.long(iso: plan!.reassessmentDue, v.language))"
                            ))),
                    goals.isEmpty ? .empty : el("h3", [], txt(t("Doelen", "Goals"))),
                    goals.isEmpty
                        ? .empty
                        : el(
                            "ul", [],
                            goals.map { g in
                                el(
                                    "li", [],
                                    txt((LifeDomain(rawValue: g.domain).map { t($0.label) + ": " } ?? "") + g.text))
                            }),
                    el("h3", [], txt(t("Afspraken", "Agreements"))),
                    errorSummary(errors, t),
                    agreements.isEmpty
                        ? el("p", [], txt(t("Geen afspraken.", "No agreements.")))
                        : el(
                            "ul", [A("class", "agreements")],
                            agreements.map { a in
                                let status = a.status
                                let badge = el(
                                    "span",
                                    [
                                        A(
                                            "class",
                                            status == .done
                                                ? "badge ok" : (status == .missed ? "badge bad" : "badge info"))
                                    ], txt(t(status.label)))
                                let canMark = status == .open || status == .missed
                                return el(
                                    "li", [],
                                    el("p", [], el("strong", [], txt(a.what)), txt(" "), badge),
                                    el(
                                        "p", [A("class", "meta")],
                                        txt(
                                            t(
                                                "Wie: \(Self.who(a.who, t)) · vóór \(DateFormatting.long(iso: a.dueOn, v.language))",
                                                "Who: \(Self.who(a.who, t)) · by \(DateFormatting.long(iso: a.dueOn, v.language))"
                                            )
                                                + (a.doneOn.map { DateFormatting.long(iso: $0, v.language) }.map {
                                                    t(" · gedaan op \($0)", " · done on \($0)")
                                                } ?? ""))),
                                    a.evidence.map { el("p", [A("class", "meta")], txt($0)) } ?? .empty,
                                    canMark
                                        ? el(
                                            "details", [],
                                            el("summary", [], txt(t("Ik heb dit gedaan", "I have done this"))),
                                            el(
                                                "form",
                                                [
                                                    A("method", "post"),
                                                    A("action", "/mijn-meedoen/afspraken/\(a.id!)"),
                                                    A("novalidate", ""),
                                                ],
                                                csrfField(v.csrfToken),
                                                textArea(
                                                    FormField(
                                                        name: "note-\(a.id!.uuidString.prefix(8))",
                                                        label: t("Wat heeft u gedaan?", "What did you do?"),
                                                        errors: errors.renamed(
                                                            "note", "note-\(a.id!.uuidString.prefix(8))")), value: nil,
                                                    rows: 2),
                                                button(t("Markeren als gedaan", "Mark as done")))) : .empty)
                            })))
        let appointmentSection = el(
            "section", [A("class", "card"), A("aria-labelledby", "h-appointments")],
            el("h2", [A("id", "h-appointments")], txt(t("Mijn afspraken in de agenda", "My appointments"))),
            appointments.isEmpty
                ? el("p", [], txt(t("Geen afspraken gepland.", "No appointments planned.")))
                : el(
                    "ul", [],
                    appointments.map { a in
                        el(
                            "li", [],
                            el("strong", [], txt(DateFormatting.moment(iso: a.startsAt, v.language, long: true))),
                            txt(" · " + a.about + " · " + t("met ", "with ") + a.withName + " · " + a.place))
                    }))
        let referralSection = el(
            "section", [A("class", "card"), A("aria-labelledby", "h-enrolments")],
            el(
                "h2", [A("id", "h-enrolments")],
                txt(t("Mijn trajecten en aanmeldingen", "My enrolments and applications"))),
            referrals.isEmpty
                ? el("p", [], txt(t("U bent nog nergens aangemeld.", "You have not been signed up anywhere yet.")))
                : el(
                    "div", [A("class", "table-wrap"), A("tabindex", "0")],
                    el(
                        "table", [A("class", "data")],
                        el("caption", [A("class", "visually-hidden")], txt(t("Trajecten", "Enrolments"))),
                        el(
                            "thead", [],
                            el(
                                "tr", [], th(t("Aanbod", "Service")), th(t("Aanbieder", "Provider")),
                                th(t("Status", "Status")), th(t("Van – tot", "From – to")),
                                th(t("Uw oordeel", "Your view")))),
                        el(
                            "tbody", [],
                            referrals.map { r in
                                let st = r.status
                                let cls =
                                    st == .started || st == .accepted
                                    ? "badge ok" : (st == .refused || st == .withdrawn ? "badge bad" : "badge info")
                                return el(
                                    "tr", [], el("td", [], txt(r.intervention.name)),
                                    el("td", [], txt(providers[r.intervention.$provider.id] ?? "")),
                                    el("td", [], el("span", [A("class", cls)], txt(t(st.label)))),
                                    el(
                                        "td", [],
                                        txt(
                                            [r.startedOn, r.endedOn ?? r.plannedEndOn].compactMap { $0 }.map {
                                                DateFormatting.long(iso: $0, v.language)
                                            }.joined(separator: " – "))),
                                    el(
                                        "td", [],
                                        st != .ended
                                            ? txt("—")
                                            : rated.contains(r.id!)
                                                ? txt(t("gegeven, dank u", "given, thank you"))
                                                : link(
                                                    "/mijn-meedoen/trajecten/\(r.id!)/ervaring",
                                                    t("Vertel hoe het was", "Tell us how it was"))))
                            }))))
        let voucherSection = el(
            "section", [A("class", "card"), A("aria-labelledby", "h-portal-vouchers")],
            el("h2", [A("id", "h-portal-vouchers")], txt(t("Meedoenvouchers", "Participation vouchers"))),
            el(
                "p", [], txt(t("Saldo ", "Balance ")), el("strong", [], txt(Euro.text(account?.balanceCents ?? 0))),
                txt(" · "), link("/mijn-vouchers", t("geschiedenis", "history"))))
        let activitySection = el(
            "section", [A("class", "card"), A("id", "activiteiten"), A("aria-labelledby", "h-activities")],
            el("h2", [A("id", "h-activities")], txt(t("Mijn activiteiten", "My activities"))),
            el(
                "p", [],
                txt(
                    t(
                        "Heeft u iets gedaan in de buurt, zoals vrijwilligerswerk? Geef het op; na goedkeuring krijgt u vouchers.",
                        "Did you do something in the neighbourhood, such as volunteering? Register it; after approval you get vouchers."
                    ))),
            activities.isEmpty
                ? .empty
                : el(
                    "ul", [],
                    activities.map { a in
                        let label =
                            a.status == .approved
                            ? t("goedgekeurd", "approved")
                            : a.status == .rejected
                                ? t("niet goedgekeurd", "not approved") : t("wacht op goedkeuring", "awaiting approval")
                        return el(
                            "li", [],
                            txt(
                                "\(DateFormatting.long(iso: a.onDate, v.language)) · \(a.description) · \(a.hours) \(t("uur", "h")) "
                            ),
                            el(
                                "span",
                                [
                                    A(
                                        "class",
                                        a.status == .approved
                                            ? "badge ok" : a.status == .rejected ? "badge bad" : "badge warn")
                                ], txt(label)),
                            a.decisionNote.map { txt(" — " + $0) } ?? .empty)
                    }),
            el(
                "form", [A("method", "post"), A("action", "/mijn-meedoen/activiteiten"), A("novalidate", "")],
                csrfField(v.csrfToken),
                textInput(
                    FormField(name: "description", label: t("Wat heeft u gedaan?", "What did you do?"), errors: errors),
                    value: form?["description"]),
                textInput(
                    FormField(name: "onDate", label: t("Datum", "Date"), errors: errors),
                    value: form?["onDate"] ?? v.today.iso, type: "date"),
                textInput(
                    FormField(name: "hours", label: t("Uren", "Hours"), errors: errors), value: form?["hours"],
                    type: "number", extra: [A("min", "1"), A("max", "40")]),
                button(t("Opgeven", "Register"), secondary: true)))
        let logSection = el(
            "section", [A("class", "card"), A("id", "inzage"), A("aria-labelledby", "h-log")],
            el("h2", [A("id", "h-log")], txt(t("Wie keek in mijn dossier", "Who looked at my file"))),
            el(
                "p", [],
                txt(
                    t(
                        "Elke inzage en wijziging wordt vastgelegd, met de reden waarom iemand dat mocht.",
                        "Every view and change is recorded, with the reason why someone was allowed."))),
            log.isEmpty
                ? el("p", [], txt(t("Nog niemand.", "Nobody yet.")))
                : accessLogTable(Array(log.prefix(10)), t),
            log.isEmpty
                ? .empty
                : el("p", [], link("/mijn-meedoen/inzage", t("Alles bekijken", "See everything"))))
        let dataSection = el(
            "section", [A("class", "card"), A("aria-labelledby", "h-data")],
            el("h2", [A("id", "h-data")], txt(t("Mijn gegevens", "My data"))),
            el(
                "p", [],
                txt(
                    t(
                        "U heeft recht op inzage in alles wat de gemeente over u vastlegt (AVG).",
                        "You have the right to see everything the municipality records about you (GDPR)."))),
            el(
                "p", [],
                link(
                    "/mijn-gegevens", t("Bekijk al mijn gegevens", "See all my data"), [A("class", "button secondary")]),
                txt(" "),
                link(
                    "/mijn-gegevens.json", t("Download als JSON", "Download as JSON"),
                    [A("class", "button secondary"), A("download", "mijn-gegevens.json")])))
        return el(
            "div", [A("class", "portal")],
            el("h1", [], txt(t("Welkom, \(person.givenName)", "Welcome, \(person.givenName)"))),
            el(
                "p", [A("class", "lead")],
                txt(
                    t(
                        "Hier ziet u uw plan, uw afspraken, waar u aan meedoet en wie in uw dossier keek.",
                        "Here you see your plan, your appointments, what you take part in and who looked at your file."
                    ))),
            el("div", [A("class", "grid-2")], planSection, el("div", [], appointmentSection, voucherSection)),
            referralSection, activitySection, logSection, dataSection)
    }

    /// Who does an agreement, told to the resident: "inwoner" is "u".
    static func who(_ who: String, _ t: Texts) -> String {
        ["inwoner", "de inwoner", "resident"].contains(who.lowercased()) ? t("u", "you") : who
    }

    /// The resident's access log: when, who (and in which role), what, and why that was allowed.
    static func accessLogTable(_ events: [AuditEvent], _ t: Texts) -> HTMLNode {
        dataTable(
            [t("Wanneer", "When"), t("Wie", "Who"), t("Wat", "What"), t("Waarom mocht dat", "Why allowed")],
            events.map { e in
                let roles = Labels.roles(e.actorRoles, t)
                return [
                    dateCell(DateFormatting.local(e.at)), td(e.actorName + (roles.isEmpty ? "" : " (\(roles))")),
                    td(Labels.auditAction(e.action, t)), td(Labels.basis(e.basis, t)),
                ]
            }, caption: t("Inzage", "Access log"))
    }

    /// Everything in the access log, fifty at a time.
    static func accessLogView(events: [AuditEvent], total: Int, page: Int, pageSize: Int, _ v: ViewContext)
        -> HTMLNode
    {
        let t = v.t
        let pages = max(1, (total + pageSize - 1) / pageSize)
        return el(
            "div", [A("class", "portal")],
            el("p", [], link("/mijn-meedoen", t("← Mijn Meedoen", "← My Meedoen"), [A("class", "back")])),
            el("h1", [], txt(t("Wie keek in mijn dossier", "Who looked at my file"))),
            el(
                "p", [A("class", "lead")],
                txt(
                    t(
                        "Elke inzage en wijziging door een ander wordt vastgelegd, met de reden waarom die persoon dat mocht. \(Plural.of(total, "keer", "keer")) in totaal.",
                        "Every view and change by someone else is recorded, with the reason why they were allowed. \(Plural.of(total, "entry", "entries")) in all."
                    ))),
            events.isEmpty ? el("p", [], txt(t("Nog niemand.", "Nobody yet."))) : accessLogTable(events, t),
            pager(page: page, pages: pages, t) { "/mijn-meedoen/inzage?pagina=\($0)" })
    }
}
