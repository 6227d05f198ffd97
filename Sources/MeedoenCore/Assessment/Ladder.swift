import Foundation

/// A participation ladder as configured by the municipality (DOMAIN.md "The ladder").
/// Ladders are data: `Policies/ladders/*.json`, validated by `Ladder.load`.
public struct Ladder: Sendable, Codable, Hashable, Identifiable, PolicyDocument {
    public struct Rung: Sendable, Codable, Hashable {
        public var number: Int
        public var name: LocalizedText
    }

    /// A rule that derives the rung from facts; the first rule that matches wins.
    public struct Derivation: Sendable, Codable, Hashable {
        public var rung: Int
        public var allOf: [RungFact]
        public var noneOf: [RungFact]
        public var reason: LocalizedText

        enum CodingKeys: String, CodingKey { case rung, allOf, noneOf, reason }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            rung = try c.decode(Int.self, forKey: .rung)
            allOf = try c.decodeIfPresent([RungFact].self, forKey: .allOf) ?? []
            noneOf = try c.decodeIfPresent([RungFact].self, forKey: .noneOf) ?? []
            reason = try c.decode(LocalizedText.self, forKey: .reason)
        }
    }

    public var id: String
    public var name: LocalizedText
    public var rungs: [Rung]
    /// Participation domains, the second axis of a ladder (Enschede: burgerschap … ondernemerschap).
    public var domains: [String]
    /// Derivation rules, when the ladder can be derived from facts (the national ladder).
    public var derivation: [Derivation]

    enum CodingKeys: String, CodingKey { case id, name, rungs, domains, derivation }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(LocalizedText.self, forKey: .name)
        rungs = try c.decode([Rung].self, forKey: .rungs)
        domains = try c.decodeIfPresent([String].self, forKey: .domains) ?? []
        derivation = try c.decodeIfPresent([Derivation].self, forKey: .derivation) ?? []
    }

    public func rung(_ number: Int) -> Rung? { rungs.first { $0.number == number } }
    public var canPropose: Bool { !derivation.isEmpty }

    /// Proposes a rung from facts, with the reason; nil when this ladder has no derivation.
    public func propose(from facts: Set<RungFact>) -> (rung: Int, reason: Reason)? {
        guard canPropose else { return nil }
        for rule in derivation
        where rule.allOf.allSatisfy(facts.contains) && !rule.noneOf.contains(where: facts.contains) {
            return (rule.rung, Reason(code: "rung.\(rule.rung)", text: rule.reason))
        }
        return nil
    }

    public func validate(file: String) throws(PolicyError) {
        if id.isEmpty { throw PolicyError(file: file, entry: "id", message: "is empty") }
        if rungs.isEmpty { throw PolicyError(file: file, entry: "rungs", message: "a ladder needs at least one rung") }
        var seen = Set<Int>()
        for (i, rung) in rungs.enumerated() {
            if !seen.insert(rung.number).inserted {
                throw PolicyError(file: file, entry: "rungs[\(i)]", message: "rung \(rung.number) appears twice")
            }
        }
        for (i, rule) in derivation.enumerated() where !seen.contains(rule.rung) {
            throw PolicyError(file: file, entry: "derivation[\(i)]", message: "rung \(rule.rung) is not on this ladder")
        }
        if let last = derivation.last, !last.allOf.isEmpty || !last.noneOf.isEmpty {
            throw PolicyError(
                file: file, entry: "derivation[\(derivation.count - 1)]",
                message: "the last derivation rule must have no conditions, so every set of facts gets a rung")
        }
    }
}

/// Facts from which the national ladder derives a rung (DOMAIN.md "The ladder").
public enum RungFact: String, Sendable, Codable, CaseIterable, Hashable {
    /// Paid work.
    case paidWork
    /// Support at work, a supplementary benefit or sheltered work.
    case workSupport
    /// Unpaid work with responsibility towards others and weekly physical contact (volunteering, internship).
    case unpaidWork
    /// At least weekly organised activity or schooling (club, course).
    case organisedActivity
    /// At least weekly social contact outside the home.
    case socialContact
}
