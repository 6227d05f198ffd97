import MeedoenCore
import Vapor

/// On the dossier: the resident's reciprocal contribution (tegenprestatie) and exemptions from a
/// duty, with the case manager's forms to record them.
enum DossierObligations {
    static func section(
        _ items: [PersonObligation], person p: Person, _ v: ViewContext, errors: FieldErrors, form: FormData?
    ) -> HTMLNode {
        let t = v.t
        func day(_ iso: String) -> String { DateFormatting.day(iso: iso) }
        func line(_ o: PersonObligation) -> String {
            let period =
                o.untilOn.map { t("\(day(o.fromOn)) tot en met \(day($0))", "\(day(o.fromOn)) to \(day($0))") }
                ?? t("vanaf \(day(o.fromOn))", "from \(day(o.fromOn))")
            switch o.obligationKind {
            case .contribution?:
                let hours = o.hoursPerWeek.map { t(", \($0) uur per week", ", \($0) hours a week") } ?? ""
                let care =
                    o.informalCare ? t(" (mantelzorg: telt als voldoende)", " (informal care: counts as enough)") : ""
                return t("Tegenprestatie: ", "Contribution: ") + (o.what ?? "") + hours + care + " · " + period
            case .exemption?:
                return t("Ontheffing van ", "Exemption from ") + (o.exemptedDuty.map { t($0.label) } ?? "") + " · "
                    + period + " · " + (o.reason ?? "")
            case nil: return ""
            }
        }
        let rename = ["fromOn", "untilOn"]
        let kind = form?["kind"]
        let cErrors =
            kind == "contribution" ? errors.renamed(rename[0], "cFrom").renamed(rename[1], "cUntil") : FieldErrors()
        let eErrors =
            kind == "exemption"
            ? errors.renamed(rename[0], "eFrom").renamed(rename[1], "eUntil").renamed("reason", "eReason")
            : FieldErrors()
        func field(_ name: String) -> String? { form?[name] }
        return el(
            "section", [A("class", "card"), A("id", "verplichtingen"), A("aria-labelledby", "h-obligations")],
            el(
                "h2", [A("id", "h-obligations")],
                txt(t("Tegenprestatie en ontheffingen", "Contribution and exemptions"))),
            items.isEmpty
                ? el(
                    "p", [],
                    txt(t("Geen tegenprestatie of ontheffing vastgelegd.", "No contribution or exemption recorded.")))
                : el("ul", [], items.map { el("li", [], txt(line($0))) }),
            el(
                "details", [A("open", cErrors.isEmpty ? nil : "")],
                el("summary", [], txt(t("Tegenprestatie vastleggen", "Record a contribution"))),
                el(
                    "form",
                    [
                        A("method", "post"), A("action", "/personen/\(p.id!)/verplichtingen#verplichtingen"),
                        A("novalidate", ""),
                    ],
                    errorSummary(cErrors, t), csrfField(v.csrfToken),
                    void("input", [A("type", "hidden"), A("name", "kind"), A("value", "contribution")]),
                    textInput(
                        FormField(
                            name: "what", label: t("Wat doet de inwoner", "What the resident does"),
                            hint: t(
                                "Bijvoorbeeld vrijwilligerswerk in de buurttuin, of de zorg voor een naaste.",
                                "For example volunteering in the community garden, or caring for a relative."),
                            errors: cErrors), value: field("what")),
                    el(
                        "div", [A("class", "grid-2")],
                        textInput(
                            FormField(name: "hoursPerWeek", label: t("Uren per week", "Hours a week"), errors: cErrors),
                            value: field("hoursPerWeek"), type: "number", extra: [A("min", "1"), A("max", "40")]),
                        choiceGroup(
                            FormField(name: "informalCare", label: t("Mantelzorg", "Informal care"), errors: cErrors),
                            options: [
                                (
                                    "true",
                                    t(
                                        "Het is mantelzorg: dat telt als voldoende",
                                        "It is informal care: that counts as enough")
                                )
                            ],
                            selected: field("informalCare") == "true" ? ["true"] : [])),
                    el(
                        "div", [A("class", "grid-2")],
                        textInput(
                            FormField(name: "cFrom", label: t("Vanaf", "From"), errors: cErrors),
                            value: field("cFrom") ?? v.today.iso, type: "date"),
                        textInput(
                            FormField(
                                name: "cUntil", label: t("Tot en met (optioneel)", "Until (optional)"), errors: cErrors),
                            value: field("cUntil"), type: "date")),
                    button(t("Tegenprestatie vastleggen", "Record contribution"), secondary: true))),
            el(
                "details", [A("open", eErrors.isEmpty ? nil : "")],
                el("summary", [], txt(t("Ontheffing vastleggen", "Record an exemption"))),
                el(
                    "form",
                    [
                        A("method", "post"), A("action", "/personen/\(p.id!)/verplichtingen#verplichtingen"),
                        A("novalidate", ""),
                    ],
                    errorSummary(eErrors, t), csrfField(v.csrfToken),
                    void("input", [A("type", "hidden"), A("name", "kind"), A("value", "exemption")]),
                    selectInput(
                        FormField(name: "duty", label: t("Ontheffing van", "Exemption from"), errors: eErrors),
                        options: [("", "—")] + ExemptedDuty.allCases.map { ($0.rawValue, t($0.label)) },
                        selected: field("duty")),
                    textArea(
                        FormField(
                            name: "eReason", label: t("Reden", "Reason"),
                            hint: t(
                                "Waarom de plicht tijdelijk niet geldt; ten minste 10 tekens.",
                                "Why the duty does not apply for now; at least 10 characters."),
                            errors: eErrors), value: field("eReason"), rows: 2),
                    el(
                        "div", [A("class", "grid-2")],
                        textInput(
                            FormField(name: "eFrom", label: t("Vanaf", "From"), errors: eErrors),
                            value: field("eFrom") ?? v.today.iso, type: "date"),
                        textInput(
                            FormField(
                                name: "eUntil", label: t("Tot en met", "Until"),
                                hint: t(
                                    "Een maand voor het einde staat de herbeoordeling in Mijn werk.",
                                    "A month before the end the review shows in My work."),
                                errors: eErrors), value: field("eUntil"), type: "date")),
                    button(t("Ontheffing vastleggen", "Record exemption"), secondary: true))))
    }

    static func record(_ req: Request) async throws -> Response {
        let form = FormData(req)
        let pid = try req.idParameter()
        let exemption = form["kind"] == "exemption"
        var input = Input(form: [
            "kind": form.string("kind"), "what": form.string("what"), "hoursPerWeek": form.int("hoursPerWeek"),
            "informalCare": form.bool("informalCare"),
            "duty": form.string("duty"), "reason": form.string("eReason"),
            "fromOn": exemption ? form.string("eFrom") : form.string("cFrom"),
            "untilOn": exemption ? form.string("eUntil") : form.string("cUntil"),
        ])
        return try await PageForm.submit(
            req,
            saved: exemption
                ? .init(nl: "De ontheffing is vastgelegd.", en: "The exemption has been recorded.")
                : .init(nl: "De tegenprestatie is vastgelegd.", en: "The contribution has been recorded.")
        ) {
            _ = try await ObligationService.record(pid, &input, in: req.context)
            return "/personen/\(pid)#verplichtingen"
        } again: { fieldErrors, status in
            return try await DossierPage.show(req, obligationErrors: fieldErrors, form: form, status: status)
        }
    }
}
