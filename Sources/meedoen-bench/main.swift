// `swift run -c release meedoen-bench [count] [rounds]`: benchmarks of the pure core, not timed tests.
// Depends on the core and the policy files only, so a release build takes seconds, not the server's minutes.
// Figures and the machine go into docs/PERFORMANCE.md.
import Foundation
import MeedoenCore
import MeedoenPolicies

let args = CommandLine.arguments.dropFirst().compactMap(Int.init)
let n = args.first ?? 100_000
let rounds = args.dropFirst().first ?? 7

let url = PolicyFiles.files(in: "diagnosis").first { $0.lastPathComponent == "\(PolicyFiles.defaultPolicy).json" }!
let policy = try DiagnosisPolicy.load(Data(contentsOf: url), file: url.lastPathComponent)
let engine = DiagnosisEngine(policy: policy)
let today = CalendarDate(iso: "2026-11-27")!

/// SplitMix64, so every run diagnoses the same fact sets.
struct Random {
    var state: UInt64
    mutating func int(_ upper: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(upper))
    }
}
var rng = Random(state: 42)
let facts: [DiagnosisFacts] = (0..<n).map { _ in
    DiagnosisFacts(
        birthDate: CalendarDate(year: today.year - 18 - rng.int(49), month: 1 + rng.int(12), day: 1 + rng.int(28))!,
        referenceDate: today, benefit: BenefitKind.allCases[rng.int(BenefitKind.allCases.count)],
        workProspect: rng.int(2) == 0, selfReliant: rng.int(2) == 0, motivated: rng.int(5) > 0,
        risks: rng.int(3) == 0 ? [.isolation] : [], civicIntegration: CivicIntegration.allCases[rng.int(3)],
        circumstances: rng.int(10) == 0 ? [.homeless] : [], wishes: rng.int(4) == 0 ? [.volunteer, .work] : [],
        zrm: ZrmScores(Dictionary(uniqueKeysWithValues: ZrmDomain.allCases.map { ($0, 1 + rng.int(5)) })))
}

func measure(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

var times: [Double] = []
var categories: [Int: Int] = [:]
for _ in 0..<rounds {
    times.append(
        measure {
            categories = [:]
            for f in facts { categories[engine.diagnose(f).category ?? 0, default: 0] += 1 }
        })
}
times.sort()
let median = times[times.count / 2]
print(
    String(
        format:
            "diagnose %d fact sets (route, groups, category, case table, reasons nl+en): median %.1f ms over %d rounds (min %.1f, max %.1f); %.2f µs per diagnosis",
        n, median, rounds, times.first!, times.last!, median * 1000 / Double(n)))
print(
    "categories (0 = no target group): "
        + categories.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))

var classifyTimes: [Double] = []
for _ in 0..<rounds {
    classifyTimes.append(measure { for f in facts { _ = engine.classify(f) } })
}
classifyTimes.sort()
let classifyMedian = classifyTimes[classifyTimes.count / 2]
print(
    String(
        format:
            "classify %d fact sets (route, groups, category; no reasons — the simulation path): median %.1f ms; %.2f µs each",
        n, classifyMedian, classifyMedian * 1000 / Double(n)))

let national = try Ladder.load(
    Data(contentsOf: PolicyFiles.files(in: "ladders").first { $0.lastPathComponent == "national.json" }!),
    file: "national.json")
let rungFacts: [Set<RungFact>] = (0..<n).map { _ in Set(RungFact.allCases.filter { _ in rng.int(3) == 0 }) }
var rungTimes: [Double] = []
for _ in 0..<rounds { rungTimes.append(measure { for f in rungFacts { _ = national.propose(from: f) } }) }
rungTimes.sort()
print(String(format: "propose a national rung for %d fact sets: median %.1f ms", n, rungTimes[rungTimes.count / 2]))

// MARK: matching ([2/5]): one person over 500 interventions (goal ≤ 2 ms); a caseload of 40,000 (goal ≤ 5 s).
let catalogueURL = PolicyFiles.files(in: "catalogue").first!
let catalogue = try CatalogueFile.load(Data(contentsOf: catalogueURL), file: catalogueURL.lastPathComponent)
// 500 offers: the demo catalogue's entries repeated with varied capacity, occupancy, price and plus-package districts.
let offers: [Offer] = (0..<500).map { k in
    let spec = catalogue.interventions[k % catalogue.interventions.count]
    let capacity = max(1, spec.capacity / (1 + rng.int(4)))
    let taken = rng.int(capacity + 1)
    return Offer(
        id: UUID(), name: "\(spec.name) \(k)", type: spec.type, domain: spec.domain, package: spec.package,
        district: spec.district.map { _ in catalogue.districts[rng.int(catalogue.districts.count)] },
        priceCents: spec.priceCents + 100 * rng.int(500), capacity: capacity, taken: taken,
        waiting: taken == capacity ? rng.int(20) : 0,
        expectedWaitDays: taken == capacity ? 7 * (1 + rng.int(12)) : 0, criteria: spec.criteria)
}
let routesAll = Route.allCases
let people: [Candidate] = (0..<40_000).map { _ in
    Candidate(
        id: UUID(), age: 18 + rng.int(49), rung: rng.int(10) == 0 ? nil : 1 + rng.int(5),
        category: rng.int(8) == 0 ? nil : 1 + rng.int(5),
        benefit: BenefitKind.allCases[rng.int(BenefitKind.allCases.count)],
        district: catalogue.districts[rng.int(catalogue.districts.count)],
        route: routesAll[rng.int(routesAll.count)],
        wishes: rng.int(3) == 0 ? [.volunteer] : rng.int(2) == 0 ? [.work] : [],
        preferredDomain: rng.int(4) == 0 ? .werknemerschap : nil)
}
var onePerson: [Double] = []
var explained = 0
for k in 0..<201 {
    let who = people[k * 97 % people.count]
    onePerson.append(measure { explained += Matcher.rank(who, offers, limit: 25).count })
}
onePerson.sort()
print(
    String(
        format:
            "match one person over %d interventions (criteria, ranking, reasons for the top 25): median %.3f ms over %d persons (p90 %.3f ms)",
        offers.count, onePerson[onePerson.count / 2], onePerson.count, onePerson[onePerson.count * 9 / 10]))
var caseload: [Double] = []
var kept = 0
for _ in 0..<max(3, rounds / 2) {
    caseload.append(measure { kept = Matcher.bestForEach(people, offers, limit: 3).reduce(0) { $0 + $1.count } })
}
caseload.sort()
print(
    String(
        format:
            "match a caseload of %d persons over %d interventions (best 3 each, explained): median %.0f ms over %d rounds; %d matches kept",
        people.count, offers.count, caseload[caseload.count / 2], caseload.count, kept))

// MARK: money ([3/5], core only): policy simulation over 100,000 persons (goal ≤ 1 s) and the valve.
var draftJSON = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
var draftGroups = draftJSON["targetGroups"] as! [[String: Any]]
// a draft that closes the valve
for k in draftGroups.indices where (draftGroups[k]["category"] as? Int) == 3 { draftGroups[k]["category"] = 4 }
draftJSON["targetGroups"] = draftGroups
let draftEngine = DiagnosisEngine(
    policy: try DiagnosisPolicy.load(JSONSerialization.data(withJSONObject: draftJSON), file: "draft.json"))
let simulated = facts.map {
    PolicySimulation.Person(
        facts: $0, district: catalogue.districts[rng.int(catalogue.districts.count)],
        currentCategory: engine.classify($0).category, committedCents: 100 * rng.int(5_000))
}
var simTimes: [Double] = []
var simResult: PolicySimulation.Result?
for _ in 0..<rounds { simTimes.append(measure { simResult = PolicySimulation.run(simulated, draft: draftEngine) }) }
simTimes.sort()
print(
    String(
        format:
            "policy simulation over %d persons (recompute every category under a draft, old × new matrix, per district, money at risk): median %.1f ms; %d change category",
        simulated.count, simTimes[simTimes.count / 2], simResult!.changed))
let valveCommitments = (0..<40_000).map { k in
    Valve.Commitment(
        id: UUID(), stream: ["werkdeel", "WEB", "WI", "wmo"][k % 4], remainingCents: 100_000 + 100 * rng.int(5_000),
        category: rng.int(10) == 0 ? nil : 1 + rng.int(5),
        district: catalogue.districts[rng.int(catalogue.districts.count)],
        interventionID: offers[rng.int(offers.count)].id,
        committedAt: Date(timeIntervalSince1970: Double(1_700_000_000 + rng.int(30_000_000))))
}
let valveStreams = ["werkdeel", "WEB", "WI", "wmo"].map { s in
    Valve.Stream(
        id: s, totalCents: valveCommitments.filter { $0.stream == s }.reduce(0) { $0 + $1.remainingCents } * 11 / 10,
        spentCents: 0)
}
var valveTimes: [Double] = []
var valveLapsed = 0
for _ in 0..<rounds {
    valveTimes.append(
        measure {
            valveLapsed = Valve.simulate(
                streams: valveStreams, changes: ["werkdeel": .basisPoints(-2000), "WEB": .basisPoints(-1000)],
                commitments: valveCommitments, waiting: []
            )
            .streams.reduce(0) { $0 + $1.lapsed.count }
        })
}
valveTimes.sort()
print(
    String(
        format:
            "valve: a 20%% cut on one stream and 10%% on another over %d commitments: median %.1f ms; %d commitments lapse",
        valveCommitments.count, valveTimes[valveTimes.count / 2], valveLapsed))
