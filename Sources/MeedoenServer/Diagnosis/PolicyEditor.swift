import Foundation
import MeedoenCore

/// The diagnosis policy as a form (`/beleid/simulatie`): its name, the working age, which benefits
/// count as municipal, the five categories, every target group with its category and conditions, one
/// new target group, and the case-table rule. The routes come from the version the draft starts from
/// (they change with a file). The draft is checked field by field in Dutch and English, then with
/// the same rules as a policy file (`DiagnosisPolicy.load`).
///
/// Field names: `version`, `name.nl`, `workingAge.min`, `municipalBenefits` (several), `cat.3.nl`,
/// `tg.<id>.name.nl`, `tg.<id>.category`, `tg.<id>.<fact>` ("", "true", "false"),
/// `tg.<id>.civicIntegration` (several), `tg.<id>.circumstance`, `tg.<id>.wish`, `tg.<id>.minAge`,
/// `tg.<id>.remove`, the same under `new.` for a new group, `caseTable.maxScore`, the spending rules
/// `sp.<category>.allows` (all, whileRoom, listed, none), `sp.<category>.types` and `sp.withoutDuty`
/// (several). A field that is
/// not sent keeps the value of the version the draft starts from; a group of checkboxes is read only
/// when its `….shown` marker is sent (none ticked is then an answer).
enum PolicyEditor {
    /// The yes/no facts a condition can ask for, in the order the form shows them.
    static let facts: [(key: String, label: LocalizedText, path: WritableKeyPath<Condition, Bool?>)] = [
        ("workProspect", .init(nl: "Perspectief op betaald werk", en: "Prospect of paid work"), \.workProspect),
        ("selfReliant", .init(nl: "Redt zich op eigen kracht", en: "Manages on own strength"), \.selfReliant),
        ("motivated", .init(nl: "Gemotiveerd", en: "Motivated"), \.motivated),
        ("municipalBenefit", .init(nl: "Gemeentelijke uitkering", en: "Municipal benefit"), \.municipalBenefit),
        (
            "duty", .init(nl: "Re-integratie- of inburgeringsplicht", en: "Re-integration or civic-integration duty"),
            \.duty
        ),
        (
            "anyRisk",
            .init(
                nl: "Risico op afglijden, isolement of voor de omgeving",
                en: "At risk of decline, isolation or to others"),
            \.anyRisk
        ),
    ]

    struct Fields {
        var pairs: [(String, String)]
        func one(_ name: String) -> String? {
            pairs.first { $0.0 == name }.map { $0.1.trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }
        func sent(_ name: String) -> Bool { pairs.contains { $0.0 == name } }
    }

    static let required = LocalizedText(nl: "Dit veld is verplicht.", en: "This field is required.")

    /// The draft the form describes, starting from `base`; every problem at once, named by field.
    /// `forAdoption` asks for a version number (a simulation may go without one).
    static func draft(_ pairs: [(String, String)], base: DiagnosisPolicy, forAdoption: Bool) throws -> DiagnosisPolicy {
        let form = Fields(pairs: pairs)
        var p = base
        var problems: [DomainError.Field] = []
        func fail(_ name: String, _ code: String, _ nl: String, _ en: String) {
            problems.append(.init(name: name, code: code, reason: .init(nl: nl, en: en)))
        }
        func text(_ key: String, _ old: LocalizedText, require: Bool = true) -> LocalizedText {
            let value = LocalizedText(nl: form.one("\(key).nl") ?? old.nl, en: form.one("\(key).en") ?? old.en)
            if require && value.nl.isEmpty {
                problems.append(.init(name: "\(key).nl", code: "required", reason: required))
            }
            return LocalizedText(nl: value.nl, en: value.en.isEmpty ? value.nl : value.en)
        }
        func number(_ key: String, _ old: Int?, _ range: ClosedRange<Int>, nl: String, en: String) -> Int? {
            guard let raw = form.one(key) else { return old }
            if raw.isEmpty { return nil }
            guard let n = Int(raw), range.contains(n) else {
                fail(key, "outOfRange", nl, en)
                return old
            }
            return n
        }

        let version = form.one("version") ?? ""
        if version.isEmpty {
            if forAdoption {
                fail(
                    "version", "required", "Geef de nieuwe versie een nummer, bijvoorbeeld 2027-1.",
                    "Give the new version a number, for example 2027-1.")
            }
            p.version = "concept"
        } else if version.count > 40 {
            fail(
                "version", "tooLong", "Een versienummer heeft hoogstens 40 tekens.",
                "A version number has at most 40 characters.")
        } else {
            p.version = version
        }
        p.name = text("name", base.name)

        let lo = number(
            "workingAge.min", base.workingAge.lowerBound, 0...120, nl: "Geef een leeftijd van 0 tot 120 jaar.",
            en: "Give an age of 0 to 120 years.")
        let hi = number(
            "workingAge.max", base.workingAge.upperBound, 0...120, nl: "Geef een leeftijd van 0 tot 120 jaar.",
            en: "Give an age of 0 to 120 years.")
        if let lo, let hi {
            if lo > hi {
                fail(
                    "workingAge.max", "belowMinimum", "De hoogste leeftijd is lager dan de laagste.",
                    "The highest age is below the lowest.")
            } else {
                p.workingAge = lo...hi
            }
        } else {
            fail(lo == nil ? "workingAge.min" : "workingAge.max", "required", required.nl, required.en)
        }
        if form.sent("municipalBenefits.shown") {
            p.municipalBenefits = BenefitKind.allCases.filter { form.all("municipalBenefits").contains($0.rawValue) }
        }
        for i in p.categories.indices {
            p.categories[i].name = text("cat.\(p.categories[i].number)", p.categories[i].name)
        }

        func condition(_ key: String, _ old: Condition, name: String) -> Condition {
            var c = old
            for fact in facts {
                guard let raw = form.one("\(key).\(fact.key)") else { continue }
                c[keyPath: fact.path] = raw == "true" ? true : raw == "false" ? false : nil
            }
            if form.sent("\(key).civicIntegration.shown") {
                let chosen = CivicIntegration.allCases.filter {
                    form.all("\(key).civicIntegration").contains($0.rawValue)
                }
                c.civicIntegration = chosen.isEmpty ? nil : chosen
            }
            if let raw = form.one("\(key).circumstance") { c.circumstance = Circumstance(rawValue: raw) }
            if let raw = form.one("\(key).wish") { c.wish = Wish(rawValue: raw) }
            let ageMessage = (
                nl: "Geef een leeftijd van 0 tot 120 jaar, of laat het veld leeg.",
                en: "Give an age of 0 to 120 years, or leave the field empty."
            )
            c.minAge = number("\(key).minAge", old.minAge, 0...120, nl: ageMessage.nl, en: ageMessage.en)
            c.maxAge = number("\(key).maxAge", old.maxAge, 0...120, nl: ageMessage.nl, en: ageMessage.en)
            if let a = c.minAge, let b = c.maxAge, a > b {
                fail(
                    "\(key).maxAge", "belowMinimum", "‘\(name)’: de hoogste leeftijd is lager dan de laagste.",
                    "‘\(name)’: the highest age is below the lowest.")
            }
            if c.isUnconditional {
                fail(
                    "\(key).name.nl", "noCondition",
                    "‘\(name)’ heeft geen voorwaarde; dan hoort iedereen erbij. Kies minstens één voorwaarde.",
                    "‘\(name)’ has no condition, so everybody would belong to it. Choose at least one condition.")
            }
            return c
        }
        func category(_ key: String, _ old: Int) -> Int {
            guard let raw = form.one("\(key).category") else { return old }
            guard let n = Int(raw), (1...5).contains(n) else {
                fail(
                    "\(key).category", "invalid", "Kies een categorie van 1 tot en met 5.",
                    "Choose a category from 1 to 5.")
                return old
            }
            return n
        }

        var groups: [DiagnosisPolicy.TargetGroup] = []
        for group in base.targetGroups {
            let key = "tg.\(group.id)"
            if form.one("\(key).remove") == "1" { continue }
            var g = group
            g.name = text("\(key).name", group.name)
            g.category = category(key, group.category)
            g.when = condition(key, group.when, name: g.name.nl.isEmpty ? group.name.nl : g.name.nl)
            groups.append(g)
        }
        let newName = LocalizedText(nl: form.one("new.name.nl") ?? "", en: form.one("new.name.en") ?? "")
        if !newName.nl.isEmpty || !newName.en.isEmpty {
            let name = text("new.name", newName)
            let id = newID(name.nl.isEmpty ? name.en : name.nl, taken: Set(base.targetGroups.map(\.id)))
            let g = DiagnosisPolicy.TargetGroup(
                id: id, category: category("new", 3), name: name,
                when: condition("new", Condition(), name: name.nl.isEmpty ? name.en : name.nl))
            groups.append(g)
        }
        p.targetGroups = groups

        p.caseTable.maxScore =
            number(
                "caseTable.maxScore", base.caseTable.maxScore, 1...5, nl: "Kies een score van 1 tot en met 5.",
                en: "Choose a score from 1 to 5.") ?? base.caseTable.maxScore
        p.caseTable.minDomains =
            number(
                "caseTable.minDomains", base.caseTable.minDomains, 1...ZrmDomain.allCases.count,
                nl: "Geef een aantal van 1 tot en met \(ZrmDomain.allCases.count).",
                en: "Give a number from 1 to \(ZrmDomain.allCases.count).") ?? base.caseTable.minDomains

        // The spending rules (when the version has them): per category what the budget may pay, and
        // what it pays without a legal duty to re-integrate.
        if var spending = p.spending {
            for i in spending.categories.indices {
                let key = "sp.\(spending.categories[i].category)"
                if let raw = form.one("\(key).allows") {
                    if let a = SpendingRules.Allowance(rawValue: raw) {
                        spending.categories[i].allows = a
                    } else {
                        fail(
                            "\(key).allows", "invalid", "Kies wat het budget voor deze categorie betaalt.",
                            "Choose what the budget pays for this category.")
                    }
                }
                if form.sent("\(key).types.shown") {
                    spending.categories[i].types = InterventionType.allCases.filter {
                        form.all("\(key).types").contains($0.rawValue)
                    }
                }
                if spending.categories[i].allows != .listed { spending.categories[i].types = [] }
            }
            if form.sent("sp.withoutDuty.shown") {
                spending.withoutDuty = InterventionType.allCases.filter {
                    form.all("sp.withoutDuty").contains($0.rawValue)
                }
            }
            p.spending = spending
        }

        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        // The same checks as a policy file, on exactly what will be stored.
        let data = try JSONEncoder().encode(p)
        do {
            return try DiagnosisPolicy.load(data, file: "concept")
        } catch {
            throw DomainError.invalid(
                "policy", "invalidPolicy",
                .init(
                    nl:
                        "Het concept klopt niet: \(error.entry.isEmpty ? "" : error.entry + ": ")\(error.dutchMessage).",
                    en: "The draft is not valid: \(error.entry.isEmpty ? "" : error.entry + ": ")\(error.message)."))
        }
    }

    /// A code for a new target group from its name: "jongeren zonder startkwalificatie" →
    /// "jongeren-zonder-startkwalificatie", with a number added when it is taken. Never shown.
    static func newID(_ name: String, taken: Set<String>, fallback: String = "doelgroep") -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "nl"))
        var slug = ""
        for ch in folded {
            if ch.isASCII && (ch.isLetter || ch.isNumber) {
                slug.append(ch)
            } else if !slug.isEmpty && slug.last != "-" {
                slug.append("-")
            }
        }
        slug = String(slug.prefix(36)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        if slug.isEmpty { slug = fallback }
        var id = slug
        var n = 2
        while taken.contains(id) {
            id = "\(slug)-\(n)"
            n += 1
        }
        return id
    }

    /// A condition in words: "perspectief op betaald werk: ja; 50 jaar of ouder".
    static func words(_ c: Condition, _ language: Language) -> String {
        func t(_ l: LocalizedText) -> String { language == .nl ? l.nl : l.en }
        var parts: [String] = []
        for fact in facts {
            guard let v = c[keyPath: fact.path] else { continue }
            parts.append(
                t(fact.label).lowercased() + ": " + (v ? t(.init(nl: "ja", en: "yes")) : t(.init(nl: "nee", en: "no"))))
        }
        if let ci = c.civicIntegration {
            parts.append(
                t(.init(nl: "inburgering: ", en: "civic integration: "))
                    + ci.map { t($0.label) }.joined(separator: t(.init(nl: " of ", en: " or "))))
        }
        if let x = c.circumstance { parts.append(t(x.label)) }
        if let x = c.wish { parts.append(t(x.label)) }
        switch (c.minAge, c.maxAge) {
        case (let a?, let b?): parts.append(t(.init(nl: "\(a) tot en met \(b) jaar", en: "aged \(a) to \(b)")))
        case (let a?, nil): parts.append(t(.init(nl: "\(a) jaar of ouder", en: "aged \(a) or over")))
        case (nil, let b?): parts.append(t(.init(nl: "hoogstens \(b) jaar", en: "aged \(b) or under")))
        default: break
        }
        return parts.joined(separator: "; ")
    }
}
