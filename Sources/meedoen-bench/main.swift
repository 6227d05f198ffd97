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
    times.append(measure {
        categories = [:]
        for f in facts { categories[engine.diagnose(f).category ?? 0, default: 0] += 1 }
    })
}
times.sort()
let median = times[times.count / 2]
print(String(format: "diagnose %d fact sets (route, groups, category, case table, reasons nl+en): median %.1f ms over %d rounds (min %.1f, max %.1f); %.2f µs per diagnosis",
             n, median, rounds, times.first!, times.last!, median * 1000 / Double(n)))
print("categories (0 = no target group): " + categories.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))

var classifyTimes: [Double] = []
for _ in 0..<rounds {
    classifyTimes.append(measure { for f in facts { _ = engine.classify(f) } })
}
classifyTimes.sort()
let classifyMedian = classifyTimes[classifyTimes.count / 2]
print(String(format: "classify %d fact sets (route, groups, category; no reasons — the simulation path): median %.1f ms; %.2f µs each",
             n, classifyMedian, classifyMedian * 1000 / Double(n)))

let national = try Ladder.load(Data(contentsOf: PolicyFiles.files(in: "ladders").first { $0.lastPathComponent == "national.json" }!), file: "national.json")
let rungFacts: [Set<RungFact>] = (0..<n).map { _ in Set(RungFact.allCases.filter { _ in rng.int(3) == 0 }) }
var rungTimes: [Double] = []
for _ in 0..<rounds { rungTimes.append(measure { for f in rungFacts { _ = national.propose(from: f) } }) }
rungTimes.sort()
print(String(format: "propose a national rung for %d fact sets: median %.1f ms", n, rungTimes[rungTimes.count / 2]))
