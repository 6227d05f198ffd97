import Foundation
import MeedoenCore

extension DiagnosisForm {

    /// The diagnosis form: the facts, the proposal with its reasons, and a decision (a deviation needs a reason).
    static func view(
        person: Person, policy: DiagnosisPolicy, _ v: ViewContext, form: FormData? = nil,
        proposal: DiagnosisProposal? = nil, errors: FieldErrors = FieldErrors()
    ) -> HTMLNode {
        let t = v.t
        let circumstances = form.map { Set($0.all("circumstances")) } ?? Set(person.circumstances)
        let wishes = form.map { Set($0.all("wishes")) } ?? Set(person.wishes)
        func bool(_ name: String) -> Bool? { form?[name].map { $0 == "true" } }
        let proposalBox: HTMLNode =
            proposal.map { p in
                el(
                    "section",
                    [
                        A("class", "proposal"), A("aria-labelledby", "h-proposal"), A("tabindex", "-1"),
                        A("id", "proposal"),
                    ],
                    el("h2", [A("id", "h-proposal")], txt(t("Voorstel", "Proposal") + ": " + t(p.route.label))),
                    el(
                        "p", [],
                        el(
                            "span", [A("class", "badge cat-\(p.category.map(String.init) ?? "none")")],
                            txt(
                                p.category.map { t("Categorie \($0)", "Category \($0)") }
                                    ?? t(
                                        "Geen categorie — professioneel oordeel nodig",
                                        "No category — professional judgement needed"))),
                        p.caseTableProposed
                            ? el(
                                "span", [A("class", "badge warn")],
                                txt(t("Stadsdeeltafel voorgesteld", "Case table proposed"))) : .empty,
                        p.enforcementAvailable
                            ? el("span", [A("class", "badge")], txt(t("Handhaving mogelijk", "Enforcement available")))
                            : .empty),
                    el("ul", [], p.reasons.map { el("li", [], txt(t($0.text))) }))
            } ?? .empty
        let routeOptions =
            [("", t("Volg het voorstel", "Follow the proposal"))] + Route.allCases.map { ($0.rawValue, t($0.label)) }
        let categoryOptions =
            [("", t("Volg het voorstel", "Follow the proposal")), ("none", t("Geen categorie", "No category"))]
            + (1...5).map { n in (String(n), "\(n) — " + (policy.category(n).map { t($0.name) } ?? "")) }
        return el(
            "section", [A("class", "card form-card")],
            el("p", [A("class", "breadcrumb")], link("/personen/\(person.id!)", "← \(person.fullName)")),
            el("h1", [], txt(t("Diagnose voor \(person.fullName)", "Diagnosis for \(person.fullName)"))),
            el(
                "p", [],
                txt(
                    t(
                        "Het systeem stelt voor; u beslist. Wijkt u af, leg dan uit waarom.",
                        "The system proposes; you decide. If you deviate, explain why."))),
            errorSummary(errors, t),
            proposalBox,
            el(
                "form",
                [A("method", "post"), A("action", "/personen/\(person.id!)/diagnose"), A("novalidate", "")],
                csrfField(v.csrfToken),
                yesNo(
                    FormField(
                        name: "workProspect", label: t("Perspectief op betaald werk?", "Prospect of paid work?"),
                        errors: errors), selected: bool("workProspect"), t),
                yesNo(
                    FormField(
                        name: "selfReliant", label: t("Redt zich op eigen kracht?", "Manages on own strength?"),
                        errors: errors), selected: bool("selfReliant"), t),
                yesNo(
                    FormField(name: "motivated", label: t("Gemotiveerd?", "Motivated?"), errors: errors),
                    selected: bool("motivated"), t),
                choiceGroup(
                    FormField(name: "risks", label: t("Risico's", "Risks"), errors: errors),
                    options: Risk.allCases.map { ($0.rawValue, t($0.label)) },
                    selected: Set(form?.all("risks") ?? [])),
                choiceGroup(
                    FormField(name: "circumstances", label: t("Omstandigheden", "Circumstances"), errors: errors),
                    options: Circumstance.allCases.map { ($0.rawValue, t($0.label)) }, selected: circumstances),
                choiceGroup(
                    FormField(name: "wishes", label: t("Wensen", "Wishes"), errors: errors),
                    options: Wish.allCases.map { ($0.rawValue, t($0.label)) }, selected: wishes),
                el(
                    "p", [A("class", "hint")],
                    txt(
                        t(
                            "De laatste ZRM uit het dossier telt mee voor het voorstel van de stadsdeeltafel.",
                            "The latest ZRM in the file counts towards the case-table proposal."))),
                button(
                    t("Voorstel bekijken", "See proposal"), name: "action", value: "preview",
                    secondary: proposal != nil),
                proposal == nil
                    ? .empty
                    : el(
                        "fieldset", [A("class", "decision")],
                        el("legend", [], txt(t("Uw besluit", "Your decision"))),
                        selectInput(
                            FormField(name: "decidedRoute", label: t("Route", "Route"), errors: errors),
                            options: routeOptions, selected: form?["decidedRoute"]),
                        selectInput(
                            FormField(name: "decidedCategory", label: t("Categorie", "Category"), errors: errors),
                            options: categoryOptions, selected: form?["decidedCategory"]),
                        textArea(
                            FormField(
                                name: "deviationReason", label: t("Reden van afwijken", "Reason for deviating"),
                                hint: t(
                                    "Verplicht als u afwijkt van het voorstel.",
                                    "Required when you deviate from the proposal."), errors: errors),
                            value: form?["deviationReason"]),
                        button(t("Diagnose vastleggen", "Record diagnosis"), name: "action", value: "save"))))
    }
}
