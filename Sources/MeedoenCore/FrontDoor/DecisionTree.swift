import Foundation

/// A decision tree as data (`Policies/trees/*.json`): questions with answers that lead to a next
/// question or to a result; a result says what fits and links to services of the catalogue. Used
/// anonymously by residents and inside a registration by counter staff and resident advisers.
/// Validated at load: every link resolves, no cycles, every question and result is reachable.
public struct DecisionTree: Sendable, Codable, Hashable, PolicyDocument {
    public struct Answer: Sendable, Codable, Hashable {
        public var id: String
        public var text: LocalizedText
        /// Exactly one of `next` (a question id) and `result` (a result id).
        public var next: String?
        public var result: String?
        public init(id: String, text: LocalizedText, next: String? = nil, result: String? = nil) {
            self.id = id
            self.text = text
            self.next = next
            self.result = result
        }
    }

    public struct Question: Sendable, Codable, Hashable {
        public var id: String
        public var text: LocalizedText
        public var hint: LocalizedText?
        public var answers: [Answer]
        public init(id: String, text: LocalizedText, hint: LocalizedText? = nil, answers: [Answer]) {
            self.id = id
            self.text = text
            self.hint = hint
            self.answers = answers
        }
    }

    /// What a professional does next with a result inside a registration ("niet loslaten").
    public enum FollowUp: String, Sendable, Codable, Hashable, CaseIterable {
        /// The resident can go ahead themselves; the catalogue shows how.
        case selfService
        /// A referral to a service of the catalogue.
        case referral
        /// Hand over to a case manager (benefit, route, plan).
        case caseManager
        /// Several problems at once: propose for the district case table.
        case caseTable
        /// Urgent: act today (debts with eviction or cut-off, unsafe situation).
        case urgent
    }

    public struct Result: Sendable, Codable, Hashable {
        public var id: String
        public var title: LocalizedText
        public var text: LocalizedText
        /// Catalogue services that fit, by intervention type (linked to the public catalogue).
        public var interventionTypes: [InterventionType]
        /// Help outside the catalogue (e.g. debt help, a food bank): a name and how to reach it.
        public var contacts: [LocalizedText]
        public var followUp: FollowUp
        public init(
            id: String, title: LocalizedText, text: LocalizedText, interventionTypes: [InterventionType] = [],
            contacts: [LocalizedText] = [], followUp: FollowUp
        ) {
            self.id = id
            self.title = title
            self.text = text
            self.interventionTypes = interventionTypes
            self.contacts = contacts
            self.followUp = followUp
        }
        enum CodingKeys: String, CodingKey { case id, title, text, interventionTypes, contacts, followUp }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            title = try c.decode(LocalizedText.self, forKey: .title)
            text = try c.decode(LocalizedText.self, forKey: .text)
            interventionTypes = try c.decodeIfPresent([InterventionType].self, forKey: .interventionTypes) ?? []
            contacts = try c.decodeIfPresent([LocalizedText].self, forKey: .contacts) ?? []
            followUp = try c.decode(FollowUp.self, forKey: .followUp)
        }
    }

    public var id: String
    public var version: String
    public var title: LocalizedText
    public var intro: LocalizedText
    public var start: String
    public var questions: [Question]
    public var results: [Result]

    public init(
        id: String, version: String, title: LocalizedText, intro: LocalizedText, start: String, questions: [Question],
        results: [Result]
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.intro = intro
        self.start = start
        self.questions = questions
        self.results = results
    }

    public func question(_ id: String) -> Question? { questions.first { $0.id == id } }
    public func result(_ id: String) -> Result? { results.first { $0.id == id } }

    public func validate(file: String) throws(PolicyError) {
        func ok(_ s: String) -> Bool {
            !s.isEmpty && s.count <= 40 && s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        }
        guard ok(id) else {
            throw PolicyError(file: file, entry: "id", message: "letters, digits, '-' or '_', at most 40")
        }
        guard !version.isEmpty, version.count <= 40 else {
            throw PolicyError(file: file, entry: "version", message: "1-40 characters")
        }
        guard !questions.isEmpty else {
            throw PolicyError(file: file, entry: "questions", message: "at least one question")
        }
        guard !results.isEmpty else { throw PolicyError(file: file, entry: "results", message: "at least one result") }
        var qids = Set<String>()
        var rids = Set<String>()
        for q in questions {
            guard ok(q.id) else {
                throw PolicyError(file: file, entry: "questions.\(q.id)", message: "id: letters, digits, '-' or '_'")
            }
            guard qids.insert(q.id).inserted else {
                throw PolicyError(file: file, entry: "questions.\(q.id)", message: "duplicate question id")
            }
            guard !q.text.nl.isEmpty, !q.text.en.isEmpty else {
                throw PolicyError(file: file, entry: "questions.\(q.id).text", message: "Dutch and English text")
            }
        }
        for r in results {
            guard ok(r.id) else {
                throw PolicyError(file: file, entry: "results.\(r.id)", message: "id: letters, digits, '-' or '_'")
            }
            guard rids.insert(r.id).inserted else {
                throw PolicyError(file: file, entry: "results.\(r.id)", message: "duplicate result id")
            }
            guard !r.title.nl.isEmpty, !r.title.en.isEmpty else {
                throw PolicyError(file: file, entry: "results.\(r.id).title", message: "Dutch and English title")
            }
        }
        guard qids.contains(start) else {
            throw PolicyError(file: file, entry: "start", message: "'\(start)' is not a question")
        }
        for q in questions {
            guard q.answers.count >= 2 else {
                throw PolicyError(file: file, entry: "questions.\(q.id).answers", message: "at least two answers")
            }
            var aids = Set<String>()
            for a in q.answers {
                let entry = "questions.\(q.id).answers.\(a.id)"
                guard ok(a.id), aids.insert(a.id).inserted else {
                    throw PolicyError(
                        file: file, entry: entry, message: "answer ids: unique, letters, digits, '-' or '_'")
                }
                guard !a.text.nl.isEmpty, !a.text.en.isEmpty else {
                    throw PolicyError(file: file, entry: entry, message: "Dutch and English text")
                }
                switch (a.next, a.result) {
                case (let n?, nil):
                    guard qids.contains(n) else {
                        throw PolicyError(file: file, entry: entry, message: "next '\(n)' is not a question")
                    }
                case (nil, let r?):
                    guard rids.contains(r) else {
                        throw PolicyError(file: file, entry: entry, message: "result '\(r)' is not a result")
                    }
                default: throw PolicyError(file: file, entry: entry, message: "exactly one of 'next' and 'result'")
                }
            }
        }
        // No cycles, and everything reachable from the start (depth-first with colours).
        var state: [String: Int] = [:]  // 1 = on the path, 2 = done
        var reachedResults = Set<String>()
        func visit(_ id: String) throws(PolicyError) {
            if state[id] == 2 { return }
            if state[id] == 1 {
                throw PolicyError(
                    file: file, entry: "questions.\(id)", message: "a cycle: this question leads back to itself")
            }
            state[id] = 1
            for a in question(id)!.answers {
                if let n = a.next { try visit(n) }
                if let r = a.result { reachedResults.insert(r) }
            }
            state[id] = 2
        }
        try visit(start)
        if let lost = questions.first(where: { state[$0.id] == nil }) {
            throw PolicyError(file: file, entry: "questions.\(lost.id)", message: "not reachable from the start")
        }
        if let lost = results.first(where: { !reachedResults.contains($0.id) }) {
            throw PolicyError(file: file, entry: "results.\(lost.id)", message: "no answer leads to this result")
        }
    }

    /// Where a walk through the tree stands.
    public enum Step: Sendable, Hashable {
        case question(Question)
        case result(Result)
    }

    public struct Walk: Sendable, Hashable {
        /// The questions answered so far, with the answer given.
        public var answered: [(question: Question, answer: Answer)] {
            zip(questionsAsked, answersGiven).map { ($0, $1) }
        }
        public var questionsAsked: [Question]
        public var answersGiven: [Answer]
        public var step: Step
        /// Answer ids as given (for a link back, or to store with a result).
        public var path: [String] { answersGiven.map(\.id) }
    }

    public enum WalkError: Error, Sendable, Hashable {
        /// Answer number `index` (0-based) is not an answer of the question asked then.
        case unknownAnswer(index: Int, answer: String)
        /// More answers than questions on the way to a result.
        case pastResult(index: Int)

        public var reason: Reason {
            switch self {
            case .unknownAnswer(let i, let a):
                Reason(
                    code: "tree.unknownAnswer", nl: "Antwoord \(i + 1) (‘\(a)’) hoort niet bij deze vraag.",
                    en: "Answer \(i + 1) (‘\(a)’) does not belong to this question.")
            case .pastResult(let i):
                Reason(
                    code: "tree.pastResult", nl: "Na antwoord \(i) is de uitkomst al bereikt.",
                    en: "The result was reached after answer \(i).")
            }
        }
    }

    /// Follows `answers` (answer ids, one per question) from the start.
    public func walk(_ answers: [String]) -> Swift.Result<Walk, WalkError> {
        var current = question(start)!
        var asked: [Question] = []
        var given: [Answer] = []
        for (i, id) in answers.enumerated() {
            guard let a = current.answers.first(where: { $0.id == id }) else {
                return .failure(.unknownAnswer(index: i, answer: id))
            }
            asked.append(current)
            given.append(a)
            if let r = a.result {
                if i < answers.count - 1 { return .failure(.pastResult(index: i + 1)) }
                return .success(Walk(questionsAsked: asked, answersGiven: given, step: .result(result(r)!)))
            }
            current = question(a.next!)!
        }
        return .success(Walk(questionsAsked: asked, answersGiven: given, step: .question(current)))
    }
}
