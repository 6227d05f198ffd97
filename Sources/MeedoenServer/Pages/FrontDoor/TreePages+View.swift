import Foundation
import MeedoenCore

extension TreePages {

    /// The start of the guide: the decision trees to choose from (no sign-in).
    static func indexView(
        trees: [DecisionTree], signal: UUID?, staff: Bool = false, _ v: ViewContext
    ) -> HTMLNode {
        let t = v.t
        let forStaff: HTMLNode =
            !staff
            ? .empty
            : el(
                "p", [A("class", "notice")],
                txt(
                    signal != nil
                        ? t(
                            "U loopt de wegwijzer door met een inwoner bij een signaal: de uitkomst wordt bij dat signaal bewaard.",
                            "You are walking the guide with a resident for a signal: the result is stored with that signal."
                        )
                        : t(
                            "Zo zien inwoners de wegwijzer; wat hier wordt gekozen, wordt nergens bewaard. Wilt u de uitkomst bij een inwoner vastleggen, open dan de wegwijzer vanuit het signaal.",
                            "This is the guide as residents see it; nothing chosen here is stored. To record the result for a resident, open the guide from the signal."
                        )))
        return el(
            "div", [A("class", "public")],
            el("h1", [], txt(t("Wegwijzer: wat past bij mij?", "Guide: what fits me?"))),
            forStaff,
            el(
                "p", [A("class", "lead")],
                txt(
                    t(
                        "Beantwoord een paar korte vragen. U hoeft niet in te loggen en we vragen niet wie u bent.",
                        "Answer a few short questions. No sign-in, and we do not ask who you are."))),
            el(
                "ul", [A("class", "tiles")],
                trees.map { tree in
                    el(
                        "li", [A("class", "card tile")],
                        el(
                            "h2", [],
                            link("/wegwijzer/\(tree.id)" + (signal.map { "?signaal=\($0)" } ?? ""), t(tree.title))),
                        el("p", [], txt(t(tree.intro))))
                }),
            el("p", [], link("/catalogus", t("Of bekijk meteen al het aanbod →", "Or see everything on offer →"))))
    }

    /// A walk that does not fit the tree (an old or edited link).
    static func failedView(_ tree: DecisionTree, reason: Reason, _ v: ViewContext) -> HTMLNode {
        let t = v.t
        return el(
            "section", [A("class", "card narrow")], el("h1", [], txt(t(tree.title))),
            el("p", [], txt(t(reason.text))),
            el("p", [], link("/wegwijzer/\(tree.id)", t("Opnieuw beginnen", "Start again"))))
    }

    /// The next question of a walk (with an error when none was chosen), or its result.
    static func stepView(tree: DecisionTree, walk: DecisionTree.Walk, signalID: UUID?, missing: Bool, _ v: ViewContext)
        -> (title: String, body: HTMLNode)
    {
        let t = v.t
        let signalQuery = signalID.map { "&signaal=\($0)" } ?? ""
        func back() -> HTMLNode {
            guard !walk.path.isEmpty else {
                return link(
                    "/wegwijzer" + (signalID.map { "?signaal=\($0)" } ?? ""),
                    t("← Andere wegwijzer", "← Another guide"), [A("class", "back")])
            }
            return link(
                "/wegwijzer/\(tree.id)?a=\(walk.path.dropLast().joined(separator: ","))\(signalQuery)",
                t("← Vorige vraag", "← Previous question"), [A("class", "back")])
        }
        let trail: HTMLNode =
            walk.questionsAsked.isEmpty
            ? .empty
            : el(
                "details", [A("class", "trail")],
                el("summary", [], txt(t("Uw antwoorden (\(walk.path.count))", "Your answers (\(walk.path.count))"))),
                el(
                    "dl", [],
                    walk.answered.flatMap { q, a in [el("dt", [], txt(t(q.text))), el("dd", [], txt(t(a.text)))] }))
        switch walk.step {
        case .question(let q):
            let fieldID = "antwoord"
            let error: HTMLNode =
                missing
                ? el(
                    "p", [A("class", "field-error"), A("id", "antwoord-error")],
                    txt(t("Kies een antwoord.", "Choose an answer."))) : .empty
            return (
                t(q.text) + " — " + t(tree.title),
                el(
                    "div", [A("class", "public narrow")],
                    back(),
                    el(
                        "p", [A("class", "eyebrow")],
                        txt(
                            t(tree.title) + " · " + t("vraag \(walk.path.count + 1)", "question \(walk.path.count + 1)")
                        )),
                    missing
                        ? el(
                            "div", [A("class", "error-summary"), A("role", "alert")],
                            el("h2", [], txt(t("Controleer de invoer", "Please check your input"))),
                            el(
                                "ul", [],
                                el("li", [], link("#\(fieldID)-0", t("Kies een antwoord.", "Choose an answer.")))))
                        : .empty,
                    el(
                        "form",
                        [A("method", "get"), A("action", "/wegwijzer/\(tree.id)"), A("class", "card question")],
                        void(
                            "input",
                            [A("type", "hidden"), A("name", "a"), A("value", walk.path.joined(separator: ","))]),
                        signalID.map {
                            void("input", [A("type", "hidden"), A("name", "signaal"), A("value", $0.uuidString)])
                        } ?? .empty,
                        el(
                            "fieldset",
                            [
                                A("class", missing ? "field choices has-error" : "field choices"),
                                A(
                                    "aria-describedby",
                                    missing ? "antwoord-error" : (q.hint == nil ? nil : "antwoord-hint")),
                            ],
                            [
                                el("legend", [], el("h1", [], txt(t(q.text)))),
                                q.hint.map { el("p", [A("class", "hint"), A("id", "antwoord-hint")], txt(t($0))) }
                                    ?? .empty, error,
                            ]
                                + q.answers.enumerated().map { i, a in
                                    el(
                                        "div", [A("class", "choice")],
                                        void(
                                            "input",
                                            [
                                                A("type", "radio"), A("id", "\(fieldID)-\(i)"), A("name", "antwoord"),
                                                A("value", a.id),
                                            ]),
                                        el("label", [A("for", "\(fieldID)-\(i)")], txt(t(a.text))))
                                }),
                        button(t("Volgende", "Next"), name: "verder", value: "1")),
                    trail)
            )
        case .result(let r):
            let services: HTMLNode =
                r.interventionTypes.isEmpty
                ? .empty
                : el(
                    "div", [],
                    el("h2", [], txt(t("Aanbod dat hierbij past", "Services that fit"))),
                    el(
                        "ul", [],
                        r.interventionTypes.map { type in
                            el("li", [], link("/catalogus?soort=\(type.rawValue)", t(type.label)))
                        }),
                    el(
                        "p", [],
                        link(
                            "/catalogus?soort=\(r.interventionTypes.map(\.rawValue).joined(separator: ","))",
                            t(
                                "Bekijk al dit aanbod, met wachttijden →",
                                "See all these services, with waiting times →"), [A("class", "button")])))
            let contacts: HTMLNode =
                r.contacts.isEmpty
                ? .empty
                : el(
                    "div", [],
                    el("h2", [], txt(t("Waar u terecht kunt", "Where to go"))),
                    el("ul", [], r.contacts.map { el("li", [], txt(t($0))) }))
            let urgent = r.followUp == .urgent
            var signalForm: HTMLNode = .empty
            if let signalID {
                signalForm = el(
                    "form", [A("method", "post"), A("action", "/signalen/\(signalID)/wegwijzer"), A("class", "card")],
                    csrfField(v.csrfToken),
                    void("input", [A("type", "hidden"), A("name", "tree"), A("value", tree.id)]),
                    void("input", [A("type", "hidden"), A("name", "version"), A("value", tree.version)]),
                    void(
                        "input",
                        [A("type", "hidden"), A("name", "answers"), A("value", walk.path.joined(separator: ","))]),
                    el(
                        "p", [], txt(t("Vervolg volgens de wegwijzer: ", "Follow-up according to the guide: ")),
                        el("strong", [], txt(t(SignalPages.followUpLabel(r.followUp))))),
                    button(t("Uitkomst vastleggen bij het signaal", "Store the result with the signal")))
            }
            return (
                t(r.title) + " — " + t(tree.title),
                el(
                    "div", [A("class", "public narrow")],
                    back(),
                    el("p", [A("class", "eyebrow")], txt(t(tree.title) + " · " + t("uitkomst", "result"))),
                    el(
                        "section",
                        [A("class", urgent ? "card result urgent" : "card result"), A("aria-labelledby", "h-result")],
                        el(
                            "h1", [A("id", "h-result")],
                            urgent ? el("span", [A("class", "badge bad")], txt(t("Spoed", "Urgent"))) : .empty,
                            txt(" " + t(r.title))),
                        el("p", [A("class", "lead")], txt(t(r.text))),
                        services, contacts),
                    signalForm,
                    trail,
                    el(
                        "p", [A("class", "meta")],
                        txt(
                            t(
                                "Wegwijzer ‘\(t(tree.title))’, versie \(tree.version).",
                                "Guide ‘\(t(tree.title))’, version \(tree.version)."))),
                    el(
                        "p", [],
                        link(
                            "/wegwijzer/\(tree.id)" + (signalID.map { "?signaal=\($0)" } ?? ""),
                            t("Opnieuw beginnen", "Start again"))))
            )
        }
    }

    /// The guides in force, and loading a new version (validated first).
    static func adminView(
        trees: [DecisionTree], _ v: ViewContext, errors: FieldErrors = FieldErrors(), document: String? = nil,
        loaded: DecisionTree? = nil
    ) -> HTMLNode {
        let t = v.t
        return el(
            "section", [],
            el("h1", [], txt(t("Wegwijzers beheren", "Manage guides"))),
            loaded.map {
                el(
                    "div", [A("class", "notice"), A("role", "status")],
                    txt(
                        t(
                            "Versie \($0.version) van ‘\(t($0.title))’ is geladen en geldt nu.",
                            "Version \($0.version) of ‘\(t($0.title))’ is loaded and in force.")))
            } ?? .empty,
            el(
                "div", [A("class", "table-wrap"), A("tabindex", "0")],
                el(
                    "table", [A("class", "data")],
                    el("caption", [], txt(t("In gebruik", "In force"))),
                    el(
                        "thead", [],
                        el(
                            "tr", [], el("th", [A("scope", "col")], txt("Id")),
                            el("th", [A("scope", "col")], txt(t("Titel", "Title"))),
                            el("th", [A("scope", "col")], txt(t("Versie", "Version"))),
                            el("th", [A("scope", "col")], txt(t("Vragen / uitkomsten", "Questions / results"))),
                            el("th", [A("scope", "col")], txt(t("Bewerken", "Edit"))))),
                    el(
                        "tbody", [],
                        trees.map { tr in
                            el(
                                "tr", [], el("td", [A("class", "mono")], txt(tr.id)),
                                el("td", [], link("/wegwijzer/\(tr.id)", t(tr.title))),
                                el("td", [], txt(tr.version)),
                                el("td", [], txt("\(tr.questions.count) / \(tr.results.count)")),
                                el(
                                    "td", [],
                                    link(
                                        "/wegwijzer/beheer/\(tr.id)/bewerken", t("Bewerken", "Edit"),
                                        [A("aria-label", t("Bewerken: ", "Edit: ") + t(tr.title))]), txt(" · "),
                                    link(
                                        "/wegwijzer/beheer/\(tr.id)/versies", t("Versies", "Versions"),
                                        [A("aria-label", t("Versies: ", "Versions: ") + t(tr.title))])))
                        }))),
            el(
                "form",
                [A("method", "post"), A("action", "/wegwijzer/beheer"), A("class", "card"), A("novalidate", "")],
                el("h2", [], txt(t("Nieuwe versie laden", "Load a new version"))),
                errorSummary(errors, t),
                csrfField(v.csrfToken),
                textArea(
                    FormField(
                        name: "document",
                        label: t(
                            "Wegwijzer (JSON, zoals Policies/trees/*.json)",
                            "Guide (JSON, as Policies/trees/*.json)"),
                        hint: t(
                            "Een nieuwe versie van een bestaande wegwijzer (zelfde id, nieuw versienummer) vervangt die voor nieuwe gesprekken; vastgelegde uitkomsten houden hun versie.",
                            "A new version of an existing guide (same id, new version number) replaces it for new walks; stored results keep their version."
                        ), errors: errors),
                    value: document, rows: 14),
                button(t("Controleren en laden", "Validate and load"))))
    }
}
