import MeedoenCore
import Vapor

/// Pages for counter staff and resident advisers: signals and questions, their follow-up, and the
/// adviser's address list.
enum SignalPages {
    static func followUpLabel(_ f: DecisionTree.FollowUp) -> LocalizedText {
        switch f {
        case .selfService:
            .init(
                nl: "de inwoner kan zelf verder (aanbod en contact meegeven)",
                en: "the resident can go ahead (give services and contacts)")
        case .referral: .init(nl: "verwijzen naar een voorziening", en: "refer to a service")
        case .caseManager: .init(nl: "overdragen aan een klantmanager", en: "hand over to a case manager")
        case .caseTable: .init(nl: "voorstellen voor de stadsdeeltafel", en: "propose for the district case table")
        case .urgent: .init(nl: "spoed: vandaag handelen", en: "urgent: act today")
        }
    }

    static func statusBadge(_ s: Signal, today: CalendarDate, _ t: Texts) -> HTMLNode {
        let status = s.statusValue
        let late = status.isOpen && (CalendarDate(iso: s.dueOn).map { $0 < today } ?? false)
        let cls =
            late ? "badge bad" : (status == .closed ? "badge ok" : (status == .open ? "badge warn" : "badge info"))
        return el("span", [A("class", cls)], txt(t(status.label) + (late ? t(" · te laat", " · overdue") : "")))
    }

    /// A labelled text field with its own id (several forms on the signal page share the field name `note`).
    static func plainField(_ name: String, id: String, label: String) -> HTMLNode {
        el(
            "div", [A("class", "field")], el("label", [A("for", id)], txt(label)),
            void("input", [A("type", "text"), A("id", id), A("name", name)]))
    }

    static func kindLabel(_ kind: String, _ t: Texts) -> String {
        kind == "question" ? t("Vraag", "Question") : t("Signaal", "Signal")
    }

    /// "Over wie": the name only with a need to know, else the address (or "a resident").
    static func subject(_ s: Signal, person: Person?, mayName: Bool, _ t: Texts) -> HTMLNode {
        if let person, mayName { return link("/personen/\(person.id!)", "\(person.givenName) \(person.familyName)") }
        if let address = s.address { return txt(address) }
        return txt(t("een inwoner (geen inzage)", "a resident (no access)"))
    }

    static func table(
        _ signals: [Signal], people: [UUID: Person], user: User, today: CalendarDate, names: [UUID: String],
        caption: String, _ t: Texts
    ) -> HTMLNode {
        el(
            "div", [A("class", "table-wrap"), A("tabindex", "0")],
            el(
                "table", [A("class", "data")],
                el("caption", [], txt(caption)),
                el(
                    "thead", [],
                    el(
                        "tr", [],
                        [
                            t("Signaal", "Signal"), t("Over", "About"), t("Status", "Status"), t("Eigenaar", "Owner"),
                            t("Opvolgen vóór", "Follow up by"),
                        ].map { el("th", [A("scope", "col")], txt($0)) })),
                el(
                    "tbody", [],
                    signals.map { s in
                        let p = s.personID.flatMap { people[$0] }
                        return el(
                            "tr", [],
                            el(
                                "td", [],
                                link(
                                    "/signalen/\(s.id!)",
                                    kindLabel(s.kind, t) + ": " + String(s.description.prefix(60))
                                        + (s.description.count > 60 ? "…" : ""))),
                            el("td", [], subject(s, person: p, mayName: SignalService.mayNamePerson(p, user), t)),
                            el("td", [], statusBadge(s, today: today, t)),
                            el("td", [], txt(names[s.ownerID] ?? "—")),
                            el("td", [], txt(s.dueOn)))
                    })))
    }

    /// The "Mijn werk" block: own open signals, the overdue ones first and marked.
    static func workBlock(_ board: SignalService.Board, today: CalendarDate, _ t: Texts) -> HTMLNode {
        let (mine, people, names, user) = (board.mine, board.people, board.names, board.user)
        let stale = mine.filter { (CalendarDate(iso: $0.dueOn) ?? today) < today }
        return el(
            "section", [A("class", stale.isEmpty ? "card" : "card attention"), A("aria-labelledby", "h-signals")],
            el(
                "h2", [A("id", "h-signals")],
                txt(t("Mijn signalen en vragen", "My signals and questions") + " (\(mine.count))")),
            stale.isEmpty
                ? .empty
                : el(
                    "p", [A("class", "alert-text")],
                    el("strong", [], txt(t("\(stale.count) te laat: ", "\(stale.count) overdue: "))),
                    txt(
                        t(
                            "niet loslaten — volg ze vandaag op of spreek een nieuwe datum af.",
                            "don't let go — follow them up today or agree a new date."))),
            mine.isEmpty
                ? el("p", [], txt(t("Geen open signalen.", "No open signals.")))
                : table(
                    Array(mine.prefix(10)), people: people, user: user, today: today, names: names,
                    caption: t("Open, oudste opvolgdatum eerst", "Open, earliest follow-up first"), t),
            el(
                "p", [],
                link(
                    "/signalen/nieuw", t("Signaal of vraag vastleggen", "Record a signal or question"),
                    [A("class", "button secondary")]), txt(" "),
                link("/signalen", t("Alle signalen", "All signals"))))
    }

    static func list(_ req: Request) async throws -> Response {
        let board = try await SignalService.board(in: req.context)
        let districtName =
            try await req.districts().entries.first { $0.code == board.user.districtCode }?.name
            ?? board.user.districtCode ?? ""
        return req.page(
            req.t("Signalen", "Signals"), boardView(board: board, districtName: districtName, req.view))
    }

    static func newForm(
        _ req: Request, form: FormData? = nil, errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let user = try SignalService.requireWorker(req.context)
        let t = req.t
        let personID = (form?["personId"] ?? req.query[String.self, at: "persoon"]).flatMap(UUID.init(uuidString:))
        let person = try await SignalService.subject(personID, in: req.context)
        let kinds: [(value: String, label: String)] = [
            ("signal", t("Signaal (over iemand die niet zelf komt)", "Signal (about someone who does not come)")),
            ("question", t("Vraag (de inwoner aan het loket)", "Question (the resident at the counter)")),
        ]
        let sources: [(value: String, label: String)] = SignalSource.allCases.map { ($0.rawValue, t($0.label)) }
        let districts: [(value: String, label: String)] = try await req.districts().pairs
        return req.page(
            t("Signaal vastleggen", "Record a signal"), status: status,
            el(
                "section", [A("class", "card narrow")],
                el("h1", [], txt(t("Signaal of vraag vastleggen", "Record a signal or question"))),
                errorSummary(errors, t),
                el(
                    "form", [A("method", "post"), A("action", "/signalen"), A("novalidate", "")],
                    csrfField(req.csrfToken),
                    person.map { p in
                        .group([
                            void("input", [A("type", "hidden"), A("name", "personId"), A("value", p.id!.uuidString)]),
                            el(
                                "p", [], txt(t("Over: ", "About: ")),
                                el("strong", [], txt("\(p.givenName) \(p.familyName)"))),
                        ])
                    } ?? .empty,
                    choiceGroup(
                        FormField(name: "kind", label: t("Soort", "Kind"), errors: errors), type: "radio",
                        options: kinds,
                        selected: [form?["kind"] ?? (user.roleSet.contains(.counter) ? "question" : "signal")]),
                    selectInput(
                        FormField(
                            name: "source", label: t("Van wie komt het?", "Where does it come from?"), errors: errors),
                        options: sources,
                        selected: form?["source"] ?? (user.roleSet.contains(.counter) ? "resident" : "ownVisit")),
                    person == nil
                        ? textInput(
                            FormField(
                                name: "address", label: t("Adres", "Address"),
                                hint: t(
                                    "Straat, huisnummer en postcode. Bij een inwoner die al geregistreerd is: leg het signaal vast vanuit het dossier.",
                                    "Street, number and postcode. For a registered resident: record the signal from the file."
                                ), errors: errors),
                            value: form?["address"] ?? req.query[String.self, at: "adres"], autocomplete: "off")
                        : .empty,
                    person == nil
                        ? selectInput(
                            FormField(name: "districtCode", label: t("Stadsdeel", "District"), errors: errors),
                            options: districts, selected: form?["districtCode"] ?? user.districtCode) : .empty,
                    textArea(
                        FormField(
                            name: "description", label: t("Wat is er aan de hand?", "What is going on?"),
                            hint: t(
                                "Feiten, geen oordelen. De inwoner kan dit later lezen.",
                                "Facts, not judgements. The resident may read this later."), errors: errors),
                        value: form?["description"], rows: 4),
                    textInput(
                        FormField(
                            name: "dueOn",
                            label: t(
                                "Opvolgen vóór (leeg: over een week bij een vraag, twee weken bij een signaal)",
                                "Follow up by (empty: a week for a question, two weeks for a signal)"), errors: errors),
                        value: form?["dueOn"], type: "date"),
                    button(t("Vastleggen", "Record")))))
    }

    static func create(_ req: Request) async throws -> Response {
        let form = FormData(req)
        var input = Input(form: [
            "kind": form.string("kind"), "source": form.string("source"), "personId": form.string("personId"),
            "address": form.string("address"),
            "districtCode": form.string("districtCode"), "description": form.string("description"),
            "dueOn": form.string("dueOn"),
        ])
        return try await PageForm.submit(
            req, saved: .init(nl: "Het signaal is vastgelegd.", en: "The signal has been recorded.")
        ) {
            let s = try await SignalService.create(&input, in: req.context)
            return "/signalen/\(s.id!)"
        } again: { fieldErrors, status in
            return try await newForm(req, form: form, errors: fieldErrors, status: status)
        }
    }

}
