import Foundation

/// Money is integer cents everywhere.
public typealias Cents = Int

/// A change of one stream's budget: an amount in cents or a percentage in basis points
/// (−2000 = a cut of 20 %). Integer arithmetic only.
public enum BudgetChange: Sendable, Hashable {
    case amount(Cents)
    case basisPoints(Int)

    public func applied(to total: Cents) -> Cents {
        switch self {
        case .amount(let delta): return total + delta
        case .basisPoints(let bp): return total + (total * bp) / 10_000  // truncates toward zero: a cut never rounds up
        }
    }
}

/// The valve of DOMAIN.md ("Priority categories"): when money is short, category 3 gives first;
/// categories 1 and 2 are protected as long as the money allows. Pure: it changes nothing, it says
/// what would happen, with reasons.
public enum Valve {
    public struct Stream: Sendable, Hashable {
        public var id: String
        public var totalCents: Cents
        public var spentCents: Cents
        /// The stream's name in the reasons ("Re-integratie (werkdeel)"); its code when not given.
        public var name: LocalizedText?
        public init(id: String, totalCents: Cents, spentCents: Cents, name: LocalizedText? = nil) {
            self.id = id
            self.totalCents = totalCents
            self.spentCents = spentCents
            self.name = name
        }
    }

    /// Money committed to a running or accepted enrolment (the part not yet spent).
    public struct Commitment: Sendable, Hashable {
        public var id: UUID
        public var stream: String
        public var remainingCents: Cents
        public var category: Int?
        public var district: String
        public var interventionID: UUID
        public var committedAt: Date
        public init(
            id: UUID, stream: String, remainingCents: Cents, category: Int?, district: String, interventionID: UUID,
            committedAt: Date
        ) {
            self.id = id
            self.stream = stream
            self.remainingCents = remainingCents
            self.category = category
            self.district = district
            self.interventionID = interventionID
            self.committedAt = committedAt
        }
    }

    /// A referral on a waiting list that would need `priceCents` from `stream` to start.
    public struct Waiting: Sendable, Hashable {
        public var id: UUID
        public var stream: String
        public var priceCents: Cents
        public var category: Int?
        public var district: String
        public var interventionID: UUID
        public var referredAt: Date
        public init(
            id: UUID, stream: String, priceCents: Cents, category: Int?, district: String, interventionID: UUID,
            referredAt: Date
        ) {
            self.id = id
            self.stream = stream
            self.priceCents = priceCents
            self.category = category
            self.district = district
            self.interventionID = interventionID
            self.referredAt = referredAt
        }
    }

    /// The order in which commitments give way: no investment first (5, 4), then no category yet,
    /// then the valve (3), and only then the protected categories (2, 1). Within a category the
    /// latest commitment first.
    public static func lapseRank(_ category: Int?) -> Int {
        switch category {
        case 5: 0
        case 4: 1
        case nil: 2
        case 3: 3
        case 2: 4
        case 1: 5
        default: 2
        }
    }

    public struct StreamOutcome: Sendable, Hashable {
        public var stream: String
        public var oldTotalCents: Cents
        public var newTotalCents: Cents
        /// Spent plus committed before the change.
        public var neededCents: Cents
        /// Positive: money left over after the change; negative: the shortfall before lapses.
        public var balanceCents: Cents
        public var lapsed: [UUID]
        public var canStart: [UUID]
        /// Waiting referrals that cannot be funded any more (their category gives way).
        public var waitingLapsed: [UUID]
        /// Categories 1 or 2 had to give way: the cut is deeper than the valve.
        public var protectedHit: Bool
    }

    public struct Result: Sendable, Hashable {
        public var streams: [StreamOutcome]
        /// Counts of lapsed commitments per category (0 = none), district and intervention.
        public var lapsedByCategory: [Int: Int]
        public var lapsedByDistrict: [String: Int]
        public var lapsedByIntervention: [UUID: Int]
        public var startingByCategory: [Int: Int]
        public var reasons: [Reason]
    }

    /// What a change per stream would do. Streams without a change keep their total.
    public static func simulate(
        streams: [Stream], changes: [String: BudgetChange], commitments: [Commitment], waiting: [Waiting]
    ) -> Result {
        var outcomes: [StreamOutcome] = []
        var lapsedByCategory: [Int: Int] = [:]
        var lapsedByDistrict: [String: Int] = [:]
        var lapsedByIntervention: [UUID: Int] = [:]
        var startingByCategory: [Int: Int] = [:]
        var reasons: [Reason] = []
        let commitmentsByStream = Dictionary(grouping: commitments, by: \.stream)
        let waitingByStream = Dictionary(grouping: waiting, by: \.stream)
        for s in streams {
            let newTotal = changes[s.id].map { $0.applied(to: s.totalCents) } ?? s.totalCents
            let mine = commitmentsByStream[s.id] ?? []
            let needed = s.spentCents + mine.reduce(0) { $0 + $1.remainingCents }
            var outcome = StreamOutcome(
                stream: s.id, oldTotalCents: s.totalCents, newTotalCents: newTotal, neededCents: needed,
                balanceCents: newTotal - needed, lapsed: [], canStart: [], waitingLapsed: [], protectedHit: false)
            if newTotal < needed {
                var shortfall = needed - newTotal
                let order = mine.sorted {
                    let a = lapseRank($0.category)
                    let b = lapseRank($1.category)
                    return a != b
                        ? a < b
                        : ($0.committedAt != $1.committedAt
                            ? $0.committedAt > $1.committedAt : $0.id.uuidString < $1.id.uuidString)
                }
                for c in order where shortfall > 0 {
                    outcome.lapsed.append(c.id)
                    shortfall -= c.remainingCents
                    if (c.category ?? 9) <= 2 { outcome.protectedHit = true }
                    lapsedByCategory[c.category ?? 0, default: 0] += 1
                    lapsedByDistrict[c.district, default: 0] += 1
                    lapsedByIntervention[c.interventionID, default: 0] += 1
                }
                // Nothing new starts from a stream in deficit; waiting referrals of the categories that gave way lapse too.
                let deepest = order.prefix(outcome.lapsed.count).map { lapseRank($0.category) }.max() ?? -1
                outcome.waitingLapsed = (waitingByStream[s.id] ?? []).filter {
                    lapseRank($0.category) <= max(deepest, lapseRank(3))
                }.map(\.id)
                reasons.append(
                    Reason(
                        code: "valve.cut",
                        nl:
                            "\(s.name?.nl ?? s.id): \(outcome.lapsed.count) verplichtingen vervallen om \(euros(needed - newTotal)) tekort te dekken, categorie 3 eerst\(outcome.protectedHit ? "; ook categorie 1 of 2 wordt geraakt" : "").",
                        en:
                            "\(s.name?.en ?? s.id): \(outcome.lapsed.count) commitments lapse to cover a shortfall of \(euros(needed - newTotal)), category 3 first\(outcome.protectedHit ? "; categories 1 or 2 are hit too" : "")."
                    ))
            } else {
                var surplus = newTotal - needed
                let queue = (waitingByStream[s.id] ?? []).sorted {
                    let a = $0.category ?? 9
                    let b = $1.category ?? 9
                    return a != b
                        ? a < b
                        : ($0.referredAt != $1.referredAt
                            ? $0.referredAt < $1.referredAt : $0.id.uuidString < $1.id.uuidString)
                }
                for w in queue where (w.category ?? 9) <= 3 && w.priceCents <= surplus {
                    outcome.canStart.append(w.id)
                    surplus -= w.priceCents
                    startingByCategory[w.category ?? 0, default: 0] += 1
                }
                if changes[s.id] != nil {
                    reasons.append(
                        Reason(
                            code: "valve.room",
                            nl:
                                "\(s.name?.nl ?? s.id): ruimte \(euros(newTotal - needed)); \(outcome.canStart.count) wachtenden kunnen starten (op volgorde van categorie en verwijsdatum).",
                            en:
                                "\(s.name?.en ?? s.id): room \(euros(newTotal - needed)); \(outcome.canStart.count) waiting referrals can start (in order of category and referral date)."
                        ))
                }
            }
            outcomes.append(outcome)
        }
        return Result(
            streams: outcomes, lapsedByCategory: lapsedByCategory, lapsedByDistrict: lapsedByDistrict,
            lapsedByIntervention: lapsedByIntervention, startingByCategory: startingByCategory, reasons: reasons)
    }

    /// Dutch notation: €1.250,00.
    public static func euros(_ cents: Cents) -> String {
        let sign = cents < 0 ? "-" : ""
        let c = abs(cents)
        var whole = String(c / 100)
        var groups: [String] = []
        while whole.count > 3 {
            groups.insert(String(whole.suffix(3)), at: 0)
            whole = String(whole.dropLast(3))
        }
        groups.insert(whole, at: 0)
        return "\(sign)€\(groups.joined(separator: ".")),\(String(format: "%02d", c % 100))"
    }
}

/// Recomputes every person's category under a draft policy and shows the shift (DOMAIN.md: "the
/// policy table … the system can simulate on the real caseload before it is adopted"). Uses the
/// engine's `classify` (no reasons), so 100,000 persons take a fraction of a second.
public enum PolicySimulation {
    public struct Person: Sendable {
        public var facts: DiagnosisFacts
        public var district: String
        public var currentCategory: Int?
        /// Money committed to this person's running enrolments.
        public var committedCents: Cents
        /// Those commitments one by one, as the spending rules see them (the kind of offer, its stream).
        public var held: [Held]
        public init(
            facts: DiagnosisFacts, district: String, currentCategory: Int?, committedCents: Cents, held: [Held] = []
        ) {
            self.facts = facts
            self.district = district
            self.currentCategory = currentCategory
            self.committedCents = committedCents
            self.held = held
        }
    }

    /// An open commitment: what is still committed, for which kind of offer from which stream.
    public struct Held: Sendable, Hashable {
        public var stream: String
        public var type: InterventionType
        public var remainingCents: Cents
        public init(stream: String, type: InterventionType, remainingCents: Cents) {
            self.stream = stream
            self.type = type
            self.remainingCents = remainingCents
        }
    }

    /// Open commitments the spending rules would not pay: how many, and how much is still committed.
    public struct NotPaid: Sendable, Hashable, Codable {
        public var count: Int
        public var cents: Cents
        public init(count: Int = 0, cents: Cents = 0) {
            self.count = count
            self.cents = cents
        }
    }

    public struct Result: Sendable, Hashable {
        /// [old category][new category] → count; index 0 is "no category".
        public var matrix: [[Int]]
        public var changedByDistrict: [String: Int]
        /// Committed money of people who move from an invested category (1-3) to one without investment (4, 5, none).
        public var committedAtRiskCents: Cents
        /// People who move from no investment into categories 1-3.
        public var newlyInvested: Int
        /// The money effect of the spending rules: open commitments the rules in force refuse for the
        /// person's current category (`now`), and those the draft's rules refuse for the draft's
        /// category (`draft`) — a changed rule or a changed category shows as the difference.
        public var notPaidNow: NotPaid
        public var notPaidDraft: NotPaid
        public var total: Int
        public var changed: Int { total - (0..<matrix.count).reduce(0) { $0 + matrix[$1][$1] } }
    }

    /// `current`: the policy in force, whose spending rules `notPaidNow` applies (none: nothing refused).
    public static func run(_ people: [Person], draft: DiagnosisEngine, current: DiagnosisPolicy? = nil) -> Result {
        var matrix = Array(repeating: Array(repeating: 0, count: 6), count: 6)
        var byDistrict: [String: Int] = [:]
        var atRisk: Cents = 0
        var newly = 0
        var (now, later) = (NotPaid(), NotPaid())
        func refused(_ policy: DiagnosisPolicy?, _ category: Int?, _ p: Person, _ h: Held) -> Bool {
            guard let policy else { return false }
            return policy.spendingDecision(
                category: category, benefit: p.facts.benefit, stream: h.stream, type: h.type)?
                .allowed == false
        }
        for p in people {
            let new = draft.classify(p.facts).category
            for h in p.held {
                if refused(current, p.currentCategory, p, h) {
                    now.count += 1
                    now.cents += h.remainingCents
                }
                if refused(draft.policy, new, p, h) {
                    later.count += 1
                    later.cents += h.remainingCents
                }
            }
            let o = min(max(p.currentCategory ?? 0, 0), 5)
            let n = min(max(new ?? 0, 0), 5)
            matrix[o][n] += 1
            if o != n {
                byDistrict[p.district, default: 0] += 1
                let invested = { (c: Int) in (1...3).contains(c) }
                if invested(o) && !invested(n) { atRisk += p.committedCents }
                if !invested(o) && invested(n) { newly += 1 }
            }
        }
        return Result(
            matrix: matrix, changedByDistrict: byDistrict, committedAtRiskCents: atRisk, newlyInvested: newly,
            notPaidNow: now, notPaidDraft: later, total: people.count)
    }
}
