/// The 13 domains of the self-sufficiency matrix (Zelfredzaamheid-Matrix), keyed as in the API.
public enum ZrmDomain: String, Sendable, Codable, CaseIterable, Hashable {
    case financien, werkOpleiding, tijdsbesteding, huisvesting, huiselijkeRelaties, geestelijkeGezondheid,
        lichamelijkeGezondheid, middelengebruik, basaleAdl, instrumenteleAdl, sociaalNetwerk,
        maatschappelijkeParticipatie, justitie

    public var label: LocalizedText {
        switch self {
        case .financien: .init(nl: "Financiën", en: "Finances")
        case .werkOpleiding: .init(nl: "Werk & opleiding", en: "Work & education")
        case .tijdsbesteding: .init(nl: "Tijdsbesteding", en: "Use of time")
        case .huisvesting: .init(nl: "Huisvesting", en: "Housing")
        case .huiselijkeRelaties: .init(nl: "Huiselijke relaties", en: "Domestic relations")
        case .geestelijkeGezondheid: .init(nl: "Geestelijke gezondheid", en: "Mental health")
        case .lichamelijkeGezondheid: .init(nl: "Lichamelijke gezondheid", en: "Physical health")
        case .middelengebruik: .init(nl: "Middelengebruik", en: "Substance use")
        case .basaleAdl: .init(nl: "Basale ADL", en: "Basic ADL")
        case .instrumenteleAdl: .init(nl: "Instrumentele ADL", en: "Instrumental ADL")
        case .sociaalNetwerk: .init(nl: "Sociaal netwerk", en: "Social network")
        case .maatschappelijkeParticipatie: .init(nl: "Maatschappelijke participatie", en: "Social participation")
        case .justitie: .init(nl: "Justitie", en: "Justice")
        }
    }
}

/// Scores 1 (acute problems) … 5 (fully self-sufficient) per ZRM domain.
public struct ZrmScores: Sendable, Hashable {
    public private(set) var scores: [ZrmDomain: Int]

    public enum Problem: Error, Equatable, Sendable {
        case unknownDomain(String)
        case outOfRange(ZrmDomain, Int)
        case missing([ZrmDomain])
    }

    /// Validates raw scores keyed by domain name. `complete` demands all 13 domains.
    public init(raw: [String: Int], complete: Bool) throws(Problem) {
        var scores: [ZrmDomain: Int] = [:]
        for (key, value) in raw.sorted(by: { $0.key < $1.key }) {
            guard let domain = ZrmDomain(rawValue: key) else { throw .unknownDomain(key) }
            guard (1...5).contains(value) else { throw .outOfRange(domain, value) }
            scores[domain] = value
        }
        if complete {
            let missing = ZrmDomain.allCases.filter { scores[$0] == nil }
            if !missing.isEmpty { throw .missing(missing) }
        }
        self.scores = scores
    }

    public init(_ scores: [ZrmDomain: Int]) { self.scores = scores }

    public subscript(domain: ZrmDomain) -> Int? { scores[domain] }

    /// Domains scored at or below `threshold` (1 acute, 2 not self-sufficient).
    public func domains(atMost threshold: Int) -> [ZrmDomain] {
        ZrmDomain.allCases.filter { (scores[$0] ?? 6) <= threshold }
    }

    public var raw: [String: Int] { Dictionary(uniqueKeysWithValues: scores.map { ($0.key.rawValue, $0.value) }) }

    /// Change per domain from an earlier assessment: the effect measure of interventions.
    public func change(since earlier: ZrmScores) -> [ZrmDomain: Int] {
        var delta: [ZrmDomain: Int] = [:]
        for domain in ZrmDomain.allCases {
            if let now = scores[domain], let then = earlier.scores[domain] { delta[domain] = now - then }
        }
        return delta
    }
}

extension ZrmScores.Problem {
    public var field: String {
        switch self {
        case .unknownDomain(let key): "zrm.\(key)"
        case .outOfRange(let domain, _): "zrm.\(domain.rawValue)"
        case .missing: "zrm"
        }
    }

    public var reason: LocalizedText {
        switch self {
        case .unknownDomain(let key):
            .init(nl: "Onbekend ZRM-domein '\(key)'.", en: "Unknown ZRM domain '\(key)'.")
        case .outOfRange(let domain, let value):
            .init(
                nl: "Score \(value) voor \(domain.label.nl) ligt niet tussen 1 en 5.",
                en: "Score \(value) for \(domain.label.en) is not between 1 and 5.")
        case .missing(let domains):
            .init(
                nl: "Ontbrekende ZRM-domeinen: \(domains.map(\.rawValue).joined(separator: ", ")).",
                en: "Missing ZRM domains: \(domains.map(\.rawValue).joined(separator: ", ")).")
        }
    }
}
