import Vapor
import MeedoenCore

/// `meedoen bench`: benchmarks of the pure core (not timed tests). Figures go to docs/PERFORMANCE.md.
struct BenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "count", help: "Fact sets to diagnose (default 100000).")
        var count: Int?
        @Option(name: "rounds", help: "Rounds; the median is reported (default 5).")
        var rounds: Int?
    }
    var help: String { "Benchmarks the diagnosis engine on synthetic fact sets." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let n = signature.count ?? 100_000, rounds = signature.rounds ?? 5
        let engine = context.application.policyStore.engine
        var rng = SeededRandom(seed: 42)
        let today = Clock.today()
        let facts: [DiagnosisFacts] = (0..<n).map { _ in
            DiagnosisFacts(birthDate: CalendarDate(year: today.year - 18 - rng.int(49), month: 1 + rng.int(12), day: 1 + rng.int(28))!,
                           referenceDate: today, benefit: BenefitKind.allCases[rng.int(BenefitKind.allCases.count)],
                           workProspect: rng.int(2) == 0, selfReliant: rng.int(2) == 0, motivated: rng.int(5) > 0,
                           risks: rng.int(3) == 0 ? [.isolation] : [], civicIntegration: CivicIntegration.allCases[rng.int(3)],
                           circumstances: rng.int(10) == 0 ? [.homeless] : [], wishes: rng.int(4) == 0 ? [.volunteer, .work] : [],
                           zrm: ZrmScores(Dictionary(uniqueKeysWithValues: ZrmDomain.allCases.map { ($0, 1 + rng.int(5)) })))
        }
        var times: [Double] = []
        var categories = [Int: Int]()
        for _ in 0..<rounds {
            let start = DispatchTime.now().uptimeNanoseconds
            categories = [:]
            for f in facts { categories[engine.diagnose(f).category ?? 0, default: 0] += 1 }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        times.sort()
        let median = times[times.count / 2]
        context.console.print("diagnose \(n) fact sets: median \(String(format: "%.1f", median)) ms over \(rounds) rounds (min \(String(format: "%.1f", times.first!)) ms, max \(String(format: "%.1f", times.last!)) ms); \(String(format: "%.2f", median * 1000 / Double(n))) µs per diagnosis")
        context.console.print("categories (0 = none): \(categories.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))")
    }
}
