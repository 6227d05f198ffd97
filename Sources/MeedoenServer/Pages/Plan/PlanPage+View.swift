import Foundation
import MeedoenCore

extension PlanPage {
    static func view(_ m: Model, _ v: ViewContext, form: FormData? = nil, errors: FieldErrors = FieldErrors())
        -> HTMLNode
    {
        let t = v.t
        let (person, loaded, directors, editable) = (m.person, m.loaded, m.directors, m.editable)
        let personID = person.id!
        let body = loaded.map { PlanService.body($0.plan) }

        func goalText(_ d: LifeDomain) -> String? {
            form?["goal.\(d.rawValue)"]
                ?? body?.goals.filter { $0.domain == d.rawValue }.map(\.text).joined(separator: "\n")
        }
        let strengthsPerson =
            form?["strengths.person"]
            ?? body?.strengths.filter { $0.of == "person" }.map(\.text).joined(separator: "\n")
        let strengthsNetwork =
            form?["strengths.network"]
            ?? body?.strengths.filter { $0.of == "network" }.map(\.text).joined(separator: "\n")
        let involved =
            form?["involved"]
            ?? body?.involved.map {
                [$0.organisation, $0.goal, $0.contactName, $0.contactDetails ?? ""].joined(separator: " | ")
            }.joined(separator: "\n")
        let action = "/personen/\(personID)/plan"

        let planForm = el(
            "form", [A("method", "post"), A("action", action), A("novalidate", "")],
            [
                csrfField(v.csrfToken),
                selectInput(
                    FormField(
                        name: "directorId",
                        label: t("Regisseur (één voor het hele huishouden)", "Director (one for the whole household)"),
                        errors: errors),
                    options: directors.map { ($0.id!.uuidString, $0.displayName) },
                    selected: form?["directorId"] ?? body?.directorId.uuidString ?? m.user.id!.uuidString),
                el("h3", [], txt(t("Doelen per leefgebied", "Goals per life domain"))),
            ]
                + LifeDomain.allCases.map { d in
                    textArea(
                        FormField(name: "goal.\(d.rawValue)", label: t(d.label), hint: nil, errors: errors),
                        value: goalText(d), rows: 2)
                }
                + [
                    el("h3", [], txt(t("Krachten", "Strengths"))),
                    textArea(
                        FormField(
                            name: "strengths.person",
                            label: t("Van de inwoner (één per regel)", "Of the resident (one per line)"), errors: errors
                        ), value: strengthsPerson, rows: 2),
                    textArea(
                        FormField(
                            name: "strengths.network",
                            label: t("Van het netwerk (één per regel)", "Of the network (one per line)"), errors: errors
                        ), value: strengthsNetwork, rows: 2),
                    textArea(
                        FormField(
                            name: "involved", label: t("Wie zijn betrokken?", "Who is involved?"),
                            hint: t(
                                "Eén per regel: organisatie | doel | contactpersoon | telefoon of e-mail",
                                "One per line: organisation | goal | contact person | phone or e-mail"), errors: errors),
                        value: involved, rows: 3),
                    loaded == nil
                        ? .empty
                        : choiceGroup(
                            FormField(name: "residentAgreed", label: t("Instemming", "Agreement"), errors: errors),
                            options: [
                                ("true", t("De inwoner stemt in met dit plan", "The resident agrees to this plan"))
                            ],
                            selected: (form.map { $0["residentAgreed"] == "true" } ?? (body?.residentAgreedOn != nil))
                                ? ["true"] : []),
                    loaded == nil
                        ? .empty
                        : textInput(
                            FormField(
                                name: "residentAgreementNote",
                                label: t("Toelichting bij instemming", "Note on agreement"), errors: errors),
                            value: form?["residentAgreementNote"] ?? body?.residentAgreementNote),
                    loaded == nil
                        ? .empty
                        : choiceGroup(
                            FormField(name: "reassessed", label: t("Herbeoordeling", "Reassessment"), errors: errors),
                            options: [
                                (
                                    "true",
                                    t(
                                        "Vandaag herbeoordeeld (volgende datum volgens beleid)",
                                        "Reassessed today (next date by policy)")
                                )
                            ], selected: []),
                    button(loaded == nil ? t("Plan opstellen", "Create plan") : t("Plan opslaan", "Save plan")),
                ])

        var sections: [HTMLNode] = []
        if let l = loaded {
            let (agreements, enforcement) = (m.agreements, m.enforcement)
            let today = v.today
            let overdue = CalendarDate(iso: l.plan.reassessmentDue).map { $0 < today } ?? false
            sections.append(
                el(
                    "section", [A("class", "card")],
                    el(
                        "h2", [],
                        txt(t("Plan van huishouden \(l.household.name)", "Plan of household \(l.household.name)"))),
                    el(
                        "dl", [A("class", "facts")],
                        el("dt", [], txt(t("Leden", "Members"))),
                        el("dd", [], txt(l.members.map(\.fullName).joined(separator: ", "))),
                        el("dt", [], txt(t("Gestart", "Started"))),
                        el("dd", [], txt(DateFormatting.day(iso: l.plan.startedOn))),
                        el("dt", [], txt(t("Herbeoordeling", "Reassessment"))),
                        el(
                            "dd", [], txt(DateFormatting.day(iso: l.plan.reassessmentDue)),
                            overdue ? el("span", [A("class", "badge warn")], txt(t(" te laat", " overdue"))) : .empty),
                        el("dt", [], txt(t("Instemming inwoner", "Resident's agreement"))),
                        el(
                            "dd", [],
                            txt(
                                l.plan.residentAgreedOn.map(DateFormatting.day(iso:)).map {
                                    t("ja, op \($0)", "yes, on \($0)")
                                }
                                    ?? t("nog niet", "not yet"))),
                        el("dt", [], txt(t("Versie", "Revision"))), el("dd", [], txt(String(l.plan.revision)))),
                    el("h3", [], txt(t("Doelen", "Goals"))),
                    body!.goals.isEmpty
                        ? el("p", [], txt(t("Nog geen doelen.", "No goals yet.")))
                        : el(
                            "ul", [],
                            body!.goals.map { g in
                                el(
                                    "li", [],
                                    el(
                                        "strong", [],
                                        txt((LifeDomain(rawValue: g.domain).map { t($0.label) } ?? g.domain) + ": ")),
                                    txt(g.text))
                            }),
                    el("h3", [], txt(t("Krachten", "Strengths"))),
                    body!.strengths.isEmpty
                        ? el("p", [], txt("—"))
                        : el(
                            "ul", [],
                            body!.strengths.map { s in
                                el(
                                    "li", [],
                                    txt(
                                        (s.of == "network" ? t("netwerk: ", "network: ") : t("inwoner: ", "resident: "))
                                            + s.text))
                            }),
                    el("h3", [], txt(t("Wie zijn betrokken", "Who is involved"))),
                    body!.involved.isEmpty
                        ? el("p", [], txt("—"))
                        : el(
                            "ul", [],
                            body!.involved.map { o in
                                el(
                                    "li", [], el("strong", [], txt(o.organisation)),
                                    txt(" — \(o.goal) · \(o.contactName)" + (o.contactDetails.map { " (\($0))" } ?? ""))
                                )
                            })))
            sections.append(
                el(
                    "section", [A("class", "card"), A("aria-labelledby", "h-agr")],
                    el("h2", [A("id", "h-agr")], txt(t("Afspraken", "Agreements"))),
                    agreements.isEmpty
                        ? el("p", [], txt(t("Nog geen afspraken.", "No agreements yet.")))
                        : el(
                            "div", [A("class", "table-wrap"), A("tabindex", "0")],
                            el(
                                "table", [A("class", "data")],
                                el(
                                    "thead", [],
                                    el(
                                        "tr", [], el("th", [A("scope", "col")], txt(t("Wie", "Who"))),
                                        el("th", [A("scope", "col")], txt(t("Wat", "What"))),
                                        el("th", [A("scope", "col")], txt(t("Uiterlijk", "Due"))),
                                        el("th", [A("scope", "col")], txt(t("Status", "Status"))),
                                        el("th", [A("scope", "col")], txt(t("Bewijs / actie", "Evidence / action"))))),
                                el(
                                    "tbody", [],
                                    agreements.map { a in
                                        let late =
                                            a.status == .open
                                            && (CalendarDate(iso: a.dueOn).map { $0 < today } ?? false)
                                        return el(
                                            "tr", [], el("td", [], txt(a.who)), el("td", [], txt(a.what)),
                                            dateCell(DateFormatting.day(iso: a.dueOn)),
                                            el(
                                                "td", [],
                                                el(
                                                    "span",
                                                    [
                                                        A(
                                                            "class",
                                                            late
                                                                ? "badge warn"
                                                                : a.status == .done ? "badge ok" : "badge")
                                                    ],
                                                    txt(
                                                        t(a.status.label)
                                                            + (late ? t(" · te laat", " · overdue") : "")))
                                            ),
                                            el(
                                                "td", [],
                                                a.status == .open && editable
                                                    ? el(
                                                        "form",
                                                        [
                                                            A("method", "post"),
                                                            A("action", "\(action)/afspraken/\(a.id!)"),
                                                            A("class", "inline-form"),
                                                        ],
                                                        csrfField(v.csrfToken),
                                                        el(
                                                            "label",
                                                            [A("for", "ev-\(a.id!)"), A("class", "visually-hidden")],
                                                            txt(t("Bewijs", "Evidence"))),
                                                        void(
                                                            "input",
                                                            [
                                                                A("type", "text"), A("id", "ev-\(a.id!)"),
                                                                A("name", "evidence"),
                                                                A(
                                                                    "placeholder",
                                                                    t("bewijs (optioneel)", "evidence (optional)")),
                                                            ]),
                                                        button(t("Gedaan", "Done"), name: "status", value: "done"),
                                                        button(
                                                            t("Niet nagekomen", "Missed"), name: "status",
                                                            value: "missed", secondary: true),
                                                        late && a.$person.id != nil && enforcement[a.id!] == nil
                                                            ? button(
                                                                t("Handhaving starten", "Start enforcement"),
                                                                name: "enforce", value: "1", secondary: true) : .empty,
                                                        enforcement[a.id!].map {
                                                            link(
                                                                "/handhaving/\($0.id!)",
                                                                t("Handhaving: ", "Enforcement: ")
                                                                    + t($0.status.label))
                                                        } ?? .empty)
                                                    : enforcement[a.id!].map {
                                                        link(
                                                            "/handhaving/\($0.id!)",
                                                            t("Handhaving: ", "Enforcement: ") + t($0.status.label))
                                                    } ?? txt(a.evidence ?? "")))
                                    }))),
                    editable
                        ? el(
                            "form", [A("method", "post"), A("action", "\(action)/afspraken"), A("novalidate", "")],
                            el("h3", [], txt(t("Nieuwe afspraak", "New agreement"))),
                            csrfField(v.csrfToken),
                            textInput(
                                FormField(name: "who", label: t("Wie", "Who"), errors: errors), value: form?["who"]),
                            textInput(
                                FormField(name: "what", label: t("Wat", "What"), errors: errors), value: form?["what"]),
                            textInput(
                                FormField(name: "dueOn", label: t("Uiterlijk op", "Due on"), errors: errors),
                                value: form?["dueOn"], type: "date"),
                            button(t("Afspraak toevoegen", "Add agreement"), secondary: true)) : .empty))
            let revisions = m.revisions
            sections.append(
                el(
                    "section", [A("class", "card")], el("h2", [], txt(t("Geschiedenis", "History"))),
                    el(
                        "ul", [],
                        revisions.map {
                            el(
                                "li", [],
                                txt(
                                    "\(t("versie", "version")) \($0.revision) · \(DateFormatting.local($0.at)) · \($0.changedByName) · \(Labels.planChange($0.summary, t))"
                                ))
                        })))
        }
        return el(
            "div", [],
            el("p", [A("class", "breadcrumb")], link("/personen/\(personID)", "← \(person.fullName)")),
            el(
                "h1", [], txt(t("Eén huishouden, één plan, één regisseur", "One household, one plan, one director"))
            ),
            errorSummary(errors, t),
            el("div", [], sections),
            editable
                ? el(
                    "section", [A("class", "card form-card")],
                    el(
                        "h2", [],
                        txt(loaded == nil ? t("Plan opstellen", "Create plan") : t("Plan bijwerken", "Update plan"))
                    ), planForm) : .empty)
    }
}
