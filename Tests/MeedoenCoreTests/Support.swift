import Foundation
import MeedoenCore
import MeedoenPolicies

enum Fixtures {
    static let policy: DiagnosisPolicy = {
        let url = PolicyFiles.files(in: "diagnosis").first { $0.lastPathComponent == "amsterdam-2011-2014.json" }!
        return try! DiagnosisPolicy.load(try! Data(contentsOf: url), file: url.lastPathComponent)
    }()
    static let engine = DiagnosisEngine(policy: policy)
    static let today = CalendarDate(iso: "2026-11-27")!

    static func ladder(_ id: String) -> Ladder {
        let url = PolicyFiles.files(in: "ladders").first { $0.lastPathComponent == "\(id).json" }!
        return try! Ladder.load(try! Data(contentsOf: url), file: url.lastPathComponent)
    }

    /// A person of `age` on the reference date, with the given facts.
    static func person(
        age: Int, benefit: BenefitKind, workProspect: Bool, selfReliant: Bool = false, motivated: Bool = true,
        risks: Set<Risk> = [], civicIntegration: CivicIntegration = .none,
        circumstances: Set<Circumstance> = [], wishes: Set<Wish> = [], zrm: ZrmScores? = nil
    ) -> DiagnosisFacts {
        DiagnosisFacts(
            birthDate: CalendarDate(year: today.year - age, month: 3, day: 1)!, referenceDate: today,
            benefit: benefit, workProspect: workProspect, selfReliant: selfReliant, motivated: motivated,
            risks: risks, civicIntegration: civicIntegration, circumstances: circumstances, wishes: wishes, zrm: zrm)
    }
}
