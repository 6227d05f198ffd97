import Foundation
import MeedoenCore

extension SignalPages {

    /// The worker's signals and those of their district team.
    static func boardView(
        _ l: SignalService.Listing, filter: SignalService.ListFilter, districtName: String, _ v: ViewContext
    ) -> HTMLNode {
        let t = v.t
        let user = l.user
        let groups: [(String, String)] = [
            ("open", t("Lopend", "Open")), ("closed", t("Afgesloten", "Closed")), ("all", t("Alle", "All")),
        ]
        let scopes: [(String, String)] = [
            ("district", t("Van mij en van \(districtName)", "Mine and \(districtName)'s")),
            ("mine", t("Alleen van mij", "Mine only")),
        ]
        func select(_ name: String, _ label: String, _ options: [(String, String)], _ selected: String) -> HTMLNode {
            el(
                "div", [A("class", "field")],
                el("label", [A("for", name)], txt(label)),
                el(
                    "select", [A("id", name), A("name", name)],
                    options.map { o in el("option", [A("value", o.0), A.flag("selected", o.0 == selected)], txt(o.1)) }
                ))
        }
        func href(_ page: Int) -> String {
            "/signalen?toon=\(filter.group.rawValue)&van=\(filter.scope.rawValue)"
                + (filter.search.map { "&q=" + query($0) } ?? "") + "&pagina=\(page)"
        }
        let count =
            l.total == 0
            ? t("Geen signalen gevonden.", "No signals found.")
            : t(
                Plural.of(l.total, "signaal", "signalen") + (filter.search.map { " gevonden voor ‘\($0)’" } ?? ""),
                Plural.of(l.total, "signal", "signals") + (filter.search.map { " found for ‘\($0)’" } ?? ""))
        return el(
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
            el(
                "form", [A("method", "get"), A("action", "/signalen"), A("class", "filters"), A("role", "search")],
                select("toon", t("Toon", "Show"), groups, filter.group.rawValue),
                l.seesDistrict ? select("van", t("Van wie", "Whose"), scopes, filter.scope.rawValue) : .empty,
                el(
                    "div", [A("class", "field")],
                    el(
                        "label", [A("for", "q")],
                        txt(t("Zoek op naam, adres of tekst", "Search by name, address or text"))),
                    void("input", [A("type", "search"), A("id", "q"), A("name", "q"), A("value", filter.search ?? "")])),
                el("div", [A("class", "field")], button(t("Toon", "Show")))),
            el("p", [A("class", "count"), A("aria-live", "polite")], txt(count)),
            l.total == 0
                ? .empty
                : table(
                    l.rows, people: l.people, user: user, today: v.today, names: l.names,
                    caption: t("Signalen", "Signals"), t),
            pager(page: min(filter.page, l.pages), pages: l.pages, t, href: href))
    }

    /// Recording a signal or a question: about whom (a resident the worker may know, or an address), what, how urgent.
    static func newFormView(
        user: User, person: Person?, districts: [(String, String)], address: String?, _ v: ViewContext,
        form: FormData? = nil, errors: FieldErrors = FieldErrors()
    ) -> HTMLNode {
        let t = v.t
        let kinds: [(value: String, label: String)] = [
            ("signal", t("Signaal (over iemand die niet zelf komt)", "Signal (about someone who does not come)")),
            ("question", t("Vraag (de inwoner aan het loket)", "Question (the resident at the counter)")),
        ]
        let sources: [(value: String, label: String)] = SignalSource.allCases.map { ($0.rawValue, t($0.label)) }
        let districts = districts.map { (value: $0.0, label: $0.1) }
        return el(
            "section", [A("class", "card narrow")],
            el("h1", [], txt(t("Signaal of vraag vastleggen", "Record a signal or question"))),
            errorSummary(errors, t),
            el(
                "form", [A("method", "post"), A("action", "/signalen"), A("novalidate", "")],
                csrfField(v.csrfToken),
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
                        value: form?["address"] ?? address, autocomplete: "off")
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
                button(t("Vastleggen", "Record"))))
    }
}
