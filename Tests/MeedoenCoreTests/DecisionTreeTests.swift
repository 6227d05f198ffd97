import Foundation
import MeedoenCore
import MeedoenPolicies
import Testing

@Suite("Decision trees") struct DecisionTreeTests {
    func shipped(_ name: String) throws -> DecisionTree {
        let url = try #require(PolicyFiles.files(in: "trees").first { $0.lastPathComponent == name })
        return try DecisionTree.load(Data(contentsOf: url), file: name)
    }

    func T(_ s: String) -> LocalizedText { .init(nl: s, en: s) }

    func tree(questions: [DecisionTree.Question], results: [String] = ["r1", "r2"], start: String = "q1")
        -> DecisionTree
    {
        DecisionTree(
            id: "t", version: "1", title: T("t"), intro: T("i"), start: start, questions: questions,
            results: results.map { .init(id: $0, title: T($0), text: T($0), followUp: .selfService) })
    }

    func error(_ t: DecisionTree) -> PolicyError? {
        if case .failure(let e) = Result(catching: { () throws(PolicyError) in try t.validate(file: "x.json") }) {
            return e
        }
        return nil
    }

    @Test func theShippedTreesValidateAndEveryResultIsReachable() throws {
        let work = try shipped("werk-en-meedoen.json")
        let money = try shipped("geld-en-schulden.json")
        #expect(work.results.count >= 8 && money.results.count >= 5)
        // Every result of the work tree links to services of the catalogue or to a contact.
        for r in work.results + money.results {
            #expect(!r.interventionTypes.isEmpty || !r.contacts.isEmpty || r.followUp == .selfService, "\(r.id)")
        }
        // Debts with an eviction letter are urgent.
        guard case .success(let w) = money.walk(["nee", "ja"]), case .result(let r) = w.step else {
            Issue.record("no result")
            return
        }
        #expect(r.id == "spoed" && r.followUp == .urgent)
    }

    @Test func aWalkFollowsTheAnswersAndSaysWhereItStands() throws {
        let work = try shipped("werk-en-meedoen.json")
        guard case .success(let start) = work.walk([]), case .question(let q) = start.step else {
            Issue.record("no start")
            return
        }
        #expect(q.id == "wens")
        guard case .success(let mid) = work.walk(["werk"]), case .question(let q2) = mid.step else {
            Issue.record("no second question")
            return
        }
        #expect(q2.id == "klaar" && mid.path == ["werk"])
        guard case .success(let end) = work.walk(["werk", "ja", "bijstand"]), case .result(let r) = end.step else {
            Issue.record("no result")
            return
        }
        #expect(
            r.id == "werk-klantmanager" && r.followUp == .caseManager && r.interventionTypes.contains(.guidanceToWork))
        #expect(end.answered.map(\.question.id) == ["wens", "klaar", "uitkering"])
        #expect(work.walk(["werk", "misschien"]) == .failure(.unknownAnswer(index: 1, answer: "misschien")))
        #expect(work.walk(["taal", "ja"]) == .failure(.pastResult(index: 1)))
        #expect(DecisionTree.WalkError.unknownAnswer(index: 1, answer: "x").reason.text.nl.contains("Antwoord 2"))
    }

    @Test func aBrokenTreeIsRefusedWithTheEntryNamed() {
        let a = DecisionTree.Answer.self
        // A dangling link.
        #expect(
            error(
                tree(questions: [
                    .init(
                        id: "q1", text: T("?"),
                        answers: [
                            a.init(id: "x", text: T("x"), next: "q9"), a.init(id: "y", text: T("y"), result: "r1"),
                        ])
                ]))?.entry == "questions.q1.answers.x")
        // Both next and result.
        #expect(
            error(
                tree(questions: [
                    .init(
                        id: "q1", text: T("?"),
                        answers: [
                            a.init(id: "x", text: T("x"), next: "q1", result: "r1"),
                            a.init(id: "y", text: T("y"), result: "r2"),
                        ])
                ]))?.message == "exactly one of 'next' and 'result'")
        // A cycle.
        let cycle = tree(questions: [
            .init(
                id: "q1", text: T("?"),
                answers: [a.init(id: "x", text: T("x"), next: "q2"), a.init(id: "y", text: T("y"), result: "r1")]),
            .init(
                id: "q2", text: T("?"),
                answers: [a.init(id: "x", text: T("x"), next: "q1"), a.init(id: "y", text: T("y"), result: "r2")]),
        ])
        #expect(error(cycle)?.message.contains("cycle") == true)
        // A question nobody reaches; a result nobody reaches.
        let lost = tree(questions: [
            .init(
                id: "q1", text: T("?"),
                answers: [a.init(id: "x", text: T("x"), result: "r1"), a.init(id: "y", text: T("y"), result: "r2")]),
            .init(
                id: "q2", text: T("?"),
                answers: [a.init(id: "x", text: T("x"), result: "r1"), a.init(id: "y", text: T("y"), result: "r2")]),
        ])
        #expect(error(lost)?.entry == "questions.q2")
        let unreached = tree(questions: [
            .init(
                id: "q1", text: T("?"),
                answers: [a.init(id: "x", text: T("x"), result: "r1"), a.init(id: "y", text: T("y"), result: "r1")])
        ])
        #expect(error(unreached)?.entry == "results.r2")
        // One answer only; a start that is not a question; a missing English text.
        #expect(
            error(
                tree(
                    questions: [.init(id: "q1", text: T("?"), answers: [a.init(id: "x", text: T("x"), result: "r1")])],
                    results: ["r1"]))?.entry == "questions.q1.answers")
        #expect(
            error(
                tree(
                    questions: [
                        .init(
                            id: "q1", text: T("?"),
                            answers: [
                                a.init(id: "x", text: T("x"), result: "r1"),
                                a.init(id: "y", text: T("y"), result: "r2"),
                            ])
                    ], start: "nope"))?.entry == "start")
        #expect(
            error(
                tree(questions: [
                    .init(
                        id: "q1", text: .init(nl: "?", en: ""),
                        answers: [
                            a.init(id: "x", text: T("x"), result: "r1"), a.init(id: "y", text: T("y"), result: "r2"),
                        ])
                ]))?.entry == "questions.q1.text")
        // Decoding errors name the file too.
        if case .failure(let e) = Result(catching: { () throws(PolicyError) in
            _ = try DecisionTree.load(Data(#"{"id": "x"}"#.utf8), file: "upload")
        }) {
            #expect(e.file == "upload")
        } else {
            Issue.record("a tree without questions was accepted")
        }
    }
}
