import Fluent
import Foundation
import MeedoenCore
import Testing
import VaporTesting

@testable import MeedoenServer

/// Issue 14, item 5: every role × every operation of the contract, with real ids, against what the
/// need-to-know says. The world: Fatima in Zuidoost (T), registered by case manager `km`, in a
/// household with a plan and an agreement, referred to the provider of `aanbieder`, with a signal;
/// `inwoner` is Fatima's own account. Nobody else has a need to know her.
@Suite("Authorisation matrix") struct AuthorisationMatrixTests {
    static let roles = [
        "km", "km-west", "loket", "adviseur", "voorzitter", "aanbieder", "analist", "budget", "ondernemer", "beheer",
        "inwoner", "betaal", "specialist", "anonymous",
    ]

    /// Who may get a 2xx answer from each operation in this world (by operationId). Everyone else
    /// must get 401, 403 or 404 — never data, never a change. Operations not listed hold no personal
    /// data and are open to any signed-in user (reference data, the catalogue, the guides).
    static let allowed: [String: Set<String>] = [
        // Fatima's file: her case manager; she herself where she reads her own.
        "getPerson": ["km", "inwoner"], "updatePerson": ["km"], "listAssessments": ["km", "inwoner"],
        "createAssessment": ["km"], "listDiagnoses": ["km", "inwoner"], "createDiagnosis": ["km"],
        "listExits": ["km"], "recordExit": ["km"], "listObligations": ["km"], "recordObligation": ["km"],
        "listAuditEvents": ["km", "inwoner"], "getHousehold": ["km", "inwoner"], "addHouseholdMember": ["km"],
        "getHouseholdPlan": ["km", "inwoner"], "getPlan": ["km", "inwoner"], "updatePlan": ["km"],
        "createAgreement": ["km"], "updateAgreement": ["km"], "listPlanRevisions": ["km", "inwoner"],
        "getMatches": ["km"], "listMatches": ["km"], "listCandidates": ["km"],
        // Each account reads itself (the resident's own person id is in it).
        "getMe": Set(roles), "getVouchers": ["km", "inwoner"], "earnVouchers": ["km"],
        "listIncentives": ["km", "betaal"],
        // The referral: the case manager, the provider it was sent to (once offered), the resident.
        // Both the case manager and the provider may start, note and end (ReferralService.act).
        "getReferral": ["km", "aanbieder", "inwoner"], "acceptReferral": ["aanbieder"],
        "startReferral": ["aanbieder", "km"], "addReferralNote": ["aanbieder", "km"],
        "endReferral": ["aanbieder", "km"],
        "refuseReferral": ["aanbieder"], "withdrawReferral": ["km"], "listReferrals": ["km", "aanbieder"],
        // Signals: counter staff, resident advisers and the case table of the district see its signals.
        "getSignal": ["km", "loket", "adviseur", "voorzitter"],
        "actOnSignal": ["km", "loket", "adviseur", "voorzitter"],
        "listSignals": ["km", "loket", "adviseur", "voorzitter"],
        // Lists filtered by need-to-know: everyone with a caseload sees only their own part.
        "listPersons": ["km", "km-west", "loket", "adviseur", "voorzitter", "inwoner"],
        "getWorklist": ["km", "km-west", "loket", "adviseur", "voorzitter"],
        // The resident's own.
        "getMyPersonalData": ["inwoner"], "registerMyActivity": ["inwoner"], "markMyAgreementDone": ["inwoner"],
        // Administration.
        "listUsers": ["beheer"], "getUser": ["beheer"], "updateUser": ["beheer"], "createUser": ["beheer"],
        "resetPassword": ["beheer"], "resetSecondFactor": ["beheer"], "listTokens": ["beheer"],
        "issueToken": ["beheer"], "revokeToken": ["beheer"], "createOrganisation": ["beheer"],
        "updateOrganisation": ["beheer"], "updateProvider": ["beheer"], "updateBusiness": ["beheer"],
        "createBusiness": ["beheer"], "createProvider": ["beheer", "analist"],
        "createIntervention": ["beheer", "analist"], "updateIntervention": ["beheer", "analist"],
        "loadDecisionTree": ["beheer"],
        // Money: figures for the budget holder and policy staff; payments for the payments officer.
        "exportIncentives": ["betaal"], "getIncentiveExport": ["betaal"],
        "listSpendingExceptions": ["budget"], "decideSpendingException": ["budget"],
        // The gatekeeper of costly provisions: referrals waiting for approval (none in this world).
        "listApprovals": ["specialist"], "decideApproval": ["specialist"],
    ]

    struct Observed: Sendable {
        var operation: String
        var method: HTTPMethod
        var role: String
        var status: UInt
        /// Whether the answer names Fatima (her id, BSN or family name).
        var namesFatima: Bool
    }

    /// A leak: Fatima's data in the answer to someone without a need to know her, or a change made by
    /// someone whose role may not make it.
    static func isLeak(_ o: Observed) -> Bool {
        guard (200..<300).contains(o.status) else { return false }
        let may = allowed[o.operation]
        if o.role == "anonymous" { return o.operation != "getMunicipality" }
        if o.namesFatima, !(may?.contains(o.role) ?? false) { return true }
        if o.method != .GET, let may, !may.contains(o.role) { return true }
        return false
    }

    @Test func noRoleGetsWhatItsNeedToKnowDoesNotGiveAndEveryRefusalIsAudited() async throws {
        try await TestWorld.with { w in
            let ids = try await Self.world(&w)
            let operations = try Self.operations()
            var observed: [Observed] = []
            var unaudited: [String] = []
            for route in w.app.routes.all where route.path.first?.description == "api" {
                let template = route.path.dropFirst(2).map {
                    if case .parameter(let n) = $0 { return "{\(n)}" } else { return $0.description }
                }.joined(separator: "/")
                guard let operation = operations["\(route.method.rawValue) /\(template)"] else { continue }
                let path =
                    "/api/v1/"
                    + route.path.dropFirst(2).map { c -> String in
                        guard case .parameter(let name) = c else { return c.description }
                        return ids.id(for: name, under: route.path.dropFirst(2).first?.description ?? "")
                    }.joined(separator: "/")
                for role in Self.roles {
                    let before = try await AuditEvent.query(on: w.app.db).count()
                    let res = try await w.send(
                        route.method, path, as: role == "anonymous" ? nil : role,
                        json: route.method == .GET || route.method == .DELETE ? nil : [:])
                    let body = res.body.string.lowercased()
                    let names =
                        body.contains(ids.person.lowercased()) || body.contains(TestBSN.a) || body.contains("el amrani")
                    observed.append(
                        Observed(
                            operation: operation, method: route.method, role: role, status: res.status.code,
                            namesFatima: names))
                    if res.status == .forbidden, try await AuditEvent.query(on: w.app.db).count() == before {
                        unaudited.append("\(role) \(operation)")
                    }
                }
            }
            if let dump = ProcessInfo.processInfo.environment["MEEDOEN_MATRIX_DUMP"] {
                var lines: [String] = []
                for (op, rows) in Dictionary(grouping: observed, by: \.operation).sorted(by: { $0.key < $1.key }) {
                    let ok: [String] = rows.filter { (200..<300).contains($0.status) }.map { o in
                        o.namesFatima ? o.role + "*" : o.role
                    }
                    let all: [String] = rows.map { o in "\(o.role)=\(o.status)" }
                    lines.append("\(op): \(ok.joined(separator: ","))   [\(all.joined(separator: " "))]")
                }
                try lines.joined(separator: "\n").write(toFile: dump, atomically: true, encoding: .utf8)
            }
            let leaks = observed.filter(Self.isLeak)
            #expect(observed.count > 1_300, "the walk covered the contract (\(observed.count) answers)")
            #expect(
                leaks.isEmpty,
                "\(leaks.count) leaks: \(leaks.prefix(20).map { "\($0.role) \($0.operation) \($0.status)" })")
            #expect(unaudited.isEmpty, "\(unaudited.count) refusals not audited: \(unaudited.prefix(20))")
            #expect(!observed.contains { $0.status >= 500 }, "no server error")
        }
    }

    /// "METHOD /path/{param}" → operationId, from the contract.
    static func operations() throws -> [String: String] {
        let doc = try JSONSerialization.jsonObject(with: OpenAPIDocument.data) as! [String: Any]
        var out: [String: String] = [:]
        for (path, item) in doc["paths"] as! [String: [String: Any]] {
            for (method, op) in item {
                if let id = (op as? [String: Any])?["operationId"] as? String {
                    out["\(method.uppercased()) \(path)"] = id
                }
            }
        }
        return out
    }

    struct IDs {
        var byResource: [String: String]
        var user: String
        var person: String { byResource["persons"]! }

        func id(for parameter: String, under resource: String) -> String {
            switch parameter {
            case "id": return byResource[resource] ?? UUID().uuidString
            case "treeId": return "werk-en-meedoen"
            case "agreementId": return byResource["agreement"] ?? UUID().uuidString
            default: return UUID().uuidString
            }
        }
    }

    /// Fatima's world, made through the API as its users make it.
    static func world(_ w: inout TestWorld) async throws -> IDs {
        let person = try await w.register(as: "km", bsn: TestBSN.a, district: "T")
        let household =
            try await w.send(
                .POST, "/api/v1/households", as: "km",
                json: ["name": "Huishouden", "districtCode": "T", "memberIds": [person]]
            ).json()["id"] as! String
        let plan = try await w.send(
            .POST, "/api/v1/plans", as: "km",
            json: ["householdId": household, "goals": [["domain": "werkOpleiding", "text": "Werk vinden"]]]
        ).json()
        let planID = plan["id"] as? String ?? UUID().uuidString
        let agreement =
            try await w.send(
                .POST, "/api/v1/plans/\(planID)/agreements", as: "km",
                json: ["what": "Cv maken", "who": "Fatima", "dueOn": "2030-01-01"]
            ).json()["id"] as? String
        let provider = try await w.provider()
        let offer = try await w.intervention(provider: provider, capacity: 5)
        let referral = try await w.refer(person, to: offer).json()["id"] as! String
        let signal =
            try await w.send(
                .POST, "/api/v1/signals", as: "km",
                json: [
                    "kind": "signal", "source": "ownVisit", "personId": person,
                    "description": "Huur achterstand gemeld",
                ]
            ).json()["id"] as? String
        let organisation =
            try await w.send(
                .POST, "/api/v1/organisations", as: "beheer", json: ["code": "woonstad", "name": "Woonstad"]
            ).json()["id"] as? String
        let business =
            try await w.send(
                .POST, "/api/v1/businesses", as: "beheer", json: ["code": "de-hoek", "name": "De Hoek"]
            ).json()["id"] as? String
        // Fatima's own account.
        let own = try await User.find(w.users["inwoner"]!.id, on: w.app.db)!
        own.personID = UUID(uuidString: person)
        try await own.save(on: w.app.db)
        w.users["inwoner"] = own
        var ids: [String: String] = [
            "persons": person, "households": household, "plans": planID, "referrals": referral,
            "interventions": offer, "providers": provider, "users": w.users["km"]!.id!.uuidString,
        ]
        ids["signals"] = signal
        ids["organisations"] = organisation
        ids["businesses"] = business
        ids["agreement"] = agreement
        ids["me"] = agreement
        return IDs(byResource: ids, user: w.users["km"]!.id!.uuidString)
    }
}
