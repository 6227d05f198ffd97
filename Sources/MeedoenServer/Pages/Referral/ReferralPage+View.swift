import Foundation
import MeedoenCore

extension ReferralPages {
    static func view(_ m: Model, _ v: ViewContext, errors: FieldErrors = FieldErrors(), form: FormData? = nil)
        -> HTMLNode
    {
        let t = v.t
        let (l, notes, maySteer) = (m.loaded, m.notes, m.maySteer)
        let id = l.referral.id!
        let r = l.referral
        let s = r.status
        let asProvider = l.access.asProvider
        var rows: [(String, String)] = [
            (t("Inwoner", "Resident"), "\(l.person.givenName) \(l.person.familyName)"),
            (t("Contact", "Contact"), [l.person.phone, l.person.email].compactMap { $0 }.joined(separator: " · ")),
            (t("Aanbod", "Offer"), "\(l.intervention.name) (\(l.providerName))"),
            (t("Doel", "Goal"), r.goal),
            (t("Afgesproken uren per week", "Agreed hours per week"), String(r.agreedHours)),
            (t("Verwezen op", "Referred on"), DateFormatting.day(iso: r.referredOn)),
        ]
        if r.startedOn != nil, let w = r.waitedDays {
            rows.append((t("Wachttijd tot de start", "Waiting time until the start"), Plural.days(w, v.language)))
        } else if s == .waiting || s == .offered || s == .accepted, let from = CalendarDate(iso: r.referredOn) {
            rows.append(
                (t("Wacht al", "Waiting for"), Plural.days(max(0, v.today.dayNumber - from.dayNumber), v.language)))
        }
        if s == .waiting {
            let waitingFor: String =
                switch r.waitingFor {
                case .budget:
                    t("budget: de stroom van dit aanbod heeft geen ruimte", "budget: this offer's stream has no room")
                case .exception:
                    t(
                        "het besluit van een budgethouder over een uitzondering op de bestedingsregels",
                        "a budget holder's decision on an exception to the spending rules")
                case .approval:
                    t(
                        "de toestemming van de specialist toegang voorzieningen",
                        "the approval of the provisions access specialist")
                case .place, nil: t("een vrije plek", "a free place")
                }
            rows.append((t("Wacht op", "Waiting for"), waitingFor))
        }
        if let e = m.exception {
            // The exception to the spending rules: the rule, who asked why, and the budget holder's answer.
            var said = t(e.rule) + " " + t("Gevraagd door", "Asked by") + " \(e.requestedByName): \(e.requestedReason)"
            switch e.status {
            case .requested: said += " " + t("Wacht op een budgethouder.", "Waiting for a budget holder.")
            case .granted, .refused:
                said +=
                    " "
                    + t(
                        e.status == .granted ? "Toegestaan door" : "Afgewezen door",
                        e.status == .granted ? "Granted by" : "Refused by")
                    + " \(e.decidedByName ?? "")"
                    + (e.decidedAt.map { " " + t("op", "on") + " " + DateFormatting.day(Clock.today(now: $0)) } ?? "")
                    + ": \(e.decidedReason ?? "")"
            }
            rows.append((t("Uitzondering op de bestedingsregels", "Exception to the spending rules"), said))
        }
        if let commitment = m.commitment, let contract = commitment.contract {
            // The contract the money was committed under (a later one on the offer is for new referrals).
            var said = t(contract.summary(price: commitment.amountCents))
            switch m.commitment?.result {
            case "achieved": said += t(". Resultaat behaald.", ". Result achieved.")
            case "missed":
                said += t(". Geen resultaat: het resultaatdeel ging terug.", ". No result: the result part went back.")
            case "pending":
                said +=
                    t(
                        ". Uitgestroomd naar werk; de controle na zes maanden volgt",
                        ". Exited to work; the six-month check follows")
                    + (m.commitment?.resultDueOn.flatMap(CalendarDate.init(iso:)).map {
                        " " + t("op", "on") + " " + $0.long(v.language)
                    } ?? "") + "."
            default: break
            }
            rows.append((t("Resultaatcontract", "Result-based contract"), said))
        }
        if let a = m.approval {
            // The gatekeeper's answer: asked by whom, and who decided why.
            var said = t("Gevraagd door", "Asked by") + " \(a.requestedByName)."
            switch a.status {
            case .requested: said += " " + t("Wacht op de specialist.", "Waiting for the specialist.")
            case .granted, .refused:
                said +=
                    " "
                    + t(
                        a.status == .granted ? "Toegestaan door" : "Afgewezen door",
                        a.status == .granted ? "Granted by" : "Refused by")
                    + " \(a.decidedByName ?? "")"
                    + (a.decidedAt.map { " " + t("op", "on") + " " + DateFormatting.day(Clock.today(now: $0)) } ?? "")
                    + ": \(a.decidedReason ?? "")"
            }
            rows.append((t("Toestemming specialist", "Specialist's approval"), said))
        }
        if let w = r.withdrawReason, !asProvider { rows.append((t("Reden intrekken", "Reason for withdrawal"), w)) }
        if let s = r.startedOn {
            rows.append(
                (
                    t("Gestart", "Started"),
                    DateFormatting.day(iso: s)
                        + (r.plannedEndOn.map(DateFormatting.day(iso:)).map {
                            t(", einde uiterlijk \($0)", ", ending at the latest \($0)")
                        } ?? "")
                ))
        }
        if let e = r.endedOn {
            rows.append(
                (
                    t("Beëindigd", "Ended"),
                    DateFormatting.day(iso: e) + " — "
                        + (r.outcome.flatMap(EnrolmentOutcome.init(rawValue:)).map { t($0.label) } ?? "")
                ))
            if let note = r.outcomeNote, !note.isEmpty {
                rows.append((t("Toelichting bij het einde", "Note on the end"), note))
            }
        }
        if let exam = r.exam.flatMap(ExamResult.init(rawValue:)) {
            rows.append((t("Examen", "Exam"), t(exam.label)))
        }
        if let reason = r.refusalReason { rows.append((t("Reden weigering", "Reason for refusal"), reason)) }
        if !asProvider, let cat = r.category {
            rows.append((t("Prioriteitscategorie", "Priority category"), String(cat)))
        }
        let endingSoon =
            s == .started
            && (r.plannedEndOn.flatMap(CalendarDate.init(iso:)).map {
                Duration.endingSoon(plannedEnd: $0, today: v.today, warningDays: m.endingSoonDays)
            } ?? false)

        func actionForm(
            _ action: String, _ label: String, _ fields: [HTMLNode], secondary: Bool = false, anchor: String? = nil
        ) -> HTMLNode {
            el(
                "form",
                [
                    A("method", "post"), A("action", "/verwijzingen/\(id)/\(action)"), A("class", "action-form"),
                    A("novalidate", ""),
                ] + (anchor.map { [A("id", $0)] } ?? []),
                [csrfField(v.csrfToken)] + fields + [button(label, secondary: secondary)])
        }
        var actions: [HTMLNode] = []
        if maySteer {
            if asProvider && s == .offered {
                actions.append(actionForm("accept", t("Accepteren", "Accept"), []))
            }
            if asProvider && (s == .offered || s == .accepted) {
                actions.append(
                    actionForm(
                        "refuse", t("Weigeren", "Refuse"),
                        [
                            textArea(
                                FormField(
                                    name: "reason", label: t("Reden van weigeren", "Reason for refusing"),
                                    errors: errors), value: form?["reason"], rows: 2)
                        ], secondary: true))
            }
            if s == .accepted {
                actions.append(
                    actionForm(
                        "start", t("Starten", "Start"),
                        [
                            textInput(
                                FormField(name: "startOn", label: t("Startdatum", "Start date"), errors: errors),
                                value: form?["startOn"] ?? v.today.iso, type: "date"),
                            textInput(
                                FormField(
                                    name: "plannedEndOn",
                                    label: t(
                                        "Geplande einddatum (leeg = maximale duur)",
                                        "Planned end (empty = maximum duration)"),
                                    hint: t(
                                        "Maximaal \(l.intervention.maxMonths) maanden.",
                                        "At most \(l.intervention.maxMonths) months."), errors: errors),
                                value: form?["plannedEndOn"], type: "date"),
                        ]))
            }
            if s == .accepted || s == .started {
                actions.append(
                    actionForm(
                        "notes", t("Aanwezigheid vastleggen", "Record attendance"),
                        [
                            void("input", [A("type", "hidden"), A("name", "kind"), A("value", "attendance")]),
                            textInput(
                                FormField(name: "on", label: t("Week van", "Week of"), errors: errors),
                                value: v.today.iso, type: "date"),
                            choiceGroup(
                                FormField(name: "attended", label: t("Aanwezig geweest?", "Present?"), errors: errors),
                                type: "radio", options: [("true", t("Ja", "Yes")), ("false", t("Nee", "No"))],
                                selected: []),
                            textInput(
                                FormField(
                                    name: "hours", label: t("Uren aanwezig die week", "Hours present that week"),
                                    hint: l.intervention.legalBasis == .duty
                                        ? t(
                                            "Afgesproken: \(r.agreedHours) uur per week. Minder wordt een niet-nagekomen afspraak voor de klantmanager.",
                                            "Agreed: \(r.agreedHours) hours a week. Fewer becomes a missed agreement for the case manager."
                                        )
                                        : t(
                                            "Afgesproken: \(r.agreedHours) uur per week.",
                                            "Agreed: \(r.agreedHours) hours a week."),
                                    errors: errors), value: nil,
                                type: "number", extra: [A("min", "0"), A("max", "60")]),
                            textArea(
                                FormField(
                                    name: "text", label: t("Voortgang (optioneel)", "Progress (optional)"),
                                    errors: errors), value: nil, rows: 2),
                        ], secondary: true))
            }
            if s == .started {
                actions.append(
                    actionForm(
                        "end", t("Beëindigen", "End"),
                        [
                            selectInput(
                                FormField(name: "outcome", label: t("Uitkomst", "Outcome"), errors: errors),
                                options: [("", "—")] + EnrolmentOutcome.allCases.map { ($0.rawValue, t($0.label)) },
                                selected: form?["outcome"]),
                            l.intervention.interventionType.hasExam
                                ? selectInput(
                                    FormField(
                                        name: "exam", label: t("Examen", "Exam"),
                                        hint: t(
                                            "Het slagingspercentage telt wie aan het examen deelnam.",
                                            "The pass rate counts those who sat the exam."), errors: errors),
                                    options: [("", t("Nog niet bekend", "Not known yet"))]
                                        + ExamResult.allCases.map { ($0.rawValue, t($0.label)) },
                                    selected: form?["exam"]) : .empty,
                            textInput(
                                FormField(name: "endOn", label: t("Einddatum", "End date"), errors: errors),
                                value: form?["endOn"] ?? v.today.iso, type: "date"),
                            textArea(
                                FormField(name: "note", label: t("Toelichting", "Note"), errors: errors),
                                value: form?["note"], rows: 2),
                        ]))
            }
            if !asProvider, let c = m.commitment, c.result == "pending", c.status == .open {
                // The six-month check of a result-based contract: still working pays the result part.
                actions.append(
                    actionForm(
                        "resultaatcontrole", t("Resultaat vastleggen", "Record the result"),
                        [
                            choiceGroup(
                                FormField(
                                    name: "stillWorking",
                                    label: t(
                                        "Werkt de inwoner zes maanden na de uitstroom nog?",
                                        "Does the resident still work six months after the exit?"),
                                    hint: c.resultDueOn.map {
                                        t(
                                            "Te controleren vanaf \(DateFormatting.day(iso: $0)).",
                                            "To check from \(DateFormatting.day(iso: $0)).")
                                    }, errors: errors),
                                type: "radio", options: [("true", t("Ja", "Yes")), ("false", t("Nee", "No"))],
                                selected: [])
                        ], secondary: true, anchor: "resultaat"))
            }
            if !asProvider && (s == .waiting || s == .offered || s == .accepted) {
                actions.append(
                    actionForm(
                        "withdraw", t("Verwijzing intrekken", "Withdraw referral"),
                        [
                            textArea(
                                FormField(
                                    name: "reason", label: t("Reden van intrekken", "Reason for withdrawing"),
                                    errors: errors), value: nil, rows: 2)
                        ], secondary: true))
            }
        }
        let incentives =
            m.incentives.map { MoneyWorkPages.incentivesSection($0, referral: r, errors: errors, form: form, v) }
            ?? .empty
        return el(
            "div", [],
            el(
                "p", [A("class", "breadcrumb")],
                asProvider
                    ? link("/verwijzingen", t("← Verwijzingen", "← Referrals"))
                    : link("/personen/\(l.person.id!)", "← \(l.person.fullName)")),
            el(
                "h1", [], txt(t("Verwijzing naar \(l.intervention.name)", "Referral to \(l.intervention.name)")),
                txt(" "), statusBadge(s, t)),
            endingSoon
                ? el(
                    "p", [A("class", "notice")],
                    txt(
                        t(
                            "De maximale duur loopt af op \(DateFormatting.long(iso: r.plannedEndOn, v.language)): plan de uitstroom of het vervolg.",
                            "The maximum duration runs out on \(DateFormatting.long(iso: r.plannedEndOn, v.language)): plan the exit or next step."
                        ))
                ) : .empty,
            errorSummary(errors, t),
            el(
                "div", [A("class", "grid")],
                el(
                    "section", [A("class", "card")],
                    el(
                        "dl", [A("class", "facts")],
                        rows.flatMap { [el("dt", [], txt($0.0)), el("dd", [], txt($0.1.isEmpty ? "—" : $0.1))] })),
                l.referral.nextStepRecord.map { n in
                    el(
                        "section", [A("class", "card proposal")],
                        el("h2", [], txt(t("Voorgestelde vervolgstap", "Proposed next step"))),
                        el("ul", [], n.reasons.map { el("li", [], txt(v.language == .en ? $0.en : $0.nl)) }),
                        asProvider
                            ? .empty
                            : el(
                                "p", [A("class", "actions")],
                                link(
                                    "/personen/\(l.person.id!)/trede", t("Trede vastleggen", "Record rung"),
                                    [A("class", "button secondary")]),
                                link(
                                    "/personen/\(l.person.id!)/verwijzen",
                                    t("Vervolgaanbod zoeken", "Find a next offer"), [A("class", "button secondary")]
                                )))
                } ?? .empty),
            actions.isEmpty
                ? .empty
                : el(
                    "section", [A("class", "card"), A("aria-labelledby", "h-act")],
                    [el("h2", [A("id", "h-act")], txt(t("Acties", "Actions")))] + actions),
            !asProvider && !l.referral.checkList.isEmpty
                ? el(
                    "section", [A("class", "card")],
                    el("h2", [], txt(t("Toegangscriteria bij verwijzing", "Access criteria at referral"))),
                    el(
                        "ul", [],
                        l.referral.checkList.map {
                            el("li", [], txt(($0.passed ? "✓ " : "✗ ") + (v.language == .en ? $0.en : $0.nl)))
                        }),
                    l.referral.overrideList.isEmpty
                        ? .empty
                        : el(
                            "p", [A("class", "override")],
                            txt(
                                t("Afgeweken: ", "Overridden: ")
                                    + l.referral.overrideList.map { "\($0.criterion): \($0.reason)" }.joined(
                                        separator: "; ")))) : .empty,
            incentives,
            el(
                "section", [A("class", "card")],
                el("h2", [], txt(t("Voortgang en aanwezigheid", "Progress and attendance"))),
                notes.isEmpty
                    ? el("p", [], txt(t("Nog niets vastgelegd.", "Nothing recorded yet.")))
                    : el(
                        "ul", [],
                        notes.map { n in
                            el(
                                "li", [],
                                txt(
                                    "\(DateFormatting.day(iso: n.onDate)) · "
                                        + (n.kind == .attendance
                                            ? (n.attended == true
                                                ? t("aanwezig", "present") : t("afwezig", "absent"))
                                                + (n.hours.map { t(", \($0) uur die week", ", \($0) h that week") }
                                                    ?? "")
                                            : t("notitie", "note"))
                                        + (n.text.map { " — " + $0 } ?? "") + " (\(n.authorName))"))
                        })))
    }
}
