import Foundation
import MeedoenCore
import Vapor

/// The administrator's guide editor: every question, answer and result as form fields (Dutch and
/// English), where each answer leads as a choice, saved as a new version; and the versions of a guide
/// with a way back to an earlier one.
enum TreeEditPages {
    static func edit(
        _ req: Request, form: FormData? = nil, errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let tree = try TreeService.editable(req.parameters.get("tree") ?? "", in: req.context)
        return req.page(
            req.t("Wegwijzer bewerken", "Edit guide") + ": " + req.t(tree.title), status: status,
            editView(tree, form: form, errors: errors, req.view))
    }

    static func save(_ req: Request) async throws -> Response {
        let form = FormData(req)
        let treeID = req.parameters.get("tree") ?? ""
        var fields: [String: String] = [:]
        for (k, v) in form.pairs where k != "_csrf" { fields[k] = v }
        return try await PageForm.submit(
            req,
            saved: .init(
                nl: "De nieuwe versie is opgeslagen en geldt nu.", en: "The new version is saved and in force.")
        ) {
            _ = try await TreeService.save(treeID, form: fields, in: req.context)
            return "/wegwijzer/beheer/\(treeID)/versies"
        } again: { fieldErrors, status in
            try await edit(req, form: form, errors: fieldErrors, status: status)
        }
    }

    static func versions(
        _ req: Request, form: FormData? = nil, errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let treeID = req.parameters.get("tree") ?? ""
        let all = try await TreeService.versions(treeID, in: req.context)
        let tree = try TreeService.editable(treeID, in: req.context)
        return req.page(
            req.t("Versies", "Versions") + ": " + req.t(tree.title), status: status,
            versionsView(tree, all, form: form, errors: errors, req.view))
    }

    static func restore(_ req: Request) async throws -> Response {
        let form = FormData(req)
        let treeID = req.parameters.get("tree") ?? ""
        let rowID = form["from"].flatMap(UUID.init(uuidString:))
        return try await PageForm.submit(
            req,
            saved: .init(
                nl: "De eerdere versie geldt weer, onder een nieuw versienummer.",
                en: "The earlier version is in force again, under a new version number.")
        ) {
            _ = try await TreeService.restore(treeID, from: rowID, version: form["version"] ?? "", in: req.context)
            return "/wegwijzer/beheer/\(treeID)/versies"
        } again: { fieldErrors, status in
            try await versions(req, form: form, errors: fieldErrors, status: status)
        }
    }

    // MARK: views

    static func editView(_ tree: DecisionTree, form: FormData?, errors: FieldErrors, _ v: ViewContext) -> HTMLNode {
        let t = v.t
        func pair(_ key: String, _ label: String, _ value: LocalizedText?, area: Bool = false) -> HTMLNode {
            func one(_ lang: String, _ name: String, _ current: String?) -> HTMLNode {
                let f = FormField(name: "\(key).\(lang)", label: name, errors: errors)
                let value = form?["\(key).\(lang)"] ?? current
                return area ? textArea(f, value: value, rows: 3) : textInput(f, value: value)
            }
            return el(
                "fieldset", [A("class", "pair")], el("legend", [], txt(label)),
                one("nl", t("Nederlands", "Dutch"), value?.nl), one("en", t("Engels", "English"), value?.en))
        }
        func removeBox(_ name: String, _ label: String) -> HTMLNode {
            el(
                "div", [A("class", "choice")],
                void(
                    "input",
                    [
                        A("type", "checkbox"), A("id", fieldID(name)), A("name", name), A("value", "1"),
                        A.flag("checked", form?[name] == "1"),
                    ]),
                el("label", [A("for", fieldID(name))], txt(label)))
        }
        let choose: [(value: String, label: String)] = [("", t("— kies —", "— choose —"))]
        let targets: [(value: String, label: String)] =
            tree.questions.map { ("q:\($0.id)", t("vraag: ", "question: ") + t($0.text)) }
            + [("nq", t("de nieuwe vraag (onderaan de vragen)", "the new question (below the questions)"))]
            + tree.results.map { ("r:\($0.id)", t("uitkomst: ", "result: ") + t($0.title)) }
            + [("nr", t("de nieuwe uitkomst (onderaan de uitkomsten)", "the new result (below the results)"))]
        let followUps: [(value: String, label: String)] = DecisionTree.FollowUp.allCases.map {
            ($0.rawValue, t(SignalPages.followUpLabel($0)))
        }
        func leadsTo(_ name: String, _ current: String?) -> HTMLNode {
            selectInput(
                FormField(name: name, label: t("Leidt naar", "Leads to"), errors: errors),
                options: current == nil ? choose + targets : targets, selected: form?[name] ?? current)
        }
        func opened(_ prefix: String, _ filledKey: String) -> Bool {
            errors.messages.contains { $0.name.hasPrefix(prefix) } || !(form?[filledKey] ?? "").isEmpty
        }
        let newQuestion = el(
            "details", [A("class", "card"), A.flag("open", opened("nq.", "nq.nl"))],
            el("summary", [], el("strong", [], txt(t("Een vraag toevoegen", "Add a question")))),
            el(
                "p", [A("class", "hint")],
                txt(
                    t(
                        "Laat een antwoord van een andere vraag naar ‘de nieuwe vraag’ leiden, anders wordt ze niet gesteld.",
                        "Let an answer of another question lead to ‘the new question’, or it is never asked."))),
            pair("nq", t("Vraag", "Question"), nil),
            pair("nq.hint", t("Toelichting (mag leeg)", "Hint (may be empty)"), nil),
            .group(
                ["a1", "a2"].enumerated().map { m, n in
                    el(
                        "div", [A("class", "answer")],
                        pair("nq.\(n)", t("Antwoord \(m + 1)", "Answer \(m + 1)"), nil),
                        leadsTo("nq.\(n).to", nil))
                }))
        let newResult = el(
            "details", [A("class", "card"), A.flag("open", opened("nr.", "nr.title.nl"))],
            el("summary", [], el("strong", [], txt(t("Een uitkomst toevoegen", "Add a result")))),
            el(
                "p", [A("class", "hint")],
                txt(
                    t(
                        "Laat een antwoord naar ‘de nieuwe uitkomst’ leiden, anders komt niemand er uit.",
                        "Let an answer lead to ‘the new result’, or nobody reaches it."))),
            pair("nr.title", t("Titel", "Title"), nil),
            pair("nr.text", t("Tekst", "Text"), nil, area: true),
            selectInput(
                FormField(name: "nr.followUp", label: t("Vervolg", "Follow-up"), errors: errors),
                options: followUps, selected: form?["nr.followUp"]))
        return el(
            "section", [],
            el("p", [A("class", "breadcrumb")], link("/wegwijzer/beheer", t("← Wegwijzers", "← Guides"))),
            el("h1", [], txt(t("Wegwijzer bewerken", "Edit guide") + ": " + t(tree.title))),
            el(
                "p", [A("class", "lead")],
                txt(
                    t(
                        "U bewerkt versie \(tree.version). Opslaan maakt een nieuwe versie die meteen geldt voor nieuwe gesprekken; vastgelegde uitkomsten houden hun versie. Per keer opslaan kunt u één vraag en één uitkomst toevoegen, en aan elke vraag één antwoord.",
                        "You are editing version \(tree.version). Saving makes a new version, in force at once for new walks; stored results keep their version. Each save can add one question and one result, and one answer to each question."
                    ))),
            errorSummary(errors, t),
            el(
                "form",
                [
                    A("method", "post"), A("action", "/wegwijzer/beheer/\(tree.id)/bewerken"),
                    A("class", "card form-card"),
                    A("novalidate", ""),
                ],
                csrfField(v.csrfToken),
                textInput(
                    FormField(
                        name: "version", label: t("Nummer van de nieuwe versie", "Number of the new version"),
                        hint: t(
                            "Bijvoorbeeld 2027-1; een nummer dat al bestaat wordt geweigerd.",
                            "For example 2027-1; a number that exists is refused."),
                        errors: errors), value: form?["version"]),
                pair("title", t("Titel", "Title"), tree.title),
                pair("intro", t("Inleiding", "Introduction"), tree.intro, area: true),
                selectInput(
                    FormField(name: "start", label: t("Eerste vraag", "First question"), errors: errors),
                    options: tree.questions.map { ("q:\($0.id)", t($0.text)) }
                        + [("nq", t("de nieuwe vraag", "the new question"))],
                    selected: form?["start"] ?? "q:\(tree.start)"),
                el("h2", [], txt(t("Vragen", "Questions"))),
                .group(
                    tree.questions.enumerated().map { n, q in
                        el(
                            "fieldset", [A("class", "card")],
                            el("legend", [], txt(t("Vraag \(n + 1)", "Question \(n + 1)"))),
                            pair("q.\(q.id)", t("Vraag", "Question"), q.text),
                            pair("q.\(q.id).hint", t("Toelichting (mag leeg)", "Hint (may be empty)"), q.hint),
                            .group(
                                q.answers.enumerated().map { m, a in
                                    let key = "a.\(q.id).\(a.id)"
                                    return el(
                                        "div", [A("class", "answer")],
                                        pair(key, t("Antwoord \(m + 1)", "Answer \(m + 1)"), a.text),
                                        leadsTo("\(key).to", a.next.map { "q:\($0)" } ?? a.result.map { "r:\($0)" }),
                                        removeBox("\(key).remove", t("Dit antwoord verwijderen", "Remove this answer")))
                                }),
                            el(
                                "div", [A("class", "answer")],
                                pair("na.\(q.id)", t("Nieuw antwoord (mag leeg)", "New answer (may be empty)"), nil),
                                leadsTo("na.\(q.id).to", nil)),
                            removeBox("q.\(q.id).remove", t("Deze vraag verwijderen", "Remove this question")))
                    }),
                newQuestion,
                el("h2", [], txt(t("Uitkomsten", "Results"))),
                .group(
                    tree.results.enumerated().map { n, r in
                        el(
                            "fieldset", [A("class", "card")],
                            el("legend", [], txt(t("Uitkomst \(n + 1)", "Result \(n + 1)"))),
                            pair("r.\(r.id).title", t("Titel", "Title"), r.title),
                            pair("r.\(r.id).text", t("Tekst", "Text"), r.text, area: true),
                            selectInput(
                                FormField(name: "r.\(r.id).followUp", label: t("Vervolg", "Follow-up"), errors: errors),
                                options: followUps, selected: form?["r.\(r.id).followUp"] ?? r.followUp.rawValue),
                            removeBox("r.\(r.id).remove", t("Deze uitkomst verwijderen", "Remove this result")))
                    }),
                newResult,
                button(t("Controleren en opslaan als nieuwe versie", "Validate and save as a new version"))))
    }

    static func versionsView(
        _ tree: DecisionTree, _ all: [TreeService.Version], form: FormData?, errors: FieldErrors, _ v: ViewContext
    ) -> HTMLNode {
        let t = v.t
        return el(
            "section", [],
            el("p", [A("class", "breadcrumb")], link("/wegwijzer/beheer", t("← Wegwijzers", "← Guides"))),
            el("h1", [], txt(t("Versies", "Versions") + ": " + t(tree.title))),
            el(
                "p", [],
                link(
                    "/wegwijzer/beheer/\(tree.id)/bewerken", t("Deze wegwijzer bewerken", "Edit this guide"),
                    [A("class", "button")])),
            errorSummary(errors, t),
            dataTable(
                [t("Versie", "Version"), t("Geladen", "Loaded"), t("Geldt", "In force"), t("Terugzetten", "Restore")],
                all.map { ver in
                    [
                        td(ver.version),
                        td(
                            ver.loadedAt.map(DateFormatting.local)
                                ?? t("meegeleverd met Meedoen", "shipped with Meedoen")),
                        td(ver.inForce ? t("ja, nu", "yes, now") : t("nee", "no")),
                        el(
                            "td", [],
                            ver.inForce
                                ? .empty
                                : el(
                                    "form",
                                    [
                                        A("method", "post"), A("action", "/wegwijzer/beheer/\(tree.id)/versies"),
                                        A("class", "inline-form"),
                                    ],
                                    csrfField(v.csrfToken),
                                    void(
                                        "input",
                                        [
                                            A("type", "hidden"), A("name", "from"),
                                            A("value", ver.rowID?.uuidString ?? ""),
                                        ]),
                                    el(
                                        "label", [A("for", "v-\(ver.rowID?.uuidString ?? "shipped")")],
                                        txt(t("als versie", "as version"))),
                                    void(
                                        "input",
                                        [
                                            A("type", "text"), A("id", "v-\(ver.rowID?.uuidString ?? "shipped")"),
                                            A("name", "version"),
                                            A(
                                                "value",
                                                form?["from"] == (ver.rowID?.uuidString ?? "") ? form?["version"] : nil),
                                        ]),
                                    button(t("Terugzetten", "Restore"), secondary: true))),
                    ]
                }, caption: t("Nieuwste eerst", "Newest first")))
    }
}
