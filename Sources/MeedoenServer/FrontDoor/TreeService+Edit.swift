import Fluent
import Foundation
import MeedoenCore
import Vapor

/// Editing a guide as a form: its texts and where each answer leads, saved as a new version with the
/// same checks as a loaded file; its versions, and a way back to an earlier one.
extension TreeService {
    /// One version of a guide as the administrator sees it: shipped with Meedoen or loaded later.
    struct Version {
        var rowID: UUID?
        var version: String
        var loadedAt: Date?
        var inForce: Bool
        var tree: DecisionTree
    }

    static let administrators = LocalizedText(
        nl: "Alleen een beheerder bewerkt wegwijzers.", en: "Only an administrator edits guides.")

    /// The guide in force, for the editor.
    static func editable(_ treeID: String, in ctx: UseCaseContext) throws -> DecisionTree {
        try ctx.requireRole(.admin, because: administrators)
        guard let tree = ctx.trees.tree(treeID) else {
            throw DomainError.notFound(.init(nl: "Deze wegwijzer bestaat niet.", en: "This guide does not exist."))
        }
        return tree
    }

    /// Every version of a guide, newest first: those loaded in this municipality and the shipped one.
    static func versions(_ treeID: String, in ctx: UseCaseContext) async throws -> [Version] {
        let current = try editable(treeID, in: ctx)
        let rows = try await DecisionTreeVersion.query(on: ctx.db).filter(\.$treeID == treeID).sort(
            \.$loadedAt, .descending
        ).all()
        var out: [Version] = rows.compactMap { row in
            guard let tree = try? DecisionTree.load(Data(row.document.utf8), file: "decision_trees/\(row.treeID)")
            else { return nil }
            return Version(
                rowID: row.id, version: row.version, loadedAt: row.loadedAt, inForce: tree == current, tree: tree)
        }
        if let shipped = ctx.trees.shipped.first(where: { $0.id == treeID }) {
            out.append(
                Version(rowID: nil, version: shipped.version, loadedAt: nil, inForce: shipped == current, tree: shipped)
            )
        }
        return out
    }

    /// The guide with the form's texts, links and structure applied (fields named as `TreeEditPages`
    /// writes them), under a new version number, validated and put in force like a loaded file.
    ///
    /// Structure: `q.<id>.remove`, `a.<q>.<a>.remove`, `r.<id>.remove` drop an entry; `na.<q>.*` adds an
    /// answer to question `q`; `nq.*` (with answers `nq.a1.*`, `nq.a2.*`) adds one question and `nr.*`
    /// one result; a link may point at the new question (`nq`) or the new result (`nr`); `start`
    /// names the first question. New entries get a code made from their Dutch text, never shown.
    static func save(_ treeID: String, form: [String: String], in ctx: UseCaseContext) async throws -> DecisionTree {
        var tree = try editable(treeID, in: ctx)
        func value(_ key: String) -> String? { form[key]?.trimmingCharacters(in: .whitespacesAndNewlines) }
        func text(_ key: String, _ old: LocalizedText) -> LocalizedText {
            LocalizedText(nl: value("\(key).nl") ?? old.nl, en: value("\(key).en") ?? old.en)
        }
        func filled(_ key: String) -> Bool {
            !(value("\(key).nl") ?? "").isEmpty || !(value("\(key).en") ?? "").isEmpty
        }
        func ticked(_ key: String) -> Bool { form[key] == "1" }
        var problems: [DomainError.Field] = []
        func fail(_ name: String, _ code: String, _ nl: String, _ en: String) {
            problems.append(.init(name: name, code: code, reason: .init(nl: nl, en: en)))
        }
        func required(_ key: String, _ value: LocalizedText, english: Bool = false) {
            if value.nl.isEmpty { fail("\(key).nl", "required", "Dit veld is verplicht.", "This field is required.") }
            if english && value.en.isEmpty {
                fail(
                    "\(key).en", "required", "Vul ook de Engelse tekst in.", "Fill in the English text as well.")
            }
        }
        // Codes for what is new, made from its Dutch text.
        let newQuestion =
            filled("nq")
            ? PolicyEditor.newID(value("nq.nl") ?? "", taken: Set(tree.questions.map(\.id)), fallback: "vraag") : nil
        let newResult =
            filled("nr.title")
            ? PolicyEditor.newID(value("nr.title.nl") ?? "", taken: Set(tree.results.map(\.id)), fallback: "uitkomst")
            : nil
        let removedQuestions = Set(tree.questions.map(\.id).filter { ticked("q.\($0).remove") })
        let removedResults = Set(tree.results.map(\.id).filter { ticked("r.\($0).remove") })
        /// Where a link field leads, or nil with the problem noted at the field.
        func target(_ field: String) -> (next: String?, result: String?)? {
            guard let to = form[field], !to.isEmpty else {
                fail(field, "required", "Kies waar dit antwoord naartoe leidt.", "Choose where this answer leads.")
                return nil
            }
            switch to {
            case "nq":
                guard let id = newQuestion else {
                    fail(
                        field, "missing", "Leidt naar de nieuwe vraag, maar die is niet ingevuld.",
                        "Leads to the new question, but it is not filled in.")
                    return nil
                }
                return (id, nil)
            case "nr":
                guard let id = newResult else {
                    fail(
                        field, "missing", "Leidt naar de nieuwe uitkomst, maar die is niet ingevuld.",
                        "Leads to the new result, but it is not filled in.")
                    return nil
                }
                return (nil, id)
            default:
                if to.hasPrefix("q:"), removedQuestions.contains(String(to.dropFirst(2))) {
                    fail(
                        field, "removed", "Leidt naar een vraag die u verwijdert; kies een andere.",
                        "Leads to a question you are removing; choose another.")
                    return nil
                }
                if to.hasPrefix("r:"), removedResults.contains(String(to.dropFirst(2))) {
                    fail(
                        field, "removed", "Leidt naar een uitkomst die u verwijdert; kies een andere.",
                        "Leads to a result you are removing; choose another.")
                    return nil
                }
                if to.hasPrefix("q:") { return (String(to.dropFirst(2)), nil) }
                if to.hasPrefix("r:") { return (nil, String(to.dropFirst(2))) }
                fail(
                    field, "invalid", "Kies een vraag of uitkomst uit de lijst.",
                    "Choose a question or result from the list.")
                return nil
            }
        }
        tree.title = text("title", tree.title)
        required("title", tree.title)
        tree.intro = text("intro", tree.intro)
        var questions: [DecisionTree.Question] = []
        for var q in tree.questions where !removedQuestions.contains(q.id) {
            let old = q
            q.text = text("q.\(q.id)", old.text)
            required("q.\(q.id)", q.text)
            if let hint = old.hint ?? (form["q.\(q.id).hint.nl"].map { _ in LocalizedText(nl: "", en: "") }) {
                let h = text("q.\(q.id).hint", hint)
                q.hint = h.nl.isEmpty && h.en.isEmpty ? nil : h
            }
            var answers: [DecisionTree.Answer] = []
            for var a in old.answers {
                let key = "a.\(q.id).\(a.id)"
                if ticked("\(key).remove") { continue }
                a.text = text(key, a.text)
                required(key, a.text)
                if form["\(key).to"] != nil, let to = target("\(key).to") {
                    (a.next, a.result) = to
                } else if let n = a.next, removedQuestions.contains(n) {
                    _ = target("\(key).to")
                } else if let r = a.result, removedResults.contains(r) {
                    _ = target("\(key).to")
                }
                answers.append(a)
            }
            let added = "na.\(q.id)"
            if filled(added) {
                let a = text(added, .init(nl: "", en: ""))
                required(added, a, english: true)
                if let to = target("\(added).to") {
                    answers.append(
                        .init(
                            id: PolicyEditor.newID(a.nl, taken: Set(answers.map(\.id)), fallback: "antwoord"), text: a,
                            next: to.next, result: to.result))
                }
            }
            if answers.count < 2 {
                fail(
                    "q.\(q.id).nl", "answers", "Een vraag heeft minstens twee antwoorden.",
                    "A question has at least two answers.")
            }
            q.answers = answers
            questions.append(q)
        }
        if let id = newQuestion {
            let q = text("nq", .init(nl: "", en: ""))
            required("nq", q, english: true)
            let hint = text("nq.hint", .init(nl: "", en: ""))
            var answers: [DecisionTree.Answer] = []
            for n in ["a1", "a2"] {
                let key = "nq.\(n)"
                let a = text(key, .init(nl: "", en: ""))
                required(key, a, english: true)
                if form["\(key).to"] == "nq" {
                    fail(
                        "\(key).to", "cycle", "De nieuwe vraag kan niet naar zichzelf leiden.",
                        "The new question cannot lead to itself.")
                } else if let to = target("\(key).to") {
                    answers.append(
                        .init(
                            id: PolicyEditor.newID(a.nl, taken: Set(answers.map(\.id)), fallback: "antwoord"), text: a,
                            next: to.next, result: to.result))
                }
            }
            questions.append(
                .init(
                    id: id, text: q, hint: hint.nl.isEmpty && hint.en.isEmpty ? nil : hint, answers: answers))
        }
        tree.questions = questions
        var results: [DecisionTree.Result] = []
        for var r in tree.results where !removedResults.contains(r.id) {
            r.title = text("r.\(r.id).title", r.title)
            required("r.\(r.id).title", r.title)
            r.text = text("r.\(r.id).text", r.text)
            if let f = form["r.\(r.id).followUp"].flatMap(DecisionTree.FollowUp.init(rawValue:)) {
                r.followUp = f
            }
            results.append(r)
        }
        if let id = newResult {
            let title = text("nr.title", .init(nl: "", en: ""))
            required("nr.title", title, english: true)
            results.append(
                .init(
                    id: id, title: title, text: text("nr.text", .init(nl: "", en: "")), interventionTypes: [],
                    contacts: [],
                    followUp: form["nr.followUp"].flatMap(DecisionTree.FollowUp.init(rawValue:)) ?? .selfService))
        }
        tree.results = results
        if let start = form["start"], !start.isEmpty {
            let id = start == "nq" ? newQuestion : String(start.dropFirst(2))
            if let id, tree.question(id) != nil {
                tree.start = id
            } else {
                fail(
                    "start", "invalid", "Kies een vraag die blijft als eerste vraag.",
                    "Choose a question that stays as the first question.")
            }
        } else if removedQuestions.contains(tree.start) {
            fail(
                "start", "removed", "U verwijdert de eerste vraag; kies een andere eerste vraag.",
                "You are removing the first question; choose another first question.")
        }
        if tree.questions.isEmpty {
            fail("start", "empty", "Een wegwijzer heeft minstens één vraag.", "A guide has at least one question.")
        }
        if tree.results.isEmpty {
            fail(
                "nr.title.nl", "empty", "Een wegwijzer heeft minstens één uitkomst.", "A guide has at least one result."
            )
        }
        let version = value("version") ?? ""
        if version.isEmpty {
            fail(
                "version", "required", "Geef de nieuwe versie een nummer, bijvoorbeeld 2027-1.",
                "Give the new version a number, for example 2027-1.")
        }
        guard problems.isEmpty else { throw DomainError.invalid(problems) }
        tree.version = version
        return try await load(try document(tree), in: ctx, field: "version")
    }

    /// Back to an earlier version: its content again, in force under a new version number (so the
    /// history stays whole and stored results keep the version they were given under).
    static func restore(_ treeID: String, from rowID: UUID?, version: String, in ctx: UseCaseContext) async throws
        -> DecisionTree
    {
        let all = try await versions(treeID, in: ctx)
        guard var tree = all.first(where: { $0.rowID == rowID })?.tree else {
            throw DomainError.notFound(.init(nl: "Deze versie bestaat niet.", en: "This version does not exist."))
        }
        let version = version.trimmingCharacters(in: .whitespaces)
        guard !version.isEmpty else {
            throw DomainError.invalid(
                "version", "required",
                .init(
                    nl: "Geef de teruggezette versie een nieuw nummer, bijvoorbeeld 2027-2.",
                    en: "Give the restored version a new number, for example 2027-2."))
        }
        tree.version = version
        return try await load(try document(tree), in: ctx, field: "version")
    }

    static func document(_ tree: DecisionTree) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(tree), as: UTF8.self)
    }
}
