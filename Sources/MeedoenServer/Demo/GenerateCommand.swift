import MeedoenCore
import NIOConcurrencyHelpers
import Vapor

/// `meedoen generate --persons N --seed S`.
struct GenerateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "persons", help: "How many residents (default 10,000).") var persons: Int?
        @Option(name: "seed", help: "The seed: the same seed gives the same city (default 1).") var seed: Int?
    }
    var help: String { "Builds a deterministic synthetic city with two years of history into an empty database." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        let n = signature.persons ?? 10_000
        let seed = UInt64(max(0, signature.seed ?? 1))
        let console = context.console
        let last = NIOLockedValueBox(-1)
        do {
            let s = try await CityGenerator.generate(app, persons: n, seed: seed) { fraction, text in
                let pct = Int(fraction * 100)
                let show = last.withLockedValue { old -> Bool in
                    if pct / 5 != old / 5 || pct == 100 {
                        old = pct
                        return true
                    }
                    return false
                }
                guard show else { return }
                let bar = String(repeating: "█", count: pct / 5) + String(repeating: "░", count: 20 - pct / 5)
                console.print("generate  \(bar) \(String(format: "%3d", pct))%  \(text)")
            }
            console.print(
                "A city of \(s.persons) residents (seed \(seed)): \(s.assessments) assessments, \(s.diagnoses) diagnoses, \(s.referrals) referrals, \(s.commitments) commitments, \(s.vouchers) voucher accounts, in \(String(format: "%.1f", s.seconds)) s."
            )
        } catch let e as CityGenerator.Failure {
            throw CommandFailure(e.description)
        }
    }
}
