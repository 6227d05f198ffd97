import Foundation

/// Where an intervention stands in the order of preference of DOMAIN.md: paid work >
/// activation / internship > volunteering > day activities. Lower is preferred.
public enum Tier: Int, Sendable, Codable, CaseIterable, Comparable {
    case paidWork = 0
    case activation = 1
    case volunteering = 2
    case dayActivities = 3

    public static func < (a: Tier, b: Tier) -> Bool { a.rawValue < b.rawValue }

    public var label: LocalizedText {
        switch self {
        case .paidWork: .init(nl: "betaald werk", en: "paid work")
        case .activation: .init(nl: "activering / stage", en: "activation / internship")
        case .volunteering: .init(nl: "vrijwilligerswerk", en: "volunteering")
        case .dayActivities: .init(nl: "dagbesteding", en: "day activities")
        }
    }
}

/// The intervention types of source document 003 (continuum from day activities to work) and the
/// participation places of document 004.
public enum InterventionType: String, Sendable, Codable, CaseIterable, Hashable {
    case dayActivitiesLow, dayActivitiesHigh, workOrientedDayActivities, internalInternship, guidanceToWork
    case specialGroupsPreparation, intensiveGroupMediation, activationRung12, languageCourse, civicIntegration
    case vavo, ips, trajectoryGuidance
    /// Participation places: volunteer work, internship, work with retained benefit; social (SAP) and societal (MAP) activation places.
    case volunteerPlace, internshipPlace, workWithRetainedBenefit, socialActivationPlace, societalActivationPlace
    /// A short track for people who can but will not (004 §4.3: "een in de tijd beperkt
    /// voorschakeltraject … voordat mensen daadwerkelijk actief worden op een participatieplaats").
    case preparatoryTrack

    public var tier: Tier {
        switch self {
        case .guidanceToWork, .intensiveGroupMediation, .ips, .workWithRetainedBenefit: .paidWork
        case .internalInternship, .internshipPlace, .specialGroupsPreparation, .activationRung12, .trajectoryGuidance,
            .languageCourse, .civicIntegration, .vavo, .societalActivationPlace, .preparatoryTrack:
            .activation
        case .volunteerPlace, .socialActivationPlace: .volunteering
        case .dayActivitiesLow, .dayActivitiesHigh, .workOrientedDayActivities: .dayActivities
        }
    }

    /// A statutory maximum duration in months, where the type has one (document 000: SAP ≤ 6, MAP ≤ 24).
    public var statutoryMaxMonths: Int? {
        switch self {
        case .socialActivationPlace: 6
        case .societalActivationPlace: 24
        case .preparatoryTrack: 3
        default: nil
        }
    }

    /// Whether this is a participation place (placement) rather than a trajectory.
    public var isPlace: Bool {
        switch self {
        case .volunteerPlace, .internshipPlace, .workWithRetainedBenefit, .socialActivationPlace,
            .societalActivationPlace:
            true
        default: false
        }
    }

    public var label: LocalizedText {
        switch self {
        case .dayActivitiesLow:
            .init(nl: "Dagbesteding, laagintensieve begeleiding", en: "Day activities, low-intensity support")
        case .dayActivitiesHigh:
            .init(nl: "Gespecialiseerde dagbesteding, hoogintensief", en: "Specialised day activities, high-intensity")
        case .workOrientedDayActivities: .init(nl: "Arbeidsmatige dagbesteding", en: "Work-oriented day activities")
        case .internalInternship: .init(nl: "Interne leerstage", en: "Internal internship")
        case .guidanceToWork: .init(nl: "Toeleiding naar werk", en: "Guidance to work")
        case .specialGroupsPreparation:
            .init(
                nl: "Voorbereiding bemiddeling bijzondere doelgroepen", en: "Preparation for mediation, special groups")
        case .intensiveGroupMediation:
            .init(nl: "Intensieve groepsbemiddeling naar werk", en: "Intensive group mediation to work")
        case .activationRung12: .init(nl: "Activering (weer op gang komen)", en: "Activation (getting going again)")
        case .languageCourse: .init(nl: "Taalcursus", en: "Language course")
        case .civicIntegration: .init(nl: "Inburgering", en: "Civic integration")
        case .vavo: .init(nl: "VAVO (voortgezet onderwijs voor volwassenen)", en: "VAVO (secondary school for adults)")
        case .ips:
            .init(nl: "Werk vinden met begeleiding op de werkplek (IPS)", en: "Individual Placement and Support (IPS)")
        case .trajectoryGuidance: .init(nl: "Trajectbegeleiding", en: "Trajectory guidance")
        case .volunteerPlace: .init(nl: "Vrijwilligersplek", en: "Volunteer place")
        case .internshipPlace: .init(nl: "Stageplek", en: "Internship place")
        case .workWithRetainedBenefit: .init(nl: "Werken met behoud van uitkering", en: "Work with retained benefit")
        case .socialActivationPlace: .init(nl: "Sociale activeringsplaats (SAP)", en: "Social activation place (SAP)")
        case .societalActivationPlace:
            .init(nl: "Maatschappelijke activeringsplaats (MAP)", en: "Societal activation place (MAP)")
        case .preparatoryTrack: .init(nl: "Voorschakeltraject", en: "Preparatory track")
        }
    }

    /// Whether the kind is, by default, a right the resident may take up (the Wmo provisions of day
    /// activities) or comes with the duty to co-operate (Participatiewet). An offer may say otherwise.
    public var defaultLegalBasis: LegalBasis {
        switch self {
        case .dayActivitiesLow, .dayActivitiesHigh, .workOrientedDayActivities: .right
        default: .duty
        }
    }
}

/// 003 §"Wie bepaalt": "Vanuit de Wmo bestaat er een 'recht op ondersteuning' en vanuit de
/// Participatiewet 'verplichting tot meewerken'. Het een is gebaseerd op vrijwilligheid terwijl het
/// ander, indien nodig, gebaseerd is op dwang." Enforcement applies to duty offers only.
public enum LegalBasis: String, Sendable, Codable, CaseIterable, Hashable {
    case duty, right

    public var label: LocalizedText {
        switch self {
        case .duty: .init(nl: "plicht tot meewerken (Participatiewet)", en: "duty to co-operate (Participatiewet)")
        case .right: .init(nl: "recht op ondersteuning (Wmo)", en: "right to support (Wmo)")
        }
    }
}

/// Participation domains of document 004.
public enum ParticipationDomain: String, Sendable, Codable, CaseIterable, Hashable {
    case burgerschap, werknemerschap, vakmanschap, ondernemerschap

    /// The domain in words (source document 004: the four participation domains).
    public var label: LocalizedText {
        switch self {
        case .burgerschap:
            .init(nl: "Burgerschap (meedoen in de samenleving)", en: "Citizenship (taking part in society)")
        case .werknemerschap:
            .init(nl: "Werknemerschap (werkritme en werkhouding)", en: "Employeeship (work rhythm and attitude)")
        case .vakmanschap:
            .init(nl: "Vakmanschap (vaardigheden voor een vak)", en: "Craftsmanship (skills for a trade)")
        case .ondernemerschap:
            .init(nl: "Ondernemerschap (voor jezelf beginnen)", en: "Entrepreneurship (self-employment)")
        }
    }
}

/// Basic package (city-wide, ≈80 %) or plus package (one district, ≈20 %).
public enum Package: String, Sendable, Codable, CaseIterable, Hashable {
    case basic, plus
}

/// Who may enter an intervention. An empty list means "no restriction" on that criterion.
public struct AccessCriteria: Sendable, Codable, Hashable {
    public var rungs: [Int]
    public var categories: [Int]
    public var minAge: Int?
    public var maxAge: Int?
    public var benefitKinds: [BenefitKind]
    public var districts: [String]
    public var routes: [Route]

    public init(
        rungs: [Int] = [], categories: [Int] = [], minAge: Int? = nil, maxAge: Int? = nil,
        benefitKinds: [BenefitKind] = [], districts: [String] = [], routes: [Route] = []
    ) {
        self.rungs = rungs
        self.categories = categories
        self.minAge = minAge
        self.maxAge = maxAge
        self.benefitKinds = benefitKinds
        self.districts = districts
        self.routes = routes
    }

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case rungs, categories, minAge, maxAge, benefitKinds, districts, routes
    }

    /// Unknown keys are errors: a typo must not silently widen access.
    public init(from decoder: any Decoder) throws {
        let any = try decoder.container(keyedBy: AnyKey.self)
        for key in any.allKeys where CodingKeys(stringValue: key.stringValue) == nil {
            throw DecodingError.dataCorrupted(
                .init(codingPath: any.codingPath + [key], debugDescription: "unknown criterion '\(key.stringValue)'"))
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rungs = try c.decodeIfPresent([Int].self, forKey: .rungs) ?? []
        categories = try c.decodeIfPresent([Int].self, forKey: .categories) ?? []
        minAge = try c.decodeIfPresent(Int.self, forKey: .minAge)
        maxAge = try c.decodeIfPresent(Int.self, forKey: .maxAge)
        benefitKinds = try c.decodeIfPresent([BenefitKind].self, forKey: .benefitKinds) ?? []
        districts = try c.decodeIfPresent([String].self, forKey: .districts) ?? []
        routes = try c.decodeIfPresent([Route].self, forKey: .routes) ?? []
    }

    /// Problems with the criteria themselves (not with a person), for files and API input.
    public func problems() -> [(entry: String, message: String)] {
        var out: [(String, String)] = []
        for (i, r) in rungs.enumerated() where !(1...20).contains(r) {
            out.append(("rungs[\(i)]", "rung \(r) is not between 1 and 20"))
        }
        for (i, c) in categories.enumerated() where !(1...5).contains(c) {
            out.append(("categories[\(i)]", "category \(c) is not between 1 and 5"))
        }
        if let a = minAge, !(0...120).contains(a) { out.append(("minAge", "age \(a) is not between 0 and 120")) }
        if let a = maxAge, !(0...120).contains(a) { out.append(("maxAge", "age \(a) is not between 0 and 120")) }
        if let lo = minAge, let hi = maxAge, lo > hi { out.append(("maxAge", "maxAge \(hi) is below minAge \(lo)")) }
        return out
    }
}

/// One intervention or participation place as the catalogue describes it.
public struct InterventionSpec: Sendable, Codable, Hashable {
    public var code: String
    public var name: String
    public var description: String?
    public var type: InterventionType
    public var domain: ParticipationDomain
    public var package: Package
    /// The district of a plus-package offer; nil for the basic package.
    public var district: String?
    /// The provider's code in the same file.
    public var provider: String
    public var fundingStream: String
    public var priceCents: Int
    public var maxMonths: Int
    public var capacity: Int
    public var hoursPerWeek: Int
    public var location: String
    public var criteria: AccessCriteria
    /// Right (Wmo) or duty (Participatiewet); nil: as the kind has it (`InterventionType.defaultLegalBasis`).
    public var legalBasis: LegalBasis?
    /// Whether a referral waits for a specialist's approval before it takes a place or money (003: the
    /// specialist decides on costly provisions such as work-oriented day activities). Nil: no.
    public var needsApproval: Bool?
    /// A result-based contract with the provider; nil: paid for effort (pro rata to the days used).
    public var contract: ResultContract?

    /// Right or duty, as stated or as the kind has it.
    public var basis: LegalBasis { legalBasis ?? type.defaultLegalBasis }

    public init(
        code: String, name: String, description: String? = nil, type: InterventionType, domain: ParticipationDomain,
        package: Package, district: String?, provider: String, fundingStream: String, priceCents: Int, maxMonths: Int,
        capacity: Int, hoursPerWeek: Int, location: String, criteria: AccessCriteria, legalBasis: LegalBasis? = nil,
        needsApproval: Bool? = nil, contract: ResultContract? = nil
    ) {
        self.contract = contract
        self.legalBasis = legalBasis
        self.needsApproval = needsApproval
        self.code = code
        self.name = name
        self.description = description
        self.type = type
        self.domain = domain
        self.package = package
        self.district = district
        self.provider = provider
        self.fundingStream = fundingStream
        self.priceCents = priceCents
        self.maxMonths = maxMonths
        self.capacity = capacity
        self.hoursPerWeek = hoursPerWeek
        self.location = location
        self.criteria = criteria
    }

    /// Everything wrong with this entry, each with the field it concerns. Used for files and API input alike.
    public func problems() -> [(entry: String, message: String)] {
        var out: [(String, String)] = []
        if code.isEmpty || code.count > 64 { out.append(("code", "must be 1-64 characters")) }
        if name.isEmpty { out.append(("name", "is empty")) }
        if priceCents < 0 { out.append(("priceCents", "is negative")) }
        if capacity < 0 || capacity > 100_000 { out.append(("capacity", "must be between 0 and 100000")) }
        if !(0...60).contains(hoursPerWeek) { out.append(("hoursPerWeek", "must be between 0 and 60")) }
        if maxMonths < 1 { out.append(("maxMonths", "must be at least 1")) }
        if let limit = type.statutoryMaxMonths, maxMonths > limit {
            out.append(("maxMonths", "\(maxMonths) months exceeds the maximum of \(limit) for \(type.rawValue)"))
        }
        if package == .plus && district == nil {
            out.append(("district", "a plus-package offer belongs to one district"))
        }
        if package == .basic && district != nil {
            out.append(("district", "a basic-package offer is city-wide and has no district"))
        }
        if fundingStream.isEmpty { out.append(("fundingStream", "is empty")) }
        for p in criteria.problems() { out.append(("criteria.\(p.entry)", p.message)) }
        for p in contract?.problems() ?? [] { out.append(("contract.\(p.entry)", p.message)) }
        return out
    }
}

public struct ProviderSpec: Sendable, Codable, Hashable {
    public var code: String
    public var name: String
    public var contact: String?
    public init(code: String, name: String, contact: String? = nil) {
        self.code = code
        self.name = name
        self.contact = contact
    }
}

/// A catalogue file (`Policies/catalogue/*.json`): providers and their interventions.
public struct CatalogueFile: Sendable, Codable, Hashable, PolicyDocument {
    public var id: String
    public var version: String
    /// The ladder the rung criteria refer to.
    public var ladder: String
    public var districts: [String]
    public var providers: [ProviderSpec]
    public var interventions: [InterventionSpec]

    public func validate(file: String) throws(PolicyError) {
        var seenProviders = Set<String>()
        for (i, p) in providers.enumerated() {
            guard seenProviders.insert(p.code).inserted else {
                throw PolicyError(file: file, entry: "providers[\(i)].code", message: "duplicate provider '\(p.code)'")
            }
        }
        var seen = Set<String>()
        for (i, spec) in interventions.enumerated() {
            let at = "interventions[\(i)]"
            guard seen.insert(spec.code).inserted else {
                throw PolicyError(file: file, entry: "\(at).code", message: "duplicate code '\(spec.code)'")
            }
            if let p = spec.problems().first {
                throw PolicyError(file: file, entry: "\(at).\(p.entry)", message: p.message)
            }
            guard seenProviders.contains(spec.provider) else {
                throw PolicyError(file: file, entry: "\(at).provider", message: "unknown provider '\(spec.provider)'")
            }
            if let d = spec.district, !districts.contains(d) {
                throw PolicyError(file: file, entry: "\(at).district", message: "unknown district '\(d)'")
            }
            for (j, d) in spec.criteria.districts.enumerated() where !districts.contains(d) {
                throw PolicyError(
                    file: file, entry: "\(at).criteria.districts[\(j)]", message: "unknown district '\(d)'")
            }
        }
    }
}

/// The two families of routes a diagnosis proposes (DOMAIN.md "Diagnosis in two steps"; source
/// document 000): the work routes (and enforcement, which keeps the duty to work) and the
/// participation routes.
public enum RouteFamily: String, Sendable, Codable, CaseIterable, Hashable {
    case work, participation

    /// What the family's routes are offered, in words.
    public var offers: LocalizedText {
        switch self {
        case .work: .init(nl: "werkgericht aanbod", en: "work-oriented offers")
        case .participation:
            .init(nl: "activering, vrijwilligerswerk of dagbesteding", en: "activation, volunteering or day activities")
        }
    }
}

extension Route {
    public var family: RouteFamily {
        switch self {
        case .workLimitedOffer, .workPassive, .workActive, .workSchoolFirst, .enforcement: .work
        case .participationActive, .participationPublicOrder, .participationPassive: .participation
        }
    }
}

extension InterventionType {
    /// The route families this kind of offer serves. Work routes get work-oriented offers — paid work,
    /// internships, preparation for mediation and the activation places SAP and MAP, which are for
    /// people with a prospect of the labour market (000); participation routes get activation towards
    /// getting going again and day activities. Language, civic integration, adult education and
    /// volunteering serve both, and so does trajectory guidance (onward from day activities, or to work).
    public var routeFamilies: Set<RouteFamily> {
        switch self {
        case .guidanceToWork, .intensiveGroupMediation, .ips, .workWithRetainedBenefit, .internalInternship,
            .internshipPlace, .specialGroupsPreparation, .socialActivationPlace, .societalActivationPlace:
            [.work]
        case .dayActivitiesLow, .dayActivitiesHigh, .workOrientedDayActivities, .activationRung12: [.participation]
        case .preparatoryTrack: [.work]
        case .languageCourse, .civicIntegration, .vavo, .volunteerPlace, .trajectoryGuidance: [.work, .participation]
        }
    }

    /// Whether this kind of offer fits `route`.
    public func fits(_ route: Route) -> Bool { routeFamilies.contains(route.family) }
}
