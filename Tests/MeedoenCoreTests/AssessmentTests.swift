import Foundation
import MeedoenCore
import Testing

@Suite("Ladders and ZRM") struct AssessmentTests {
    let national = Fixtures.ladder("national")

    @Test func theNationalLadderIsProposedFromFacts() {
        #expect(national.propose(from: [.paidWork])?.rung == 6)
        #expect(national.propose(from: [.paidWork, .workSupport])?.rung == 5)
        #expect(national.propose(from: [.unpaidWork, .socialContact])?.rung == 4)
        #expect(national.propose(from: [.organisedActivity])?.rung == 3)
        #expect(national.propose(from: [.socialContact])?.rung == 2)
        #expect(national.propose(from: [])?.rung == 1)
        #expect(national.propose(from: [.workSupport])?.rung == 1, "support without paid work is not work")
        #expect(national.propose(from: [.socialContact])?.reason.text.nl.contains("trede 2") == true)
    }

    @Test func theShippedLaddersLoad() {
        #expect(Fixtures.ladder("amsterdam").rungs.count == 5)
        #expect(
            Fixtures.ladder("amsterdam").propose(from: [.paidWork]) == nil,
            "Amsterdam's ladder is assessed, not derived")
        let enschede = Fixtures.ladder("enschede")
        #expect(enschede.rungs.count == 2)
        #expect(enschede.domains == ["burgerschap", "werknemerschap", "vakmanschap", "ondernemerschap"])
    }

    @Test func aBrokenLadderNamesTheFileAndEntry() {
        let json =
            #"{"id":"x","name":{"nl":"x","en":"x"},"rungs":[{"number":1,"name":{"nl":"a","en":"a"}},{"number":1,"name":{"nl":"b","en":"b"}}]}"#
        #expect(throws: PolicyError(file: "x.json", entry: "rungs[1]", message: "rung 1 appears twice")) {
            try Ladder.load(Data(json.utf8), file: "x.json")
        }
    }

    @Test func zrmScoresAreValidated() throws {
        #expect(throws: ZrmScores.Problem.outOfRange(.financien, 6)) {
            try ZrmScores(raw: ["financien": 6], complete: false)
        }
        #expect(throws: ZrmScores.Problem.unknownDomain("geld")) { try ZrmScores(raw: ["geld": 3], complete: false) }
        #expect(throws: ZrmScores.Problem.self) { try ZrmScores(raw: ["financien": 3], complete: true) }
        let all = try ZrmScores(
            raw: Dictionary(uniqueKeysWithValues: ZrmDomain.allCases.map { ($0.rawValue, 3) }), complete: true)
        let later = try ZrmScores(
            raw: Dictionary(uniqueKeysWithValues: ZrmDomain.allCases.map { ($0.rawValue, 4) }), complete: true)
        #expect(later.change(since: all)[.justitie] == 1)
        #expect(all.domains(atMost: 2).isEmpty)
    }
}
