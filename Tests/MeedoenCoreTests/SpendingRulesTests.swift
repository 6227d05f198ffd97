import Foundation
import MeedoenCore
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
        #expect(d.reason.text.nl.contains("Categorie 5 (geen inzet (meer))"))
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
