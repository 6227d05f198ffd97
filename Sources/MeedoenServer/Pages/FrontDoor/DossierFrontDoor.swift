import MeedoenCore
import Vapor

/// In the dossier: the person's signals, activities waiting for approval, and appointments.
enum DossierFrontDoor {
    /// The person's signals, pending activities and appointments, for whoever works the front door.
    struct Model {
        var signals: [Signal]
        var pending: [ResidentActivity]
        var appointments: [Appointment]
    }

    static func load(_ person: Person, user: User, canAssess: Bool, in ctx: UseCaseContext) async throws -> Model? {
        guard !user.roleSet.isDisjoint(with: SignalService.workerRoles) else { return nil }
        let (signals, pending, appointments) = try await PortalService.frontDoorOfDossier(
            person.id!, withActivities: canAssess || user.roleSet.contains(.residentAdviser), in: ctx)
        return Model(signals: signals, pending: pending, appointments: appointments)
    }

    static func section(
        _ m: Model, person: Person, canAssess: Bool, _ v: ViewContext, errors: FieldErrors = FieldErrors(),
        form: FormData? = nil
    ) -> HTMLNode {
        let t = v.t
        let pid = person.id!
        let (signals, pending, appointments) = (m.signals, m.pending, m.appointments)
        let signalBlock = el(
            "section", [A("class", "card"), A("aria-labelledby", "h-dossier-signals")],
            el("h2", [A("id", "h-dossier-signals")], txt(t("Signalen en vragen", "Signals and questions"))),
            signals.isEmpty
                ? el("p", [], txt(t("Geen signalen.", "No signals.")))
                : el(
                    "ul", [],
                    signals.map { s in
                        el(
                            "li", [],
                            link(
                                "/signalen/\(s.id!)",
                                SignalPages.kindLabel(s.kind, t) + ": " + String(s.description.prefix(80))), txt(" "),
                            SignalPages.statusBadge(s, today: v.today, t))
                    }),
            el(
                "p", [],
                link(
                    "/signalen/nieuw?persoon=\(pid)", t("Signaal of vraag vastleggen", "Record a signal or question"),
                    [A("class", "button secondary")])))
        let activityBlock: HTMLNode =
            pending.isEmpty
            ? .empty
            : el(
                "section", [A("class", "card attention"), A("aria-labelledby", "h-pending")],
                el(
                    "h2", [A("id", "h-pending")],
                    txt(
                        t(
                            "Activiteiten om goed te keuren (\(pending.count))",
                            "Activities to approve (\(pending.count))"))),
                el(
                    "ul", [],
                    pending.map { a in
                        el(
                            "li", [],
                            el(
                                "p", [],
                                txt(
                                    "\(DateFormatting.day(iso: a.onDate)) · \(a.description) · \(a.hours) \(t("uur", "h"))"
                                )),
                            el(
                                "form",
                                [
                                    A("method", "post"),
                                    A("action", "/personen/\(pid)/activiteiten/\(a.id!)/goedkeuren"),
                                    A("class", "inline-form"),
                                ],
                                csrfField(v.csrfToken), button(t("Goedkeuren", "Approve"))),
                            el(
                                "form",
                                [
                                    A("method", "post"), A("action", "/personen/\(pid)/activiteiten/\(a.id!)/afwijzen"),
                                    A("class", "inline-form"),
                                ],
                                csrfField(v.csrfToken),
                                el("label", [A("for", "reject-\(a.id!)")], txt(t("Reden", "Reason"))),
                                void(
                                    "input",
                                    [
                                        A("type", "text"), A("id", "reject-\(a.id!)"), A("name", "note"),
                                        A("required", ""),
                                    ]),
                                button(t("Afwijzen", "Reject"), secondary: true)))
                    }))
        let appointmentBlock: HTMLNode =
            !canAssess
            ? .empty
            : el(
                "section", [A("class", "card"), A("aria-labelledby", "h-dossier-appointments")],
                el(
                    "h2", [A("id", "h-dossier-appointments")],
                    txt(t("Afspraken met de inwoner", "Appointments with the resident"))),
                appointments.isEmpty
                    ? el("p", [], txt(t("Geen afspraken gepland.", "No appointments planned.")))
                    : el(
                        "ul", [],
                        appointments.map { a in
                            el(
                                "li", [],
                                txt(
                                    DateFormatting.moment(iso: a.startsAt, v.language) + " · " + a.about + " · "
                                        + a.place + " · " + a.withName))
                        }),
                el(
                    "form",
                    [
                        A("method", "post"), A("action", "/personen/\(pid)/afspraken#afspraak"), A("id", "afspraak"),
                        A("novalidate", ""),
                    ],
                    errorSummary(errors, t),
                    csrfField(v.csrfToken),
                    el(
                        "div", [A("class", "grid-2")],
                        textInput(
                            FormField(name: "date", label: t("Datum", "Date"), errors: errors), value: form?["date"],
                            type: "date"),
                        textInput(
                            FormField(name: "time", label: t("Tijd (uu:mm)", "Time (hh:mm)"), errors: errors),
                            value: form?["time"], extra: [A("inputmode", "numeric"), A("placeholder", "10:30")]),
                        textInput(
                            FormField(name: "place", label: t("Waar", "Where"), errors: errors), value: form?["place"]),
                        textInput(
                            FormField(name: "about", label: t("Waarover", "About"), errors: errors),
                            value: form?["about"])),
                    button(t("Afspraak plannen", "Plan appointment"), secondary: true)))
        return .group([activityBlock, signalBlock, appointmentBlock])
    }

    static func decide(_ req: Request) async throws -> Response {
        let form = FormData(req)
        let pid = try req.idParameter()
        let aid = try req.idParameter("activityId")
        let approve = req.parameters.get("decision") == "goedkeuren"
        var input = Input(form: ["note": form.string("note")])
        _ = try await PortalService.decideActivity(pid, aid, approve: approve, &input, in: req.context)
        return req.redirect(to: "/personen/\(pid)")
    }

    static func addAppointment(_ req: Request) async throws -> Response {
        let form = FormData(req)
        let pid = try req.idParameter()
        var input = Input(form: [
            "date": form.string("date"), "time": form.string("time"), "place": form.string("place"),
            "about": form.string("about"),
        ])
        return try await PageForm.submit(
            req, saved: .init(nl: "De afspraak is gepland.", en: "The appointment has been planned.")
        ) {
            _ = try await PortalService.addAppointment(pid, &input, in: req.context)
            return "/personen/\(pid)"
        } again: { fieldErrors, status in
            return try await DossierPage.show(
                req, frontDoorErrors: fieldErrors, form: form, status: status)
        }
    }
}
