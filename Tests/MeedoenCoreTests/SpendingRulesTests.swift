import Foundation
import MeedoenCore
import MeedoenPolicies
import Testing

/// [4/7] The category decides the money (source document 000 §2.3 and §2.3.1), as scenarios in the
/// policy's own words, decided by the shipped policy's spending rules after its own diagnosis.
@Suite("Spending rules") struct SpendingRulesTests {
    let policy = Fixtures.policy

    func decide(_ facts: DiagnosisFacts, _ type: InterventionType, stream: String = "werkdeel")
        -> SpendingRules.Decision
    {
        let category = Fixtures.engine.diagnose(facts).category
        return policy.spendingDecision(category: category, benefit: facts.benefit, stream: stream, type: type)!
    }

    @Test func aSelfReliantResidentWithAProspectOfWorkGetsNoPaidTrajectory() {
        let resident = Fixtures.person(age: 35, benefit: .participatiewet, workProspect: true, selfReliant: true)
        #expect(Fixtures.engine.diagnose(resident).category == 5)
        let d = decide(resident, .guidanceToWork)
        #expect(!d.allowed && d.field == "category")
        #expect(d.reason.text.nl.contains("Categorie 5 ‘geen inzet (meer)’"))
        #expect(d.reason.text.nl.contains("toeleiding naar werk"))
    }

    @Test func anUnmotivatedResidentWithADutyGetsEnforcementButNoInvestment() {
        let resident = Fixtures.person(age: 40, benefit: .participatiewet, workProspect: true, motivated: false)
        #expect(Fixtures.engine.diagnose(resident).category == 4)
        let d = decide(resident, .ips)
        #expect(!d.allowed && d.field == "category" && d.reason.text.nl.contains("alleen handhaving"))
    }

    @Test func aJobSeekerWithoutBenefitIsOfferedVolunteeringButNoTrajectory() {
        let seeker = Fixtures.person(age: 30, benefit: .none, workProspect: true, wishes: [.work])
        let trajectory = decide(seeker, .guidanceToWork)
        #expect(!trajectory.allowed && trajectory.field == "route")
        #expect(trajectory.reason.text.nl.contains("geen wettelijke plicht tot re-integratie"))
        #expect(decide(seeker, .volunteerPlace).allowed)
    }

    @Test func thePriorityCategoriesArePaidAndCategoryThreeWhileThereIsRoom() {
        let priority = Fixtures.person(age: 30, benefit: .participatiewet, workProspect: true)
        let category = Fixtures.engine.diagnose(priority).category
        #expect(category == 1 || category == 2)
        #expect(decide(priority, .ips).allowed)
        let three = policy.spendingDecision(category: 3, benefit: .participatiewet, stream: "werkdeel", type: .ips)!
        #expect(three.allowed && three.reason.code == "spending.whileRoom")
    }

    @Test func otherStreamsFollowTheirOwnLaw() {
        // Adult education and the Wmo are not the participation budget: category 5 may still learn Dutch.
        let d = policy.spendingDecision(category: 5, benefit: .participatiewet, stream: "WEB", type: .languageCourse)!
        #expect(d.allowed && d.reason.code == "spending.otherStream")
    }

    @Test func rulesThatDoNotHoldAreRefusedAtLoad() throws {
        var broken = policy
        broken.spending?.categories.removeLast()
        let data = try JSONEncoder().encode(broken)
        #expect(throws: PolicyError.self) { try DiagnosisPolicy.load(data, file: "test") }
        do {
            _ = try DiagnosisPolicy.load(data, file: "test")
        } catch {
            #expect(error.dutchMessage == "geef voor de categorieën 1 tot en met 5 elk precies één regel")
        }
        // A version adopted before the rules existed has none, and refuses nothing on these grounds.
        var old = policy
        old.spending = nil
        #expect(old.spendingDecision(category: 5, benefit: .none, stream: "werkdeel", type: .ips) == nil)
    }
}

/// The policy simulation shows the money effect of a changed spending rule before it is adopted.
@Suite("Spending rules in the policy simulation") struct SpendingSimulationTests {
    @Test func aStricterRuleForCategoryThreeShowsTheRunningTrajectoriesItWouldNoLongerPay() throws {
        let url = PolicyFiles.files(in: "diagnosis").first!
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        var spending = json["spending"] as! [String: Any]
        var categories = spending["categories"] as! [[String: Any]]
        let three = try #require(categories.firstIndex { $0["category"] as? Int == 3 })
        // Draft: category 3 only volunteering (no longer "while there is room").
        categories[three] = ["category": 3, "allows": "listed", "types": ["volunteerPlace"]]
        spending["categories"] = categories
        json["spending"] = spending
        json["version"] = "draft"
        let draftPolicy = try DiagnosisPolicy.load(JSONSerialization.data(withJSONObject: json), file: "draft.json")
        let current = Fixtures.engine
        let social = Fixtures.person(
            age: 45, benefit: .participatiewet, workProspect: false, selfReliant: false, motivated: true,
            wishes: [.socialContact])
        #expect(current.classify(social).category == 3)
        let person = PolicySimulation.Person(
            facts: social, district: "T", currentCategory: 3, committedCents: 350_000,
            held: [
                .init(stream: "werkdeel", type: .socialActivationPlace, remainingCents: 250_000),
                .init(stream: "werkdeel", type: .volunteerPlace, remainingCents: 60_000),
                .init(stream: "wmo", type: .dayActivitiesLow, remainingCents: 40_000),
            ])
        let r = PolicySimulation.run([person], draft: DiagnosisEngine(policy: draftPolicy), current: current.policy)
        // The rule changes, the category does not: the activation place falls outside; volunteering
        // and the Wmo (its own law) do not.
        #expect(r.changed == 0)
        #expect(r.notPaidNow == PolicySimulation.NotPaid(count: 0, cents: 0))
        #expect(r.notPaidDraft == PolicySimulation.NotPaid(count: 1, cents: 250_000))
        // The policy against itself: the rules refuse nothing that runs.
        let same = PolicySimulation.run([person], draft: current, current: current.policy)
        #expect(same.notPaidNow == same.notPaidDraft)
    }
}
