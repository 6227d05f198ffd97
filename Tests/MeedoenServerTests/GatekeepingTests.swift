import Fluent
import Foundation
import MeedoenCore
import SQLKit
import Testing
import VaporTesting

@testable import MeedoenServer

/// Issue 16, items 3 (second part) and 7: attendance below the agreed hours on a duty offer is a
/// missed agreement that starts enforcement with a reminder; a right (Wmo) is not enforced; offers
/// with a gatekeeper wait for the specialist; the preparatory track comes first for the unwilling.
@Suite("Attendance, rights and the specialist's approval") struct GatekeepingTests {
    /// A registered person with a plan (unless `plan` is false), referred to `intervention` and started
    /// there; returns (person, referral).
    func started(_ w: TestWorld, _ intervention: String, bsn: String = "111222333", plan: Bool = true) async throws
        -> (String, String)
    {
        let p = try await w.register(bsn: bsn)
        if plan {
            #expect(try await w.send(.POST, "/api/v1/plans", as: "km", json: ["personId": p]).status == .created)
        }
        let referral = try await w.refer(p, to: intervention).json()["id"] as! String
        #expect(try await w.send(.POST, "/api/v1/referrals/\(referral)/accept", as: "aanbieder").status == .ok)
        #expect(try await w.send(.POST, "/api/v1/referrals/\(referral)/start", as: "aanbieder").status == .ok)
        return (p, referral)
    }

    /// One week's attendance, `weeksAgo` weeks before today.
    func attendance(
        _ w: TestWorld, _ referral: String, as who: String, attended: Bool, hours: Int?, weeksAgo: Int = 0
    ) async throws -> [String: Any] {
        var body: [String: Any] = [
            "kind": "attendance", "attended": attended,
            "on": CalendarDate(dayNumber: Clock.today().dayNumber - 7 * weeksAgo).iso,
        ]
        if let hours { body["hours"] = hours }
        let res = try await w.send(.POST, "/api/v1/referrals/\(referral)/notes", as: who, json: body)
        #expect(res.status == .ok, "\(res.body.string)")
        return try res.json()
    }

    @Test func aWeekBelowTheAgreedHoursOnAParticipationPlaceStartsEnforcementWithAReminder() async throws {
        try await TestWorld.with { w in
            let provider = try await w.provider()
            let place = try await w.intervention(provider: provider)
            #expect(
                try await w.send(.GET, "/api/v1/interventions/\(place)", as: "km").json()["legalBasis"] as? String
                    == "duty")
            let (_, referral) = try await started(w, place)
            // A full week: nothing more than the note.
            let full = try await attendance(w, referral, as: "aanbieder", attended: true, hours: 8, weeksAgo: 2)
            #expect(full["shortfall"] == nil && full["missedAgreementId"] == nil)
            // Four of the eight agreed hours, recorded by the provider: the provider hears it is a
            // missed agreement, but the agreement itself is the case manager's.
            let short = try await attendance(w, referral, as: "aanbieder", attended: true, hours: 4, weeksAgo: 1)
            #expect(
                (short["shortfall"] as? String)?.contains("was de inwoner 4 van de 8 afgesproken uren aanwezig")
                    == true)
            // The same week once: a second record would count the same absence twice.
            let twice = try await w.send(
                .POST, "/api/v1/referrals/\(referral)/notes", as: "aanbieder",
                json: [
                    "kind": "attendance", "attended": false,
                    "on": CalendarDate(dayNumber: Clock.today().dayNumber - 7).iso,
                ])
            #expect(twice.status == .unprocessableEntity && twice.invalidParamNames == ["on"])
            #expect(twice.body.string.contains("is de aanwezigheid al vastgelegd"))
            #expect(short["missedAgreementId"] == nil)
            // Absent, recorded by the case manager: she gets the agreement to act on.
            let absent = try await attendance(w, referral, as: "km", attended: false, hours: nil)
            let agreement = try #require(absent["missedAgreementId"] as? String)
            #expect((absent["shortfall"] as? String)?.contains("afwezig") == true)
            let stored = try #require(try await Agreement.find(UUID(uuidString: agreement), on: w.app.db))
            #expect(stored.status == .missed && stored.what == "8 uur per week aanwezig zijn bij Aanbod VRIJW")
            #expect(try await Agreement.query(on: w.app.db).filter(\.$status == .missed).count() == 2)
            // It can start the enforcement steps at once: a reminder first (municipal benefit).
            let opened = try await w.send(
                .POST, "/api/v1/enforcement-cases", as: "km", json: ["agreementId": agreement])
            #expect(opened.status == .created, "\(opened.body.string)")
            #expect(try opened.json()["status"] as? String == "reminded")
            // "Mijn werk" lists the other missed week until enforcement starts on it.
            let work = try await w.send(.GET, "/api/v1/worklist", as: "km").json()
            let overdue = work["overdueAgreements"] as? [[String: Any]] ?? []
            #expect(overdue.count == 1, "\(overdue)")
        }
    }

    @Test func aShortWeekWithoutAPlanReachesTheCaseManagerAndTellsTheProviderNothingAboutAPlan() async throws {
        try await TestWorld.with { w in
            let provider = try await w.provider()
            let place = try await w.intervention(provider: provider)
            let (_, referral) = try await started(w, place, plan: false)
            let pages = PagesTests()
            let workPages = WorkPagesTests()
            let aanbieder = try await workPages.user(
                w, "petra", roles: [.provider], provider: UUID(uuidString: provider)!)
            let running = try await pages.get(w, "/verwijzingen/\(referral)", cookie: aanbieder)
            let noted = try await pages.post(
                w, "/verwijzingen/\(referral)/notes", cookie: aanbieder,
                form: "_csrf=\(try workPages.csrf(running))&kind=attendance&on=\(Clock.today().iso)&attended=false")
            #expect(noted.status == .seeOther, "\(noted.body.string)")
            let after = try await pages.get(w, "/verwijzingen/\(referral)", cookie: aanbieder).body.string
            #expect(after.contains("De klantmanager ziet dit en beslist wat er volgt."), "\(after)")
            #expect(!after.contains("lopend plan") && !after.contains("in het plan"))
            #expect(try await Agreement.query(on: w.app.db).count() == 0, "no plan to hold it")
            // The case manager sees the week in "Mijn werk".
            let km = try await FrontDoorTests().session(w, "km")
            let work = try await pages.get(w, "/mijn-werk", cookie: km).body.string
            #expect(work.contains("Aanwezigheid onder de afspraak, zonder plan (1)"), "\(work)")
            #expect(work.contains("0 van de 8 uur in de week van"))
        }
    }

    @Test func absenceFromAnOfferTheResidentHasARightToIsNotedButNotEnforced() async throws {
        try await TestWorld.with { w in
            let provider = try await w.provider()
            let wmo = try await w.intervention(provider: provider, code: "DAG", type: "dayActivitiesLow")
            #expect(
                try await w.send(.GET, "/api/v1/interventions/\(wmo)", as: "km").json()["legalBasis"] as? String
                    == "right")
            let (_, referral) = try await started(w, wmo)
            let absent = try await attendance(w, referral, as: "km", attended: false, hours: nil)
            #expect(absent["shortfall"] == nil && absent["missedAgreementId"] == nil)
            #expect(try await Agreement.query(on: w.app.db).count() == 0)
            // A duty offer made a right later: its missed agreements are no longer enforced.
            let place = try await w.intervention(provider: provider, code: "PLEK")
            let (_, second) = try await started(w, place, bsn: "123456782")
            let missed = try await attendance(w, second, as: "km", attended: false, hours: nil)
            let agreement = try #require(missed["missedAgreementId"] as? String)
            let patched = try await w.send(
                .PATCH, "/api/v1/interventions/\(place)", as: "beheer", json: ["legalBasis": "right"])
            #expect(patched.status == .ok, "\(patched.body.string)")
            let refused = try await w.send(
                .POST, "/api/v1/enforcement-cases", as: "km", json: ["agreementId": agreement])
            #expect(refused.status == .unprocessableEntity && refused.invalidParamNames == ["agreementId"])
            #expect(refused.body.string.contains("vrijwillig en wordt niet gehandhaafd"))
        }
    }

    @Test func anOfferWithAGatekeeperWaitsForTheSpecialistNotTheCaseManager() async throws {
        try await TestWorld.with { w in
            let provider = try await w.provider()
            let adb = try await w.intervention(
                provider: provider, code: "ADB", type: "workOrientedDayActivities", capacity: 1,
                extra: ["needsApproval": true])
            let p = try await w.register()
            let made = try await w.refer(p, to: adb).json()
            #expect(made["status"] as? String == "waiting" && made["waitingFor"] as? String == "approval")
            // It holds no place while it waits.
            #expect(try await w.send(.GET, "/api/v1/interventions/\(adb)", as: "km").json()["freePlaces"] as? Int == 1)
            // Only the specialist sees and decides the requests.
            for who in ["km", "budget", "aanbieder"] {
                #expect(try await w.send(.GET, "/api/v1/approvals", as: who).status == .forbidden, "\(who)")
            }
            let list = try await w.send(.GET, "/api/v1/approvals", as: "specialist").jsonArray()
            #expect(list.count == 1 && list[0]["personName"] as? String == "Fatima El Amrani")
            #expect(list[0]["goal"] as? String == "Ritme opbouwen en mensen ontmoeten")
            let id = list[0]["id"] as! String
            let decide = "/api/v1/approvals/\(id)/decision"
            #expect(
                try await w.send(.POST, decide, as: "km", json: ["decision": "grant", "reason": "Ik wil dit graag."])
                    .status == .forbidden)
            let bad = try await w.send(.POST, decide, as: "specialist", json: ["decision": "maybe", "reason": "kort"])
            #expect(Set(bad.invalidParamNames) == ["decision", "reason"])
            let granted = try await w.send(
                .POST, decide, as: "specialist",
                json: ["decision": "grant", "reason": "Past bij haar mogelijkheden; Wmo-indicatie klopt."])
            #expect(granted.status == .ok, "\(granted.body.string)")
            #expect(try granted.json()["referralOutcome"] as? String == "offered")
            #expect(
                try await w.send(
                    .POST, decide, as: "specialist", json: ["decision": "refuse", "reason": "Toch niet, sorry."]
                )
                .status == .conflict)
            let referral = made["id"] as! String
            #expect(
                try await w.send(.GET, "/api/v1/referrals/\(referral)", as: "km").json()["status"] as? String
                    == "offered")
            // Refused: the referral is withdrawn with the specialist's reason.
            let other = try await w.register(bsn: "123456782")
            let second = try await w.refer(other, to: adb).json()["id"] as! String
            let pending = try await w.send(.GET, "/api/v1/approvals", as: "specialist").jsonArray()
            let refused = try await w.send(
                .POST, "/api/v1/approvals/\(pending[0]["id"] as! String)/decision", as: "specialist",
                json: ["decision": "refuse", "reason": "Eerst een Wmo-onderzoek naar de zorgvraag."])
            #expect(try refused.json()["referralOutcome"] as? String == "withdrawn")
            let after = try await w.send(.GET, "/api/v1/referrals/\(second)", as: "km").json()
            #expect(after["status"] as? String == "withdrawn")
            #expect((after["withdrawReason"] as? String)?.contains("Eerst een Wmo-onderzoek") == true)
            #expect(try await AuditEvent.query(on: w.app.db).filter(\.$action == "approval.decide").count() == 2)
            #expect(try await AuditEvent.query(on: w.app.db).filter(\.$action == "approval.read").count() == 2)
        }
    }
}

extension GatekeepingTests {
    @Test func theSpecialistDecidesOnItsPageAndAShortWeekIsSaidOnTheReferralPage() async throws {
        try await TestWorld.with { w in
            let provider = try await w.provider()
            let adb = try await w.intervention(
                provider: provider, code: "ADB", type: "workOrientedDayActivities", extra: ["needsApproval": true])
            let place = try await w.intervention(provider: provider, code: "PLEK")
            let p = try await w.register()
            #expect(try await w.send(.POST, "/api/v1/plans", as: "km", json: ["personId": p]).status == .created)
            let waiting = try await w.refer(p, to: adb).json()["id"] as! String
            let pages = PagesTests()
            let workPages = WorkPagesTests()
            let sanne = try await workPages.user(w, "sanne", roles: [.specialist])
            let start = try await pages.get(w, "/mijn-werk", cookie: sanne)
            #expect(start.headers.first(name: .location) == "/toestemmingen")
            let page = try await pages.get(w, "/toestemmingen", cookie: sanne)
            let html = page.body.string
            #expect(html.contains("Wachten op uw besluit") && html.contains("Fatima El Amrani"))
            #expect(html.contains("Ritme opbouwen en mensen ontmoeten") && html.contains("8 uur per week"))
            #expect(html.contains(">Toestemmingen</a>"), "in the menu")
            let a = try #require(try await ReferralApproval.query(on: w.app.db).first())
            let token = try workPages.csrf(page)
            let short = try await pages.post(
                w, "/toestemmingen/\(a.id!)", cookie: sanne, form: "_csrf=\(token)&reason=kort&decision=grant")
            #expect(short.status == .unprocessableEntity && short.body.string.contains("minstens 10 tekens"))
            let granted = try await pages.post(
                w, "/toestemmingen/\(a.id!)", cookie: sanne,
                form: "_csrf=\(token)&reason=Past+bij+haar+mogelijkheden.&decision=grant")
            #expect(granted.status == .seeOther, "\(granted.body.string)")
            #expect(
                try await pages.get(w, "/toestemmingen", cookie: sanne).body.string.contains(
                    "Er wacht niets op uw besluit."))
            let km = try await workPages.user(w, "karin", roles: [.caseManager], district: "T")
            let referralPage = try await pages.get(w, "/verwijzingen/\(waiting)", cookie: km).body.string
            #expect(
                referralPage.contains("Toestemming specialist") && referralPage.contains("Toegestaan door Test sanne"))
            #expect(referralPage.contains("Past bij haar mogelijkheden."))
            // The catalogue page says right or duty and the gatekeeper.
            let offer = try await pages.get(w, "/aanbod/\(adb)", cookie: km).body.string
            #expect(offer.contains("recht op ondersteuning (Wmo); vrijwillig, er wordt niet gehandhaafd"))
            #expect(offer.contains("een verwijzing wacht eerst op de specialist toegang voorzieningen"))
            // A week absent on a duty place, recorded on the page: the saved message says what it became.
            let second = try await w.refer(p, to: place).json()["id"] as! String
            #expect(try await w.send(.POST, "/api/v1/referrals/\(second)/accept", as: "aanbieder").status == .ok)
            #expect(try await w.send(.POST, "/api/v1/referrals/\(second)/start", as: "aanbieder").status == .ok)
            let running = try await pages.get(w, "/verwijzingen/\(second)", cookie: km)
            #expect(
                running.body.string.contains("Afgesproken: 8 uur per week. Minder wordt een niet-nagekomen afspraak"))
            let noted = try await pages.post(
                w, "/verwijzingen/\(second)/notes", cookie: km,
                form: "_csrf=\(try workPages.csrf(running))&kind=attendance&on=\(Clock.today().iso)&attended=false")
            #expect(noted.status == .seeOther, "\(noted.body.string)")
            let after = try await pages.get(w, "/verwijzingen/\(second)", cookie: km).body.string
            #expect(after.contains("Dit is een niet-nagekomen afspraak in het plan"), "\(after)")
        }
    }
}

@Suite("Migration 011 on an older database") struct KindsOfOfferMigrationTests {
    /// A database made before the preparatory track existed refuses it until migration 011 widens the
    /// CHECK; on SQLite that changes the table's definition in place, keeping every row.
    @Test func anOlderDatabaseAcceptsThePreparatoryTrackAfterTheMigration() async throws {
        try await TestWorld.with { w in
            let sql = w.app.db as! any SQLDatabase
            guard sql.dialect.name == "sqlite" else { return }  // PostgreSQL runs the same step in every migration
            let provider = try await w.provider()
            _ = try await w.intervention(provider: provider, code: "OUD")
            // Make the table as migration 003 made it before: without the new kind.
            let old = InterventionType.allCases.filter { $0 != .preparatoryTrack }.map { "'\($0.rawValue)'" }
                .joined(separator: ", ")
            let definition = try await sql.raw(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'interventions'"
            ).all()[0].decode(column: "sql", as: String.self)
            let narrowed = try #require(InterventionTypeCheck.replaced(definition, with: old))
            let version = try await sql.raw("PRAGMA schema_version").all()[0].decode(
                column: "schema_version", as: Int.self)
            try await sql.raw("PRAGMA writable_schema = ON").run()
            try await sql.raw(
                "UPDATE sqlite_master SET sql = \(bind: narrowed) WHERE type = 'table' AND name = 'interventions'"
            ).run()
            try await sql.raw("PRAGMA schema_version = \(unsafeRaw: String(version + 1))").run()
            try await sql.raw("PRAGMA writable_schema = OFF").run()
            let body: [String: Any] = [
                "code": "VOOR", "name": "Voorschakeltraject", "type": "preparatoryTrack", "domain": "werknemerschap",
                "package": "basic", "providerId": provider, "fundingStream": "werkdeel", "priceCents": 150_000,
                "maxMonths": 3, "capacity": 5, "hoursPerWeek": 20, "location": "Werkplaats",
            ]
            let before = try await w.send(.POST, "/api/v1/interventions", as: "beheer", json: body)
            #expect(before.status != .created, "the old CHECK refuses the new kind")
            try await InterventionTypeCheck.widen(on: sql)
            let after = try await w.send(.POST, "/api/v1/interventions", as: "beheer", json: body)
            #expect(after.status == .created, "\(after.body.string)")
            #expect(try await Intervention.query(on: w.app.db).count() == 2, "the older row is kept")
            // A maximum beyond three months is refused for the preparatory track.
            var long = body
            long["code"] = "VOOR2"
            long["maxMonths"] = 6
            let refused = try await w.send(.POST, "/api/v1/interventions", as: "beheer", json: long)
            #expect(refused.invalidParamNames == ["maxMonths"])
        }
    }
}
