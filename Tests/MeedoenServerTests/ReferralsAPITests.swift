import Fluent
import Foundation
import MeedoenCore
import Testing
import VaporTesting

@testable import MeedoenServer

extension TestWorld {
    /// A provider with the `aanbieder` user linked to it; returns the provider id.
    @discardableResult
    func provider(_ code: String = "regenboog", linkUser: String? = "aanbieder") async throws -> String {
        let res = try await send(
            .POST, "/api/v1/providers", as: "beheer",
            json: ["code": code, "name": "Aanbieder \(code)", "contact": "info@\(code).example"])
        #expect(res.status == .created, "\(res.body.string)")
        let id = try res.json()["id"] as! String
        if let linkUser {
            let user = try await User.find(users[linkUser]!.id, on: app.db)!
            user.providerID = UUID(uuidString: id)
            try await user.save(on: app.db)
        }
        return id
    }

    /// An intervention of `providerID` (basic package unless `district`), returns its id.
    func intervention(
        provider providerID: String, code: String = "VRIJW", type: String = "volunteerPlace", capacity: Int = 2,
        maxMonths: Int = 12, district: String? = nil, criteria: [String: Any] = [:], extra: [String: Any] = [:]
    ) async throws -> String {
        var body: [String: Any] = [
            "code": code, "name": "Aanbod \(code)", "type": type, "domain": "burgerschap",
            "package": district == nil ? "basic" : "plus", "providerId": providerID, "fundingStream": "werkdeel",
            "priceCents": 300_000, "maxMonths": maxMonths, "capacity": capacity, "hoursPerWeek": 8,
            "location": "Buurthuis", "criteria": criteria,
        ]
        if let district { body["districtCode"] = district }
        for (k, v) in extra { body[k] = v }
        let res = try await send(.POST, "/api/v1/interventions", as: "beheer", json: body)
        #expect(res.status == .created, "\(res.body.string)")
        return try res.json()["id"] as! String
    }

    func refer(_ person: String, to intervention: String, as who: String = "km", extra: [String: Any] = [:])
        async throws -> TestingHTTPResponse
    {
        var body: [String: Any] = [
            "personId": person, "interventionId": intervention, "goal": "Ritme opbouwen en mensen ontmoeten",
            "agreedHours": 8,
        ]
        for (k, v) in extra { body[k] = v }
        return try await send(.POST, "/api/v1/referrals", as: who, json: body)
    }
}

@Suite("Catalogue API") struct CatalogueAPITests {
    @Test func administratorsBuildTheCatalogueAndEveryWrongFieldIsNamed() async throws {
        try await TestWorld.with { w in
            let provider = try await w.provider()
            let id = try await w.intervention(provider: provider)
            // A social activation place beyond 6 months, a plus package without district, a negative price: all named at once.
            let bad = try await w.send(
                .POST, "/api/v1/interventions", as: "beheer",
                json: [
                    "code": "SAP-X", "name": "SAP", "type": "socialActivationPlace", "domain": "burgerschap",
                    "package": "plus", "providerId": provider,
                    "fundingStream": "werkdeel", "priceCents": -5, "maxMonths": 7, "capacity": 3, "hoursPerWeek": 8,
                    "location": "x",
                    "criteria": ["rungz": [1]],
                ])
            #expect(bad.status == .unprocessableEntity)
            #expect(Set(bad.invalidParamNames).isSuperset(of: ["priceCents", "criteria.rungz"]))
            let bad2 = try await w.send(
                .POST, "/api/v1/interventions", as: "beheer",
                json: [
                    "code": "SAP-X", "name": "SAP", "type": "socialActivationPlace", "domain": "burgerschap",
                    "package": "plus", "providerId": provider,
                    "fundingStream": "werkdeel", "priceCents": 5, "maxMonths": 7, "capacity": 3, "hoursPerWeek": 8,
                    "location": "x",
                ])
            #expect(Set(bad2.invalidParamNames) == ["maxMonths", "districtCode"], "\(bad2.body.string)")
            // Case managers read but do not edit; providers read the catalogue too (no personal data in it).
            #expect(
                try await w.send(.PATCH, "/api/v1/interventions/\(id)", as: "km", json: ["capacity": 9]).status
                    == .forbidden)
            let read = try await w.send(.GET, "/api/v1/interventions/\(id)", as: "aanbieder")
            #expect(read.status == .ok)
            #expect(try read.json()["freePlaces"] as? Int == 2)
            let patched = try await w.send(
                .PATCH, "/api/v1/interventions/\(id)", as: "analist", json: ["capacity": 5, "name": "Nieuwe naam"])
            #expect(patched.status == .ok)
            #expect(try patched.json()["capacity"] as? Int == 5)
            let list = try await w.send(.GET, "/api/v1/interventions?q=nieuwe", as: "km")
            #expect(try list.jsonArray().count == 1)
        }
    }

    @Test func theDemoCatalogueFileLoadsAndReloadsWithoutLosingPlacesTaken() async throws {
        try await TestWorld.with { w in
            let file = w.app.policyStore.demoCatalogue
            let first = try await CatalogueService.load(file, on: w.app.db)
            #expect(first.added == file.interventions.count && first.providersAdded == file.providers.count)
            let again = try await CatalogueService.load(file, on: w.app.db)
            #expect(again.added == 0 && again.updated == file.interventions.count)
            let ips = try await Intervention.query(on: w.app.db).filter(\.$code == "IPS").first()
            #expect(ips?.priceCents == 500_000)
        }
    }
}

@Suite("Referrals, capacity and waiting lists") struct ReferralsAPITests {
    /// [4/7] The category decides the money: the policy's spending rules refuse a referral by name.
    @Test func theSpendingRulesRefuseWhatTheBudgetMayNotPayByName() async throws {
        try await TestWorld.with { w in
            let provider = try await w.provider()
            let work = try await w.intervention(
                provider: provider, code: "TOELEIDING", type: "guidanceToWork", capacity: 5)
            let volunteering = try await w.intervention(provider: provider, code: "VRIJW", capacity: 5)
            // A self-reliant resident with a prospect of work: category 5.
            let self5 = try await w.register(bsn: TestBSN.make(1), ["birthDate": "1985-03-01"])
            let diagnosed = try await w.send(
                .POST, "/api/v1/persons/\(self5)/diagnoses", as: "km",
                json: ["workProspect": true, "selfReliant": true, "motivated": true])
            #expect(
                (try diagnosed.json()["proposal"] as? [String: Any])?["category"] as? Int == 5,
                "\(diagnosed.body.string)")
            let refused = try await w.refer(self5, to: work)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.invalidParamNames == ["category"])
            #expect(refused.body.string.contains("Categorie 5 ‘geen inzet (meer)’"), "\(refused.body.string)")
            #expect(try await Referral.query(on: w.app.db).count() == 0)
            #expect(try await Commitment.query(on: w.app.db).count() == 0)
            // Not even volunteering from the participation budget for category 5; the attempt is on the file.
            #expect(try await w.refer(self5, to: volunteering).invalidParamNames == ["category"])
            #expect(
                try await AuditEvent.query(on: w.app.db).filter(\.$action == "referral.refused").count() == 2)
            // The matches leave out what the budget may not pay; the referral page says which and why.
            let matches = try await w.send(.GET, "/api/v1/persons/\(self5)/matches?all=true", as: "km").json()
            #expect((matches["matches"] as? [[String: Any]])?.isEmpty == true)
            let km = try await WorkPagesTests().user(w, "karin", roles: [.caseManager], district: "T")
            let page = try await PagesTests().get(w, "/personen/\(self5)/verwijzen", cookie: km).body.string
            #expect(page.contains("Niet uit het budget voor deze inwoner (2)") && page.contains("Aanbod TOELEIDING"))
            // A job seeker without a benefit: volunteering yes, a trajectory no (named `route`).
            let seeker = try await w.register(bsn: TestBSN.make(2), ["benefit": "none", "birthDate": "1990-05-01"])
            let trajectory = try await w.refer(seeker, to: work)
            #expect(trajectory.status == .unprocessableEntity && trajectory.invalidParamNames == ["route"])
            #expect(trajectory.body.string.contains("geen wettelijke plicht tot re-integratie"))
            #expect(try await w.refer(seeker, to: volunteering).status == .created)
            // A resident with a benefit and no diagnosis yet is not held back by the rules.
            let fresh = try await w.register(bsn: TestBSN.make(3))
            #expect(try await w.refer(fresh, to: work).status == .created)
        }
    }

    /// 000 §2.3: the category decides the money; a budget holder — not the case manager — can fund a
    /// refused referral anyway, with a reason, audited and visible in the budget overview.
    @Test func aBudgetHolderNotTheCaseManagerFundsWhatTheSpendingRulesRefuse() async throws {
        try await TestWorld.with { w in
            let provider = try await w.provider()
            let work = try await w.intervention(
                provider: provider, code: "TOELEIDING", type: "guidanceToWork", capacity: 1)
            let volunteering = try await w.intervention(provider: provider, code: "VRIJW", capacity: 5)
            try await w.stream(total: 10 * 300_000)
            // A self-reliant resident with a prospect of work: category 5, nothing from the budget.
            let self5 = try await w.register(bsn: TestBSN.make(1), ["birthDate": "1985-03-01"])
            _ = try await w.send(
                .POST, "/api/v1/persons/\(self5)/diagnoses", as: "km",
                json: ["workProspect": true, "selfReliant": true, "motivated": true])
            // Someone else holds the only place of the work offer.
            let other = try await w.register(bsn: TestBSN.make(2))
            let held = try await w.refer(other, to: work)
            #expect(try held.json()["status"] as? String == "offered", "\(held.body.string)")

            // The refusal says a budget holder can grant an exception; a reason too short is named.
            let refused = try await w.refer(self5, to: work)
            #expect(refused.invalidParamNames == ["category"])
            #expect(refused.body.string.contains("Een budgethouder kan een uitzondering toestaan"))
            let short = try await w.refer(self5, to: work, extra: ["spendingException": ["reason": "nodig"]])
            #expect(short.status == .unprocessableEntity && short.invalidParamNames == ["spendingException.reason"])
            // Asked with a reason: the referral waits for the decision, holding no place and no money.
            let asked = try await w.refer(
                self5, to: work,
                extra: ["spendingException": ["reason": "Werkgever wil haar aannemen na een korte toeleiding."]])
            #expect(asked.status == .created, "\(asked.body.string)")
            #expect(try asked.json()["status"] as? String == "waiting")
            #expect(try asked.json()["waitingFor"] as? String == "exception")
            let askedID = try asked.json()["id"] as! String
            #expect(try await Commitment.query(on: w.app.db).count() == 1)  // the other one's only
            // The place freed meanwhile does not go to a referral waiting for a decision.
            let heldID = try held.json()["id"] as! String
            #expect(
                try await w.send(
                    .POST, "/api/v1/referrals/\(heldID)/withdraw", as: "km", json: ["reason": "Verhuisd naar elders"]
                ).status == .ok)
            #expect(try await Intervention.find(UUID(uuidString: work)!, on: w.app.db)?.taken == 0)
            #expect(try await Referral.find(UUID(uuidString: askedID)!, on: w.app.db)?.waitingFor == .exception)

            // Only a budget holder sees and decides the requests; no name, the rule and the reason.
            #expect(try await w.send(.GET, "/api/v1/spending-exceptions", as: "km").status == .forbidden)
            let list = try await w.send(.GET, "/api/v1/spending-exceptions", as: "budget")
            let rows = try list.jsonArray()
            #expect(rows.count == 1)
            #expect(rows.first?["personId"] == nil && rows.first?["ruleField"] as? String == "category")
            #expect((rows.first?["rule"] as? String)?.contains("Categorie 5") == true)
            #expect(!list.body.string.contains("El Amrani"))
            #expect(
                try await AuditEvent.query(on: w.app.db).filter(\.$action == "spendingException.read").count() == 1)
            let exceptionID = rows.first?["id"] as! String
            let decide = "/api/v1/spending-exceptions/\(exceptionID)/decision"
            let byCaseManager = try await w.send(
                .POST, decide, as: "km", json: ["decision": "grant", "reason": "Ik vind het echt nodig"])
            #expect(byCaseManager.status == .forbidden)
            let unclear = try await w.send(.POST, decide, as: "budget", json: ["decision": "misschien", "reason": "x"])
            #expect(Set(unclear.invalidParamNames) == ["decision", "reason"])
            // Granted: the referral goes the ordinary way — the free place, money from the stream.
            let granted = try await w.send(
                .POST, decide, as: "budget",
                json: ["decision": "grant", "reason": "Zicht op een baan binnen drie maanden."])
            #expect(granted.status == .ok, "\(granted.body.string)")
            #expect(try granted.json()["status"] as? String == "granted")
            #expect(try granted.json()["referralOutcome"] as? String == "offered")
            let referral = try await Referral.find(UUID(uuidString: askedID)!, on: w.app.db)!
            #expect(referral.status == .offered && referral.waitingFor == nil)
            #expect(
                try await Commitment.query(on: w.app.db).filter(\.$referralID == referral.id!).first()?.amountCents
                    == 300_000)
            #expect(
                try await w.send(
                    .POST, decide, as: "budget", json: ["decision": "refuse", "reason": "Toch maar niet doen."]
                ).status == .conflict)

            // Refused: the referral is withdrawn with the budget holder's reason; nothing committed.
            let second = try await w.refer(
                self5, to: volunteering,
                extra: ["spendingException": ["reason": "Vrijwilligerswerk helpt haar netwerk op te bouwen."]])
            let secondID = try second.json()["id"] as! String
            let secondException = try await SpendingException.query(on: w.app.db).filter(
                \.$referralID == UUID(uuidString: secondID)!
            ).first()!
            let no = try await w.send(
                .POST, "/api/v1/spending-exceptions/\(secondException.id!)/decision", as: "budget",
                json: ["decision": "refuse", "reason": "Kan zonder budget via de vrijwilligerscentrale."])
            #expect(try no.json()["referralOutcome"] as? String == "withdrawn")
            let withdrawn = try await Referral.find(UUID(uuidString: secondID)!, on: w.app.db)!
            #expect(
                withdrawn.status == .withdrawn && withdrawn.withdrawReason?.contains("vrijwilligerscentrale") == true)
            #expect(try await Commitment.query(on: w.app.db).filter(\.$referralID == withdrawn.id!).count() == 0)
            #expect(
                try await AuditEvent.query(on: w.app.db).filter(\.$action == "spendingException.decide").filter(
                    \.$personID == UUID(uuidString: self5)!
                ).count() == 2)

            // The budget overview counts them; the budget page says so in words.
            let overview = try await w.send(.GET, "/api/v1/budget", as: "budget").json()
            let summary = overview["exceptions"] as? [String: Any]
            #expect(summary?["granted"] as? Int == 1 && summary?["refused"] as? Int == 1)
            #expect(summary?["requested"] as? Int == 0 && summary?["grantedCents"] as? Int == 300_000)
            let holder = try await WorkPagesTests().user(w, "bert", roles: [.budgetHolder])
            let page = try await PagesTests().get(w, "/begroting", cookie: holder).body.string
            #expect(page.contains("Uitzonderingen op de bestedingsregels"))
            #expect(page.contains("1 toegestaan (prijs samen € 3.000,00), 1 afgewezen"), "\(page)")
        }
    }

    /// The case manager asks from the referral page; the budget holder decides on the budget page.
    @Test func anExceptionIsAskedAndDecidedThroughThePages() async throws {
        try await TestWorld.with { w in
            let provider = try await w.provider()
            let work = try await w.intervention(provider: provider, code: "TOELEIDING", type: "guidanceToWork")
            try await w.stream(total: 10 * 300_000)
            let self5 = try await w.register(bsn: TestBSN.make(1), ["birthDate": "1985-03-01"])
            _ = try await w.send(
                .POST, "/api/v1/persons/\(self5)/diagnoses", as: "km",
                json: ["workProspect": true, "selfReliant": true, "motivated": true])
            let pages = PagesTests()
            let workPages = WorkPagesTests()
            let km = try await workPages.user(w, "karin", roles: [.caseManager], district: "T")
            let refer = try await pages.get(w, "/personen/\(self5)/verwijzen", cookie: km)
            #expect(refer.body.string.contains("Uitzondering vragen aan de budgethouder"))
            let token = try workPages.csrf(refer)
            // Without a reason the rule is said at the reason's field.
            let bare = try await pages.post(
                w, "/personen/\(self5)/verwijzen", cookie: km,
                form:
                    "_csrf=\(token)&interventionId=\(work)&o-TOELEIDING-goal=Werk&o-TOELEIDING-hours=8&o-TOELEIDING-exception="
            )
            #expect(bare.status == .unprocessableEntity)
            #expect(bare.body.string.contains("o-TOELEIDING-exception-error"), "\(bare.body.string)")
            let sent = try await pages.post(
                w, "/personen/\(self5)/verwijzen", cookie: km,
                form:
                    "_csrf=\(token)&interventionId=\(work)&o-TOELEIDING-goal=Werk+vinden&o-TOELEIDING-hours=8&o-TOELEIDING-exception=Werkgever+wacht+op+haar+start."
            )
            #expect(sent.status == .seeOther, "\(sent.body.string)")
            let referralID = try #require(try await Referral.query(on: w.app.db).first()?.id)
            let landed = try await pages.get(w, "/verwijzingen/\(referralID)", cookie: km).body.string
            #expect(landed.contains("De uitzondering is gevraagd"), "the saved message says what happened")
            let referralPage = try await pages.get(w, "/verwijzingen/\(referralID)", cookie: km).body.string
            #expect(
                referralPage.contains("het besluit van een budgethouder over een uitzondering op de bestedingsregels"))

            let holder = try await workPages.user(w, "bert", roles: [.budgetHolder])
            let budget = try await pages.get(w, "/begroting", cookie: holder)
            let html = budget.body.string
            #expect(html.contains("Wachten op uw besluit") && html.contains("Werkgever wacht op haar start."))
            #expect(html.contains("Categorie 5 ‘geen inzet (meer)’") && !html.contains("El Amrani"))
            let e = try #require(try await SpendingException.query(on: w.app.db).first())
            let decided = try await pages.post(
                w, "/begroting/uitzonderingen/\(e.id!)", cookie: holder,
                form: "_csrf=\(try workPages.csrf(budget))&reason=Baan+in+zicht+bij+deze+werkgever.&decision=grant")
            #expect(decided.status == .seeOther, "\(decided.body.string)")
            #expect(try await Referral.find(referralID, on: w.app.db)?.status == .offered)
            // The case manager reads on the referral who decided and why.
            let after = try await pages.get(w, "/verwijzingen/\(referralID)", cookie: km).body.string
            #expect(
                after.contains("Uitzondering op de bestedingsregels") && after.contains("Toegestaan door Test bert"))
            #expect(after.contains("Baan in zicht bij deze werkgever."))
            #expect(
                try await pages.get(w, "/begroting", cookie: holder).body.string.contains(
                    "0 gevraagd en nog niet besloten, 1 toegestaan"))
        }
    }

    @Test func fromReferralToOutcomeAndTheFreedPlaceGoesToTheNextInLine() async throws {
        try await TestWorld.with { w in
            let provider = try await w.provider()
            let place = try await w.intervention(provider: provider, capacity: 1, maxMonths: 6)
            let a = try await w.register(bsn: TestBSN.make(0))
            let b = try await w.register(bsn: TestBSN.make(1))
            let c = try await w.register(bsn: TestBSN.make(2))
            let ra = try await w.refer(a, to: place)
            #expect(ra.status == .created, "\(ra.body.string)")
            #expect(try ra.json()["status"] as? String == "offered")
            let rb = try await w.refer(b, to: place)
            #expect(try rb.json()["status"] as? String == "waiting")
            let rc = try await w.refer(c, to: place)
            #expect(try rc.json()["status"] as? String == "waiting")
            // The same referral twice: refused.
            #expect(try await w.refer(b, to: place).status == .conflict)
            let aID = try ra.json()["id"] as! String
            let bID = try rb.json()["id"] as! String

            // The provider sees only the offered one, with only the fields needed.
            let incoming = try await w.send(.GET, "/api/v1/referrals", as: "aanbieder")
            let rows = try incoming.jsonArray()
            #expect(rows.count == 1)
            #expect(rows.first?["personId"] == nil && rows.first?["checks"] == nil && rows.first?["category"] == nil)
            #expect((rows.first?["person"] as? [String: Any])?["familyName"] as? String == "El Amrani")
            #expect(try await w.send(.GET, "/api/v1/referrals/\(bID)", as: "aanbieder").status == .forbidden)
            #expect(try await w.send(.GET, "/api/v1/persons/\(a)", as: "aanbieder").status == .forbidden)

            // Accept; a start beyond the maximum duration is refused; a start within it works.
            #expect(try await w.send(.POST, "/api/v1/referrals/\(aID)/accept", as: "km").status == .forbidden)
            #expect(try await w.send(.POST, "/api/v1/referrals/\(aID)/accept", as: "aanbieder").status == .ok)
            let tooLong = try await w.send(
                .POST, "/api/v1/referrals/\(aID)/start", as: "aanbieder",
                json: ["startOn": "2026-01-05", "plannedEndOn": "2026-07-06"])
            #expect(tooLong.status == .unprocessableEntity)
            #expect(tooLong.invalidParamNames == ["plannedEndOn"])
            let start = try await w.send(
                .POST, "/api/v1/referrals/\(aID)/start", as: "aanbieder", json: ["startOn": "2026-01-05"])
            #expect(start.status == .ok, "\(start.body.string)")
            #expect(try start.json()["plannedEndOn"] as? String == "2026-07-05")
            let note = try await w.send(
                .POST, "/api/v1/referrals/\(aID)/notes", as: "aanbieder",
                json: ["kind": "attendance", "on": "2026-01-12", "attended": true, "hours": 4])
            #expect(note.status == .ok)
            #expect((try note.json()["notes"] as? [[String: Any]])?.count == 1)
            // End with an outcome: the next step is proposed and the place goes to the next in line (b, referred first).
            let end = try await w.send(
                .POST, "/api/v1/referrals/\(aID)/end", as: "aanbieder",
                json: ["outcome": "stepUp", "endOn": "2026-03-01", "note": "Klaar voor meer"])
            #expect(end.status == .ok, "\(end.body.string)")
            let next = try end.json()["nextStep"] as? [String: Any]
            #expect(next?["nextTier"] as? String == "activation")
            let bNow = try await w.send(.GET, "/api/v1/referrals/\(bID)", as: "km").json()
            #expect(bNow["status"] as? String == "offered")
            #expect(bNow["waitedDays"] as? Int != nil)
            // b is refused with a reason: the place goes on to c.
            #expect(
                try await w.send(.POST, "/api/v1/referrals/\(bID)/refuse", as: "aanbieder", json: [:]).status
                    == .unprocessableEntity)
            #expect(
                try await w.send(
                    .POST, "/api/v1/referrals/\(bID)/refuse", as: "aanbieder",
                    json: ["reason": "Geen match met de groep"]
                ).status == .ok)
            let cNow = try await w.send(.GET, "/api/v1/referrals/\(try rc.json()["id"] as! String)", as: "km").json()
            #expect(cNow["status"] as? String == "offered")
            let taken = try await Intervention.find(UUID(uuidString: place)!, on: w.app.db)!.taken
            #expect(taken == 1)
            // Every provider read is in the person's audit trail with the provider as basis (and every change too).
            #expect(try await w.send(.GET, "/api/v1/referrals/\(aID)", as: "aanbieder").status == .ok)
            let changes = try await AuditEvent.query(on: w.app.db).filter(\.$personID == UUID(uuidString: a)!).filter(
                \.$action == "referral.update"
            ).all()
            #expect(changes.filter { $0.basis.hasPrefix("referredTo:") }.count == 4)  // accept, start, note, end
            let trail = try await AuditEvent.query(on: w.app.db).filter(\.$personID == UUID(uuidString: a)!).filter(
                \.$action == "referral.read"
            ).all()
            #expect(trail.contains { $0.basis.hasPrefix("referredTo:") && $0.actorName == "Test aanbieder" })
            let denied = try await AuditEvent.query(on: w.app.db).filter(\.$action == "referral.read.denied").count()
            #expect(denied == 1)
        }
    }

    @Test func theWaitingListPutsPriorityCategoryFirst() async throws {
        try await TestWorld.with { w in
            let provider = try await w.provider()
            let place = try await w.intervention(provider: provider, capacity: 1)
            let holder = try await w.register(bsn: TestBSN.make(0))
            let later3 = try await w.register(bsn: TestBSN.make(1))
            let young = try await w.register(bsn: TestBSN.make(2), ["birthDate": "2004-03-01"])
            let first = try await w.refer(holder, to: place)
            // A category-3 person waits first, then a category-1 young person is referred.
            let diag3 = try await w.send(
                .POST, "/api/v1/persons/\(later3)/diagnoses", as: "km",
                json: [
                    "workProspect": false, "selfReliant": false, "motivated": true, "birthDate": "1980-01-01",
                    "decidedCategory": 3, "deviationReason": "Test: categorie 3 gekozen",
                ])
            #expect(diag3.status == .created, "\(diag3.body.string)")
            let diag1 = try await w.send(
                .POST, "/api/v1/persons/\(young)/diagnoses", as: "km",
                json: ["workProspect": false, "selfReliant": false, "motivated": true])
            #expect(try diag1.json()["decidedCategory"] as? Int == 1)
            _ = try await w.refer(later3, to: place)
            let youngRef = try await w.refer(young, to: place)
            let list = try await w.send(.GET, "/api/v1/interventions/\(place)/waiting-list", as: "km").jsonArray()
            #expect(list.map { $0["category"] as? Int } == [1, 3])
            #expect(list.first?["personName"] as? String != nil)
            #expect(
                try await w.send(.GET, "/api/v1/interventions/\(place)/waiting-list", as: "aanbieder").status
                    == .forbidden)
            // The holder withdraws: the category-1 person gets the place.
            let holderID = try first.json()["id"] as! String
            #expect(
                try await w.send(
                    .POST, "/api/v1/referrals/\(holderID)/withdraw", as: "km", json: ["reason": "Verhuisd"]
                ).status == .ok)
            let y = try await w.send(.GET, "/api/v1/referrals/\(try youngRef.json()["id"] as! String)", as: "km").json()
            #expect(y["status"] as? String == "offered")
        }
    }

    @Test func anUnmetCriterionNeedsAReasonedOverrideButCapacityNeverDoes() async throws {
        try await TestWorld.with { w in
            let provider = try await w.provider()
            let place = try await w.intervention(
                provider: provider, capacity: 0, criteria: ["rungs": [1, 2], "minAge": 30])
            let p = try await w.register(bsn: TestBSN.make(0))  // born 2004: under 30, no rung
            let refused = try await w.refer(p, to: place)
            #expect(refused.status == .unprocessableEntity)
            #expect(Set(refused.invalidParamNames) == ["criteria.rung", "criteria.age"])
            let short = try await w.refer(
                p, to: place,
                extra: [
                    "overrides": [
                        ["criterion": "rung", "reason": "kort"],
                        ["criterion": "age", "reason": "Past qua niveau ondanks leeftijd"],
                    ]
                ])
            #expect(short.invalidParamNames.contains("overrides[0].reason"))
            let ok = try await w.refer(
                p, to: place,
                extra: [
                    "overrides": [
                        ["criterion": "rung", "reason": "Trede volgt na de ZRM volgende week"],
                        ["criterion": "age", "reason": "Past qua niveau ondanks leeftijd"],
                    ]
                ])
            #expect(ok.status == .created, "\(ok.body.string)")
            let body = try ok.json()
            #expect((body["overrides"] as? [[String: Any]])?.count == 2)
            // Capacity 0: not overridable — the referral waits.
            #expect(body["status"] as? String == "waiting")
        }
    }

    @Test(arguments: [1, 3]) func parallelReferralsNeverOverbookAPlace(capacity: Int) async throws {
        try await TestWorld.with(sqliteFile: true) { w in
            let provider = try await w.provider()
            let place = try await w.intervention(provider: provider, capacity: capacity)
            var people: [String] = []
            for n in 0..<12 { people.append(try await w.register(bsn: TestBSN.make(n))) }
            let world = w
            let statuses = try await withThrowingTaskGroup(of: String.self) { group in
                for p in people {
                    group.addTask {
                        let res = try await world.refer(p, to: place)
                        return res.status == .created
                            ? (try res.json()["status"] as? String ?? "?")
                            : "http \(res.status.code): \(res.body.string)"
                    }
                }
                var all: [String] = []
                for try await s in group { all.append(s) }
                return all
            }
            #expect(statuses.filter { $0 == "offered" }.count == capacity, "\(statuses)")
            #expect(statuses.filter { $0 == "waiting" }.count == 12 - capacity, "\(statuses)")
            let i = try await Intervention.find(UUID(uuidString: place)!, on: w.app.db)!
            #expect(i.taken == capacity)
            let held = try await Referral.query(on: w.app.db).filter(\.$status == .offered).count()
            #expect(held == capacity)
        }
    }
}
