import MeedoenCore
import Vapor

/// On the dossier: when the resident left for work or school, and the case manager's form to record
/// it (also without an enrolment: a job found on one's own counts as outflow to work).
enum DossierExits {
    static func section(_ exits: [PersonExit], person p: Person, _ v: ViewContext, errors: FieldErrors, form: FormData?)
        -> HTMLNode
    {
        let t = v.t
        return el(
            "section", [A("class", "card"), A("aria-labelledby", "h-exits")],
            el("h2", [A("id", "h-exits")], txt(t("Uitstroom naar werk of school", "Leaving for work or school"))),
            exits.isEmpty
                ? el("p", [], txt(t("Nog geen uitstroom vastgelegd.", "No exit recorded yet.")))
                : el(
                    "ul", [],
                    exits.map { e in
                        el(
                            "li", [],
                            txt(
                                DateFormatting.day(iso: e.leftOn) + " · "
                                    + (e.exitKind.map { t($0.label) } ?? e.kind)
                                    + (e.referralID == nil
                                        ? "" : t(" · bij het einde van een traject", " · at the end of an enrolment"))
                                    + (e.note.map { " · " + $0 } ?? "")
                                    + (e.recordedByName.map { " · " + $0 } ?? "")))
                    }),
            el(
                "form",
                [
                    A("method", "post"), A("action", "/personen/\(p.id!)/uitstroom#uitstroom"), A("id", "uitstroom"),
                    A("novalidate", ""),
                ],
                errorSummary(errors, t),
                csrfField(v.csrfToken),
                el(
                    "p", [A("class", "meta")],
                    txt(
                        t(
                            "Werk gevonden of terug naar school, ook zonder traject? Leg het vast: de uitstroom naar werk telt mensen op deze datum.",
                            "Found work or back to school, also without an enrolment? Record it: outflow to work counts people on this date."
                        ))),
                el(
                    "div", [A("class", "grid-2")],
                    selectInput(
                        FormField(name: "kind", label: t("Uitgestroomd naar", "Left for"), errors: errors),
                        options: [("", "—")] + ExitKind.allCases.map { ($0.rawValue, t($0.label)) },
                        selected: form?["kind"]),
                    textInput(
                        FormField(name: "leftOn", label: t("Datum", "Date"), errors: errors),
                        value: form?["leftOn"] ?? v.today.iso, type: "date")),
                textArea(
                    FormField(name: "note", label: t("Toelichting (optioneel)", "Note (optional)"), errors: errors),
                    value: form?["note"], rows: 2),
                button(t("Uitstroom vastleggen", "Record exit"), secondary: true)))
    }

    static func record(_ req: Request) async throws -> Response {
        let form = FormData(req)
        let pid = try req.idParameter()
        var input = Input(form: [
            "kind": form.string("kind"), "leftOn": form.string("leftOn"), "note": form.string("note"),
        ])
        return try await PageForm.submit(
            req, saved: .init(nl: "De uitstroom is vastgelegd.", en: "The exit has been recorded.")
        ) {
            _ = try await ExitService.record(pid, &input, in: req.context)
            return "/personen/\(pid)"
        } again: { fieldErrors, status in
            return try await DossierPage.show(req, exitErrors: fieldErrors, form: form, status: status)
        }
    }
}
