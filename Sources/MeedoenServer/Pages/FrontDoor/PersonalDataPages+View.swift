import Foundation
import MeedoenCore

extension PortalPages {

    /// The resident's data as a readable page: one table per kind of record.
    static func exportView(
        export: PortalService.Export, _ v: ViewContext
    ) -> HTMLNode {
        let t = v.t
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let json =
            (try? encoder.encode(export)).flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [String: Any]
            ?? [:]
        let titles: [(String, String, String)] = [
            ("person", "Persoonsgegevens", "Personal details"), ("household", "Huishouden", "Household"),
            ("householdPlans", "Plannen", "Plans"),
            ("agreements", "Afspraken in het plan", "Plan agreements"),
            ("assessments", "Beoordelingen (trede, ZRM)", "Assessments (rung, ZRM)"),
            ("diagnoses", "Diagnoses", "Diagnoses"),
            ("referrals", "Verwijzingen en trajecten", "Referrals and enrolments"),
            ("appointments", "Afspraken in de agenda", "Appointments"),
            ("activities", "Activiteiten", "Activities"), ("voucherAccount", "Voucherrekening", "Voucher account"),
            ("voucherEntries", "Voucherboekingen", "Voucher entries"),
            ("enforcementCases", "Handhaving", "Enforcement"), ("signals", "Signalen", "Signals"),
            ("feedback", "Uw oordeel over trajecten", "Your views on enrolments"),
            ("accessLog", "Inzage en wijzigingen", "Views and changes"),
        ]
        func cell(_ v: Any?) -> String {
            switch v {
            case nil, is NSNull: return "—"
            case let s as String: return s
            case let n as NSNumber:
                // JSON true/false arrive as NSNumber; say yes or no.
                if String(cString: n.objCType) == "c" { return n.boolValue ? t("ja", "yes") : t("nee", "no") }
                return n.stringValue
            case let a as [Any]: return a.map { cell($0) }.joined(separator: ", ")
            case let d as [String: Any]: return d.keys.sorted().map { "\($0): \(cell(d[$0]))" }.joined(separator: "; ")
            default: return String(describing: v!)
            }
        }
        // Field names as a resident reads them; anything not listed keeps its stored name.
        let names: [String: (String, String)] = [
            "benefit": ("Uitkering", "Benefit"), "birthDate": ("Geboortedatum", "Date of birth"), "bsn": ("BSN", "BSN"),
            "caseManager": ("Klantmanager (kenmerk)", "Case manager (id)"),
            "circumstances": ("Omstandigheden", "Circumstances"),
            "civicIntegration": ("Inburgering", "Civic integration"), "createdAt": ("Vastgelegd op", "Recorded at"),
            "districtCode": ("Stadsdeel", "District"), "email": ("E-mail", "E-mail"),
            "familyName": ("Achternaam", "Family name"), "givenName": ("Voornaam", "Given name"),
            "household": ("Huishouden (kenmerk)", "Household (id)"), "id": ("Kenmerk", "Id"),
            "onCaseTable": ("Op de stadsdeeltafel", "On the case table"),
            "phone": ("Telefoon", "Phone"), "registeredByID": ("Geregistreerd door (kenmerk)", "Registered by (id)"),
            "updatedAt": ("Gewijzigd op", "Changed at"),
            "wishes": ("Wensen", "Wishes"), "name": ("Naam", "Name"), "address": ("Adres", "Address"),
            "status": ("Status", "Status"), "goals": ("Doelen", "Goals"),
            "what": ("Wat", "What"), "who": ("Wie", "Who"), "dueOn": ("Vóór", "Due"),
            "doneOn": ("Gedaan op", "Done on"), "evidence": ("Toelichting", "Note"),
            "kind": ("Soort", "Kind"), "rung": ("Trede", "Rung"), "assessedOn": ("Beoordeeld op", "Assessed on"),
            "goal": ("Doel", "Goal"),
            "startedOn": ("Gestart op", "Started on"), "endedOn": ("Beëindigd op", "Ended on"),
            "outcome": ("Uitkomst", "Outcome"), "description": ("Omschrijving", "Description"),
            "hours": ("Uren", "Hours"), "onDate": ("Datum", "Date"), "amountCents": ("Bedrag (cent)", "Amount (cents)"),
            "balanceCents": ("Saldo (cent)", "Balance (cents)"),
            "at": ("Moment", "When"), "actorName": ("Wie", "Who"), "actorRoles": ("Rol", "Role"),
            "action": ("Handeling", "Action"), "basis": ("Grondslag", "Basis"),
            "detail": ("Detail", "Detail"), "requestID": ("Verzoek", "Request"), "startsAt": ("Wanneer", "When"),
            "place": ("Waar", "Where"), "about": ("Waarover", "About"),
            "withName": ("Met", "With"), "dueOnSignal": ("Opvolgen vóór", "Follow up by"), "source": ("Van", "From"),
        ]
        func columnLabel(_ key: String) -> String { names[key].map { t($0.0, $0.1) } ?? key }
        func section(_ key: String, _ nl: String, _ en: String) -> HTMLNode {
            let rows: [[String: Any]]
            if let one = json[key] as? [String: Any] {
                rows = [one]
            } else {
                rows = json[key] as? [[String: Any]] ?? []
            }
            let columns = Array(Set(rows.flatMap(\.keys))).sorted { columnLabel($0) < columnLabel($1) }
            return el(
                "section", [A("class", "card avg"), A("aria-labelledby", "h-\(key)")],
                el("h2", [A("id", "h-\(key)")], txt(t(nl, en) + " (\(rows.count))")),
                rows.isEmpty
                    ? el("p", [], txt(t("Niets vastgelegd.", "Nothing recorded.")))
                    : rows.count == 1
                        ? el(
                            "dl", [A("class", "facts")],
                            columns.flatMap { c in
                                [el("dt", [], txt(columnLabel(c))), el("dd", [], txt(cell(rows[0][c])))]
                            })
                        : el(
                            "div", [A("class", "table-wrap"), A("tabindex", "0")],
                            el(
                                "table", [A("class", "data small")],
                                el("caption", [A("class", "visually-hidden")], txt(t(nl, en))),
                                el("thead", [], el("tr", [], columns.map { th(columnLabel($0)) })),
                                el(
                                    "tbody", [],
                                    rows.map { r in el("tr", [], columns.map { el("td", [], txt(cell(r[$0]))) }) }))))
        }
        return el(
            "div", [A("class", "portal")],
            el("p", [], link("/mijn-meedoen", t("← Mijn Meedoen", "← My Meedoen"), [A("class", "back")])),
            el(
                "h1", [],
                txt(t("Alles wat de gemeente over u vastlegt", "Everything the municipality records about you"))),
            el(
                "p", [A("class", "lead")],
                txt(
                    t(
                        "Opgemaakt op \(DateFormatting.local(export.generatedAt)). Klopt er iets niet? Vraag uw klantmanager het te verbeteren (AVG artikel 16).",
                        "Compiled on \(DateFormatting.local(export.generatedAt)). Something wrong? Ask your case manager to correct it (GDPR article 16)."
                    ))),
            el(
                "p", [],
                link(
                    "/mijn-gegevens.json", t("Download als JSON", "Download as JSON"),
                    [A("class", "button secondary"), A("download", "mijn-gegevens.json")])),
            .group(titles.map { section($0.0, $0.1, $0.2) }))
    }
}
