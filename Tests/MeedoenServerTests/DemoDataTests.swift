import Fluent
import Foundation
import MeedoenCore
import Testing
import VaporTesting

@testable import MeedoenServer

@Suite("Demo data") struct DemoDataTests {
    @Test func theDemoHasEveryRoleAndPlausibleResidentsOverTheSevenDistricts() async throws {
        try await withApp { app in
            try await configure(app, settings: Settings(store: .sqliteMemory, logLevel: .warning, passwordCost: 4))
            try await app.autoMigrate()
            // setup + MUT
            let users = try await DemoData.loadIfEmpty(app, residents: 2000)
            // validation
            #expect(Set(users.flatMap(\.roles)) == Set(Role.allCases))
            #expect(try await DemoData.loadIfEmpty(app).isEmpty, "loading twice adds nothing")
            let persons = try await Person.query(on: app.db).all()
            #expect(persons.count == 2000)
            #expect(persons.allSatisfy { (try? BSN($0.bsn)) != nil })
            #expect(Set(persons.map(\.districtCode)) == ["A", "E", "F", "K", "M", "N", "T"])
            #expect(try await Household.query(on: app.db).count() > 100)
            #expect(try await Diagnosis.query(on: app.db).count() == 2000)

            // Benefit clients on the Amsterdam ladder: about 30 / 38 / 24 / 8 % on rungs 1-4.
            let municipal = Set(persons.filter { ["participatiewet", "ioaw", "ioaz"].contains($0.benefit) }.map(\.id!))
            // (the current rung: the latest assessment; the demo's history adds earlier ones)
            let latest = Dictionary(
                try await Assessment.query(on: app.db).filter(\.$ladderID == "amsterdam").all()
                    .filter { municipal.contains($0.$person.id) }.map { ($0.$person.id, $0) },
                uniquingKeysWith: { a, b in a.assessedOn >= b.assessedOn ? a : b })
            let rungs = latest.values.compactMap(\.rung)
            #expect(rungs.count == municipal.count)
            for (rung, share) in [(1, 30.0), (2, 38.0), (3, 24.0), (4, 8.0)] {
                let actual = 100.0 * Double(rungs.filter { $0 == rung }.count) / Double(rungs.count)
                #expect(abs(actual - share) < 4, "rung \(rung): \(actual)% (expected about \(share)%)")
            }
            // The demo resident can sign in to their own file.
            let resident = try #require(try await User.query(on: app.db).filter(\.$username == "inwoner").first())
            #expect(resident.personID != nil)

            // The catalogue, referrals and plans: no place overbooked, `taken` counts the places held,
            // the demo provider has incoming referrals, plans in Zuidoost with agreements.
            let interventions = try await Intervention.query(on: app.db).all()
            #expect(interventions.count == app.policyStore.demoCatalogue.interventions.count)
            let referrals = try await Referral.query(on: app.db).all()
            #expect(referrals.count > 150)
            for i in interventions {
                let held = referrals.filter { $0.$intervention.id == i.id && $0.status.holdsPlace }.count
                #expect(
                    i.taken == held && i.taken <= i.capacity,
                    "\(i.code): taken \(i.taken), held \(held), capacity \(i.capacity)")
            }
            #expect(
                Set(referrals.map(\.status)).isSuperset(of: [
                    ReferralStatus.waiting, .offered, .accepted, .started, .ended,
                ]))
            let provider = try #require(try await User.query(on: app.db).filter(\.$username == "aanbieder").first())
            let own = Set(interventions.filter { $0.$provider.id == provider.providerID }.map(\.id!))
            #expect(referrals.contains { own.contains($0.$intervention.id) && $0.status == .offered })
            #expect(try await Plan.query(on: app.db).count() > 10)
            #expect(try await Agreement.query(on: app.db).filter(\.$status == .open).count() > 10)

            // Money: what a stream says is committed is what its commitments hold; no stream overspent;
            // wmo is used up and some referrals wait for it; vouchers, incentives and enforcement exist.
            let commitments = try await Commitment.query(on: app.db).all()
            for s in try await FundingStream.query(on: app.db).all() {
                let mine = commitments.filter { $0.streamID == s.id }
                #expect(s.committedCents == mine.reduce(0) { $0 + $1.remainingCents }, "\(s.code)")
                #expect(s.spentCents == mine.reduce(0) { $0 + $1.spentCents }, "\(s.code)")
                #expect(s.availableCents >= 0, "\(s.code)")
            }
            // The demo obeys the spending rules: no money committed for a referral the rules refuse
            // (no category-5 resident holds a paid trajectory; nobody without a legal duty either).
            let refused = try await Self.paidAgainstTheSpendingRules(app)
            #expect(refused == 0, "\(refused) paid referrals the spending rules refuse")
            let funded = Set(commitments.map(\.referralID))
            #expect(referrals.filter { $0.status.holdsPlace }.allSatisfy { funded.contains($0.id!) })
            #expect(referrals.contains { $0.waitingFor == .budget })
            #expect(try await VoucherAccount.query(on: app.db).filter(\.$balanceCents < 0).count() == 0)
            #expect(try await VoucherAccount.query(on: app.db).count() > 10)
            #expect(try await IncentivePayment.query(on: app.db).count() > 5)
            #expect(try await EnforcementCase.query(on: app.db).count() >= 1)
            #expect(try await User.query(on: app.db).filter(\.$username == "ondernemer").first()?.businessID != nil)

            // Two years of finished enrolments: the monitor has figures for the demo, every district's
            // outflow last year is shown in most districts (a small one is suppressed, as it should be), and the history never holds a place.
            let today = Clock.today()
            let set = app.policyStore.indicators
            let (_, rows) = try await IndicatorService.dashboard(set, year: today.year, today: today, on: app.db)
            for perYear in rows
            where perYear[0].indicator.computation != .budgetUse && perYear[0].indicator.computation != .waitingList {
                #expect(
                    perYear[1].city.map { !Suppression.suppressed($0) } == true,
                    "\(perYear[1].indicator.id) \(today.year - 1)")
            }
            let outflow = try #require(rows.first { $0[0].indicator.computation == .outflowToWork })
            #expect(
                outflow[1].districts.count == 7
                    && outflow[1].districts.values.filter { $0.numerator >= Double(Suppression.threshold) }.count >= 5,
                "\(outflow[1].districts.mapValues(\.numerator))")
            let history = referrals.filter { $0.goal == "Stap naar meedoen" || $0.goal == "Naast de taal: meedoen" }
            // The history holds no money now: what an earlier year's enrolment cost is a closed commitment
            // against that year's stream; none of this year's.
            let open = Set(commitments.filter { $0.status == .open }.map(\.referralID))
            let year = Clock.today(now: app.time.now()).year
            let costedHistory = commitments.filter { c in history.contains { $0.id == c.referralID } }
            #expect(history.count > 300 && history.allSatisfy { $0.status == .ended && !open.contains($0.id!) })
            #expect(costedHistory.count > 100 && costedHistory.allSatisfy { $0.status == .closed })
            let streamYears = Dictionary(
                try await FundingStream.query(on: app.db).all().map { ($0.id!, $0.year) },
                uniquingKeysWith: { a, _ in a })
            #expect(costedHistory.allSatisfy { (streamYears[$0.streamID] ?? year) < year })
            #expect(try await EnrolmentFeedback.query(on: app.db).count() > 50)

            // This year's referrals went through the use cases, as for anyone: each made by a case
            // manager and audited, answered by its own provider's user, its money committed by the
            // referral itself; the plans were made and revised through the plan's use case.
            let current = referrals.filter { !history.map(\.id).contains($0.id) }
            let events = try await AuditEvent.query(on: app.db).all()
            let created = Set(events.filter { $0.action == "referral.create" }.compactMap(\.personID))
            #expect(current.allSatisfy { created.contains($0.$person.id) })
            let accepted = events.filter { $0.action == "referral.update" && ($0.detail ?? "").hasPrefix("accept:") }
            #expect(accepted.count == current.filter { $0.decidedAt != nil && $0.refusalReason == nil }.count)
            let byProvider = Dictionary(
                uniqueKeysWithValues: try await User.query(on: app.db).all().compactMap { u in
                    u.providerID.map { (u.id!, $0) }
                })
            for e in accepted {
                let id = try #require(UUID(uuidString: String((e.detail ?? "").dropFirst("accept:".count))))
                let r = try #require(current.first { $0.id == id })
                let provider = interventions.first { $0.id == r.$intervention.id }?.$provider.id
                #expect(e.actorID.flatMap { byProvider[$0] } == provider, "answered by its own provider")
            }
            #expect(
                try await PlanRevision.query(on: app.db).count() > (try await Plan.query(on: app.db).count()),
                "a plan's creation and the resident's agreement are revisions")
        }
    }

    /// Referrals with money committed that the spending rules of the policy in force refuse.
    static func paidAgainstTheSpendingRules(_ app: Application) async throws -> Int {
        let policy = app.policyStore.current
        let people = Dictionary(uniqueKeysWithValues: try await Person.query(on: app.db).all().map { ($0.id!, $0) })
        let offers = Dictionary(
            uniqueKeysWithValues: try await Intervention.query(on: app.db).all().map { ($0.id!, $0) })
        let paid = Set(try await Commitment.query(on: app.db).all().map(\.referralID))
        return try await Referral.query(on: app.db).all().filter { r in
            guard paid.contains(r.id!), let i = offers[r.$intervention.id], let p = people[r.$person.id],
                let type = InterventionType(rawValue: i.type)
            else { return false }
            return policy.spendingDecision(
                category: r.category, benefit: BenefitKind(rawValue: p.benefit) ?? .none, stream: i.fundingStream,
                type: type)?.allowed == false
        }.count
    }
}
