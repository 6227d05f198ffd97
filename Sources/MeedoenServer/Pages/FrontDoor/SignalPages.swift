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
        let status = s.status
        let late = status.isOpen && (CalendarDate(iso: s.dueOn).map { $0 < today } ?? false)
        let cls =
            late ? "badge bad" : (status == .closed ? "badge ok" : (status == .open ? "badge warn" : "badge info"))
        return el("span", [A("class", cls)], txt(t(status.label) + (late ? t(" · te laat", " · overdue") : "")))
    }

    /// A labelled text field with its own id (several forms on the signal page share the field name `note`).
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
                            dateCell(DateFormatting.day(iso: s.dueOn)))
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
                link(
                    "/signalen",
                    mine.count > 10
                        ? t("Alle \(mine.count) bekijken", "See all \(mine.count)") : t("Alle signalen", "All signals"))
            ))
    }

    static func list(_ req: Request) async throws -> Response {
        var filter = SignalService.ListFilter()
        filter.group = req.query[String.self, at: "toon"].flatMap(SignalService.ListFilter.Group.init) ?? .open
        filter.scope = req.query[String.self, at: "van"].flatMap(SignalService.ListFilter.Scope.init) ?? .district
        filter.search = req.query[String.self, at: "q"].map { String($0.prefix(100)) }.flatMap {
            $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces)
        }
        filter.page = max(1, min(10_000, req.query[Int.self, at: "pagina"] ?? 1))
        let listing = try await SignalService.list(filter, in: req.context)
        let districtName =
            try await req.districts().entries.first { $0.code == listing.user.districtCode }?.name
            ?? listing.user.districtCode ?? ""
        return req.page(
            req.t("Signalen", "Signals"),
            boardView(listing, filter: filter, districtName: districtName, req.view))
    }

    static func newForm(
        _ req: Request, form: FormData? = nil, errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let user = try SignalService.requireWorker(req.context)
        let personID = (form?["personId"] ?? req.query[String.self, at: "persoon"]).flatMap(UUID.init(uuidString:))
        let person = try await SignalService.subject(personID, in: req.context)
        let districts = try await req.districts().pairs
        let address = req.query[String.self, at: "adres"]
        return req.page(
            req.t("Signaal vastleggen", "Record a signal"), status: status,
            newFormView(
                user: user, person: person, districts: districts, address: address, req.view, form: form, errors: errors
            ))
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
