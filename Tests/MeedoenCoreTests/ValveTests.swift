import Foundation
import MeedoenCore
import MeedoenPolicies
import Testing

@Suite("The valve and the policy simulation") struct ValveTests {
    let t0 = Date(timeIntervalSince1970: 1_700_000_000)
    let place = UUID()

    func commitment(
        _ category: Int?, _ cents: Cents, days: Int = 0, stream: String = "werkdeel", district: String = "T"
    ) -> Valve.Commitment {
        Valve.Commitment(
            id: UUID(), stream: stream, remainingCents: cents, category: category, district: district,
            interventionID: place,
            committedAt: t0.addingTimeInterval(Double(days) * 86_400))
    }

    @Test func aTwentyPercentCutLapsesCategoryThreeBeforeAnyOfCategoryTwo() {
        // 1,000,000 budget: spent 200,000; committed 3 × 100,000 (cat 3), 2 × 100,000 (cat 2), 1 × 100,000 (cat 1).
        let c3 = (0..<3).map { commitment(3, 100_000, days: $0) }
        let c2 = (0..<2).map { commitment(2, 100_000, days: $0) }
        let c1 = [commitment(1, 100_000)]
        let stream = Valve.Stream(id: "werkdeel", totalCents: 1_000_000, spentCents: 200_000)
        let other = Valve.Stream(id: "WEB", totalCents: 500_000, spentCents: 0)
        let r = Valve.simulate(
            streams: [stream, other], changes: ["werkdeel": .basisPoints(-2000)],
            commitments: c3 + c2 + c1 + [commitment(3, 50_000, stream: "WEB")], waiting: [])
        let w = r.streams.first { $0.stream == "werkdeel" }!
        #expect(w.newTotalCents == 800_000 && w.neededCents == 800_000)  // exactly enough: nothing lapses
        #expect(w.lapsed.isEmpty)
        // Spent 300,000 instead: a shortfall of 100,000 — one category-3 commitment, the latest.
        let r2 = Valve.simulate(
            streams: [Valve.Stream(id: "werkdeel", totalCents: 1_000_000, spentCents: 300_000)],
            changes: ["werkdeel": .basisPoints(-2000)],
            commitments: c3 + c2 + c1, waiting: [])
        #expect(r2.streams[0].lapsed == [c3[2].id])
        #expect(r2.lapsedByCategory == [3: 1])
        #expect(!r2.streams[0].protectedHit)
        // A deeper cut (−45 %): all of category 3 first, then category 2 — never category 2 while a 3 remains.
        let r3 = Valve.simulate(
            streams: [Valve.Stream(id: "werkdeel", totalCents: 1_000_000, spentCents: 300_000)],
            changes: ["werkdeel": .basisPoints(-4500)],
            commitments: c3 + c2 + c1, waiting: [])
        let lapsed = r3.streams[0].lapsed
        #expect(Array(lapsed.prefix(3)) == [c3[2].id, c3[1].id, c3[0].id])
        #expect(lapsed.count == 4 && c2.map(\.id).contains(lapsed[3]))
        #expect(r3.streams[0].protectedHit)
        #expect(r3.reasons.first?.text.nl.contains("ook categorie 1 of 2") == true)
        // The other stream is untouched.
        #expect(r.streams.first { $0.stream == "WEB" }!.lapsed.isEmpty)
    }

    @Test func commitmentsWithoutInvestmentGiveWayBeforeTheValve() {
        let c3 = commitment(3, 100_000)
        let c5 = commitment(5, 100_000)
        let none = commitment(nil, 100_000)
        let r = Valve.simulate(
            streams: [.init(id: "werkdeel", totalCents: 300_000, spentCents: 0)],
            changes: ["werkdeel": .amount(-150_000)],
            commitments: [c3, c5, none], waiting: [])
        #expect(r.streams[0].lapsed == [c5.id, none.id])
    }

    @Test func moreMoneyLetsWaitingReferralsStartInOrderOfCategoryAndDate() {
        func waiting(_ category: Int?, _ price: Cents, days: Int) -> Valve.Waiting {
            Valve.Waiting(
                id: UUID(), stream: "werkdeel", priceCents: price, category: category, district: "T",
                interventionID: place,
                referredAt: t0.addingTimeInterval(Double(days) * 86_400))
        }
        let early3 = waiting(3, 300_000, days: 0)
        let late2 = waiting(2, 300_000, days: 5)
        let cat4 = waiting(4, 100_000, days: 0)
        let late3 = waiting(3, 300_000, days: 9)
        let r = Valve.simulate(
            streams: [.init(id: "werkdeel", totalCents: 1_000_000, spentCents: 1_000_000)],
            changes: ["werkdeel": .amount(700_000)],
            commitments: [], waiting: [early3, late2, cat4, late3])
        // category 2 first, then the earliest category 3; no category 4
        #expect(r.streams[0].canStart == [late2.id, early3.id])
        #expect(r.startingByCategory == [2: 1, 3: 1])
        #expect(BudgetChange.basisPoints(-2000).applied(to: 999) == 800)  // truncation never rounds a cut up
    }

    @Test func aDraftPolicyShowsTheShiftBeforeItIsAdopted() throws {
        let url = PolicyFiles.files(in: "diagnosis").first!
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        // Draft: people who want to meet others move from category 3 to category 4.
        var groups = json["targetGroups"] as! [[String: Any]]
        let i = try #require(
            groups.firstIndex {
                ($0["id"] as? String)?.contains("social") == true || ($0["id"] as? String)?.contains("meet") == true
            })
        groups[i]["category"] = 4
        json["targetGroups"] = groups
        json["version"] = "draft"
        let draft = DiagnosisEngine(
            policy: try DiagnosisPolicy.load(JSONSerialization.data(withJSONObject: json), file: "draft.json"))
        let social = Fixtures.person(
            age: 45, benefit: .none, workProspect: false, selfReliant: false, motivated: true, wishes: [.socialContact])
        let young = Fixtures.person(age: 22, benefit: .participatiewet, workProspect: false)
        let current = Fixtures.engine
        let people = [
            PolicySimulation.Person(
                facts: social, district: "T", currentCategory: current.classify(social).category,
                committedCents: 250_000),
            PolicySimulation.Person(
                facts: young, district: "E", currentCategory: current.classify(young).category, committedCents: 300_000),
        ]
        #expect(people[0].currentCategory == 3)
        let r = PolicySimulation.run(people, draft: draft)
        #expect(r.total == 2 && r.changed == 1)
        #expect(r.matrix[3][4] == 1 && r.matrix[1][1] == 1)
        #expect(r.changedByDistrict == ["T": 1])
        #expect(r.committedAtRiskCents == 250_000)
        // The shipped policy against itself: nothing moves.
        #expect(PolicySimulation.run(people, draft: current).changed == 0)
    }
}
