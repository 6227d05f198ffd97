import Foundation
import MeedoenCore

extension SignalPages {

    /// The worker's signals and those of their district team.
    static func boardView(
        board: SignalService.Board, districtName: String, _ v: ViewContext
    ) -> HTMLNode {
        let t = v.t
        let (user, mine, district, people, names) = (board.user, board.mine, board.district, board.people, board.names)
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
            table(
                mine, people: people, user: user, today: v.today, names: names,
                caption: t("Van mij (\(mine.count))", "Mine (\(mine.count))"), t),
            district.isEmpty
                ? .empty
                : table(
                    district, people: people, user: user, today: v.today, names: names,
                    caption: t(
                        "Open in \(districtName), bij collega's (\(district.count))",
                        "Open in \(districtName), with colleagues (\(district.count))"), t))
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
