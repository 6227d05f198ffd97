import MeedoenCore
import Vapor

/// The catalogue for professionals: every offer with free places and waiting list; per offer its
/// criteria, waiting list and (for case managers) who fits; editing for administrators and policy staff.
enum CataloguePages {
    static func euros(_ cents: Int) -> String {
        let e = cents / 100
        let c = cents % 100
        var digits = String(e)
        var grouped = ""
        while digits.count > 3 {
            grouped = "." + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        return "€ " + digits + grouped + (c == 0 ? ",-" : String(format: ",%02d", c))
    }

    static func placesBadge(_ e: CatalogueService.Entry, _ t: Texts) -> HTMLNode {
        let free = e.offer.freePlaces
        if free > 0 && e.waitingForBudget > 0 {
            // Places, but no money: the valve holds these referrals until the budget allows them.
            return el(
                "span", [A("class", "badge warn")],
                txt(
                    t(
                        "\(free) vrij · \(e.waitingForBudget) \(e.waitingForBudget == 1 ? "wacht" : "wachten") op budget",
                        "\(free) free · \(e.waitingForBudget) waiting for budget")))
        }
        if free > 0 { return el("span", [A("class", "badge ok")], txt(t("\(free) vrij", "\(free) free"))) }
        let weeks = max(1, (e.offer.expectedWaitDays + 6) / 7)
        return el(
            "span", [A("class", "badge warn")],
            txt(
                t(
                    "vol · \(e.waiting) wachtend · ca. \(weeks) \(weeks == 1 ? "week" : "weken")",
                    "full · \(e.waiting) waiting · c. \(weeks) \(weeks == 1 ? "week" : "weeks")")))
    }

    static func list(_ req: Request) async throws -> Response {
        let districts = try await req.districts()
        let user = try req.requireUser()
        let district = req.query[String.self, at: "stadsdeel"].flatMap { $0.isEmpty ? nil : $0 }
        let type = req.query[String.self, at: "type"].flatMap(InterventionType.init(rawValue:))
        let onlyWaiting = req.query[String.self, at: "wachtlijst"] == "1"
        let entries = try await CatalogueService.entries(
            in: req.context, activeOnly: !user.roleSet.contains(.admin) && !user.roleSet.contains(.analyst)
        ).filter { e in
            (district == nil || e.intervention.districtCode == nil || e.intervention.districtCode == district)
                && (type == nil || e.intervention.type == type!.rawValue) && (!onlyWaiting || e.waiting > 0)
        }
        let title = onlyWaiting ? req.t("Wachtlijsten", "Waiting lists") : req.t("Aanbod", "Catalogue")
        return req.page(
            title,
            listView(
                entries: entries, districts: districts, user: user, district: district, type: type,
                onlyWaiting: onlyWaiting, req.view))
    }

    static func detail(_ req: Request) async throws -> Response {
        let districts = try await req.districts()
        let user = try req.requireUser()
        let id = try req.idParameter()
        let e = try await CatalogueService.entry(id, in: req.context)
        let isCaseManager = !user.roleSet.isDisjoint(with: [.caseManager, .caseTableChair])
        let waiting = isCaseManager ? try await ReferralService.waitingList(id, in: req.context) : []
        let fit = isCaseManager ? try await MatchingService.forIntervention(id, in: req.context).1 : []
        return req.page(
            e.intervention.name,
            detailView(
                e: e, districts: districts, user: user, waiting: waiting, fit: fit,
                streams: req.context.policies.money.streams, req.view))
    }

}
