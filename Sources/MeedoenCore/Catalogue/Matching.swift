import Foundation

/// A person as matching and access checks see them: their latest facts, nothing more.
public struct Candidate: Sendable, Hashable {
    public var id: UUID
    public var age: Int
    public var rung: Int?
    public var category: Int?
    public var benefit: BenefitKind
    public var district: String
    public var route: Route?
    public var wishes: Set<Wish>
    public var preferredDomain: ParticipationDomain?
    /// The municipality's district names by code, so reasons name a district as people know it.
    public var districtNames: [String: String]

    public init(
        id: UUID, age: Int, rung: Int?, category: Int?, benefit: BenefitKind, district: String, route: Route?,
        wishes: Set<Wish>, preferredDomain: ParticipationDomain? = nil, districtNames: [String: String] = [:]
    ) {
        self.districtNames = districtNames
        self.id = id
        self.age = age
        self.rung = rung
        self.category = category
        self.benefit = benefit
        self.district = district
        self.route = route
        self.wishes = wishes
        self.preferredDomain = preferredDomain
    }
}

extension Candidate {
    /// A district's name as people know it; the code where the name is not known.
    public func districtName(_ code: String) -> String { districtNames[code] ?? code }
}

/// The access criteria a case manager may override (with a recorded reason). Capacity is not one of them.
public enum Criterion: String, Sendable, Codable, CaseIterable, Hashable {
    case rung, category, age, benefit, district, route
}

public struct CriterionResult: Sendable, Hashable {
    public var criterion: Criterion
    public var passed: Bool
    public var reason: Reason
}

/// An intervention as matching sees it: the catalogue entry plus its current occupancy.
public struct Offer: Sendable, Hashable {
    public var id: UUID
    public var name: String
    public var type: InterventionType
    public var domain: ParticipationDomain
    public var package: Package
    public var district: String?
    public var priceCents: Int
    public var capacity: Int
    public var taken: Int
    public var waiting: Int
    /// Expected wait in days for a new referral (0 when a place is free).
    public var expectedWaitDays: Int
    public var criteria: AccessCriteria

    public init(
        id: UUID, name: String, type: InterventionType, domain: ParticipationDomain, package: Package,
        district: String?,
        priceCents: Int, capacity: Int, taken: Int, waiting: Int, expectedWaitDays: Int, criteria: AccessCriteria
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.domain = domain
        self.package = package
        self.district = district
        self.priceCents = priceCents
        self.capacity = capacity
        self.taken = taken
        self.waiting = waiting
        self.expectedWaitDays = expectedWaitDays
        self.criteria = criteria
    }

    public var freePlaces: Int { max(0, capacity - taken) }
}

/// Access criteria checked one by one, each with its reason (nl/en).
public enum AccessCheck {
    public static func check(_ c: Candidate, _ offer: Offer) -> [CriterionResult] {
        var out: [CriterionResult] = []
        let k = offer.criteria
        func add(_ criterion: Criterion, _ passed: Bool, _ nl: String, _ en: String) {
            out.append(
                .init(
                    criterion: criterion, passed: passed,
                    reason: Reason(code: "criterion.\(criterion.rawValue).\(passed ? "met" : "unmet")", nl: nl, en: en))
            )
        }
        let rungList = k.rungs.map(String.init).joined(separator: ", ")
        if !k.rungs.isEmpty {
            if let r = c.rung {
                add(
                    .rung, k.rungs.contains(r),
                    k.rungs.contains(r)
                        ? "Past bij trede \(r)." : "Trede \(r) valt buiten de toegang (treden \(rungList)).",
                    k.rungs.contains(r) ? "Fits rung \(r)." : "Rung \(r) is outside access (rungs \(rungList)).")
            } else {
                add(
                    .rung, false, "Geen trede vastgesteld; toegang vraagt trede \(rungList).",
                    "No rung recorded; access requires rung \(rungList).")
            }
        }
        if !k.categories.isEmpty {
            let list = k.categories.map(String.init).joined(separator: ", ")
            if let cat = c.category {
                let ok = k.categories.contains(cat)
                add(
                    .category, ok,
                    ok
                        ? "Prioriteitscategorie \(cat) heeft toegang."
                        : "Categorie \(cat) heeft geen toegang (categorieën \(list)).",
                    ok ? "Priority category \(cat) has access." : "Category \(cat) has no access (categories \(list)).")
            } else {
                add(
                    .category, false, "Geen categorie vastgesteld; toegang vraagt categorie \(list).",
                    "No category decided; access requires category \(list).")
            }
        }
        if k.minAge != nil || k.maxAge != nil {
            let lo = k.minAge ?? 0
            let hi = k.maxAge ?? 200
            let ok = (lo...hi).contains(c.age)
            add(
                .age, ok,
                ok ? "Leeftijd \(c.age) past (\(lo)-\(hi))." : "Leeftijd \(c.age) valt buiten \(lo)-\(hi) jaar.",
                ok ? "Age \(c.age) fits (\(lo)-\(hi))." : "Age \(c.age) is outside \(lo)-\(hi) years.")
        }
        if !k.benefitKinds.isEmpty {
            let ok = k.benefitKinds.contains(c.benefit)
            add(
                .benefit, ok,
                ok
                    ? "Uitkering: \(c.benefit.label.nl) — heeft toegang."
                    : "Uitkering: \(c.benefit.label.nl) — heeft geen toegang.",
                ok
                    ? "Benefit: \(c.benefit.label.en) — has access."
                    : "Benefit: \(c.benefit.label.en) — has no access.")
        }
        // A plus-package offer is for its own district; criteria may name districts too.
        var districts = k.districts
        if offer.package == .plus, let d = offer.district, !districts.contains(d) { districts.append(d) }
        if !districts.isEmpty {
            let ok = districts.contains(c.district)
            add(
                .district, ok,
                ok
                    ? "Woont in stadsdeel \(c.districtName(c.district))."
                    : "Alleen voor stadsdeel \(districts.map(c.districtName).joined(separator: ", ")).",
                ok
                    ? "Lives in district \(c.districtName(c.district))."
                    : "Only for district \(districts.map(c.districtName).joined(separator: ", ")).")
        }
        if !k.routes.isEmpty {
            if let r = c.route {
                let ok = k.routes.contains(r)
                add(
                    .route, ok, ok ? "Past bij route \(r.label.nl)." : "Route \(r.label.nl) heeft geen toegang.",
                    ok ? "Fits route \(r.label.en)." : "Route \(r.label.en) has no access.")
            } else {
                add(.route, false, "Geen route vastgesteld (diagnose ontbreekt).", "No route decided (no diagnosis).")
            }
        }
        // Matching follows the diagnosis: the kind of offer must fit the route, unless the offer names
        // its routes itself (the catalogue's own decision, checked above).
        if k.routes.isEmpty, let r = c.route, !offer.type.fits(r) {
            let needs = r.family.offers
            add(
                .route, false,
                "\(offer.type.label.nl) past niet bij de route \(r.label.nl); die vraagt \(needs.nl).",
                "\(offer.type.label.en) does not fit the route \(r.label.en); it calls for \(needs.en).")
        }
        return out
    }
}

/// One ranked offer for a person (or one ranked person for an offer), with its reasons.
public struct Match: Sendable, Hashable {
    public var offerIndex: Int
    public var candidateIndex: Int
    public var score: Int
    /// All criteria met.
    public var fits: Bool
    public var reasons: [Reason]
    /// Criteria not met (empty when `fits`).
    public var unmet: [CriterionResult]
}

/// Ranks offers for a person and people for an offer. Pure. Only kinds of offer that fit the
/// person's route take part (`InterventionType.fits`; the others are unmet on `route`, with the
/// reason); among them the order of DOMAIN.md comes first (paid work > activation / internship >
/// volunteering > day activities), then within a tier the person's wishes (a wish lifts an offer
/// within its tier, never above a higher one), own district, participation domain, free places
/// against waiting time, and price.
public enum Matcher {
    /// Score of an offer for a person, or nil when a criterion is not met. No allocation: this is
    /// the inner loop of the caseload-wide run.
    @inline(__always)
    public static func score(_ c: Candidate, _ o: Offer) -> Int? {
        let k = o.criteria
        if !k.rungs.isEmpty { guard let r = c.rung, k.rungs.contains(r) else { return nil } }
        if !k.categories.isEmpty { guard let cat = c.category, k.categories.contains(cat) else { return nil } }
        if let lo = k.minAge, c.age < lo { return nil }
        if let hi = k.maxAge, c.age > hi { return nil }
        if !k.benefitKinds.isEmpty, !k.benefitKinds.contains(c.benefit) { return nil }
        if !k.districts.isEmpty, !k.districts.contains(c.district) { return nil }
        if o.package == .plus, let d = o.district, d != c.district { return nil }
        if !k.routes.isEmpty { guard let r = c.route, k.routes.contains(r) else { return nil } }
        if k.routes.isEmpty, let r = c.route, !o.type.fits(r) { return nil }
        return preference(c, o)
    }

    /// The preference part of the score (criteria aside).
    @inline(__always)
    static func preference(_ c: Candidate, _ o: Offer) -> Int {
        var s = (3 - o.type.tier.rawValue) * 1000
        // School first (000 §2.1.2): a diploma course comes before any work.
        if c.route == .workSchoolFirst, o.type == .vavo { s += 4000 }
        // The unwilling (the enforcement route): a preparatory track before a participation place (004 §4.3).
        if c.route == .enforcement, o.type == .preparatoryTrack { s += 4000 }
        if wishFits(c.wishes, o.type) { s += 500 }
        if o.district == c.district { s += 200 } else if o.package == .basic { s += 100 }
        if let d = c.preferredDomain, d == o.domain { s += 150 }
        if let r = c.rung, o.criteria.rungs.contains(r) { s += 100 }
        if o.freePlaces > 0 { s += 300 } else { s -= min(300, o.expectedWaitDays * 3) }
        s -= min(99, o.priceCents / 100_000)  // €1,000 = 1 point: cost only breaks ties
        return s
    }

    static func wishFits(_ wishes: Set<Wish>, _ type: InterventionType) -> Bool {
        if wishes.isEmpty { return false }
        switch type.tier {
        case .paidWork: return wishes.contains(.work)
        case .activation: return type == .vavo ? wishes.contains(.secondaryDiploma) : wishes.contains(.work)
        case .volunteering: return wishes.contains(.volunteer) || wishes.contains(.socialContact)
        case .dayActivities: return wishes.contains(.socialContact)
        }
    }

    /// The offers for one person, best first, each explained. Offers whose criteria are not met are
    /// left out unless `includeUnfit` (then they follow the fitting ones, with their unmet criteria).
    public static func rank(_ c: Candidate, _ offers: [Offer], limit: Int = .max, includeUnfit: Bool = false) -> [Match]
    {
        var scored: [(Int, Int)] = []
        scored.reserveCapacity(offers.count)
        var unfit: [Int] = []
        for (i, o) in offers.enumerated() {
            if let s = score(c, o) { scored.append((i, s)) } else if includeUnfit { unfit.append(i) }
        }
        scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : offers[$0.0].name < offers[$1.0].name }
        var out = scored.prefix(limit).map {
            explain(c, offers[$0.0], offerIndex: $0.0, candidateIndex: 0, score: $0.1)
        }
        if includeUnfit {
            for i in unfit.prefix(max(0, limit - out.count)) {
                out.append(explain(c, offers[i], offerIndex: i, candidateIndex: 0, score: preference(c, offers[i])))
            }
        }
        return out
    }

    /// The people who fit one offer, best first (for the case manager's "who fits this place").
    public static func candidates(for o: Offer, among people: [Candidate], limit: Int = 50) -> [Match] {
        var scored: [(Int, Int)] = []
        for (i, c) in people.enumerated() { if let s = score(c, o) { scored.append((i, s)) } }
        // For a place, priority category comes first: the valve decides who is served.
        scored.sort {
            let a = people[$0.0].category ?? 9
            let b = people[$1.0].category ?? 9
            return a != b
                ? a < b : ($0.1 != $1.1 ? $0.1 > $1.1 : people[$0.0].id.uuidString < people[$1.0].id.uuidString)
        }
        return scored.prefix(limit).map { explain(people[$0.0], o, offerIndex: 0, candidateIndex: $0.0, score: $0.1) }
    }

    /// The best `limit` offers for each person of a whole caseload (reasons only for those kept).
    public static func bestForEach(_ people: [Candidate], _ offers: [Offer], limit: Int = 3) -> [[Match]] {
        people.map { c in
            var top: [(Int, Int)] = []  // (index, score), kept sorted descending, at most `limit`
            for (i, o) in offers.enumerated() {
                guard let s = score(c, o) else { continue }
                if top.count < limit {
                    top.append((i, s))
                    top.sort { $0.1 > $1.1 }
                } else if s > top[top.count - 1].1 {
                    top[top.count - 1] = (i, s)
                    top.sort { $0.1 > $1.1 }
                }
            }
            return top.map { explain(c, offers[$0.0], offerIndex: $0.0, candidateIndex: 0, score: $0.1) }
        }
    }

    /// Reasons in the words of the issue: "past bij trede 2", "plek vrij in eigen stadsdeel",
    /// "past bij wens vrijwilligerswerk", "wachtlijst 3 weken".
    public static func explain(_ c: Candidate, _ o: Offer, offerIndex: Int, candidateIndex: Int, score: Int) -> Match {
        let checks = AccessCheck.check(c, o)
        let unmet = checks.filter { !$0.passed }
        var reasons: [Reason] = []
        reasons.append(
            Reason(
                code: "tier.\(o.type.tier)", nl: "Voorkeursvolgorde: \(o.type.tier.label.nl).",
                en: "Order of preference: \(o.type.tier.label.en)."))
        if let r = c.rung, o.criteria.rungs.contains(r) {
            reasons.append(Reason(code: "rung.fits", nl: "Past bij trede \(r).", en: "Fits rung \(r)."))
        }
        if c.route == .workSchoolFirst, o.type == .vavo {
            reasons.append(
                Reason(
                    code: "route.schoolFirst", nl: "Eerst school: een diploma halen gaat voor werk.",
                    en: "School first: gaining a diploma comes before work."))
        }
        if c.route == .enforcement, o.type == .preparatoryTrack {
            reasons.append(
                Reason(
                    code: "route.preparatoryFirst",
                    nl: "Eerst een voorschakeltraject, kort en afgebakend, vóór een participatieplaats.",
                    en: "First a preparatory track, short and bounded, before a participation place."))
        }
        if wishFits(c.wishes, o.type) {
            let wish = c.wishes.sorted { $0.rawValue < $1.rawValue }.first { wishFits([$0], o.type) }!
            reasons.append(
                Reason(
                    code: "wish.\(wish.rawValue)", nl: "Past bij wens \(wishLabel(wish).nl).",
                    en: "Fits the wish for \(wishLabel(wish).en)."))
        }
        if let d = c.preferredDomain, d == o.domain {
            reasons.append(
                Reason(
                    code: "domain.fits", nl: "Past bij participatiedomein \(d.rawValue).",
                    en: "Fits participation domain \(d.rawValue)."))
        }
        let own = o.district == c.district
        if o.freePlaces > 0 {
            let n = o.freePlaces
            reasons.append(
                own
                    ? Reason(
                        code: "capacity.freeOwnDistrict",
                        nl: "\(n == 1 ? "Plek" : "\(n) plekken") vrij in eigen stadsdeel.",
                        en: "\(n == 1 ? "A place" : "\(n) places") free in own district.")
                    : Reason(
                        code: "capacity.free",
                        nl:
                            "\(n == 1 ? "Plek" : "\(n) plekken") vrij (\(o.package == .basic ? "basispakket, hele stad" : "pluspakket")).",
                        en:
                            "\(n == 1 ? "A place" : "\(n) places") free (\(o.package == .basic ? "basic package, city-wide" : "plus package"))."
                    ))
        } else {
            let weeks = max(1, (o.expectedWaitDays + 6) / 7)
            reasons.append(
                Reason(
                    code: "capacity.waitingList",
                    nl: "Wachtlijst \(weeks) \(weeks == 1 ? "week" : "weken") (\(o.waiting) wachtend).",
                    en: "Waiting list \(weeks) \(weeks == 1 ? "week" : "weeks") (\(o.waiting) waiting)."))
            if own { reasons.append(Reason(code: "district.own", nl: "In eigen stadsdeel.", en: "In own district.")) }
        }
        for u in unmet { reasons.append(u.reason) }
        return Match(
            offerIndex: offerIndex, candidateIndex: candidateIndex, score: score, fits: unmet.isEmpty, reasons: reasons,
            unmet: unmet)
    }

    static func wishLabel(_ w: Wish) -> LocalizedText {
        switch w {
        case .volunteer: .init(nl: "vrijwilligerswerk", en: "volunteering")
        case .work: .init(nl: "betaald werk", en: "paid work")
        case .secondaryDiploma: .init(nl: "een diploma", en: "a diploma")
        case .socialContact: .init(nl: "contact met anderen", en: "meeting others")
        }
    }

    /// Expected wait for a new referral: 0 with a free place; otherwise the observed mean wait when
    /// there is one, else the queue ahead times an average stay divided over the places.
    public static func expectedWaitDays(capacity: Int, taken: Int, waiting: Int, maxMonths: Int, observedMeanDays: Int?)
        -> Int
    {
        if capacity > taken { return 0 }
        if let observed = observedMeanDays, observed > 0 { return observed }
        guard capacity > 0 else { return 365 }
        let averageStayDays = maxMonths * 30 / 2
        return min(3650, (waiting + 1) * averageStayDays / capacity)
    }
}
