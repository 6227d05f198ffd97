/// A condition in a policy file: every key present must hold (AND). Keys are the facts of a diagnosis.
public struct Condition: Sendable, Hashable, Codable {
    public var workProspect: Bool?
    public var selfReliant: Bool?
    public var motivated: Bool?
    public var municipalBenefit: Bool?
    /// Under a legal duty: municipal benefit (re-integration duty) or obliged civic integration.
    public var duty: Bool?
    public var anyRisk: Bool?
    public var civicIntegration: [CivicIntegration]?
    public var circumstance: Circumstance?
    public var wish: Wish?
    public var minAge: Int?
    public var maxAge: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case workProspect, selfReliant, motivated, municipalBenefit, duty, anyRisk, civicIntegration, circumstance,
            wish, minAge, maxAge
    }

    public init() {}

    public init(from decoder: any Decoder) throws {
        // Unknown keys are errors: a typo in policy must not silently widen a target group.
        let any = try decoder.container(keyedBy: AnyKey.self)
        for key in any.allKeys where CodingKeys(rawValue: key.stringValue) == nil {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: any,
                debugDescription:
                    "unknown condition '\(key.stringValue)'; known: \(CodingKeys.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        workProspect = try c.decodeIfPresent(Bool.self, forKey: .workProspect)
        selfReliant = try c.decodeIfPresent(Bool.self, forKey: .selfReliant)
        motivated = try c.decodeIfPresent(Bool.self, forKey: .motivated)
        municipalBenefit = try c.decodeIfPresent(Bool.self, forKey: .municipalBenefit)
        duty = try c.decodeIfPresent(Bool.self, forKey: .duty)
        anyRisk = try c.decodeIfPresent(Bool.self, forKey: .anyRisk)
        civicIntegration = try c.decodeIfPresent([CivicIntegration].self, forKey: .civicIntegration)
        circumstance = try c.decodeIfPresent(Circumstance.self, forKey: .circumstance)
        wish = try c.decodeIfPresent(Wish.self, forKey: .wish)
        minAge = try c.decodeIfPresent(Int.self, forKey: .minAge)
        maxAge = try c.decodeIfPresent(Int.self, forKey: .maxAge)
    }

    public var isUnconditional: Bool { self == Condition() }

    /// Whether the condition holds: the fast path, no texts built (simulations over whole caseloads).
    func holds(_ f: EvaluatedFacts) -> Bool {
        if let v = workProspect, v != f.facts.workProspect { return false }
        if let v = selfReliant, v != f.facts.selfReliant { return false }
        if let v = motivated, v != f.facts.motivated { return false }
        if let v = municipalBenefit, v != f.municipalBenefit { return false }
        if let v = duty, v != f.duty { return false }
        if let v = anyRisk, v == f.facts.risks.isEmpty { return false }
        if let allowed = civicIntegration, !allowed.contains(f.facts.civicIntegration) { return false }
        if let circumstance, !f.facts.circumstances.contains(circumstance) { return false }
        if let wish, !f.facts.wishes.contains(wish) { return false }
        if let minAge, f.age < minAge { return false }
        if let maxAge, f.age > maxAge { return false }
        return true
    }

    /// Whether the condition holds for these facts, and the facts it rested on (as reasons).
    func evaluate(_ f: EvaluatedFacts) -> [Reason]? {
        var because: [Reason] = []
        func check(_ expected: Bool?, _ actual: Bool, _ code: String, yes: LocalizedText, no: LocalizedText) -> Bool {
            guard let expected else { return true }
            guard expected == actual else { return false }
            because.append(Reason(code: "fact.\(code).\(actual)", text: actual ? yes : no))
            return true
        }
        guard
            check(
                workProspect, f.facts.workProspect, "workProspect",
                yes: .init(nl: "heeft perspectief op betaald werk", en: "has a prospect of paid work"),
                no: .init(nl: "heeft geen perspectief op betaald werk", en: "has no prospect of paid work")),
            check(
                selfReliant, f.facts.selfReliant, "selfReliant",
                yes: .init(nl: "redt zich op eigen kracht", en: "manages on own strength"),
                no: .init(nl: "redt zich niet op eigen kracht", en: "cannot manage on own strength")),
            check(
                motivated, f.facts.motivated, "motivated",
                yes: .init(nl: "is gemotiveerd", en: "is motivated"),
                no: .init(nl: "is niet gemotiveerd", en: "is not motivated")),
            check(
                municipalBenefit, f.municipalBenefit, "municipalBenefit",
                yes: .init(
                    nl: "heeft een gemeentelijke uitkering (\(f.facts.benefit.label.nl))",
                    en: "receives a municipal benefit (\(f.facts.benefit.label.en))"),
                no: .init(
                    nl: "heeft geen gemeentelijke uitkering (\(f.facts.benefit.label.nl))",
                    en: "receives no municipal benefit (\(f.facts.benefit.label.en))")),
            check(
                duty, f.duty, "duty",
                yes: .init(
                    nl: "heeft een re-integratie- of inburgeringsplicht",
                    en: "has a re-integration or civic-integration duty"),
                no: .init(
                    nl: "heeft geen re-integratie- of inburgeringsplicht",
                    en: "has no re-integration or civic-integration duty")),
            check(
                anyRisk, !f.facts.risks.isEmpty, "anyRisk",
                yes: .init(nl: "loopt risico (\(f.riskList))", en: "is at risk (\(f.riskListEn))"),
                no: .init(
                    nl: "loopt geen risico op afglijden, isolement of voor de omgeving",
                    en: "is not at risk of decline, isolation or to others"))
        else { return nil }
        if let allowed = civicIntegration {
            guard allowed.contains(f.facts.civicIntegration) else { return nil }
            because.append(
                Reason(
                    code: "fact.civicIntegration.\(f.facts.civicIntegration.rawValue)",
                    nl: "inburgering: \(f.facts.civicIntegration.dutch)",
                    en: "civic integration: \(f.facts.civicIntegration.label.en)"))
        }
        if let circumstance {
            guard f.facts.circumstances.contains(circumstance) else { return nil }
            because.append(Reason(code: "fact.circumstance.\(circumstance.rawValue)", text: circumstance.label))
        }
        if let wish {
            guard f.facts.wishes.contains(wish) else { return nil }
            because.append(Reason(code: "fact.wish.\(wish.rawValue)", text: wish.label))
        }
        if minAge != nil || maxAge != nil {
            guard f.age >= (minAge ?? Int.min), f.age <= (maxAge ?? Int.max) else { return nil }
            because.append(Reason(code: "fact.age", nl: "is \(f.age) jaar", en: "is \(f.age) years old"))
        }
        return because
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension CivicIntegration {
    public var label: LocalizedText {
        switch self {
        case .obliged: .init(nl: "verplicht", en: "obliged")
        case .voluntary: .init(nl: "vrijwillig", en: "voluntary")
        case .none: .init(nl: "geen", en: "none")
        }
    }
    var dutch: String { label.nl }
}

extension Circumstance {
    public var label: LocalizedText {
        switch self {
        case .homeless: .init(nl: "dakloos", en: "homeless")
        case .addicted: .init(nl: "verslaafd", en: "addicted")
        case .severeLimitation:
            .init(
                nl: "ernstige psychische en/of lichamelijke beperkingen",
                en: "severe psychological and/or physical limitations")
        case .multiProblemFamily: .init(nl: "gezin met meervoudige problematiek", en: "multi-problem family")
        case .illiterate: .init(nl: "analfabeet", en: "illiterate")
        case .shelteredWorkEntitled: .init(nl: "heeft een SW-indicatie", en: "entitled to sheltered work")
        case .noStartingQualification:
            .init(
                nl: "geen startkwalificatie (diploma mbo 2, havo of vwo)",
                en: "no starting qualification (vocational level 2 or general secondary diploma)")
        }
    }
}

extension Wish {
    public var label: LocalizedText {
        switch self {
        case .volunteer: .init(nl: "wil vrijwilligerswerk doen", en: "wants to volunteer")
        case .work: .init(nl: "wil werken", en: "wants to work")
        case .secondaryDiploma:
            .init(nl: "wil een diploma voortgezet onderwijs halen", en: "wants to finish secondary school")
        case .socialContact: .init(nl: "wil anderen ontmoeten", en: "wants to meet others")
        }
    }
}

extension Risk {
    public var label: LocalizedText {
        switch self {
        case .decline: .init(nl: "afglijden", en: "decline")
        case .isolation: .init(nl: "isolement", en: "isolation")
        case .toOthers: .init(nl: "voor de omgeving", en: "to others")
        }
    }
}

extension BenefitKind {
    public var label: LocalizedText {
        switch self {
        case .participatiewet: .init(nl: "bijstand (Participatiewet)", en: "social assistance (Participation Act)")
        case .ioaw: .init(nl: "IOAW", en: "IOAW")
        case .ioaz: .init(nl: "IOAZ", en: "IOAZ")
        case .ww: .init(nl: "WW", en: "unemployment benefit (WW)")
        case .wia: .init(nl: "WIA", en: "incapacity benefit (WIA)")
        case .wajong: .init(nl: "Wajong", en: "Wajong")
        case .none: .init(nl: "geen uitkering (NUG)", en: "no benefit (NUG)")
        }
    }
}
