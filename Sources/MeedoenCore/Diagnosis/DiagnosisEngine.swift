/// What the diagnosis needs to know about a person (DOMAIN.md "Diagnosis in two steps").
public struct DiagnosisFacts: Sendable, Hashable, Codable {
    public var birthDate: CalendarDate
    public var referenceDate: CalendarDate
    public var benefit: BenefitKind
    public var workProspect: Bool
    public var selfReliant: Bool
    public var motivated: Bool
    public var risks: Set<Risk>
    public var civicIntegration: CivicIntegration
    public var circumstances: Set<Circumstance>
    public var wishes: Set<Wish>
    public var zrm: ZrmScores?

    public init(
        birthDate: CalendarDate, referenceDate: CalendarDate, benefit: BenefitKind, workProspect: Bool,
        selfReliant: Bool, motivated: Bool, risks: Set<Risk> = [], civicIntegration: CivicIntegration = .none,
        circumstances: Set<Circumstance> = [], wishes: Set<Wish> = [], zrm: ZrmScores? = nil
    ) {
        self.birthDate = birthDate
        self.referenceDate = referenceDate
        self.benefit = benefit
        self.workProspect = workProspect
        self.selfReliant = selfReliant
        self.motivated = motivated
        self.risks = risks
        self.civicIntegration = civicIntegration
        self.circumstances = circumstances
        self.wishes = wishes
        self.zrm = zrm
    }

    enum CodingKeys: String, CodingKey {
        case birthDate, referenceDate, benefit, workProspect, selfReliant, motivated, risks, civicIntegration,
            circumstances, wishes, zrm
    }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        birthDate = try c.decode(CalendarDate.self, forKey: .birthDate)
        referenceDate = try c.decode(CalendarDate.self, forKey: .referenceDate)
        benefit = try c.decode(BenefitKind.self, forKey: .benefit)
        workProspect = try c.decode(Bool.self, forKey: .workProspect)
        selfReliant = try c.decode(Bool.self, forKey: .selfReliant)
        motivated = try c.decode(Bool.self, forKey: .motivated)
        risks = try c.decode(Set<Risk>.self, forKey: .risks)
        civicIntegration = try c.decode(CivicIntegration.self, forKey: .civicIntegration)
        circumstances = try c.decode(Set<Circumstance>.self, forKey: .circumstances)
        wishes = try c.decode(Set<Wish>.self, forKey: .wishes)
        zrm = try c.decodeIfPresent([String: Int].self, forKey: .zrm).map { try ZrmScores(raw: $0, complete: false) }
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(birthDate, forKey: .birthDate)
        try c.encode(referenceDate, forKey: .referenceDate)
        try c.encode(benefit, forKey: .benefit)
        try c.encode(workProspect, forKey: .workProspect)
        try c.encode(selfReliant, forKey: .selfReliant)
        try c.encode(motivated, forKey: .motivated)
        try c.encode(risks.map(\.rawValue).sorted(), forKey: .risks)
        try c.encode(civicIntegration, forKey: .civicIntegration)
        try c.encode(circumstances.map(\.rawValue).sorted(), forKey: .circumstances)
        try c.encode(wishes.map(\.rawValue).sorted(), forKey: .wishes)
        try c.encodeIfPresent(zrm?.raw, forKey: .zrm)
    }
}

/// Facts with the policy's derived notions (age, municipal benefit, duty) worked out once.
struct EvaluatedFacts {
    let facts: DiagnosisFacts
    let age: Int
    let municipalBenefit: Bool
    let duty: Bool
    var riskList: String { facts.risks.map(\.label.nl).sorted().joined(separator: ", ") }
    var riskListEn: String { facts.risks.map(\.label.en).sorted().joined(separator: ", ") }

    init(_ facts: DiagnosisFacts, policy: DiagnosisPolicy) {
        self.facts = facts
        age = facts.birthDate.age(on: facts.referenceDate)
        municipalBenefit = policy.municipalBenefits.contains(facts.benefit)
        duty = municipalBenefit || facts.civicIntegration == .obliged
    }
}

/// The outcome of a diagnosis: a proposal, with every reason that led there.
public struct DiagnosisProposal: Sendable, Hashable, Codable {
    public var route: Route
    /// nil when no target group applies: a professional judgement is needed.
    public var category: Int?
    public var targetGroups: [String]
    public var enforcementAvailable: Bool
    public var caseTableProposed: Bool
    public var reasons: [Reason]
    public var policyID: String
    public var policyVersion: String

    public init(
        route: Route, category: Int?, targetGroups: [String], enforcementAvailable: Bool, caseTableProposed: Bool,
        reasons: [Reason], policyID: String, policyVersion: String
    ) {
        self.route = route
        self.category = category
        self.targetGroups = targetGroups
        self.enforcementAvailable = enforcementAvailable
        self.caseTableProposed = caseTableProposed
        self.reasons = reasons
        self.policyID = policyID
        self.policyVersion = policyVersion
    }
}

/// The two-step diagnosis, target groups and priority category. Pure: facts and policy in, proposal out.
public struct DiagnosisEngine: Sendable {
    public let policy: DiagnosisPolicy

    public init(policy: DiagnosisPolicy) { self.policy = policy }

    /// Route, category and target groups without the reasons: for simulations over a whole caseload.
    /// Always agrees with `diagnose` (a test checks this on many fact sets).
    public func classify(_ facts: DiagnosisFacts) -> (route: Route, category: Int?, targetGroups: [String]) {
        let f = EvaluatedFacts(facts, policy: policy)
        let route = policy.routes.first { $0.when.holds(f) }?.route ?? .participationPassive
        var groups: [String] = []
        var category: Int?
        for group in policy.targetGroups where group.when.holds(f) {
            groups.append(group.id)
            category = min(category ?? group.category, group.category)
        }
        return (route, category, groups)
    }

    public func diagnose(_ facts: DiagnosisFacts) -> DiagnosisProposal {
        let f = EvaluatedFacts(facts, policy: policy)
        var reasons: [Reason] = []

        if !policy.workingAge.contains(f.age) {
            reasons.append(
                Reason(
                    code: "age.outsideWorkingAge",
                    nl:
                        "Let op: \(f.age) jaar valt buiten de werkende leeftijd (\(policy.workingAge.lowerBound)-\(policy.workingAge.upperBound)).",
                    en:
                        "Note: \(f.age) years is outside working age (\(policy.workingAge.lowerBound)-\(policy.workingAge.upperBound))."
                ))
        }

        // Step 1 and 2: the first route rule whose condition holds.
        var route = Route.participationPassive
        for rule in policy.routes {
            guard let because = rule.when.evaluate(f) else { continue }
            route = rule.route
            let factsNl = because.map(\.text.nl).joined(separator: ", ")
            let factsEn = because.map(\.text.en).joined(separator: ", ")
            reasons.append(
                Reason(
                    code: "route.\(rule.route.rawValue)",
                    nl: rule.reason.nl + (factsNl.isEmpty ? "" : " Want: \(factsNl)."),
                    en: rule.reason.en + (factsEn.isEmpty ? "" : " Because: \(factsEn).")))
            break
        }

        // Target groups; several groups → the highest priority (lowest number).
        var groups: [String] = []
        var category: Int?
        for group in policy.targetGroups {
            guard let because = group.when.evaluate(f) else { continue }
            groups.append(group.id)
            category = min(category ?? group.category, group.category)
            reasons.append(
                Reason(
                    code: "targetGroup.\(group.id)",
                    nl:
                        "Doelgroep '\(group.name.nl)' (categorie \(group.category)): \(because.map(\.text.nl).joined(separator: ", ")).",
                    en:
                        "Target group '\(group.name.en)' (category \(group.category)): \(because.map(\.text.en).joined(separator: ", "))."
                ))
        }
        if let category, let info = policy.category(category) {
            let several = groups.count > 1
            reasons.append(
                Reason(
                    code: "category.\(category)",
                    nl: "Prioriteitscategorie \(category): \(info.name.nl)."
                        + (several ? " Bij meerdere doelgroepen geldt de hoogste prioriteit." : ""),
                    en: "Priority category \(category): \(info.name.en)."
                        + (several ? " With several target groups the highest priority applies." : "")))
        } else {
            reasons.append(
                Reason(
                    code: "category.none",
                    nl: "Geen doelgroep van toepassing: een professioneel oordeel is nodig.",
                    en: "No target group applies: a professional judgement is needed."))
        }

        let enforcementAvailable = policy.enforcementAvailable.evaluate(f) != nil
        if enforcementAvailable {
            reasons.append(
                Reason(
                    code: "enforcement.available",
                    nl: "Handhaving is mogelijk: gemeentelijke uitkering en niet gemotiveerd.",
                    en: "Enforcement is available: municipal benefit and not motivated."))
        }

        var caseTable = false
        if let zrm = facts.zrm {
            let problems = zrm.domains(atMost: policy.caseTable.maxScore)
            if problems.count >= policy.caseTable.minDomains {
                caseTable = true
                reasons.append(
                    Reason(
                        code: "caseTable.proposed",
                        nl:
                            "Meervoudige problematiek: \(problems.count) ZRM-domeinen scoren \(policy.caseTable.maxScore) of lager (\(problems.map(\.label.nl).joined(separator: ", "))). Voorstel: stadsdeeltafel.",
                        en:
                            "Multi-problem: \(problems.count) ZRM domains score \(policy.caseTable.maxScore) or lower (\(problems.map(\.label.en).joined(separator: ", "))). Proposal: district case table."
                    ))
            }
        }

        return DiagnosisProposal(
            route: route, category: category, targetGroups: groups,
            enforcementAvailable: enforcementAvailable, caseTableProposed: caseTable,
            reasons: reasons, policyID: policy.id, policyVersion: policy.version)
    }
}
