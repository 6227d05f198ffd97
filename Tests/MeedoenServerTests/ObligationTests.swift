import Fluent
import Foundation
import MeedoenCore
import Testing
import VaporTesting

@testable import MeedoenServer

/// Issue 16, item 3 (first part): the reciprocal contribution and exemptions from a duty.
@Suite("Obligations: contribution and exemptions") struct ObligationTests {
    @Test func aContributionNamesWhatAndHoursAndInformalCareCountsAsEnough() async throws {
        try await TestWorld.with { w in
            let p = try await w.register()
            let today = Clock.today().iso
            let ok = try await w.send(
                .POST, "/api/v1/persons/\(p)/obligations", as: "km",
                json: [
                    "kind": "contribution", "what": "Vrijwilligerswerk in de buurttuin", "hoursPerWeek": 8,
                    "fromOn": today,
                ])
            #expect(ok.status == .created, "\(ok.body.string)")
            #expect(try ok.json()["kindLabel"] as? String == "tegenprestatie")
            // Without hours it is refused — unless it is informal care, which counts as enough.
            let noHours = try await w.send(
                .POST, "/api/v1/persons/\(p)/obligations", as: "km",
                json: ["kind": "contribution", "what": "Helpt in het buurthuis", "fromOn": today])
            #expect(noHours.status == .unprocessableEntity && noHours.invalidParamNames == ["hoursPerWeek"])
            let care = try await w.send(
                .POST, "/api/v1/persons/\(p)/obligations", as: "km",
                json: ["kind": "contribution", "what": "Zorgt voor haar moeder", "informalCare": true, "fromOn": today])
            let careJSON = try care.json()
            #expect(care.status == .created && careJSON["informalCare"] as? Bool == true)
            let list = try await w.send(.GET, "/api/v1/persons/\(p)/obligations", as: "km").jsonArray()
            #expect(list.count == 2)
            for who in ["analist", "aanbieder", "loket"] {
                #expect(
                    try await w.send(
                        .POST, "/api/v1/persons/\(p)/obligations", as: who,
                        json: ["kind": "contribution", "what": "x", "hoursPerWeek": 2, "fromOn": today]
                    ).status == .forbidden, "\(who)")
            }
            #expect(try await AuditEvent.query(on: w.app.db).filter(\.$action == "obligation.record").count() == 2)
        }
    }

    @Test func anExemptionHasAReasonAnEndAndComesUpForReviewBeforeItEnds() async throws {
        try await TestWorld.with { w in
            let p = try await w.register()
            let today = Clock.today()
            func day(_ offset: Int) -> String { CalendarDate(dayNumber: today.dayNumber + offset).iso }
            // Reason, duty and end date are named when missing; more than five years is refused.
            let bare = try await w.send(
                .POST, "/api/v1/persons/\(p)/obligations", as: "km", json: ["kind": "exemption", "fromOn": day(0)])
            #expect(Set(bare.invalidParamNames) == ["duty", "reason", "untilOn"])
            let long = try await w.send(
                .POST, "/api/v1/persons/\(p)/obligations", as: "km",
                json: [
                    "kind": "exemption", "duty": "work", "reason": "Mantelzorg voor een ernstig ziek kind.",
                    "fromOn": day(0), "untilOn": today.adding(months: 61).iso,
                ])
            #expect(long.invalidParamNames == ["untilOn"])
            // Ending in three weeks: due for review in "Mijn werk".
            let ok = try await w.send(
                .POST, "/api/v1/persons/\(p)/obligations", as: "km",
                json: [
                    "kind": "exemption", "duty": "work", "reason": "Mantelzorg voor een ernstig ziek kind.",
                    "fromOn": day(-160), "untilOn": day(21),
                ])
            #expect(ok.status == .created, "\(ok.body.string)")
            let km = try await FrontDoorTests().session(w, "km")
            let work = try await PagesTests().get(w, "/mijn-werk", cookie: km).body.string
            #expect(work.contains("Ontheffing herbeoordelen (1)"))
            #expect(work.contains("ontheffing van de arbeidsverplichtingen loopt af op"))
            // Renewed for a year: off the list.
            _ = try await w.send(
                .POST, "/api/v1/persons/\(p)/obligations", as: "km",
                json: [
                    "kind": "exemption", "duty": "work", "reason": "Verlengd: de zorg duurt voort.",
                    "fromOn": day(22), "untilOn": day(380),
                ])
            #expect(
                !(try await PagesTests().get(w, "/mijn-werk", cookie: km).body.string.contains(
                    "Ontheffing herbeoordelen")))
        }
    }

    @Test func theDossierShowsAndRecordsThemInWords() async throws {
        try await TestWorld.with { w in
            let p = try await w.register()
            let km = try await FrontDoorTests().session(w, "km")
            let dossier = try await PagesTests().get(w, "/personen/\(p)", cookie: km)
            #expect(dossier.body.string.contains("Tegenprestatie en ontheffingen"))
            let csrf = try WorkPagesTests().csrf(dossier)
            let wrong = try await PagesTests().post(
                w, "/personen/\(p)/verplichtingen", cookie: km,
                form: "_csrf=\(csrf)&kind=exemption&duty=work&eReason=kort&eFrom=\(Clock.today().iso)&eUntil=")
            #expect(wrong.status == .unprocessableEntity)
            let html = wrong.body.string
            #expect(html.contains("ten minste 10 tekens") && html.contains("Tot en met"))
            let ok = try await PagesTests().post(
                w, "/personen/\(p)/verplichtingen", cookie: km,
                form:
                    "_csrf=\(csrf)&kind=contribution&what=Zorgt+voor+haar+moeder&informalCare=true&cFrom=\(Clock.today().iso)"
            )
            #expect(ok.status == .seeOther, "\(ok.body.string)")
            let after = try await PagesTests().get(w, "/personen/\(p)", cookie: km).body.string
            #expect(after.contains("Tegenprestatie: Zorgt voor haar moeder (mantelzorg: telt als voldoende) · vanaf "))
        }
    }
}
