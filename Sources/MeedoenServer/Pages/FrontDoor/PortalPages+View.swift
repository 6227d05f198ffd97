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
                                "Gestart \(plan!.startedOn) · volgende bespreking vóór \(plan!.reassessmentDue)",
                                "Started \(plan!.startedOn) · next review before \(plan!.reassessmentDue)"))),
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
                                            t("Wie: \(a.who) · vóór \(a.dueOn)", "Who: \(a.who) · by \(a.dueOn)")
                                                + (a.doneOn.map { t(" · gedaan op \($0)", " · done on \($0)") } ?? ""))),
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
                            "li", [], el("strong", [], txt(a.startsAt.replacingOccurrences(of: "T", with: " "))),
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
                                            [r.startedOn, r.endedOn ?? r.plannedEndOn].compactMap { $0 }.joined(
                                                separator: " – "))),
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
                            "li", [], txt("\(a.onDate) · \(a.description) · \(a.hours) \(t("uur", "h")) "),
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
                : el(
                    "div", [A("class", "table-wrap"), A("tabindex", "0")],
                    el(
                        "table", [A("class", "data")],
                        el("caption", [A("class", "visually-hidden")], txt(t("Inzage", "Access log"))),
                        el(
                            "thead", [],
                            el(
                                "tr", [], th(t("Wanneer", "When")), th(t("Wie", "Who")), th(t("Wat", "What")),
                                th(t("Waarom mocht dat", "Why allowed")))),
                        el(
                            "tbody", [],
                            log.prefix(50).map { e in
                                let roles = e.actorRoles.split(separator: ",").compactMap { Role(rawValue: String($0)) }
                                    .map { t($0.label) }.joined(separator: ", ")
                                return el(
                                    "tr", [], el("td", [], txt(DateFormatting.local(e.at))),
                                    el("td", [], txt(e.actorName + (roles.isEmpty ? "" : " (\(roles))"))),
                                    el("td", [], txt(actionLabel(e.action, t))),
                                    el("td", [], txt(basisLabel(e.basis, t))))
                            }))))
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
}
