import MeedoenCore
import Testing

/// Scenarios in the domain's words (DOMAIN.md "Diagnosis in two steps", "Priority categories").
@Suite("Diagnosis scenarios") struct DiagnosisScenarioTests {
    let engine = Fixtures.engine

    // MARK: routes

    @Test func aTwentyTwoYearOldOnSocialAssistanceWithoutAJobWhoCannotManageAloneGetsActiveGuidanceInCategoryOne() {
        let p = engine.diagnose(
            Fixtures.person(age: 22, benefit: .participatiewet, workProspect: true, selfReliant: false))
        #expect(p.route == .workActive)
        #expect(p.category == 1)
        #expect(p.targetGroups == ["youngPeople", "needsSupportToWork"])
        #expect(p.reasons.contains { $0.code == "route.work.active" })
    }

    @Test func aSelfReliantBenefitClientWithProspectGetsPassiveGuidanceAndCategoryFive() {
        let p = engine.diagnose(
            Fixtures.person(age: 35, benefit: .participatiewet, workProspect: true, selfReliant: true))
        #expect(p.route == .workPassive)
        #expect(p.category == 5)
        #expect(p.targetGroups == ["selfReliantWithProspect"])
    }

    @Test func aJobSeekerWithoutBenefitWhoWantsWorkGetsTheLimitedOfferInCategoryThree() {
        let p = engine.diagnose(
            Fixtures.person(age: 40, benefit: .none, workProspect: true, selfReliant: false, wishes: [.work]))
        #expect(p.route == .workLimitedOffer)
        #expect(p.category == 3)
        #expect(p.targetGroups == ["nugWantsWork"])
    }

    @Test func someoneOnWWIsLikeAJobSeekerWithoutBenefitForTheMunicipality() {
        let p = engine.diagnose(Fixtures.person(age: 45, benefit: .ww, workProspect: true))
        #expect(p.route == .workLimitedOffer)
        #expect(p.enforcementAvailable == false)
    }

    @Test func anUnmotivatedBenefitClientWithProspectIsForEnforcementInCategoryFour() {
        let p = engine.diagnose(Fixtures.person(age: 35, benefit: .ioaw, workProspect: true, motivated: false))
        #expect(p.route == .enforcement)
        #expect(p.category == 4)
        #expect(p.targetGroups == ["unmotivatedWithDuty"])
        #expect(p.enforcementAvailable)
    }

    @Test func anUnmotivatedObligedIntegratorWithoutBenefitIsAlsoForEnforcement() {
        let p = engine.diagnose(
            Fixtures.person(age: 33, benefit: .none, workProspect: true, motivated: false, civicIntegration: .obliged))
        #expect(p.route == .enforcement)
        #expect(p.category == 4)
        #expect(p.targetGroups == ["unmotivatedObligedIntegrator"])
        #expect(p.enforcementAvailable == false, "enforcement of a benefit needs a municipal benefit")
    }

    @Test func anUnmotivatedJobSeekerWithoutAnyDutyIsNotForEnforcement() {
        let p = engine.diagnose(Fixtures.person(age: 40, benefit: .wajong, workProspect: true, motivated: false))
        #expect(p.route == .workLimitedOffer)
        #expect(p.category == nil)
        #expect(p.reasons.contains { $0.code == "category.none" })
    }

    @Test func anIsolatedBenefitClientWithoutProspectIsActivelyReferredToWelfareInCategoryTwo() {
        let p = engine.diagnose(
            Fixtures.person(age: 45, benefit: .participatiewet, workProspect: false, risks: [.isolation]))
        #expect(p.route == .participationActive)
        #expect(p.category == 2)
        #expect(p.targetGroups == ["noProspectRiskGroup"])
    }

    @Test func aPersonAtRiskWithoutMunicipalBenefitGetsThePublicOrderRoute() {
        let p = engine.diagnose(Fixtures.person(age: 38, benefit: .wia, workProspect: false, risks: [.toOthers]))
        #expect(p.route == .participationPublicOrder)
    }

    @Test func aMotivatedBenefitClientWithoutProspectOrRiskIsPassivelyReferredInCategoryThree() {
        let p = engine.diagnose(Fixtures.person(age: 45, benefit: .participatiewet, workProspect: false))
        #expect(p.route == .participationPassive)
        #expect(p.category == 3)
        #expect(p.targetGroups == ["noProspectNoRisk"])
        #expect(p.enforcementAvailable == false)
    }

    @Test func anUnmotivatedBenefitClientWithoutProspectMayStillBeEnforced() {
        let p = engine.diagnose(
            Fixtures.person(age: 45, benefit: .participatiewet, workProspect: false, motivated: false))
        #expect(p.route == .participationPassive)
        #expect(p.enforcementAvailable)
        #expect(p.category == nil)
    }

    // MARK: categories, one scenario per target group

    @Test(arguments: [
        (Circumstance.homeless, "homeless"), (.addicted, "addicted"), (.severeLimitation, "severeLimitation"),
        (.multiProblemFamily, "multiProblemFamily"),
    ])
    func circumstancesOfTheHighestPriority(circumstance: Circumstance, group: String) {
        let p = engine.diagnose(
            Fixtures.person(age: 40, benefit: .participatiewet, workProspect: false, circumstances: [circumstance]))
        #expect(p.category == 1)
        #expect(p.targetGroups.contains(group))
    }

    @Test func aFiftyFiveYearOldBenefitClientWithProspectIsCategoryOne() {
        let p = engine.diagnose(
            Fixtures.person(age: 55, benefit: .participatiewet, workProspect: true, selfReliant: true))
        #expect(p.category == 1)
        #expect(p.targetGroups == ["over50WithProspect", "selfReliantWithProspect"])
    }

    /// 000 §2.1.2: "Voor de groep jongeren van 18-27 jaar geldt de norm dat zij ofwel een opleiding volgen,
    /// ofwel werk hebben, ofwel een combinatie van beiden."
    @Test func aYoungPersonWithoutAStartingQualificationGoesBackToSchoolFirst() {
        let young = engine.diagnose(
            Fixtures.person(
                age: 22, benefit: .participatiewet, workProspect: true, circumstances: [.noStartingQualification]))
        #expect(young.route == .workSchoolFirst && young.category == 1)
        #expect(
            young.reasons.contains {
                $0.code == "route.work.schoolFirst" && $0.text.nl.contains("eerst terug naar school")
            })
        #expect(Route.workSchoolFirst.family == .work)
        // At 28, or with a diploma, the ordinary work routes; an unmotivated young person under a duty: enforcement first.
        #expect(
            engine.diagnose(
                Fixtures.person(
                    age: 28, benefit: .participatiewet, workProspect: true, circumstances: [.noStartingQualification])
            ).route == .workActive)
        #expect(
            engine.diagnose(Fixtures.person(age: 22, benefit: .participatiewet, workProspect: true)).route
                == .workActive)
        #expect(
            engine.diagnose(
                Fixtures.person(
                    age: 22, benefit: .participatiewet, workProspect: true, motivated: false,
                    circumstances: [.noStartingQualification])
            ).route == .enforcement)
    }

    /// 000's table says "WWB-klanten > 50 jaar": older than 50, so fifty itself is not.
    @Test func overFiftyMeansOlderThanFifty() {
        let at50 = engine.diagnose(
            Fixtures.person(age: 50, benefit: .participatiewet, workProspect: true, selfReliant: true))
        let at51 = engine.diagnose(
            Fixtures.person(age: 51, benefit: .participatiewet, workProspect: true, selfReliant: true))
        #expect(!at50.targetGroups.contains("over50WithProspect"))
        #expect(at51.targetGroups.contains("over50WithProspect") && at51.category == 1)
    }

    @Test func youngPeopleAreEighteenToTwentySevenInclusive() {
        #expect(
            engine.diagnose(Fixtures.person(age: 27, benefit: .none, workProspect: false)).targetGroups == [
                "youngPeople"
            ])
        #expect(engine.diagnose(Fixtures.person(age: 28, benefit: .none, workProspect: false)).targetGroups == [])
        #expect(engine.diagnose(Fixtures.person(age: 18, benefit: .none, workProspect: false)).category == 1)
    }

    @Test(arguments: [
        (Fixtures.person(age: 40, benefit: .none, workProspect: false, circumstances: [.illiterate]), "illiterate"),
        (
            Fixtures.person(age: 40, benefit: .none, workProspect: true, civicIntegration: .obliged),
            "motivatedObligedIntegrator"
        ),
        (
            Fixtures.person(age: 40, benefit: .none, workProspect: false, circumstances: [.shelteredWorkEntitled]),
            "shelteredWork"
        ),
        (Fixtures.person(age: 40, benefit: .none, workProspect: false, wishes: [.volunteer]), "volunteer"),
        (
            Fixtures.person(age: 40, benefit: .none, workProspect: true, civicIntegration: .voluntary, wishes: [.work]),
            "nugWorkAndIntegrate"
        ),
    ])
    func categoryTwoGroups(facts: DiagnosisFacts, group: String) {
        let p = engine.diagnose(facts)
        #expect(p.category == 2)
        #expect(p.targetGroups.contains(group))
    }

    @Test func aMotivatedAdultFinishingSecondarySchoolIsCategoryThree() {
        let p = engine.diagnose(
            Fixtures.person(age: 35, benefit: .none, workProspect: false, wishes: [.secondaryDiploma]))
        #expect(p.category == 3)
        #expect(p.targetGroups == ["secondaryDiploma"])
        let unmotivated = engine.diagnose(
            Fixtures.person(age: 35, benefit: .none, workProspect: false, motivated: false, wishes: [.secondaryDiploma])
        )
        #expect(unmotivated.targetGroups.isEmpty)
    }

    @Test func someoneWhoWantsToMeetOthersIsCategoryThree() {
        let p = engine.diagnose(Fixtures.person(age: 60, benefit: .none, workProspect: false, wishes: [.socialContact]))
        #expect(p.category == 3)
        #expect(p.targetGroups == ["socialContact"])
    }

    @Test func aVoluntaryIntegratorIsCategoryThree() {
        let p = engine.diagnose(
            Fixtures.person(age: 35, benefit: .none, workProspect: false, civicIntegration: .voluntary))
        #expect(p.category == 3)
        #expect(p.targetGroups == ["voluntaryIntegrator"])
    }

    // MARK: several groups

    @Test func withSeveralTargetGroupsTheHighestPriorityWins() {
        // A 24-year-old (cat 1) who wants to volunteer (cat 2) and meet others (cat 3).
        let p = engine.diagnose(
            Fixtures.person(
                age: 24, benefit: .participatiewet, workProspect: false,
                wishes: [.volunteer, .socialContact]))
        #expect(p.targetGroups == ["youngPeople", "volunteer", "noProspectNoRisk", "socialContact"])
        #expect(p.category == 1)
        #expect(p.reasons.contains { $0.code == "category.1" && $0.text.en.contains("highest priority applies") })
        // Category 2 and 4 together → 2.
        let q = engine.diagnose(
            Fixtures.person(
                age: 40, benefit: .participatiewet, workProspect: true, motivated: false,
                circumstances: [.illiterate]))
        #expect(Set(q.targetGroups) == ["illiterate", "unmotivatedWithDuty"])
        #expect(q.category == 2)
    }

    // MARK: case table

    @Test func threeZrmDomainsAtOneOrTwoProposeTheCaseTable() throws {
        let zrm = try ZrmScores(
            raw: ["financien": 1, "huisvesting": 2, "geestelijkeGezondheid": 2, "justitie": 4], complete: false)
        let p = engine.diagnose(Fixtures.person(age: 40, benefit: .participatiewet, workProspect: false, zrm: zrm))
        #expect(p.caseTableProposed)
        #expect(p.reasons.contains { $0.code == "caseTable.proposed" && $0.text.nl.contains("Huisvesting") })
        let two = try ZrmScores(raw: ["financien": 1, "huisvesting": 2, "geestelijkeGezondheid": 3], complete: false)
        #expect(
            !engine.diagnose(Fixtures.person(age: 40, benefit: .participatiewet, workProspect: false, zrm: two))
                .caseTableProposed)
    }

    @Test func everyProposalNamesItsPolicyAndExplainsItselfInBothLanguages() {
        let p = engine.diagnose(Fixtures.person(age: 30, benefit: .participatiewet, workProspect: true))
        #expect(p.policyID == "amsterdam-2011-2014")
        #expect(p.policyVersion == "1.0")
        #expect(!p.reasons.isEmpty)
        #expect(p.reasons.allSatisfy { !$0.text.nl.isEmpty && !$0.text.en.isEmpty && $0.text.nl != $0.text.en })
    }
}

@Suite("Fast path") struct ClassifyTests {
    /// `classify` (no reasons, for simulations) must agree with `diagnose` on every combination of facts.
    @Test func classifyAgreesWithDiagnoseOnEveryCombination() {
        let engine = Fixtures.engine
        var checked = 0
        for age in [18, 27, 28, 49, 50, 66] {
            for benefit in BenefitKind.allCases {
                for bits in 0..<(1 << 6) {
                    let facts = Fixtures.person(
                        age: age, benefit: benefit, workProspect: bits & 1 != 0, selfReliant: bits & 2 != 0,
                        motivated: bits & 4 != 0,
                        risks: bits & 8 != 0 ? [.decline] : [],
                        civicIntegration: CivicIntegration.allCases[(bits >> 4) % 3],
                        circumstances: bits & 32 != 0 ? [.illiterate] : [],
                        wishes: bits % 3 == 0 ? [.work, .socialContact] : [.volunteer])
                    let full = engine.diagnose(facts)
                    let fast = engine.classify(facts)
                    #expect(
                        fast.route == full.route && fast.category == full.category
                            && fast.targetGroups == full.targetGroups)
                    checked += 1
                }
            }
        }
        #expect(checked == 6 * 7 * 64)
    }
}
