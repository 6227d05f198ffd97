import Foundation
import MeedoenCore
import Plot

/// The view kit: Plot nodes for page bodies, with no request and no database — a view renders its
/// model with these alone (see ViewTests). This is the one place raw markup enters a page.
/// Plot nodes for page bodies. Plot renders attribute values unescaped and keeps `&…;` entities in
/// text, so everything user-supplied goes through `escape` here (see `attr` and `txt`).
typealias HTMLNode = Node<HTML.BodyContext>

func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for c in s {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(c)
        }
    }
    return out
}

/// Escaped text.
func txt(_ s: String) -> HTMLNode { .raw(escape(s)) }
/// Markup the server drew itself (the SVG charts), inserted as it is. Never for text from a user.
func markup(_ s: String) -> HTMLNode { .raw(s) }

/// An attribute with an escaped value; nil leaves it out, "" renders a bare boolean attribute.
struct A {
    let name: String
    let value: String?
    init(_ name: String, _ value: String?) {
        self.name = name
        self.value = value
    }
    static func flag(_ name: String, _ on: Bool) -> A { A(name, on ? "" : nil) }
    var node: HTMLNode? {
        guard let value else { return nil }
        return value.isEmpty ? .attribute(named: name) : .attribute(named: name, value: escape(value))
    }
}

/// Any element: `el("section", [A("class", "card")], children…)`.
func el(_ name: String, _ attrs: [A] = [], _ children: HTMLNode...) -> HTMLNode {
    el(name, attrs, children)
}

func el(_ name: String, _ attrs: [A], _ children: [HTMLNode]) -> HTMLNode {
    .element(named: name, nodes: attrs.compactMap(\.node) + children)
}

func void(_ name: String, _ attrs: [A]) -> HTMLNode {
    .selfClosedElement(
        named: name,
        attributes: attrs.compactMap { a -> Attribute<HTML.BodyContext>? in
            guard let v = a.value else { return nil }
            return Attribute(name: a.name, value: v.isEmpty ? nil : escape(v), ignoreIfValueIsEmpty: false)
        })
}

func link(_ href: String, _ text: String, _ attrs: [A] = []) -> HTMLNode {
    el("a", [A("href", href)] + attrs, txt(text))
}

/// Dutch first, English second.
struct Texts {
    let language: MeedoenCore.Language
    func callAsFunction(_ nl: String, _ en: String) -> String { language == .nl ? nl : en }
    func callAsFunction(_ text: LocalizedText) -> String { text.text(language) }
}

/// Field errors of a failed submission, by field name, in the page's language.
struct FieldErrors {
    var messages: [(name: String, text: String)] = []
    init() {}
    init(_ error: DomainError, _ language: MeedoenCore.Language) {
        messages = error.fields.map { ($0.name, $0.reason.text(language)) }
        if messages.isEmpty, let detail = error.detail { messages = [("", detail.text(language))] }
    }
    func message(_ name: String) -> String? {
        messages.first { $0.name == name || $0.name.hasPrefix(name + "[") || $0.name.hasPrefix(name + ".") }?.text
    }
    var isEmpty: Bool { messages.isEmpty }
}

func fieldID(_ name: String) -> String {
    "f-" + name.map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
}

/// The error summary at the top of a form: each message links to its field (WCAG 3.3.1), named by
/// the field's own label. The label given here (this form's `labels`, else the shared ones) is a
/// first guess: the page layout replaces it with the text of the field's `<label>` or `<legend>` on
/// the page, and drops the link of a message whose field is not on the page (`ErrorSummary.resolve`).
func errorSummary(_ errors: FieldErrors, _ t: Texts, labels: [String: String] = [:]) -> HTMLNode {
    guard !errors.isEmpty else { return .empty }
    return el(
        "div", [A("class", "error-summary"), A("role", "alert"), A("tabindex", "-1"), A("id", "error-summary")],
        el("h2", [], txt(t("Controleer de invoer", "Please check your input"))),
        el(
            "ul", [],
            errors.messages.map { m in
                guard !m.name.isEmpty else { return el("li", [], txt(m.text)) }
                let id = fieldID(anchorName(m.name))
                let label = labels[anchorName(m.name)] ?? knownFieldLabel(m.name, t) ?? ""
                return el(
                    "li", [],
                    el(
                        "a", [A("href", "#" + id), A("data-summary-field", id)],
                        el("span", [A("class", "summary-label")], txt(label)), txt(": " + m.text)))
            }))
}

enum ErrorSummary {
    /// Names each message of the page's error summary by its field's label on the page, and unlinks
    /// a message whose field is not there (it keeps only the message).
    static func resolve(_ html: String) -> String {
        guard html.contains("data-summary-field=") else { return html }
        var labels: [String: String] = [:]
        for m in html.matches(of: /<label for="(f-[^"]+)">([^<]*)<\/label>/) { labels[String(m.1)] = String(m.2) }
        for m in html.matches(of: /<fieldset[^>]* id="(f-[^"]+)"[^>]*><legend>([^<]*)<\/legend>/) {
            labels[String(m.1)] = String(m.2)
        }
        return html.replacing(
            /<a href="#(f-[^"]+)" data-summary-field="[^"]+"><span class="summary-label">([^<]*)<\/span>: ([^<]*)<\/a>/
        ) { m in
            let id = String(m.1)
            if let label = labels[id] {
                // "Wat is er aan de hand?" is named "Wat is er aan de hand: Dit veld is verplicht."
                let name = label.trimmingCharacters(in: CharacterSet(charactersIn: "?: "))
                return "<a href=\"#\(id)\">\(name): \(m.3)</a>"
            }
            if !m.2.isEmpty && html.contains("id=\"\(id)\"") { return "<a href=\"#\(id)\">\(m.2): \(m.3)</a>" }
            return String(m.3)
        }
    }
}

/// The field a message belongs to: `circumstances[1]` → `circumstances`; `scores.justitie` stays (one select each).
func anchorName(_ name: String) -> String {
    String(name.split(separator: "[").first ?? Substring(name))
}

/// Labels for the error summary, so it speaks of "Geboortedatum", not "birthDate".
func fieldLabel(_ name: String, _ t: Texts) -> String { knownFieldLabel(name, t) ?? t("Veld", "Field") }

/// The shared label of a field name, or nil for a name no form field carries.
func knownFieldLabel(_ name: String, _ t: Texts) -> String? {
    let labels: [String: (String, String)] = [
        "bsn": ("BSN", "BSN"), "givenName": ("Voornaam", "Given name"), "familyName": ("Achternaam", "Family name"),
        "birthDate": ("Geboortedatum", "Date of birth"), "districtCode": ("Stadsdeel", "District"),
        "benefit": ("Uitkering", "Benefit"),
        "civicIntegration": ("Inburgering", "Civic integration"), "circumstances": ("Omstandigheden", "Circumstances"),
        "wishes": ("Wensen", "Wishes"), "phone": ("Telefoon", "Phone"), "email": ("E-mail", "E-mail"),
        "username": ("Gebruikersnaam", "User name"),
        "rung": ("Trede", "Rung"), "facts": ("Feiten", "Facts"),
        "overrideReason": ("Reden van afwijken", "Reason for deviating"),
        "ladderId": ("Ladder", "Ladder"), "participationDomain": ("Participatiedomein", "Participation domain"),
        "assessedOn": ("Datum", "Date"),
        "workProspect": ("Perspectief op werk", "Prospect of work"), "selfReliant": ("Zelfredzaam", "Self-reliant"),
        "motivated": ("Gemotiveerd", "Motivated"),
        "risks": ("Risico's", "Risks"), "decidedRoute": ("Route", "Route"),
        "decidedCategory": ("Categorie", "Category"),
        "deviationReason": ("Reden van afwijken", "Reason for deviating"),
        "amountCents": ("Bedrag", "Amount"), "cardCode": ("Kaartcode", "Card code"),
        "Idempotency-Key": ("Formulier", "Form"),
        "totalCents": ("Totaal", "Total"), "total": ("Totaal", "Total"), "year": ("Jaar", "Year"),
        "reason": ("Reden", "Reason"), "streamCode": ("Stroom", "Stream"), "percent": ("Percentage", "Percentage"),
        "amount": ("Bedrag", "Amount"),
        "policy": ("Conceptbeleid", "Draft policy"), "heldOn": ("Datum", "Date"), "note": ("Toelichting", "Note"),
        "alternatives": ("Geprobeerde alternatieven", "Alternatives tried"),
        "violation": ("Soort verwijtbaar gedrag", "Kind of violation"),
        "decision": ("Besluit", "Decision"), "relation": ("Relatie", "Relation"), "status": ("Stap", "Step"),
        "incentiveKind": ("Soort", "Kind"), "incentiveAmount": ("Bedrag", "Amount"),
        "incentiveHours": ("Uren", "Hours"), "incentivePeriod": ("Periode", "Period"),
        "activity": ("Activiteit", "Activity"), "hours": ("Uren", "Hours"),
        "description": ("Wat is er aan de hand", "What is going on"), "source": ("Van wie", "From whom"),
        "kind": ("Soort", "Kind"),
        "address": ("Adres", "Address"), "dueOn": ("Opvolgen vóór", "Follow up by"),
        "caseManagerId": ("Klantmanager", "Case manager"),
        "document": ("Wegwijzer", "Guide"), "onDate": ("Datum", "Date"), "date": ("Datum", "Date"),
        "time": ("Tijd", "Time"),
        "place": ("Waar", "Where"), "about": ("Waarover", "About"), "personId": ("Inwoner", "Resident"),
        "useful": ("Geholpen", "Helped"), "respect": ("Met respect", "With respect"),
        "recommend": ("Aanraden", "Recommend"), "comment": ("Opmerking", "Comment"),
        "leftOn": ("Datum van uitstroom", "Date of leaving"), "exam": ("Examen", "Exam"),
        "incentiveHousehold": ("Huishouden van de uitkering", "Household of the benefit"),
        "householdType": ("Huishouden van de uitkering", "Household of the benefit"),
        "what": ("Wat", "What"), "hoursPerWeek": ("Uren per week", "Hours a week"),
        "informalCare": ("Mantelzorg", "Informal care"), "duty": ("Ontheffing van", "Exemption from"),
        "cFrom": ("Vanaf", "From"), "cUntil": ("Tot en met", "Until"), "eFrom": ("Vanaf", "From"),
        "eUntil": ("Tot en met", "Until"), "eReason": ("Reden", "Reason"),
    ]
    let base = anchorName(name)
    if base.hasPrefix("scores."), let domain = ZrmDomain(rawValue: String(base.dropFirst(7))) { return t(domain.label) }
    return labels[base].map { t($0.0, $0.1) }
}

struct FormField {
    var name: String
    var label: String
    var hint: String? = nil
    var errors: FieldErrors

    var id: String { fieldID(name) }
    var error: String? { errors.message(name) }
    var describedBy: String? {
        let ids = [hint == nil ? nil : id + "-hint", error == nil ? nil : id + "-error"].compactMap { $0 }
        return ids.isEmpty ? nil : ids.joined(separator: " ")
    }
    var head: [HTMLNode] {
        [
            el("label", [A("for", id)], txt(label)),
            hint.map { el("p", [A("class", "hint"), A("id", id + "-hint")], txt($0)) } ?? .empty,
            error.map { el("p", [A("class", "field-error"), A("id", id + "-error")], txt($0)) } ?? .empty,
        ]
    }
    var invalid: A { A("aria-invalid", error == nil ? nil : "true") }
}

func textInput(
    _ f: FormField, value: String?, type: String = "text", required: Bool = false, autocomplete: String? = nil,
    extra: [A] = []
) -> HTMLNode {
    el(
        "div", [A("class", f.error == nil ? "field" : "field has-error")],
        f.head + [
            void(
                "input",
                [
                    A("type", type), A("id", f.id), A("name", f.name), A("value", value ?? ""),
                    A.flag("required", required),
                    A("aria-describedby", f.describedBy), f.invalid, A("autocomplete", autocomplete),
                ] + extra)
        ])
}

func textArea(_ f: FormField, value: String?, rows: Int = 3) -> HTMLNode {
    el(
        "div", [A("class", f.error == nil ? "field" : "field has-error")],
        f.head + [
            el(
                "textarea",
                [
                    A("id", f.id), A("name", f.name), A("rows", String(rows)), A("aria-describedby", f.describedBy),
                    f.invalid,
                ],
                txt(value ?? ""))
        ])
}

func selectInput(_ f: FormField, options: [(value: String, label: String)], selected: String?, required: Bool = false)
    -> HTMLNode
{
    el(
        "div", [A("class", f.error == nil ? "field" : "field has-error")],
        f.head + [
            el(
                "select",
                [
                    A("id", f.id), A("name", f.name), A.flag("required", required),
                    A("aria-describedby", f.describedBy), f.invalid,
                ],
                options.map { o in
                    el("option", [A("value", o.value), A.flag("selected", o.value == selected)], txt(o.label))
                })
        ])
}

/// A group of checkboxes (several values under one name) or radios, in a fieldset with a legend.
func choiceGroup(
    _ f: FormField, type: String = "checkbox", options: [(value: String, label: String)], selected: Set<String>
) -> HTMLNode {
    el(
        "fieldset",
        [
            A("class", f.error == nil ? "field choices" : "field choices has-error"), A("id", f.id),
            A("aria-describedby", f.describedBy),
        ],
        [
            el("legend", [], txt(f.label)),
            f.hint.map { el("p", [A("class", "hint"), A("id", f.id + "-hint")], txt($0)) } ?? .empty,
            f.error.map { el("p", [A("class", "field-error"), A("id", f.id + "-error")], txt($0)) } ?? .empty,
        ]
            + options.enumerated().map { i, o in
                el(
                    "div", [A("class", "choice")],
                    void(
                        "input",
                        [
                            A("type", type), A("id", "\(f.id)-\(i)"), A("name", f.name), A("value", o.value),
                            A.flag("checked", selected.contains(o.value)),
                        ]),
                    el("label", [A("for", "\(f.id)-\(i)")], txt(o.label)))
            })
}

func yesNo(_ f: FormField, selected: Bool?, _ t: Texts) -> HTMLNode {
    choiceGroup(
        f, type: "radio", options: [("true", t("Ja", "Yes")), ("false", t("Nee", "No"))],
        selected: selected.map { [$0 ? "true" : "false"] } ?? [])
}

func button(_ label: String, name: String? = nil, value: String? = nil, secondary: Bool = false) -> HTMLNode {
    el(
        "button",
        [
            A("type", "submit"), A("name", name), A("value", value),
            A("class", secondary ? "button secondary" : "button"),
        ], txt(label))
}

func csrfField(_ token: String) -> HTMLNode {
    void("input", [A("type", "hidden"), A("name", "_csrf"), A("value", token)])
}

/// Dates and times as people in Amsterdam read them: "27-11-2026 16:05".
enum DateFormatting {
    static func local(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%02d-%02d-%04d %02d:%02d", c.day!, c.month!, c.year!, c.hour!, c.minute!)
    }
}

extension DateFormatting {
    /// A date as people write it in a letter: "1 januari 2027" (English: "1 January 2027").
    static func long(_ day: CalendarDate, _ language: MeedoenCore.Language) -> String {
        day.long(language)
    }

    static func long(_ date: Date, _ language: MeedoenCore.Language) -> String {
        long(Clock.today(now: date), language)
    }

    /// A stored ISO day in a letter or a sentence: "1 januari 2027"; nil or unreadable gives "—".
    static func long(iso: String?, _ language: MeedoenCore.Language) -> String {
        iso.flatMap(CalendarDate.init(iso:)).map { long($0, language) } ?? "—"
    }

    /// A stored local moment ("2026-12-08T10:00", an appointment): "08-12-2026 10:00", or in a
    /// sentence (`long`) "8 december 2026 om 10:00".
    static func moment(iso: String, _ language: MeedoenCore.Language, long useLong: Bool = false) -> String {
        let parts = iso.split(separator: "T", maxSplits: 1).map(String.init)
        guard let day = parts.first.flatMap(CalendarDate.init(iso:)) else { return "—" }
        let time = parts.count > 1 ? String(parts[1].prefix(5)) : ""
        if useLong { return long(day, language) + (time.isEmpty ? "" : (language == .nl ? " om " : " at ") + time) }
        return Self.day(day) + (time.isEmpty ? "" : " " + time)
    }

    /// A day in a table or a list: "01-12-2026".
    static func day(_ day: CalendarDate) -> String {
        String(format: "%02d-%02d-%04d", day.day, day.month, day.year)
    }

    /// A stored month ("2026-12", a payment period): "december 2026"; unreadable is shown as given.
    static func month(iso: String, _ language: MeedoenCore.Language) -> String {
        guard let day = CalendarDate(iso: iso + "-01") else { return iso }
        let long = day.long(language)
        return long.split(separator: " ").dropFirst().joined(separator: " ")
    }

    /// A stored ISO day in a table: "01-12-2026"; nil or unreadable gives "—".
    static func day(iso: String?) -> String {
        iso.flatMap(CalendarDate.init(iso:)).map(day) ?? "—"
    }
}

/// A table cell with a date (and time): never broken at its hyphens on a narrow screen.
func dateCell(_ text: String) -> HTMLNode { el("td", [A("class", "date")], txt(text)) }

/// A table of figures or records: a header row of column headers and one row per record, scrollable
/// on a narrow screen.
func dataTable(_ headers: [String], _ rows: [[HTMLNode]], caption: String? = nil) -> HTMLNode {
    el(
        "div", [A("class", "table-wrap"), A("tabindex", "0")],
        el(
            "table", [A("class", "data")],
            caption.map { el("caption", [], txt($0)) } ?? .empty,
            el("thead", [], el("tr", [], headers.map { el("th", [A("scope", "col")], txt($0)) })),
            el("tbody", [], rows.map { el("tr", [], $0) })))
}

func td(_ s: String) -> HTMLNode { el("td", [], txt(s)) }

/// Counts in words with the right plural: "1 maand", "3 maanden".
enum Plural {
    static func of(_ n: Int, _ one: String, _ many: String) -> String { "\(n) \(n == 1 ? one : many)" }
    static func months(_ n: Int, _ language: MeedoenCore.Language) -> String {
        language == .nl ? of(n, "maand", "maanden") : of(n, "month", "months")
    }
    static func days(_ n: Int, _ language: MeedoenCore.Language) -> String {
        language == .nl ? of(n, "dag", "dagen") : of(n, "day", "days")
    }
}

/// "← Vorige · Pagina 2 van 5 · Volgende →" under a list that can grow; `href` gives a page's address
/// (keeping the list's filters). Nothing when it all fits on one page.
func pager(page: Int, pages: Int, _ t: Texts, href: (Int) -> String) -> HTMLNode {
    guard pages > 1 else { return .empty }
    return el(
        "nav", [A("class", "pager"), A("aria-label", t("Pagina's", "Pages"))],
        page > 1 ? link(href(page - 1), t("← Vorige", "← Previous"), [A("rel", "prev")]) : .empty,
        el("span", [], txt(t("Pagina \(page) van \(pages)", "Page \(page) of \(pages)"))),
        page < pages ? link(href(page + 1), t("Volgende →", "Next →"), [A("rel", "next")]) : .empty)
}

/// A query value for an address: `?q=` + `query("Iris Dijkstra")`.
func query(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "" }

/// A wide table in a box that scrolls sideways on a narrow screen (and can be scrolled with the keyboard),
/// so the page itself never does (WCAG 1.4.10).
func scrollable(_ table: HTMLNode) -> HTMLNode {
    el("div", [A("class", "table-wrap"), A("tabindex", "0")], table)
}
