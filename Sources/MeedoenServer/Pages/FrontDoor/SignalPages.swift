import Fluent
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
    static func workBlock(_ req: Request, user: User) async throws -> HTMLNode {
        guard !user.roleSet.isDisjoint(with: SignalService.workerRoles) else { return .empty }
        let t = req.t
        let board = try await SignalService.board(includeDistrict: false, in: req.context)
        let (mine, people, names) = (board.mine, board.people, board.names)
        let stale = mine.filter { (CalendarDate(iso: $0.dueOn) ?? req.today) < req.today }
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
                    Array(mine.prefix(10)), people: people, user: user, today: req.today, names: names,
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
        let t = req.t
        let (user, mine, district, people, names) = (board.user, board.mine, board.district, board.people, board.names)
        let districtName =
            try await req.districts().entries.first { $0.code == user.districtCode }?.name ?? user.districtCode ?? ""
        return req.page(
            t("Signalen", "Signals"),
            el(
                "section", [],
                el("h1", [], txt(t("Signalen en vragen", "Signals and questions"))),
                el(
                    "p", [A("class", "lead")],
                    txt(
                        t(
                            "Elk signaal heeft een eigenaar en een opvolgdatum, tot de hulp er is.",
                            "Each signal has an owner and a follow-up date, until help has arrived."))),
                el(
                    "p", [],
                    link(
                        "/signalen/nieuw", t("Signaal of vraag vastleggen", "Record a signal or question"),
                        [A("class", "button")]),
                    user.roleSet.contains(.residentAdviser)
                        ? link(
                            "/adressen", t("Mijn adressenlijst", "My address list"), [A("class", "button secondary")])
                        : .empty),
                table(
                    mine, people: people, user: user, today: req.today, names: names,
                    caption: t("Van mij (\(mine.count))", "Mine (\(mine.count))"), t),
                district.isEmpty
                    ? .empty
                    : table(
                        district, people: people, user: user, today: req.today, names: names,
                        caption: t(
                            "Open in \(districtName), bij collega's (\(district.count))",
                            "Open in \(districtName), with colleagues (\(district.count))"), t)))
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

    static func show(_ req: Request, errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus = .ok) async throws
        -> Response
    {
        let user = try SignalService.requireWorker(req.context)
        let districts = try await req.districts()
        let t = req.t
        let l = try await SignalService.load(try req.idParameter(), in: req.context)
        let s = l.signal
        let open = s.statusValue.isOpen
        let tree = s.treeID.flatMap { req.application.trees.tree($0) }
        let treeResult: HTMLNode = {
            guard let tid = s.treeID, let version = s.treeVersion, let rid = s.treeResult else {
                return open
                    ? el(
                        "p", [],
                        link(
                            "/wegwijzer?signaal=\(s.id!)",
                            t("Wegwijzer doorlopen met de inwoner", "Walk a guide with the resident"),
                            [A("class", "button secondary")])) : .empty
            }
            let result = tree?.version == version ? tree?.result(rid) : nil
            return el(
                "div", [A("class", "notice")],
                el(
                    "p", [], el("strong", [], txt(t("Wegwijzer: ", "Guide: "))), txt(result.map { t($0.title) } ?? rid),
                    txt(t(" (‘\(tid)’, versie \(version))", " (‘\(tid)’, version \(version))"))),
                result.map { el("p", [], txt(t("Vervolg: ", "Follow-up: ") + t(followUpLabel($0.followUp)))) }
                    ?? .empty,
                result.map { r in
                    r.interventionTypes.isEmpty
                        ? .empty
                        : el(
                            "p", [],
                            link(
                                "/catalogus?soort=\(r.interventionTypes.map(\.rawValue).joined(separator: ","))",
                                t("Passend aanbod", "Fitting services")))
                } ?? .empty)
        }()
        func actionForm(
            _ action: SignalService.Action, _ label: String, secondary: Bool = true, _ fields: [HTMLNode] = []
        ) -> HTMLNode {
            el(
                "form",
                [
                    A("method", "post"), A("action", "/signalen/\(s.id!)/\(action.rawValue)"), A("class", "action"),
                    A("novalidate", ""),
                ],
                [csrfField(req.csrfToken)] + fields + [button(label, secondary: secondary)])
        }
        var caseManagers: [(value: String, label: String)] = []
        if open, l.person != nil {
            let all = try await SignalService.caseManagers(in: req.context)
            let district = l.person!.districtCode
            caseManagers = all.sorted {
                ($0.districtCode == district ? 0 : 1, $0.displayName) < (
                    $1.districtCode == district ? 0 : 1, $1.displayName
                )
            }
            .map { u in
                (u.id!.uuidString, u.displayName + (u.districtCode.map { code in " (\(districts.name(code)))" } ?? ""))
            }
            if let current = l.person!.$caseManager.id,
                let i = caseManagers.firstIndex(where: { $0.value == current.uuidString })
            {
                caseManagers.insert(caseManagers.remove(at: i), at: 0)
            }
        }
        let actions: HTMLNode =
            open
            ? el(
                "section", [A("class", "card"), A("aria-labelledby", "h-follow")],
                el("h2", [A("id", "h-follow")], txt(t("Opvolgen", "Follow up"))),
                errorSummary(errors, t),
                s.ownerID == user.id
                    ? .empty : actionForm(.take, t("Ik pak dit op", "I take this on"), secondary: false),
                actionForm(
                    .note, t("Notitie vastleggen", "Add a note"),
                    [
                        textArea(
                            FormField(
                                name: "note", label: t("Wat is er gedaan of afgesproken?", "What was done or agreed?"),
                                errors: errors), value: nil, rows: 2)
                    ]),
                actionForm(
                    .due, t("Nieuwe opvolgdatum", "New follow-up date"),
                    [
                        textInput(
                            FormField(name: "dueOn", label: t("Opvolgen vóór", "Follow up by"), errors: errors),
                            value: nil, type: "date")
                    ]),
                (l.person != nil && user.roleSet.contains(.caseManager))
                    ? el(
                        "p", [],
                        link(
                            "/personen/\(l.person!.id!)/verwijzen?signaal=\(s.id!)",
                            t("Verwijzen naar aanbod", "Refer to a service"), [A("class", "button")])) : .empty,
                caseManagers.isEmpty
                    ? .empty
                    : actionForm(
                        .handOver, t("Overdragen", "Hand over"),
                        [
                            selectInput(
                                FormField(
                                    name: "caseManagerId",
                                    label: t("Overdragen aan klantmanager", "Hand over to case manager"), errors: errors
                                ), options: caseManagers, selected: nil)
                        ]),
                l.person == nil
                    ? el(
                        "p", [A("class", "hint")],
                        txt(
                            t(
                                "Voor een verwijzing, overdracht of de stadsdeeltafel: registreer eerst de inwoner ",
                                "For a referral, hand-over or the case table: first register the resident ")),
                        link("/personen/nieuw?signaal=\(s.id!)", t("(inwoner registreren)", "(register resident)")))
                    : .empty,
                l.person == nil
                    ? .empty
                    : actionForm(
                        .caseTable, t("Voorstellen voor de stadsdeeltafel", "Propose for the case table"),
                        [
                            plainField(
                                "note", id: "f-note-table", label: t("Waarom samen bespreken?", "Why discuss together?")
                            )
                        ]),
                actionForm(
                    .close, t("Afsluiten: de hulp is er", "Close: help has arrived"),
                    [
                        plainField(
                            "note", id: "f-note-close", label: t("Hoe is de hulp er gekomen?", "How did help arrive?"))
                    ]))
            : el(
                "section", [A("class", "card")],
                el("p", [], el("strong", [], txt(t("Afgesloten: ", "Closed: "))), txt(s.outcome ?? "")),
                actionForm(.reopen, t("Heropenen", "Reopen")))
        return req.page(
            kindLabel(s.kind, t), status: status,
            el(
                "section", [],
                el("p", [], link("/signalen", t("← Signalen", "← Signals"), [A("class", "back")])),
                el("h1", [], txt(kindLabel(s.kind, t) + " "), statusBadge(s, today: req.today, t)),
                el(
                    "dl", [A("class", "facts card")],
                    el("dt", [], txt(t("Over", "About"))),
                    el("dd", [], subject(s, person: l.person, mayName: l.mayName, t)),
                    s.address.map { a in .group([el("dt", [], txt(t("Adres", "Address"))), el("dd", [], txt(a))]) }
                        ?? .empty,
                    el("dt", [], txt(t("Van", "From"))),
                    el("dd", [], txt((SignalSource(rawValue: s.source).map { t($0.label) } ?? s.source))),
                    el("dt", [], txt(t("Beschrijving", "Description"))), el("dd", [], txt(s.description)),
                    el("dt", [], txt(t("Eigenaar", "Owner"))), el("dd", [], txt(l.names[s.ownerID] ?? "—")),
                    el("dt", [], txt(t("Opvolgen vóór", "Follow up by"))), el("dd", [], txt(s.dueOn)),
                    s.referralID.map { r in
                        .group([
                            el("dt", [], txt(t("Verwijzing", "Referral"))),
                            el("dd", [], link("/verwijzingen/\(r)", t("bekijken", "view"))),
                        ])
                    } ?? .empty),
                treeResult,
                actions,
                el(
                    "section", [A("class", "card"), A("aria-labelledby", "h-log")],
                    el("h2", [A("id", "h-log")], txt(t("Verloop", "History"))),
                    el(
                        "ol", [A("class", "timeline")],
                        l.events.map { e in
                            el(
                                "li", [],
                                el(
                                    "span", [A("class", "meta")],
                                    txt(DateFormatting.local(e.at) + " · " + (l.names[e.actorID] ?? "—") + " · ")),
                                el("strong", [], txt(eventLabel(e.action, t))), e.note.map { txt(" — " + $0) } ?? .empty
                            )
                        }))))
    }

    static func eventLabel(_ action: String, _ t: Texts) -> String {
        switch action {
        case "created": t("vastgelegd", "recorded")
        case "take": t("opgepakt", "taken on")
        case "note": t("notitie", "note")
        case "due": t("nieuwe opvolgdatum", "new follow-up date")
        case "handOver": t("overgedragen aan", "handed over to")
        case "caseTable": t("voorgesteld voor de stadsdeeltafel", "proposed for the case table")
        case "close": t("afgesloten", "closed")
        case "reopen": t("heropend", "reopened")
        case "tree": t("wegwijzer", "guide")
        case "referred": t("verwezen", "referred")
        default: action
        }
    }

    static func act(_ req: Request) async throws -> Response {
        let form = FormData(req)
        let id = try req.idParameter()
        guard let action = req.parameters.get("action").flatMap(SignalService.Action.init(rawValue:)) else {
            throw DomainError.notFound(.init(nl: "Onbekende stap.", en: "Unknown step."))
        }
        var input = Input(form: [
            "note": form.string("note"), "dueOn": form.string("dueOn"), "caseManagerId": form.string("caseManagerId"),
        ])
        return try await PageForm.submit(
            req, saved: .init(nl: "De stap is vastgelegd.", en: "The step has been recorded.")
        ) {
            _ = try await SignalService.act(id, action, &input, in: req.context)
            return "/signalen/\(id)"
        } again: { fieldErrors, status in
            return try await show(req, errors: fieldErrors, status: status)
        }
    }

    static func storeTree(_ req: Request) async throws -> Response {
        let form = FormData(req)
        let id = try req.idParameter()
        let answers = (form["answers"] ?? "").split(separator: ",").map(String.init)
        _ = try await SignalService.storeTreeResult(
            id, treeID: form["tree"] ?? "", version: form["version"] ?? "", answers: answers, in: req.context)
        return req.redirect(to: "/signalen/\(id)")
    }

    /// The resident adviser's address list: the addresses in their district with open signals, and
    /// the visits to make, without names of residents they have no relation with.
    static func addresses(_ req: Request) async throws -> Response {
        let list = try await SignalService.addressList(in: req.context)
        let t = req.t
        let (code, signals, people, names, addressOfHousehold) = (
            list.districtCode, list.signals, list.people, list.names, list.householdAddresses
        )
        func address(_ s: Signal) -> String {
            if let a = s.address, !a.isEmpty { return a }
            if let p = s.personID.flatMap({ people[$0] }), let h = p.$household.id, let a = addressOfHousehold[h],
                !a.isEmpty
            {
                return a
            }
            return ""
        }
        var groups: [String: [Signal]] = [:]
        for s in signals { groups[address(s), default: []].append(s) }
        let rows = groups.map { (address: $0.key, signals: $0.value) }.sorted { a, b in
            let ao = a.signals.filter { $0.statusValue.isOpen }.map(\.dueOn).min() ?? "9999"
            let bo = b.signals.filter { $0.statusValue.isOpen }.map(\.dueOn).min() ?? "9999"
            return (ao, a.address) < (bo, b.address)
        }
        let districtName = try await req.districts().name(code)
        return req.page(
            t("Adressenlijst", "Address list"),
            el(
                "section", [],
                el("h1", [], txt(t("Adressenlijst \(districtName)", "Address list \(districtName)"))),
                el(
                    "p", [A("class", "lead")],
                    txt(
                        t(
                            "Adressen met signalen in uw stadsdeel. Open signalen met de vroegste opvolgdatum staan bovenaan. Namen ziet u alleen als u een relatie met de inwoner heeft.",
                            "Addresses with signals in your district. Open signals with the earliest follow-up date come first. You see names only where you have a relation with the resident."
                        ))),
                el(
                    "div", [A("class", "table-wrap"), A("tabindex", "0")],
                    el(
                        "table", [A("class", "data")],
                        el("caption", [A("class", "visually-hidden")], txt(t("Adressen", "Addresses"))),
                        el(
                            "thead", [],
                            el(
                                "tr", [],
                                [
                                    t("Adres", "Address"), t("Open", "Open"),
                                    t("Eerstvolgende opvolging", "Next follow-up"), t("Eigenaar", "Owner"),
                                    t("Bezoek", "Visit"),
                                ].map { el("th", [A("scope", "col")], txt($0)) })),
                        el(
                            "tbody", [],
                            rows.map { row in
                                let open = row.signals.filter { $0.statusValue.isOpen }
                                let next = open.min { $0.dueOn < $1.dueOn }
                                let late = next.map { (CalendarDate(iso: $0.dueOn) ?? req.today) < req.today } ?? false
                                let label =
                                    row.address.isEmpty ? t("(adres onbekend)", "(address unknown)") : row.address
                                return el(
                                    "tr", [],
                                    el("td", [], next.map { link("/signalen/\($0.id!)", label) } ?? txt(label)),
                                    el("td", [], txt("\(open.count) / \(row.signals.count)")),
                                    el(
                                        "td", [],
                                        next.map {
                                            el(
                                                "span", [A("class", late ? "badge bad" : "badge info")],
                                                txt($0.dueOn + (late ? t(" · te laat", " · overdue") : "")))
                                        } ?? txt(t("hulp is er", "help has arrived"))),
                                    el("td", [], txt(next.flatMap { names[$0.ownerID] } ?? "—")),
                                    el(
                                        "td", [],
                                        row.address.isEmpty
                                            ? txt("—")
                                            : link(
                                                "/signalen/nieuw?adres=\(row.address.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")",
                                                t("Bezoek vastleggen", "Record a visit"))))
                            }))),
                el(
                    "p", [],
                    link(
                        "/signalen/nieuw", t("Nieuw adres of signaal", "New address or signal"), [A("class", "button")])
                )))
    }
}
