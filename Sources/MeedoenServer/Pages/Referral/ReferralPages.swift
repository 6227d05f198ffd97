import MeedoenCore
import Vapor

/// Referral with matches (case managers) and the course of a referral (case managers and providers).
enum ReferralPages {
    // MARK: refer, with matches

    static func showRefer(
        _ req: Request, form: FormData? = nil, errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let m = try await MatchingService.forPerson(try req.idParameter(), includeUnfit: true, in: req.context)
        let signal = (form?["signaal"] ?? req.query[String.self, at: "signaal"]).flatMap(UUID.init(uuidString:))
        return req.page(
            req.t("Verwijzen", "Refer"), status: status,
            referView(m, signal: signal, req.view, form: form, errors: errors))
    }

    static func submitRefer(_ req: Request) async throws -> Response {
        let id = try req.idParameter()
        let form = FormData(req)
        let interventionID = form["interventionId"] ?? ""
        // The offer's form fields are named after its code (several offers share one page).
        var code = ""
        if let id = UUID(uuidString: interventionID) {
            do { code = try await CatalogueService.intervention(id, in: req.context).code } catch DomainError.notFound {
            }
        }
        let prefix = "o-\(code.filter { $0.isLetter || $0.isNumber })"
        let overrides: [JSONValue] = Criterion.allCases.compactMap { c in
            guard let reason = form["\(prefix)-override-\(c.rawValue)"],
                !reason.trimmingCharacters(in: .whitespaces).isEmpty
            else { return nil }
            return .object(["criterion": .string(c.rawValue), "reason": .string(reason)])
        }
        var fields: [String: JSONValue?] = [
            "personId": .string(id.uuidString), "interventionId": .string(interventionID),
            "goal": form.string("\(prefix)-goal"),
            "agreedHours": form.int("\(prefix)-hours"), "overrides": .array(overrides),
        ]
        // Asked from "Niet uit het budget": a request for an exception to the spending rules.
        if form["\(prefix)-exception"] != nil {
            fields["spendingException"] = .object(["reason": form.string("\(prefix)-exception") ?? .null])
        }
        var input = Input(form: fields)
        return try await PageForm.submit(
            req,
            saved: fields["spendingException"] == nil
                ? .init(nl: "De verwijzing is verstuurd.", en: "The referral has been sent.")
                : .init(
                    nl: "De uitzondering is gevraagd; de verwijzing wacht op het besluit van een budgethouder.",
                    en: "The exception has been asked for; the referral waits for a budget holder's decision."),
            rename: { name in
                var name = name
                if name.hasPrefix("overrides[") { name = "criteria.override" }
                // The rule's refusal is said at the field that asks for the exception.
                if name == "category" || name == "route" { name = "spendingException.reason" }
                return name
            }
        ) {
            let l = try await ReferralService.refer(&input, in: req.context)
            // Made from a signal: the signal is now "referred" and points to the referral.
            if let signalID = form["signaal"].flatMap(UUID.init(uuidString:)) {
                try await SignalService.linkReferral(
                    signalID, referralID: l.referral.id!, personID: id, in: req.context)
            }
            return "/verwijzingen/\(l.referral.id!)"
        } again: { fieldErrors, status in
            return try await showRefer(req, form: form, errors: fieldErrors, status: status)
        }
    }

    // MARK: lists

    static func list(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        var filter = ReferralService.ListFilter()
        filter.group = req.query[String.self, at: "toon"].flatMap(ReferralService.ListFilter.Group.init) ?? .open
        filter.search = req.query[String.self, at: "q"].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap {
            $0.isEmpty ? nil : String($0.prefix(100))
        }
        filter.page = max(1, req.query[Int.self, at: "page"] ?? 1)
        let (rows, total) = try await ReferralService.list(
            personID: nil, interventionID: nil, status: nil, filter: filter, in: req.context)
        let (title, body) = listView(rows, total: total, filter: filter, user: user, req.view)
        return req.page(title, body)
    }

    static func statusBadge(_ s: ReferralStatus, _ t: Texts) -> HTMLNode {
        let cls: String =
            switch s {
            case .offered: "badge warn"
            case .accepted, .started: "badge ok"
            case .waiting: "badge cat-3"
            default: "badge"
            }
        return el("span", [A("class", cls)], txt(t(s.label)))
    }

    /// The end of a referral in a list: the day it ended, or the day it is planned to end ("gepland").
    static func endText(_ r: Referral, _ t: Texts) -> String {
        if let ended = r.endedOn { return DateFormatting.day(iso: ended) }
        guard let planned = r.plannedEndOn else { return "—" }
        return t("gepland \(DateFormatting.day(iso: planned))", "planned \(DateFormatting.day(iso: planned))")
    }

    static func table(_ rows: [(Referral, String, String)], asProvider: Bool = false, _ t: Texts) -> HTMLNode {
        guard !rows.isEmpty else { return el("p", [], txt(t("Geen verwijzingen.", "No referrals."))) }
        return el(
            "div", [A("class", "table-wrap"), A("tabindex", "0")],
            el(
                "table", [A("class", "data")],
                el(
                    "thead", [],
                    el(
                        "tr", [], el("th", [A("scope", "col")], txt(t("Inwoner", "Resident"))),
                        el("th", [A("scope", "col")], txt(t("Aanbod", "Offer"))),
                        el("th", [A("scope", "col")], txt(t("Status", "Status"))),
                        el("th", [A("scope", "col")], txt(t("Verwezen", "Referred"))),
                        el("th", [A("scope", "col")], txt(t("Einde", "End"))))),
                el(
                    "tbody", [],
                    rows.map { r, name, offer in
                        el(
                            "tr", [], el("td", [], link("/verwijzingen/\(r.id!)", name)), el("td", [], txt(offer)),
                            el(
                                "td", [],
                                asProvider && r.status == .offered
                                    ? el("span", [A("class", "badge warn")], txt(t("wacht op u", "waiting for you")))
                                    : statusBadge(r.status, t)),
                            dateCell(DateFormatting.day(iso: r.referredOn)),
                            el("td", [], txt(endText(r, t))))
                    })))
    }

}

extension FieldErrors {
    /// The same messages with one field name replaced (a form with several copies of a field).
    func renamed(_ from: String, _ to: String) -> FieldErrors {
        var copy = self
        copy.messages = messages.map { ($0.name == from ? to : $0.name, $0.text) }
        return copy
    }
}
