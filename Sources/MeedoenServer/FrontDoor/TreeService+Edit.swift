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

    /// The guide with the form's texts and links applied (fields named as `TreeEditPages` writes them),
    /// under a new version number, validated and put in force like a loaded file.
    static func save(_ treeID: String, form: [String: String], in ctx: UseCaseContext) async throws -> DecisionTree {
        var tree = try editable(treeID, in: ctx)
        func text(_ key: String, _ old: LocalizedText) -> LocalizedText {
            LocalizedText(
                nl: form["\(key).nl"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? old.nl,
                en: form["\(key).en"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? old.en)
        }
        var problems: [DomainError.Field] = []
        func required(_ key: String, _ value: LocalizedText) {
            if value.nl.isEmpty {
                problems.append(
                    .init(
                        name: "\(key).nl", code: "required",
                        reason: .init(nl: "Dit veld is verplicht.", en: "This field is required.")))
            }
        }
        tree.title = text("title", tree.title)
        required("title", tree.title)
        tree.intro = text("intro", tree.intro)
        for qi in tree.questions.indices {
            let q = tree.questions[qi]
            tree.questions[qi].text = text("q.\(q.id)", q.text)
            required("q.\(q.id)", tree.questions[qi].text)
            if let hint = q.hint ?? (form["q.\(q.id).hint.nl"].map { _ in LocalizedText(nl: "", en: "") }) {
                let h = text("q.\(q.id).hint", hint)
                tree.questions[qi].hint = h.nl.isEmpty && h.en.isEmpty ? nil : h
            }
            for ai in q.answers.indices {
                let a = q.answers[ai]
                let key = "a.\(q.id).\(a.id)"
                tree.questions[qi].answers[ai].text = text(key, a.text)
                required(key, tree.questions[qi].answers[ai].text)
                if let to = form["\(key).to"] {
                    if to.hasPrefix("q:") {
                        tree.questions[qi].answers[ai].next = String(to.dropFirst(2))
                        tree.questions[qi].answers[ai].result = nil
                    } else if to.hasPrefix("r:") {
                        tree.questions[qi].answers[ai].result = String(to.dropFirst(2))
                        tree.questions[qi].answers[ai].next = nil
                    }
                }
            }
        }
        for ri in tree.results.indices {
            let r = tree.results[ri]
            tree.results[ri].title = text("r.\(r.id).title", r.title)
            required("r.\(r.id).title", tree.results[ri].title)
            tree.results[ri].text = text("r.\(r.id).text", r.text)
            if let f = form["r.\(r.id).followUp"].flatMap(DecisionTree.FollowUp.init(rawValue:)) {
                tree.results[ri].followUp = f
            }
        }
        let version = form["version"]?.trimmingCharacters(in: .whitespaces) ?? ""
        if version.isEmpty {
            problems.append(
                .init(
                    name: "version", code: "required",
                    reason: .init(
                        nl: "Geef de nieuwe versie een nummer, bijvoorbeeld 2027-1.",
                        en: "Give the new version a number, for example 2027-1.")))
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
