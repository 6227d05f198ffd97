import Fluent
import Foundation
import MeedoenCore
import Testing
import VaporTesting

@testable import MeedoenServer

/// The clock and the ids come from the use-case context, so a test can say what day it is.
@Suite("Time and ids pinned") struct PinnedTimeTests {
    @Test func aTestCanSayTodayIsTheFirstOfMarch2027() async throws {
        try await TestWorld.with { w in
            let day = CalendarDate(year: 2027, month: 3, day: 1)!
            w.app.time = .pinned(today: day)
            w.app.ids = .sequential()
            let p = try await w.register(bsn: TestBSN.make(0))
            // The registration's id and its audit entry come from the context.
            #expect(p == "00000000-0000-0000-0000-000000000001")
            let entry = try #require(
                try await AuditEvent.query(on: w.app.db).filter(\.$action == "person.create").first())
            #expect(Clock.today(now: entry.at) == day)
            let plan = try await w.send(
                .POST, "/api/v1/plans", as: "km",
                json: ["personId": p, "goals": [["domain": "work", "text": "Werk vinden"]]])
            #expect(plan.status == .created, "\(plan.body.string)")
            // Reassessment six months after the pinned day, whatever the wall clock says.
            #expect(try plan.json()["reassessmentDue"] as? String == "2027-09-01")
            // An agreement due before the pinned day is overdue on the work list.
            let planID = try plan.json()["id"] as! String
            let agreement = try await w.send(
                .POST, "/api/v1/plans/\(planID)/agreements", as: "km",
                json: ["who": "inwoner", "what": "Aanmelden bij het werkplein", "dueOn": "2027-02-20"])
            #expect(agreement.status == .created, "\(agreement.body.string)")
            let work = try await w.send(.GET, "/api/v1/worklist", as: "km")
            #expect(
                work.body.string.contains("2027-02-20"),
                "overdue against the pinned day: \(work.body.string.prefix(300))")
        }
    }
}
