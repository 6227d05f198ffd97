import Foundation
import MeedoenCore

extension BudgetPages {

    /// The policy page: what is in force, the draft as a form, what the draft would do to everyone with
    /// a diagnosis, adoption, and the versions with a way back to an earlier one.
    static func policyView(_ m: PolicyModel, _ v: ViewContext) -> HTMLNode {
        let t = v.t
        let base = m.base.policy
        func when(_ version: PolicySimulationService.Version) -> String {
            if let at = version.adoptedAt {
                return t("vastgesteld op ", "adopted on ") + DateFormatting.long(at, v.language)
                    + (version.adoptedBy.map { t(" door ", " by ") + $0 } ?? "")
            }
            return t("meegeleverd met Meedoen", "shipped with Meedoen")
        }
        let inForce = m.versions.first(where: \.inForce)
        return el(
            "div", [],
            el("h1", [], txt(t("Beleid: doelgroepen en categorieën", "Policy: target groups and categories"))),
            el(
                "p", [A("class", "lead")],
                txt(
                    t("Van kracht: ", "In force: ") + t(m.inForce.name) + ", " + t("versie ", "version ")
                        + m.inForce.version + (inForce.map { " (" + when($0) + ")" } ?? "") + ". "
                        + t(
                            "Pas hieronder de doelgroepen en categorieën aan en simuleer wat dat doet met iedereen met een diagnose. Er verandert niets tot het concept wordt vastgesteld.",
                            "Change the target groups and categories below and simulate what that does to everyone with a diagnosis. Nothing changes until the draft is adopted."
                        ))),
            m.base.inForce
                ? .empty
                : el(
                    "p", [A("class", "notice")],
                    txt(
                        t(
                            "Het concept begint bij versie \(base.version) (\(when(m.base))). Simuleer het en stel het vast onder een nieuw nummer om naar die versie terug te gaan.",
                            "The draft starts from version \(base.version) (\(when(m.base))). Simulate it and adopt it under a new number to go back to that version."
                        ))),
            errorSummary(m.errors, t),
            spendingView(m, v),
            m.result.map { resultView($0, m, v) } ?? .empty,
            editorForm(m, v),
            versionsView(m, v, when: when))
    }

    /// The spending rules of the policy in force in words: what the participation budget pays for per
    /// category, and for people without a legal duty to re-integrate (source document 000 §2.3).
    static func spendingView(_ m: PolicyModel, _ v: ViewContext) -> HTMLNode {
        let t = v.t
        func section(_ body: HTMLNode...) -> HTMLNode {
            el(
                "section", [A("class", "card"), A("aria-labelledby", "h-spending")],
                [el("h2", [A("id", "h-spending")], txt(t("Wat het budget betaalt", "What the budget pays for")))]
                    + body)
        }
        guard let rules = m.inForce.spending else {
            return section(
                el(
                    "p", [],
                    txt(
                        t(
                            "Deze versie heeft geen bestedingsregels: het budget betaalt elk aanbod dat past.",
                            "This version has no spending rules: the budget pays for any offer that fits."))))
        }
        let streams = rules.streams.map { code in
            m.streams.first { $0.code == code }.map { t($0.nl, $0.en) } ?? code
        }.joined(separator: ", ")
        func kinds(_ types: [InterventionType]) -> String {
            types.map { t($0.label).inSentence }.joined(separator: ", ")
        }
        let items: [HTMLNode] = rules.categories.sorted { $0.category < $1.category }.map { r in
            let name = m.inForce.category(r.category).map { " ‘" + t($0.name) + "’" } ?? ""
            let what: String =
                switch r.allows {
                case .all: t("elk soort aanbod.", "any kind of offer.")
                case .whileRoom:
                    t(
                        "elk soort aanbod zolang er ruimte is; bij krapte vervalt dit als eerste (de klep).",
                        "any kind of offer while there is room; when money is short this lapses first (the valve).")
                case .listed:
                    r.types.isEmpty
                        ? t("geen aanbod; alleen handhaving.", "no offer; enforcement only.")
                        : t("alleen ", "only ") + kinds(r.types) + t("; verder handhaving.", "; otherwise enforcement.")
                case .none: t("niets (meer).", "nothing (any more).")
                }
            return el(
                "li", [], el("strong", [], txt(t("Categorie \(r.category)", "Category \(r.category)") + name)),
                txt(": " + what))
        }
        return section(
            el(
                "p", [],
                txt(
                    t(
                        "De categorie beslist over het geld. Deze regels gelden voor \(streams); ander geld (zoals volwasseneneducatie, inburgering of de Wmo) volgt zijn eigen wet. Een verwijzing die ertegenin gaat, wordt geweigerd met de reden.",
                        "The category decides the money. These rules apply to \(streams); other money (such as adult education, civic integration or the Wmo) follows its own law. A referral against them is refused with the reason."
                    ))),
            el("ul", [], items),
            el(
                "p", [],
                txt(
                    t(
                        "Zonder gemeentelijke uitkering (geen wettelijke plicht tot re-integratie): informatie en advies, en ",
                        "Without a municipal benefit (no legal duty to re-integrate): information and advice, and ")
                        + (rules.withoutDuty.isEmpty ? t("verder niets", "nothing else") : kinds(rules.withoutDuty))
                        + t("; geen traject.", "; no trajectory."))),
            el(
                "p", [],
                txt(
                    t(
                        "Recht of plicht: aanbod uit de Wmo (zoals dagbesteding) is een recht en vrijwillig; ander aanbod komt met de plicht tot meewerken uit de Participatiewet. Alleen bij een plicht wordt een week onder de afgesproken uren een niet-nagekomen afspraak, waarop de klantmanager kan handhaven, met eerst een herinnering. Wie kan maar niet wil (de route handhaving) krijgt eerst een voorschakeltraject van hooguit drie maanden, vóór een participatieplaats. Kostbaar aanbod zoals arbeidsmatige dagbesteding vraagt eerst toestemming van de specialist toegang voorzieningen; tot dan houdt een verwijzing geen plek en geen geld vast.",
                        "Right or duty: offers under the Wmo (such as day activities) are a right and voluntary; other offers come with the duty to co-operate of the Participatiewet. Only with a duty does a week below the agreed hours become a missed agreement the case manager can enforce, a reminder first. Whoever can but will not (the enforcement route) first gets a preparatory track of at most three months, before a participation place. Costly offers such as work-oriented day activities first need the approval of the provisions access specialist; until then a referral holds no place and no money."
                    ))),
            el(
                "p", [A("class", "hint")],
                txt(
                    t(
                        "Deze regels horen bij de versie van het beleid; wijzig ze in het formulier hieronder.",
                        "These rules belong to the policy's version; change them in the form below."))))
    }

    static func resultView(_ r: PolicySimulationService.SimulationResult, _ m: PolicyModel, _ v: ViewContext)
        -> HTMLNode
    {
        let t = v.t
        let labels = [t("geen categorie", "no category"), "1", "2", "3", "4", "5"]
        let matrix = el(
            "div", [A("class", "table-wrap"), A("tabindex", "0")],
            el(
                "table", [A("class", "data matrix")],
                el(
                    "caption", [],
                    txt(
                        t(
                            "Categorie nu (rijen) en volgens het concept (kolommen)",
                            "Category now (rows) and under the draft (columns)"))),
                el(
                    "thead", [],
                    el(
                        "tr", [],
                        [th(t("Nu (rijen), concept (kolommen)", "Now (rows), draft (columns)"))] + labels.map { th($0) }
                    )),
                el(
                    "tbody", [],
                    r.matrix.map { row in
                        let from = row.from == "open" ? labels[0] : row.from
                        return el(
                            "tr", [],
                            [el("th", [A("scope", "row")], txt(from))]
                                + row.counts.enumerated().map { n, c in
                                    el(
                                        "td",
                                        [A("class", labels[n] == from ? "num same" : c > 0 ? "num moved" : "num")],
                                        txt(String(c)))
                                })
                    })))
        let chart = BarChart.svg(
            id: "policy-districts", title: t("Verschuivingen per stadsdeel", "Shifts per district"),
            rows: r.changedByDistrict.map {
                BarChart.Row(
                    label: $0.label,
                    segments: [.init(value: $0.changed, colour: BarChart.committed, name: t("anders", "changed"))])
            })
        let draftName =
            r.policy.version == "concept"
            ? t("Het concept", "The draft")
            : t("Het concept (versie \(r.policy.version))", "The draft (version \(r.policy.version))")
        return el(
            "section", [A("class", "card"), A("aria-labelledby", "h-result")],
            el(
                "h2", [A("id", "h-result")],
                txt(
                    t(
                        "Uitkomst: \(r.changed) van \(r.total) inwoners krijgen een andere categorie",
                        "Result: \(r.changed) of \(r.total) residents get another category"))),
            el(
                "p", [],
                txt(
                    t(
                        "\(draftName) tegenover versie \(r.basedOn.version) die nu geldt. Geld dat al is vastgelegd voor mensen die uit categorie 1-3 gaan: \(Euro.text(r.committedAtRiskCents)). Nieuw in categorie 1-3: \(Plural.of(r.newlyInvested, "inwoner", "inwoners")).",
                        "\(draftName) against version \(r.basedOn.version), now in force. Money already committed to people leaving categories 1-3: \(Euro.text(r.committedAtRiskCents)). New in categories 1-3: \(Plural.of(r.newlyInvested, "resident", "residents"))."
                    ))),
            spendingEffect(r, t),
            matrix,
            r.changedByDistrict.isEmpty ? .empty : markup(chart))
    }

    /// The money effect of the spending rules: what running trajectories the rules would no longer pay.
    static func spendingEffect(_ r: PolicySimulationService.SimulationResult, _ t: Texts) -> HTMLNode {
        guard let now = r.notPaidNow, let draft = r.notPaidDraft else { return .empty }
        func said(_ n: PolicySimulation.NotPaid) -> String {
            n.count == 0
                ? t("geen", "none")
                : t(
                    "\(Plural.of(n.count, "traject", "trajecten")) met nog \(Euro.text(n.cents)) verplicht",
                    "\(Plural.of(n.count, "trajectory", "trajectories")) with \(Euro.text(n.cents)) still committed")
        }
        let delta = draft.cents - now.cents
        let effect =
            delta == 0
            ? t("De bestedingsregels veranderen hier niets aan.", "The spending rules change nothing here.")
            : delta > 0
                ? t(
                    "Onder het concept valt \(Euro.text(delta)) meer aan lopende verplichtingen buiten wat het budget mag betalen.",
                    "Under the draft, \(Euro.text(delta)) more of running commitments falls outside what the budget may pay."
                )
                : t(
                    "Onder het concept mag het budget \(Euro.text(-delta)) meer aan lopende verplichtingen betalen.",
                    "Under the draft, the budget may pay \(Euro.text(-delta)) more of running commitments.")
        return el(
            "p", [A("class", "spending-effect")],
            txt(
                t(
                    "Lopende trajecten uit het geld waarvoor de bestedingsregels gelden, die de regels niet (meer) laten betalen — nu: \(said(now)); onder het concept: \(said(draft)). ",
                    "Running trajectories paid from the money the spending rules govern, which the rules do not (any more) let be paid — now: \(said(now)); under the draft: \(said(draft)). "
                ) + effect))
    }

    /// The spending rules in the editor: per category what the budget pays (and which kinds when only
    /// some), and what it pays without a legal duty to re-integrate. Nothing when the version has none.
    static func spendingFields(
        _ base: DiagnosisPolicy, _ t: Texts, errors: FieldErrors, value: (String, String?) -> String?,
        checks: (String, String, [(value: String, label: String)], [String]) -> HTMLNode
    ) -> HTMLNode {
        guard let rules = base.spending else { return .empty }
        let kinds: [(value: String, label: String)] = InterventionType.allCases.map { ($0.rawValue, t($0.label)) }
        let allowances: [(value: String, label: String)] = SpendingRules.Allowance.allCases.map {
            ($0.rawValue, t($0.label))
        }
        return .group([
            el("h2", [], txt(t("Wat het budget betaalt", "What the budget pays for"))),
            .group(
                rules.categories.sorted { $0.category < $1.category }.map { r in
                    let key = "sp.\(r.category)"
                    let name = base.category(r.category).map { ": " + t($0.name) } ?? ""
                    return el(
                        "div", [A("class", "conditions")],
                        selectInput(
                            FormField(
                                name: "\(key).allows",
                                label: t("Categorie \(r.category)", "Category \(r.category)") + name,
                                errors: errors), options: allowances,
                            selected: value("\(key).allows", r.allows.rawValue)),
                        el(
                            "details", [],
                            el(
                                "summary", [],
                                txt(
                                    t(
                                        "Welke soorten bij ‘alleen de gekozen soorten’",
                                        "Which kinds with ‘only the kinds chosen’"))),
                            checks(
                                "\(key).types", t("Soorten aanbod", "Kinds of offer"), kinds, r.types.map(\.rawValue))))
                }),
            el(
                "div", [A("class", "conditions")],
                checks(
                    "sp.withoutDuty",
                    t(
                        "Zonder wettelijke plicht tot re-integratie (geen gemeentelijke uitkering) betaalt het budget alleen",
                        "Without a legal duty to re-integrate (no municipal benefit) the budget pays only for"),
                    kinds, rules.withoutDuty.map(\.rawValue))),
        ])
    }

    /// The draft as a form. Every field starts from the version the draft is based on, or from what was
    /// sent when the page comes back after "Simuleren" or an error.
    static func editorForm(_ m: PolicyModel, _ v: ViewContext) -> HTMLNode {
        let t = v.t
        let errors = m.errors
        let form = m.form
        let base = m.base.policy
        func value(_ name: String, _ current: String?) -> String? { form?[name] ?? current }
        func pair(_ key: String, _ label: String, _ current: LocalizedText?) -> HTMLNode {
            el(
                "fieldset", [A("class", "pair")], el("legend", [], txt(label)),
                textInput(
                    FormField(name: "\(key).nl", label: t("Nederlands", "Dutch"), errors: errors),
                    value: value("\(key).nl", current?.nl)),
                textInput(
                    FormField(name: "\(key).en", label: t("Engels", "English"), errors: errors),
                    value: value("\(key).en", current?.en)))
        }
        func checks(_ name: String, _ label: String, _ options: [(value: String, label: String)], _ current: [String])
            -> HTMLNode
        {
            let chosen = form.map { f in f["\(name).shown"] == nil ? Set(current) : Set(f.all(name)) } ?? Set(current)
            return .group([
                void("input", [A("type", "hidden"), A("name", "\(name).shown"), A("value", "1")]),
                choiceGroup(FormField(name: name, label: label, errors: errors), options: options, selected: chosen),
            ])
        }
        let categoryOptions: [(value: String, label: String)] = base.categories.sorted { $0.number < $1.number }.map {
            (String($0.number), t("Categorie \($0.number): ", "Category \($0.number): ") + t($0.name))
        }
        func conditionFields(_ key: String, _ c: Condition, category: Int) -> [HTMLNode] {
            let any = t("maakt niet uit", "does not matter")
            var nodes: [HTMLNode] = [
                selectInput(
                    FormField(name: "\(key).category", label: t("Categorie", "Category"), errors: errors),
                    options: categoryOptions, selected: value("\(key).category", String(category)))
            ]
            let yesNo: [(value: String, label: String)] = [
                ("", any), ("true", t("ja", "yes")), ("false", t("nee", "no")),
            ]
            for fact in PolicyEditor.facts {
                let current = c[keyPath: fact.path].map { $0 ? "true" : "false" } ?? ""
                nodes.append(
                    selectInput(
                        FormField(name: "\(key).\(fact.key)", label: t(fact.label), errors: errors), options: yesNo,
                        selected: value("\(key).\(fact.key)", current)))
            }
            nodes.append(
                selectInput(
                    FormField(name: "\(key).circumstance", label: t("Omstandigheid", "Circumstance"), errors: errors),
                    options: [("", any)] + Circumstance.allCases.map { ($0.rawValue, t($0.label)) },
                    selected: value("\(key).circumstance", c.circumstance?.rawValue ?? "")))
            nodes.append(
                selectInput(
                    FormField(name: "\(key).wish", label: t("Wens", "Wish"), errors: errors),
                    options: [("", any)] + Wish.allCases.map { ($0.rawValue, t($0.label)) },
                    selected: value("\(key).wish", c.wish?.rawValue ?? "")))
            for (field, label, current) in [
                ("minAge", t("Vanaf leeftijd", "From age"), c.minAge),
                ("maxAge", t("Tot en met leeftijd", "Up to and including age"), c.maxAge),
            ] {
                nodes.append(
                    textInput(
                        FormField(
                            name: "\(key).\(field)", label: label, hint: t("Leeg: geen grens", "Empty: no limit"),
                            errors: errors),
                        value: value("\(key).\(field)", current.map(String.init)), extra: [A("inputmode", "numeric")]))
            }
            nodes.append(
                checks(
                    "\(key).civicIntegration",
                    t(
                        "Inburgering (niets aangevinkt: maakt niet uit)",
                        "Civic integration (none ticked: does not matter)"),
                    CivicIntegration.allCases.map { ($0.rawValue, t($0.label)) },
                    c.civicIntegration?.map(\.rawValue) ?? []))
            return nodes
        }
        func hasError(_ prefix: String) -> Bool { errors.messages.contains { $0.name.hasPrefix(prefix) } }

        let groups = base.targetGroups.sorted { $0.category < $1.category }
        let groupNodes: [HTMLNode] = base.categories.sorted { $0.number < $1.number }.map { cat in
            let inCategory = groups.filter { $0.category == cat.number }
            return el(
                "div", [A("class", "policy-category")],
                el(
                    "h3", [],
                    txt(
                        t("Categorie \(cat.number): ", "Category \(cat.number): ") + t(cat.name) + " ("
                            + Plural.of(
                                inCategory.count, t("doelgroep", "target group"), t("doelgroepen", "target groups"))
                            + ")")),
                .group(
                    inCategory.map { g in
                        let key = "tg.\(g.id)"
                        let removed = form?["\(key).remove"] == "1"
                        return el(
                            "details",
                            [A("class", "policy-group card"), A.flag("open", hasError(key + ".") || removed)],
                            el(
                                "summary", [],
                                el("strong", [], txt(t(g.name))),
                                el("span", [A("class", "hint")], txt(" — " + PolicyEditor.words(g.when, v.language)))),
                            pair("\(key).name", t("Naam", "Name"), g.name),
                            el("div", [A("class", "conditions")], conditionFields(key, g.when, category: g.category)),
                            el(
                                "div", [A("class", "choice")],
                                void(
                                    "input",
                                    [
                                        A("type", "checkbox"), A("id", fieldID("\(key).remove")),
                                        A("name", "\(key).remove"),
                                        A("value", "1"), A.flag("checked", removed),
                                    ]),
                                el(
                                    "label", [A("for", fieldID("\(key).remove"))],
                                    txt(t("Deze doelgroep laten vervallen", "Drop this target group")))))
                    }))
        }
        let newOpen = hasError("new.") || !(form?["new.name.nl"] ?? "").isEmpty
        return el(
            "form",
            [
                A("method", "post"), A("action", "/beleid/simulatie"), A("class", "card policy-editor"),
                A("novalidate", ""),
            ],
            csrfField(v.csrfToken),
            void("input", [A("type", "hidden"), A("name", "base"), A("value", form?["base"] ?? m.base.ref)]),
            el("h2", [], txt(t("Concept", "Draft"))),
            textInput(
                FormField(
                    name: "version", label: t("Nummer van de nieuwe versie", "Number of the new version"),
                    hint: t(
                        "Nodig om vast te stellen, bijvoorbeeld \(m.suggestedVersion). Een nummer dat al bestaat wordt geweigerd.",
                        "Needed to adopt, for example \(m.suggestedVersion). A number that exists is refused."),
                    errors: errors), value: value("version", m.suggestedVersion)),
            el(
                "div", [A("class", "conditions")],
                textInput(
                    FormField(
                        name: "workingAge.min", label: t("Werkende leeftijd vanaf", "Working age from"), errors: errors),
                    value: value("workingAge.min", String(base.workingAge.lowerBound)),
                    extra: [A("inputmode", "numeric")]),
                textInput(
                    FormField(
                        name: "workingAge.max",
                        label: t("Werkende leeftijd tot en met", "Working age up to and including"),
                        errors: errors),
                    value: value("workingAge.max", String(base.workingAge.upperBound)),
                    extra: [A("inputmode", "numeric")])),
            checks(
                "municipalBenefits",
                t("Uitkeringen die als gemeentelijke uitkering tellen", "Benefits that count as municipal"),
                BenefitKind.allCases.filter { $0 != .none }.map { ($0.rawValue, t($0.label)) },
                base.municipalBenefits.map(\.rawValue)),
            el(
                "details",
                [A("class", "policy-group card"), A.flag("open", hasError("cat.") || hasError("name."))],
                el(
                    "summary", [],
                    el(
                        "strong", [],
                        txt(t("Namen van het beleid en de categorieën", "Names of the policy and the categories")))),
                pair("name", t("Naam van het beleid", "Name of the policy"), base.name),
                .group(
                    base.categories.sorted { $0.number < $1.number }.map {
                        pair("cat.\($0.number)", t("Categorie \($0.number)", "Category \($0.number)"), $0.name)
                    })),
            el("h2", [], txt(t("Doelgroepen", "Target groups"))),
            el(
                "p", [A("class", "hint")],
                txt(
                    t(
                        "Iemand hoort bij een doelgroep als alle gekozen voorwaarden gelden. Hoort iemand bij meer doelgroepen, dan telt de hoogste prioriteit (het laagste nummer). Open een doelgroep om haar te wijzigen.",
                        "A person belongs to a target group when all chosen conditions hold. Belonging to several, the highest priority (the lowest number) counts. Open a target group to change it."
                    ))),
            .group(groupNodes),
            el(
                "details", [A("class", "policy-group card"), A.flag("open", newOpen)],
                el("summary", [], el("strong", [], txt(t("Nieuwe doelgroep toevoegen", "Add a target group")))),
                pair("new.name", t("Naam", "Name"), nil),
                el("div", [A("class", "conditions")], conditionFields("new", Condition(), category: 3))),
            el("h2", [], txt(t("Stadsdeeltafel", "District case table"))),
            el(
                "div", [A("class", "conditions")],
                selectInput(
                    FormField(
                        name: "caseTable.maxScore",
                        label: t(
                            "Een ZRM-domein telt als probleem bij score", "A ZRM domain counts as a problem at score"),
                        errors: errors),
                    options: (1...5).map { (String($0), t("\($0) of lager", "\($0) or lower")) },
                    selected: value("caseTable.maxScore", String(base.caseTable.maxScore))),
                textInput(
                    FormField(
                        name: "caseTable.minDomains",
                        label: t(
                            "Voorstel aan de tafel vanaf dit aantal domeinen",
                            "Proposed to the table from this many domains"),
                        errors: errors),
                    value: value("caseTable.minDomains", String(base.caseTable.minDomains)),
                    extra: [A("inputmode", "numeric")])),
            spendingFields(base, t, errors: errors, value: value, checks: checks),
            el(
                "p", [A("class", "hint")],
                txt(
                    t(
                        "De routes (welke begeleiding iemand krijgt) blijven zoals in versie \(base.version); die veranderen met een beleidsbestand.",
                        "The routes (which guidance a person gets) stay as in version \(base.version); they change with a policy file."
                    ))),
            button(t("Simuleren", "Simulate"), name: "action", value: "simulate"),
            m.mayAdopt && (m.result != nil || form?["action"] == "adopt")
                ? el(
                    "fieldset", [A("class", "card adopt")],
                    el("legend", [], txt(t("Vaststellen", "Adopt"))),
                    el(
                        "p", [],
                        txt(
                            t(
                                "Vanaf het vaststellen gebruiken nieuwe diagnoses deze versie; bestaande diagnoses houden hun versie. Het besluit wordt vastgelegd.",
                                "From adoption on, new diagnoses use this version; existing ones keep theirs. The decision is recorded."
                            ))),
                    textArea(
                        FormField(name: "reason", label: t("Besluit en reden", "Decision and reason"), errors: errors),
                        value: form?["reason"], rows: 2),
                    button(t("Deze versie vaststellen", "Adopt this version"), name: "action", value: "adopt"))
                : .empty)
    }

    static func versionsView(
        _ m: PolicyModel, _ v: ViewContext, when: (PolicySimulationService.Version) -> String
    ) -> HTMLNode {
        let t = v.t
        return el(
            "section", [A("class", "card"), A("aria-labelledby", "h-versions")],
            el("h2", [A("id", "h-versions")], txt(t("Versies", "Versions"))),
            dataTable(
                [
                    t("Versie", "Version"), t("Naam", "Name"), t("Herkomst", "Origin"), t("Besluit", "Decision"),
                    t("Geldt", "In force"), "",
                ],
                m.versions.map { ver in
                    [
                        td(ver.policy.version),
                        td(t(ver.policy.name)),
                        td(when(ver)),
                        td(ver.reason ?? "—"),
                        td(ver.inForce ? t("ja, nu", "yes, now") : t("nee", "no")),
                        el(
                            "td", [],
                            ver.inForce
                                ? link("/beleid/simulatie", t("Als concept bewerken", "Edit as a draft"))
                                : link(
                                    "/beleid/simulatie?vanaf=\(ver.ref)",
                                    t("Terug naar deze versie", "Back to this version"))),
                    ]
                }, caption: t("Nieuwste eerst", "Newest first")))
    }
}

extension SpendingRules.Allowance {
    /// What the budget pays for a category under this allowance, as the policy form offers it.
    var label: LocalizedText {
        switch self {
        case .all: .init(nl: "elk soort aanbod", en: "any kind of offer")
        case .whileRoom:
            .init(
                nl: "elk soort aanbod zolang er ruimte is (vervalt als eerste bij krapte)",
                en: "any kind of offer while there is room (lapses first when money is short)")
        case .listed:
            .init(
                nl: "alleen de gekozen soorten aanbod (verder handhaving)",
                en: "only the kinds of offer chosen (otherwise enforcement)")
        case .none: .init(nl: "niets (meer)", en: "nothing (any more)")
        }
    }
}
