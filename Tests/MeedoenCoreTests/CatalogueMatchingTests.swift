import Foundation
import MeedoenCore
import MeedoenPolicies
import Testing

enum CatalogueFixtures {
    static func shippedData() throws -> Data {
        try Data(
            contentsOf: PolicyFiles.files(in: "catalogue").first { $0.lastPathComponent == "amsterdam-demo.json" }!)
    }
    static func offer(
        _ name: String, _ type: InterventionType, package: Package = .basic, district: String? = nil,
        capacity: Int = 10,
        taken: Int = 0, waiting: Int = 0, wait: Int = 0, price: Int = 100_000,
        domain: ParticipationDomain = .burgerschap,
        criteria: AccessCriteria = .init()
    ) -> Offer {
        Offer(
            id: UUID(), name: name, type: type, domain: domain, package: package, district: district, priceCents: price,
            capacity: capacity, taken: taken, waiting: waiting, expectedWaitDays: wait, criteria: criteria)
    }
    static func person(
        age: Int = 35, rung: Int? = 2, category: Int? = 2, benefit: BenefitKind = .participatiewet,
        district: String = "T",
        route: Route? = .participationActive, wishes: Set<Wish> = []
    ) -> Candidate {
        Candidate(
            id: UUID(), age: age, rung: rung, category: category, benefit: benefit, district: district, route: route,
            wishes: wishes)
    }
}

@Suite("Catalogue files") struct CatalogueFileTests {
    func load(_ mutate: (inout [String: Any]) -> Void) throws(PolicyError) -> CatalogueFile {
        var json = try! JSONSerialization.jsonObject(with: CatalogueFixtures.shippedData()) as! [String: Any]
        mutate(&json)
        return try CatalogueFile.load(try! JSONSerialization.data(withJSONObject: json), file: "draft.json")
    }
    func editFirst(_ json: inout [String: Any], _ edit: (inout [String: Any]) -> Void) {
        var items = json["interventions"] as! [[String: Any]]
        edit(&items[0])
        json["interventions"] = items
    }

    @Test func theShippedDemoCatalogueValidatesAndUsesTheSourcePrices() throws {
        let file = try CatalogueFile.load(CatalogueFixtures.shippedData(), file: "amsterdam-demo.json")
        #expect(file.districts.count == 7)
        let tb = try #require(file.interventions.first { $0.type == .trajectoryGuidance })
        #expect(tb.priceCents == 300_000)
        #expect(file.interventions.first { $0.type == .ips }?.priceCents == 500_000)
        #expect(file.interventions.first { $0.type == .socialActivationPlace }!.maxMonths <= 6)
        #expect(file.interventions.first { $0.type == .societalActivationPlace }!.maxMonths <= 24)
        // Every district has its own plus package.
        #expect(Set(file.interventions.filter { $0.package == .plus }.compactMap(\.district)) == Set(file.districts))
    }

    @Test func aSocialActivationPlaceLongerThanSixMonthsIsRefused() {
        #expect(throws: PolicyError.self) {
            _ = try load { json in
                var items = json["interventions"] as! [[String: Any]]
                let i = items.firstIndex { $0["type"] as? String == "socialActivationPlace" }!
                items[i]["maxMonths"] = 7
                json["interventions"] = items
            }
        }
        do {
            _ = try load { json in
                var items = json["interventions"] as! [[String: Any]]
                let i = items.firstIndex { $0["type"] as? String == "socialActivationPlace" }!
                items[i]["maxMonths"] = 7
                json["interventions"] = items
            }
        } catch {
            #expect(error.entry.hasSuffix(".maxMonths"))
            #expect(error.message.contains("maximum of 6"))
        }
    }

    @Test func anUnknownCriterionIsAnErrorNotAWiderAccess() {
        do {
            _ = try load { editFirst(&$0) { $0["criteria"] = ["rungz": [1]] } }
            Issue.record("accepted an unknown criterion")
        } catch {
            #expect(error.entry == "interventions[0].criteria.rungz")
            #expect(error.message.contains("unknown criterion"))
        }
    }

    @Test func aPlusOfferNeedsADistrictAndAKnownProvider() {
        do {
            _ = try load { editFirst(&$0) { $0["package"] = "plus" } }
            Issue.record("accepted")
        } catch {
            #expect(error.entry == "interventions[0].district")
        }
        do {
            _ = try load { editFirst(&$0) { $0["provider"] = "nobody" } }
            Issue.record("accepted")
        } catch {
            #expect(error.entry == "interventions[0].provider")
        }
        do {
            _ = try load { editFirst(&$0) { $0["priceCents"] = -1 } }
            Issue.record("accepted")
        } catch {
            #expect(error.entry == "interventions[0].priceCents")
        }
    }
}

@Suite("Access criteria and matching") struct MatchingTests {
    typealias F = CatalogueFixtures

    @Test func everyCriterionIsCheckedWithAReason() {
        let o = F.offer(
            "ADB", .workOrientedDayActivities, package: .plus, district: "E",
            criteria: .init(
                rungs: [1, 2], categories: [1], minAge: 18, maxAge: 27, benefitKinds: [.participatiewet],
                routes: [.workActive]))
        let results = AccessCheck.check(
            F.person(age: 40, rung: 3, category: 3, benefit: .ww, district: "T", route: .participationActive), o)
        #expect(Set(results.map(\.criterion)) == Set(Criterion.allCases))
        #expect(results.allSatisfy { !$0.passed })
        #expect(
            results.first { $0.criterion == .rung }?.reason.text.nl == "Trede 3 valt buiten de toegang (treden 1, 2).")
        #expect(results.first { $0.criterion == .district }?.reason.text.nl == "Alleen voor stadsdeel E.")
        // With the municipality's names the reasons name districts and benefits in words, not codes.
        var named = F.person(age: 40, rung: 3, category: 3, benefit: .ww, district: "T", route: .participationActive)
        named.districtNames = ["E": "Oost", "T": "Zuidoost"]
        let worded = AccessCheck.check(named, o)
        #expect(worded.first { $0.criterion == .district }?.reason.text.nl == "Alleen voor stadsdeel Oost.")
        #expect(worded.first { $0.criterion == .benefit }?.reason.text.nl == "Uitkering: WW — heeft geen toegang.")
        let ok = AccessCheck.check(F.person(age: 20, rung: 2, category: 1, district: "E", route: .workActive), o)
        #expect(ok.allSatisfy { $0.passed })
        #expect(Matcher.score(F.person(age: 20, rung: 2, category: 1, district: "E", route: .workActive), o) != nil)
    }

    @Test func unknownFactsDoNotPassACriterion() {
        let o = F.offer("x", .volunteerPlace, criteria: .init(rungs: [2], categories: [2], routes: [.workActive]))
        let r = AccessCheck.check(F.person(rung: nil, category: nil, route: nil), o)
        #expect(r.count == 3 && r.allSatisfy { !$0.passed })
        #expect(Matcher.score(F.person(rung: nil, category: nil, route: nil), o) == nil)
    }

    @Test func theOrderOfPreferenceComesFirst() {
        let offers = [
            F.offer("Dagbesteding", .dayActivitiesLow), F.offer("Vrijwilligersplek", .volunteerPlace),
            F.offer("Leerstage", .internalInternship), F.offer("Toeleiding", .guidanceToWork),
        ]
        // Before a diagnosis every kind takes part, in the order of preference.
        let ranked = Matcher.rank(F.person(route: nil, wishes: [.volunteer]), offers)
        #expect(
            ranked.map { offers[$0.offerIndex].name } == [
                "Toeleiding", "Leerstage", "Vrijwilligersplek", "Dagbesteding",
            ])
        #expect(ranked[2].reasons.contains { $0.text.nl == "Past bij wens vrijwilligerswerk." })
    }

    /// [4/7] Matching follows the diagnosis: right after "no prospect of paid work", paid work is not
    /// the top match — it is left out, with the reason; the tier order applies within what fits.
    @Test func matchingFollowsTheRouteAndTheOrderAppliesWithinWhatFits() {
        let offers = [
            F.offer("IPS", .ips), F.offer("Dagbesteding", .dayActivitiesLow),
            F.offer("Vrijwilligersplek", .volunteerPlace), F.offer("Activering", .activationRung12),
            F.offer("SAP", .socialActivationPlace), F.offer("Taal", .languageCourse),
        ]
        let noProspect = F.person(route: .participationActive)
        let ranked = Matcher.rank(noProspect, offers, includeUnfit: true)
        #expect(
            ranked.filter(\.fits).map { offers[$0.offerIndex].name } == [
                "Activering", "Taal", "Vrijwilligersplek", "Dagbesteding",
            ])
        let ips = ranked.first { offers[$0.offerIndex].name == "IPS" }!
        #expect(!ips.fits && ips.unmet.map(\.criterion) == [.route])
        #expect(
            ips.unmet[0].reason.text.nl
                == "Werk vinden met begeleiding op de werkplek (IPS) past niet bij de route Participatie: actieve toeleiding naar welzijn; die vraagt activering, vrijwilligerswerk of dagbesteding."
        )
        // SAP and MAP are for people with a prospect of the labour market (000).
        #expect(ranked.first { offers[$0.offerIndex].name == "SAP" }?.fits == false)
        // A work route: work-oriented offers, language and volunteering; no day activities.
        let work = Matcher.rank(F.person(route: .workActive), offers).map { offers[$0.offerIndex].name }
        #expect(work == ["IPS", "Taal", "SAP", "Vrijwilligersplek"])
        // A wish lifts an offer within its tier, never above a higher tier.
        let wishing = Matcher.rank(F.person(route: .participationActive, wishes: [.socialContact]), offers)
        #expect(offers[wishing[0].offerIndex].name == "Activering")
        // An offer that names its routes decides for itself.
        let named = F.offer("ADB", .workOrientedDayActivities, criteria: .init(routes: [.workActive]))
        #expect(Matcher.score(F.person(route: .workActive), named) != nil)
    }

    @Test func schoolFirstPutsADiplomaCourseBeforeWork() {
        let offers = [F.offer("IPS", .ips), F.offer("VAVO", .vavo), F.offer("Dagbesteding", .dayActivitiesLow)]
        let ranked = Matcher.rank(F.person(age: 22, route: .workSchoolFirst), offers)
        #expect(ranked.map { offers[$0.offerIndex].name } == ["VAVO", "IPS"])
        #expect(ranked[0].reasons.contains { $0.code == "route.schoolFirst" })
        // On an ordinary work route paid work stays first.
        #expect(offers[Matcher.rank(F.person(age: 22, route: .workActive), offers)[0].offerIndex].name == "IPS")
    }

    @Test func theUnwillingGetAPreparatoryTrackFirst() {
        // 004 §4.3: for people who can but will not, a bounded preparatory track before a place.
        let offers = [
            F.offer("Stage", .internshipPlace), F.offer("Voorschakel", .preparatoryTrack),
            F.offer("IPS", .ips),
        ]
        let ranked = Matcher.rank(F.person(route: .enforcement), offers)
        #expect(offers[ranked[0].offerIndex].name == "Voorschakel")
        #expect(ranked[0].reasons.contains { $0.code == "route.preparatoryFirst" })
        // On an ordinary work route it is one activation offer among others, after paid work.
        #expect(offers[Matcher.rank(F.person(route: .workActive), offers)[0].offerIndex].name == "IPS")
        // A participation route does not get it.
        #expect(Matcher.score(F.person(route: .participationActive), offers[1]) == nil)
    }

    @Test func aWmoProvisionIsARightAndAParticipationPlaceADuty() {
        #expect(InterventionType.workOrientedDayActivities.defaultLegalBasis == .right)
        #expect(InterventionType.dayActivitiesHigh.defaultLegalBasis == .right)
        #expect(InterventionType.volunteerPlace.defaultLegalBasis == .duty)
        #expect(InterventionType.preparatoryTrack.defaultLegalBasis == .duty)
        #expect(InterventionType.preparatoryTrack.statutoryMaxMonths == 3)
    }

    @Test func aWeekBelowTheAgreedHoursOnADutyOfferIsAMissedAgreement() {
        let week = CalendarDate(year: 2026, month: 11, day: 30)!
        let short = Attendance.shortfall(
            attended: true, hours: 4, agreedHours: 8, basis: .duty, offer: "Vrijwilligersplek", week: week)
        #expect(
            short?.reason.text.nl
                == "In de week van 30 november 2026 was de inwoner 4 van de 8 afgesproken uren aanwezig.")
        #expect(short?.what.nl == "8 uur per week aanwezig zijn bij Vrijwilligersplek")
        let absent = Attendance.shortfall(
            attended: false, hours: nil, agreedHours: 8, basis: .duty, offer: "x", week: week)
        #expect(absent?.reason.code == "attendance.absent")
        // A full week, a week present without hours given, no agreed hours, or a right: nothing to enforce.
        #expect(
            Attendance.shortfall(attended: true, hours: 8, agreedHours: 8, basis: .duty, offer: "x", week: week) == nil)
        #expect(
            Attendance.shortfall(attended: true, hours: nil, agreedHours: 8, basis: .duty, offer: "x", week: week)
                == nil)
        #expect(
            Attendance.shortfall(attended: false, hours: 0, agreedHours: 0, basis: .duty, offer: "x", week: week) == nil
        )
        #expect(
            Attendance.shortfall(attended: false, hours: 0, agreedHours: 8, basis: .right, offer: "x", week: week)
                == nil)
    }

    @Test func enforcementStartsWithAReminderOnAMissedAgreementButNeverOnARight() throws {
        let today = CalendarDate(year: 2026, month: 12, day: 4)!
        // A missed agreement is enforceable at once, even dated today.
        #expect(
            try Enforcement.open(agreementStatus: "missed", dueOn: today, today: today, relation: .municipalBenefit)
                == .reminded)
        #expect(throws: Enforcement.Refusal.self) {
            try Enforcement.open(
                agreementStatus: "missed", dueOn: today, today: today, relation: .municipalBenefit,
                offerBasis: .right)
        }
        #expect(throws: Enforcement.Refusal.self) {
            try Enforcement.open(agreementStatus: "open", dueOn: today, today: today, relation: .municipalBenefit)
        }
    }

    @Test func withinATierWishOwnDistrictAndFreePlacesDecide() {
        let offers = [
            F.offer(
                "Vol elders", .volunteerPlace, package: .plus, district: "T", capacity: 2, taken: 2, waiting: 3,
                wait: 21),
            F.offer("Vrij eigen stadsdeel", .volunteerPlace, package: .plus, district: "T"),
            F.offer("Stad", .volunteerPlace),
        ]
        let ranked = Matcher.rank(F.person(district: "T"), offers)
        #expect(ranked.map { offers[$0.offerIndex].name } == ["Vrij eigen stadsdeel", "Stad", "Vol elders"])
        let texts = ranked.map { $0.reasons.map(\.text.nl) }
        #expect(texts[0].contains("10 plekken vrij in eigen stadsdeel."))
        #expect(texts[2].contains("Wachtlijst 3 weken (3 wachtend)."))
    }

    @Test func offersThatDoNotFitAreLeftOutOrListedWithTheirUnmetCriteria() {
        let offers = [
            F.offer("Voor trede 4", .guidanceToWork, criteria: .init(rungs: [4])),
            F.offer("Voor trede 2", .volunteerPlace, criteria: .init(rungs: [2])),
        ]
        let p = F.person(rung: 2, route: .workActive)
        #expect(Matcher.rank(p, offers).map(\.offerIndex) == [1])
        #expect(Matcher.rank(p, offers)[0].reasons.contains { $0.text.nl == "Past bij trede 2." })
        let all = Matcher.rank(p, offers, includeUnfit: true)
        #expect(all.map(\.offerIndex) == [1, 0])
        #expect(all[1].fits == false && all[1].unmet.map(\.criterion) == [.rung])
    }

    @Test func thePeopleWhoFitAPlaceAreOrderedByPriorityCategory() {
        let o = F.offer("Activering", .activationRung12, criteria: .init(rungs: [1, 2]))
        let people = [
            F.person(rung: 2, category: 3), F.person(rung: 4, category: 1), F.person(rung: 1, category: 1),
            F.person(rung: 2, category: nil),
        ]
        let fit = Matcher.candidates(for: o, among: people)
        #expect(fit.map(\.candidateIndex) == [2, 0, 3])
    }

    @Test func theCaseloadRunKeepsTheSameBestOffersAsTheSingleRanking() {
        var rng = SystemRandomNumberGenerator()
        let types = InterventionType.allCases
        let offers = (0..<60).map { i in
            F.offer(
                "o\(i)", types[i % types.count], package: i % 3 == 0 ? .plus : .basic,
                district: i % 3 == 0 ? ["T", "E"][i % 2] : nil,
                capacity: 5, taken: Int.random(in: 0...5, using: &rng), waiting: 2,
                wait: Int.random(in: 1...60, using: &rng),
                price: 100_000 * (1 + i % 7), criteria: .init(rungs: [[1, 2], [2, 3], [3, 4, 5], []][i % 4]))
        }
        let people = (0..<50).map { i in
            F.person(
                rung: 1 + i % 5, category: 1 + i % 5, district: ["T", "E", "A"][i % 3],
                wishes: i % 2 == 0 ? [.volunteer] : [.work])
        }
        let batch = Matcher.bestForEach(people, offers, limit: 3)
        for (i, p) in people.enumerated() {
            #expect(batch[i].map(\.score) == Matcher.rank(p, offers, limit: 3).map(\.score))
        }
    }

    @Test func expectedWaitIsZeroWithAFreePlaceAndGrowsWithTheQueue() {
        #expect(Matcher.expectedWaitDays(capacity: 5, taken: 4, waiting: 0, maxMonths: 6, observedMeanDays: nil) == 0)
        let one = Matcher.expectedWaitDays(capacity: 5, taken: 5, waiting: 0, maxMonths: 6, observedMeanDays: nil)
        let many = Matcher.expectedWaitDays(capacity: 5, taken: 5, waiting: 10, maxMonths: 6, observedMeanDays: nil)
        #expect(one > 0 && many > one)
        #expect(Matcher.expectedWaitDays(capacity: 5, taken: 5, waiting: 10, maxMonths: 6, observedMeanDays: 21) == 21)
    }
}

@Suite("Referral flow, outcomes, durations, plans") struct ReferralFlowTests {
    @Test func actionsFollowTheReferralStates() {
        #expect(ReferralAction.accept.next(from: .offered) == .accepted)
        #expect(ReferralAction.accept.next(from: .waiting) == nil)
        #expect(ReferralAction.start.next(from: .offered) == nil)
        #expect(ReferralAction.start.next(from: .accepted) == .started)
        #expect(ReferralAction.end.next(from: .started) == .ended)
        #expect(ReferralAction.end.next(from: .accepted) == nil)
        #expect(ReferralAction.refuse.next(from: .started) == nil)
        #expect(ReferralAction.withdraw.next(from: .waiting) == .withdrawn)
        for s in ReferralStatus.allCases where s.isFinal {
            #expect(ReferralAction.allCases.allSatisfy { $0.next(from: s) == nil })
        }
        #expect(ReferralStatus.allCases.filter(\.holdsPlace) == [.offered, .accepted, .started])
    }

    @Test func anOutcomeProposesTheNextStep() {
        let up = Outcomes.nextStep(.stepUp, currentRung: 2, topRung: 5, tier: .volunteering)
        #expect(up.proposedRung == 3 && up.nextTier == .activation)
        let back = Outcomes.nextStep(.stepBack, currentRung: 1, topRung: 5, tier: .volunteering)
        #expect(back.proposedRung == 1 && back.nextTier == .dayActivities)
        let work = Outcomes.nextStep(.exitToWork, currentRung: 3, topRung: 5, tier: .activation)
        #expect(work.proposedRung == 5 && work.nextTier == nil)
        #expect(
            EnrolmentOutcome.allCases.allSatisfy {
                !Outcomes.nextStep($0, currentRung: 2, topRung: 5, tier: .activation).reasons.isEmpty
            })
    }

    @Test func theMaximumDurationIsEnforcedAndFlagged() {
        let start = CalendarDate(iso: "2026-01-15")!
        #expect(Duration.refusal(start: start, plannedEnd: CalendarDate(iso: "2026-07-15")!, maxMonths: 6) == nil)
        #expect(
            Duration.refusal(start: start, plannedEnd: CalendarDate(iso: "2026-07-16")!, maxMonths: 6)?.nl.contains(
                "maximale duur van 6 maanden") == true)
        #expect(Duration.refusal(start: start, plannedEnd: start, maxMonths: 6) != nil)
        #expect(
            Duration.endingSoon(plannedEnd: CalendarDate(iso: "2026-07-15")!, today: CalendarDate(iso: "2026-06-20")!))
        #expect(
            !Duration.endingSoon(plannedEnd: CalendarDate(iso: "2026-07-15")!, today: CalendarDate(iso: "2026-06-01")!))
    }

    @Test func theWaitingListPutsCategoryBeforeReferralDate() {
        let t0 = Date(timeIntervalSince1970: 1_000_000)
        let a = WaitingOrder.Entry(id: UUID(), category: 3, referredAt: t0)
        let b = WaitingOrder.Entry(id: UUID(), category: 1, referredAt: t0.addingTimeInterval(86_400))
        let c = WaitingOrder.Entry(id: UUID(), category: nil, referredAt: t0.addingTimeInterval(-86_400))
        let d = WaitingOrder.Entry(id: UUID(), category: 1, referredAt: t0.addingTimeInterval(3_600))
        #expect(WaitingOrder.sorted([a, b, c, d]).map(\.id) == [d.id, b.id, a.id, c.id])
    }

    @Test func plansAreReassessedSoonerOnActiveRoutesAndFlaggedWhenStalled() throws {
        let url = PolicyFiles.files(in: "plans").first!
        let policy = try PlanPolicy.load(Data(contentsOf: url), file: url.lastPathComponent)
        let d = CalendarDate(iso: "2026-01-31")!
        #expect(policy.reassessmentDue(from: d, routes: [.participationPassive]) == CalendarDate(iso: "2026-07-31"))
        #expect(
            policy.reassessmentDue(from: d, routes: [.participationPassive, .workActive])
                == CalendarDate(iso: "2026-04-30"))
        let today = CalendarDate(iso: "2026-06-01")!
        #expect(policy.withoutProgress(planStart: d, lastAgreementDone: nil, lastRungChange: nil, today: today))
        #expect(
            !policy.withoutProgress(
                planStart: d, lastAgreementDone: CalendarDate(iso: "2026-04-01"), lastRungChange: nil, today: today))
        #expect(
            !policy.withoutProgress(
                planStart: d, lastAgreementDone: nil, lastRungChange: CalendarDate(iso: "2026-05-01"), today: today))
        do {
            _ = try PlanPolicy.load(
                Data(
                    #"{"id":"x","version":"1","reassessmentMonths":6,"activeRoutes":[],"activeRouteReassessmentMonths":9,"noProgressMonths":3,"endingSoonDays":28}"#
                        .utf8), file: "p.json")
            Issue.record("accepted")
        } catch { #expect(error.entry == "activeRouteReassessmentMonths") }
    }
}

@Suite("Provider need-to-know") struct ProviderAccessTests {
    @Test func aProviderSeesOnlyReferralsToTheirOwnOffersOnceAPlaceIsOffered() {
        let own = UUID()
        let other = UUID()
        let provider = Viewer(userID: UUID(), roles: [.provider], districtCode: nil, personID: nil, providerID: own)
        #expect(
            NeedToKnow.providerBasis(provider, interventionProviderID: own, status: .offered)
                == "referredTo:\(own.uuidString.lowercased())")
        #expect(NeedToKnow.providerBasis(provider, interventionProviderID: own, status: .ended) != nil)
        #expect(NeedToKnow.providerBasis(provider, interventionProviderID: own, status: .waiting) == nil)
        #expect(NeedToKnow.providerBasis(provider, interventionProviderID: other, status: .offered) == nil)
        let caseManager = Viewer(
            userID: UUID(), roles: [.caseManager], districtCode: "T", personID: nil, providerID: own)
        #expect(NeedToKnow.providerBasis(caseManager, interventionProviderID: own, status: .offered) == nil)
        let unlinked = Viewer(userID: UUID(), roles: [.provider], districtCode: nil, personID: nil)
        #expect(NeedToKnow.providerBasis(unlinked, interventionProviderID: own, status: .offered) == nil)
        // A provider has no grant on persons at all: the dossier stays closed.
        #expect(NeedToKnow.grants(for: provider).isEmpty)
    }
}
