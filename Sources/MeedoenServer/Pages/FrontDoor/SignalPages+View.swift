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
}
