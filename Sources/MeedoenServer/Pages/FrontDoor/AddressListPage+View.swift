import Foundation
import MeedoenCore

extension SignalPages {

    /// The adviser's addresses with open signals, the earliest follow-up first.
    static func addressListView(
        list: SignalService.AddressList, districtName: String, _ v: ViewContext
    ) -> HTMLNode {
        let t = v.t
        let (_, signals, people, names, addressOfHousehold) = (
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
            let ao = a.signals.filter { $0.status.isOpen }.map(\.dueOn).min() ?? "9999"
            let bo = b.signals.filter { $0.status.isOpen }.map(\.dueOn).min() ?? "9999"
            return (ao, a.address) < (bo, b.address)
        }
        return el(
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
                            let open = row.signals.filter { $0.status.isOpen }
                            let next = open.min { $0.dueOn < $1.dueOn }
                            let late = next.map { (CalendarDate(iso: $0.dueOn) ?? v.today) < v.today } ?? false
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
                                            txt(
                                                DateFormatting.day(iso: $0.dueOn)
                                                    + (late ? t(" · te laat", " · overdue") : "")))
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
            ))
    }
}
