import Fluent
import MeedoenCore
import MeedoenPolicies
import NIOConcurrencyHelpers
import Vapor

/// The decision trees in force: the shipped files, replaced by the latest version an administrator
/// loaded (stored in `decision_trees`, read at start-up). Every stored result names the version.
final class TreeStore: Sendable {
    private let box: NIOLockedValueBox<[String: DecisionTree]>
    let shipped: [DecisionTree]

    init(shipped: [DecisionTree]) {
        self.shipped = shipped
        box = NIOLockedValueBox(Dictionary(uniqueKeysWithValues: shipped.map { ($0.id, $0) }))
    }

    static func loadShipped() throws -> TreeStore {
        let trees = try PolicyFiles.files(in: "trees").map {
            try DecisionTree.load(Data(contentsOf: $0), file: "Policies/trees/\($0.lastPathComponent)")
        }
        guard !trees.isEmpty else {
            throw PolicyError(file: "Policies/trees", entry: "", message: "the shipped decision trees are missing")
        }
        return TreeStore(shipped: trees)
    }

    /// In a fixed order: the shipped trees first, then any an administrator added.
    var all: [DecisionTree] {
        let current = box.withLockedValue { $0 }
        let order = shipped.map(\.id)
        return current.values.sorted {
            (order.firstIndex(of: $0.id) ?? 99, $0.id) < (order.firstIndex(of: $1.id) ?? 99, $1.id)
        }
    }
    func tree(_ id: String) -> DecisionTree? { box.withLockedValue { $0[id] } }
    func replace(_ tree: DecisionTree) { box.withLockedValue { $0[tree.id] = tree } }
}

extension Application {
    private struct TreeStoreKey: StorageKey { typealias Value = TreeStore }
    var trees: TreeStore {
        get { storage[TreeStoreKey.self]! }
        set { storage[TreeStoreKey.self] = newValue }
    }
}

enum TreeService {
    /// At start-up: the latest stored version of each tree replaces the shipped one.
    static func loadStored(_ app: Application) async throws {
        let stored = try await DecisionTreeVersion.query(on: app.db).sort(\.$loadedAt, .ascending).all()
        for v in stored {
            if let tree = try? DecisionTree.load(Data(v.document.utf8), file: "decision_trees/\(v.treeID)@\(v.version)")
            {
                app.trees.replace(tree)
            }
        }
    }

    /// An administrator loads a new version (a JSON document). Validated as the shipped files are;
    /// a version number already used for this tree is refused. In force at once, for new walks.
    static func load(_ document: String, in ctx: UseCaseContext, field: String = "document") async throws
        -> DecisionTree
    {
        let user = try ctx.requireRole(
            .admin,
            because: .init(
                nl: "Alleen een beheerder laadt een nieuwe versie van een wegwijzer.",
                en: "Only an administrator loads a new version of a decision tree."))
        guard document.utf8.count <= 200_000 else {
            throw DomainError.invalid(
                "document", "tooLong",
                .init(nl: "Het bestand is groter dan 200 kB.", en: "The file is larger than 200 kB."))
        }
        let tree: DecisionTree
        switch Result(catching: { () throws(PolicyError) in try DecisionTree.load(Data(document.utf8), file: "upload") }
        ) {
        case .success(let t): tree = t
        case .failure(let e):
            throw DomainError.invalid(
                field, "invalidTree",
                .init(
                    nl: "De wegwijzer klopt niet: \(dutch(e, document: document)).",
                    en: "The decision tree is not valid: \(e.entry.isEmpty ? "" : e.entry + ": ")\(e.message)."))
        }
        if try await DecisionTreeVersion.query(on: ctx.db).filter(\.$treeID == tree.id).filter(
            \.$version == tree.version
        ).first() != nil
            || ctx.trees.shipped.contains(where: { $0.id == tree.id && $0.version == tree.version })
        {
            throw DomainError.invalid(
                field, "versionExists",
                .init(
                    nl: "Versie \(tree.version) van ‘\(tree.id)’ bestaat al; geef de nieuwe versie een eigen nummer.",
                    en: "Version \(tree.version) of ‘\(tree.id)’ exists already; give the new version its own number."))
        }
        let row = DecisionTreeVersion()
        row.id = ctx.newID()
        row.treeID = tree.id
        row.version = tree.version
        row.document = document
        row.loadedByID = user.id
        row.loadedAt = ctx.now
        try await row.create(on: ctx.db)
        ctx.trees.replace(tree)
        ctx.logger.notice("decision tree \(tree.id) version \(tree.version) loaded by \(user.username)")
        return tree
    }

    /// A check of the guide in Dutch: which question or result (by its Dutch text where the document
    /// can be read, else by its code), and what is wrong with it.
    static func dutch(_ e: PolicyError, document: String? = nil) -> String {
        let parts = e.entry.split(separator: ".", maxSplits: 1).map(String.init)
        let tree = document.flatMap { try? JSONDecoder().decode(DecisionTree.self, from: Data($0.utf8)) }
        func id() -> String { parts.count > 1 ? String(parts[1].split(separator: ".").first ?? "") : "" }
        let place: String =
            switch parts.first {
            case "results" where parts.count > 1: "uitkomst ‘\(tree?.result(id())?.title.nl ?? id())’: "
            case "questions" where parts.count > 1: "vraag ‘\(tree?.question(id())?.text.nl ?? id())’: "
            case "version": "versienummer: "
            case nil, "": ""
            default: "\(e.entry): "
            }
        return place + e.dutchMessage
    }

    /// Records which version gave which result (anonymous walks: no user, no person).
    static func record(
        _ tree: DecisionTree, walk: DecisionTree.Walk, resultID: String, signalID: UUID? = nil, userID: UUID? = nil,
        in ctx: UseCaseContext
    ) async throws {
        let r = TreeResult()
        r.treeID = tree.id
        r.version = tree.version
        r.resultID = resultID
        r.answers = walk.path.joined(separator: ",")
        r.signalID = signalID
        r.userID = userID
        try await r.create(on: ctx.db)
    }
}
