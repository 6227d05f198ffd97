import Fluent
import MeedoenCore
import MeedoenPolicies
import Vapor

/// Demo data: users for every role and about 2,000 synthetic residents over the seven
/// Amsterdam districts with plausible facts and histories. Deterministic (seeded), so screenshots
/// and benchmarks are repeatable.
enum DemoData {
    /// Amsterdam's districts, as its municipality file names them.
    static var districts: [(String, String)] {
        ((try? municipality().file.districts) ?? []).map { ($0.code, $0.name) }
    }

    /// The shipped Amsterdam municipality file and its logo: the demo sets itself up with them.
    static func municipality() throws -> (file: MunicipalityFile, logo: String?) {
        guard
            let url = PolicyFiles.files(in: "municipalities").first(where: { $0.lastPathComponent == "amsterdam.json" })
        else {
            throw PolicyError(
                file: "Policies/municipalities", entry: "amsterdam.json", message: "the Amsterdam file is missing")
        }
        return try MunicipalityService.read(url.path, ladders: nil)
    }

    struct DemoUser {
        var username: String
        var password: String
        var roles: [Role]
        var district: String?
        var token: String
    }

    static let userSpecs: [(String, String, [Role], String?)] = [
        ("klantmanager", "Karin de Klantmanager", [.caseManager], "T"),
        ("klantmanager-west", "Wim van West", [.caseManager], "E"),
        ("teamleider", "Tineke Teamleider", [.caseManager], "T"),
        ("loket", "Lotte Loket", [.counter], "T"),
        ("bewonersadviseur", "Bram Bewonersadviseur", [.residentAdviser], "T"),
        ("tafelvoorzitter", "Tamara Tafel", [.caseTableChair, .caseManager], "N"),
        ("aanbieder", "Anton Aanbieder", [.provider], nil),
        ("analist", "Anna Analist", [.analyst], nil),
        ("budgethouder", "Bert Budgethouder", [.budgetHolder], nil),
        ("uitbetaling", "Umar Uitbetaling", [.paymentOfficer], nil),
        ("specialist", "Sanne Specialist", [.specialist], nil),
        ("ondernemer", "Olga Ondernemer", [.business], nil),
        ("beheerder", "Bea Beheerder", [.admin], nil),
        ("inwoner", "Ilse de Wit", [.resident], nil),
    ]

    /// Loads the demo into an empty database only. It sets up Amsterdam from its municipality file and
    /// makes its users, providers and business through the same use cases as an administrator.
    @discardableResult
    static func loadIfEmpty(_ app: Application, residents: Int = 2000) async throws -> [DemoUser] {
        guard try await User.query(on: app.db).count() == 0 else { return [] }
        var rng = SeededRandom(seed: 2011)
        var users: [DemoUser] = []
        var userIDs: [String: UUID] = [:]
        let system = UseCaseContext(app: app, runID: "demo")
        let amsterdam = try municipality()
        let setUp = try await MunicipalityService.setUp(
            amsterdam.file, logoSVG: amsterdam.logo, administratorPassword: "demo-beheerder", minimumPasswordLength: 8,
            in: system)
        // Providers come with the catalogue; their users and the business's are made where these exist.
        _ = try await CatalogueService.load(try DemoCatalogue.file(), on: app.db)
        func add(_ spec: (String, String, [Role], String?), _ extra: [String: JSONValue] = [:]) async throws {
            let (username, display, roles, district) = spec
            let password = "demo-\(username)"
            var fields: [String: JSONValue] = [
                "username": .string(username), "displayName": .string(display),
                "roles": .array(roles.map { .string($0.rawValue) }),
            ]
            fields["districtCode"] = district.map(JSONValue.string)
            var input = Input.of(fields.merging(extra) { $1 })
            let user = try await UserAdminService.create(&input, password: password, minimumLength: 8, in: system).user
            let token = try await UserAdminService.issueToken(
                for: user, name: "demo", days: UserAdminService.maxTokenDays, in: system)
            userIDs[username] = user.id
            users.append(
                DemoUser(username: username, password: password, roles: roles, district: district, token: token))
        }
        for spec in userSpecs {
            switch spec.0 {
            case "beheerder":
                userIDs["beheerder"] = setUp.administrator.id
                users.append(
                    DemoUser(
                        username: "beheerder", password: "demo-beheerder", roles: [.admin], district: nil,
                        token: setUp.token))
            case "aanbieder": try await add(spec, ["providerCode": .string("regenboog")])
            case "ondernemer", "inwoner": continue  // below, once the business and the resident exist
            default: try await add(spec)
            }
        }
        let caseManagersByDistrict: [String: UUID] = [
            "T": userIDs["klantmanager"]!, "E": userIDs["klantmanager-west"]!, "N": userIDs["tafelvoorzitter"]!,
        ]
        try await generateResidents(
            count: residents, app: app, rng: &rng, caseManagers: caseManagersByDistrict,
            counter: userIDs["loket"]!, adviser: userIDs["bewonersadviseur"]!)
        // The demo resident's account, linked to her file by BSN.
        if let ilse = try await Person.query(on: app.db).filter(\.$givenName == "Ilse").filter(
            \.$familyName == "de Wit"
        )
        .first(), let spec = userSpecs.first(where: { $0.0 == "inwoner" }) {
            try await add(spec, ["bsn": .string(ilse.bsn)])
        }
        try await generateWork(app: app, rng: &rng, userIDs: userIDs)
        // The business that accepts vouchers (registered by the administrator), and its owner's account.
        var register = Input.of([
            "code": .string("buurtsuper-de-hoek"), "name": .string("Buurtsuper De Hoek"), "districtCode": .string("T"),
            "address": .string("Ganzenhoef 12"),
        ])
        _ = try await VoucherService.createBusiness(&register, in: system.acting(as: setUp.administrator))
        if let spec = userSpecs.first(where: { $0.0 == "ondernemer" }) {
            try await add(spec, ["businessCode": .string("buurtsuper-de-hoek")])
        }
        try await generateMoney(app: app, rng: &rng, userIDs: userIDs)
        try await generateFrontDoor(app: app, rng: &rng, userIDs: userIDs)
        try await generateHistory(app: app, rng: &rng, userIDs: userIDs)
        return users
    }

    static func printUsers(_ users: [DemoUser], console: any Console) {
        guard !users.isEmpty else {
            console.print(
                "Demo data was already loaded; demo users sign in with password demo-<username> (e.g. klantmanager / demo-klantmanager)."
            )
            return
        }
        console.print("Demo users (username / password — role):")
        for u in users {
            console.print(
                "  \(u.username) / \(u.password) — \(u.roles.map(\.rawValue).joined(separator: ", "))\(u.district.map { " (stadsdeel \($0))" } ?? "")"
            )
        }
        console.print("API token of klantmanager: \(users[0].token)")
        if let holder = users.first(where: { $0.username == "budgethouder" }) {
            console.print("API token of budgethouder: \(holder.token)")
        }
        if let officer = users.first(where: { $0.username == "uitbetaling" }) {
            console.print("API token of uitbetaling: \(officer.token)")
        }
        if let admin = users.first(where: { $0.username == "beheerder" }) {
            console.print("API token of beheerder: \(admin.token)")
        }
        if let resident = users.first(where: { $0.username == "inwoner" }) {
            console.print("API token of inwoner: \(resident.token)")
        }
    }

    // MARK: residents

    static let givenNames = [
        "Fatima", "Mohamed", "Sanne", "Daan", "Noah", "Emma", "Ayoub", "Priya", "Kevin", "Esra", "Joost",
        "Mila", "Youssef", "Linda", "Sem", "Naima", "Gert", "Anouk", "Rachid", "Ingrid", "Tim", "Sevda",
        "Kofi", "Marieke", "Lucas", "Zeynep", "Hans", "Iris", "Bilal", "Petra", "Jayden", "Samira",
    ]
    static let familyNames = [
        "de Vries", "Jansen", "El Amrani", "Bakker", "Yilmaz", "Visser", "Smit", "Boateng", "Meijer",
        "de Boer", "Mulder", "Ouali", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "Kaya", "van Dijk",
        "Dekker", "Asante", "van der Berg", "Brouwer", "Pinas", "de Wit", "Dijkstra", "Nooitmeer", "Koster",
    ]
    static let streets = [
        "Bijlmerdreef", "Kraaiennest", "Ganzenhoef", "Javastraat", "Mercatorplein", "Osdorpplein",
        "Buikslotermeerplein", "Van Woustraat", "Nieuwmarkt", "Dapperstraat",
    ]

    static func generateResidents(
        count: Int, app: Application, rng: inout SeededRandom, caseManagers: [String: UUID],
        counter: UUID, adviser: UUID
    ) async throws {
        let engine = app.policyStore.engine
        let national = app.policyStore.defaultLadder
        let today = Clock.today(now: app.time.now())
        var persons: [Person] = []
        var households: [Household] = []
        var assessments: [Assessment] = []
        var diagnoses: [Diagnosis] = []
        var usedBSN = Set<String>()
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var currentHousehold: Household?
        var householdLeft = 0
        // Whether a young person has a starting qualification draws from its own sequence, so the rest stays as it was.
        var school = SeededRandom(seed: 0x5343_484F)

        for i in 0..<count {
            let district = districts[rng.int(districts.count)].0
            let p = Person()
            p.id = UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", i + 1))
            var bsn = rng.bsn()
            while usedBSN.contains(bsn) { bsn = rng.bsn() }
            usedBSN.insert(bsn)
            p.bsn = bsn
            p.givenName = givenNames[rng.int(givenNames.count)]
            p.familyName = familyNames[rng.int(familyNames.count)]
            let age = 18 + rng.int(49)
            let birth = CalendarDate(year: today.year - age, month: 1 + rng.int(12), day: 1 + rng.int(28))!
            p.birthDate = birth.iso
            p.districtCode = district
            let benefitRoll = rng.int(100)
            let benefit: BenefitKind =
                benefitRoll < 70
                ? .participatiewet
                : benefitRoll < 74
                    ? .ioaw
                    : benefitRoll < 76
                        ? .ioaz
                        : benefitRoll < 82
                            ? .ww : benefitRoll < 86 ? .wia : benefitRoll < 90 ? .wajong : BenefitKind.none
            p.benefit = benefit.rawValue
            let civic: CivicIntegration = rng.int(100) < 12 ? .obliged : rng.int(100) < 8 ? .voluntary : .none
            p.civicIntegration = civic.rawValue
            var circumstances = Set<Circumstance>()
            for c in Circumstance.allCases where c != .noStartingQualification && rng.int(100) < 5 {
                circumstances.insert(c)
            }
            if age <= 27, school.int(100) < 40 { circumstances.insert(.noStartingQualification) }
            p.circumstances = circumstances.map(\.rawValue).sorted()
            var wishes = Set<Wish>()
            for w in Wish.allCases where rng.int(100) < 20 { wishes.insert(w) }
            p.wishes = wishes.map(\.rawValue).sorted()
            p.phone = "06-\(10_000_000 + rng.int(89_999_999))"
            p.onCaseTable = false

            if householdLeft == 0, rng.int(100) < 30 {
                let h = Household(
                    name: "Huishouden \(p.familyName)",
                    address: "\(streets[rng.int(streets.count)]) \(1 + rng.int(300))", districtCode: district)
                h.id = UUID()
                households.append(h)
                currentHousehold = h
                householdLeft = 1 + rng.int(3)
            }
            if householdLeft > 0, let h = currentHousehold {
                p.$household.id = h.id
                p.districtCode = h.districtCode
                householdLeft -= 1
            }
            p.$caseManager.id = caseManagers[p.districtCode]
            p.registeredByID = p.districtCode == "T" && i % 10 == 0 ? (i % 20 == 0 ? counter : adviser) : nil
            persons.append(p)

            // Benefit clients on the Amsterdam ladder: roughly 30 / 38 / 24 / 8 % on rungs 1-4 (source
            // document 000); others higher. The national ladder is derived from facts that fit that rung,
            // with a short history of steps over the last two years.
            let municipal = engine.policy.municipalBenefits.contains(benefit)
            let roll = rng.int(100)
            let amsterdamRung = municipal ? (roll < 30 ? 1 : roll < 68 ? 2 : roll < 92 ? 3 : 4) : 2 + rng.int(4)
            var rung = max(1, amsterdamRung - (rng.int(3) == 0 ? 1 : 0))
            let steps = 1 + rng.int(3)
            for step in 0..<steps {
                let a = Assessment()
                a.id = UUID()
                a.$person.id = p.id!
                a.kind = .rung
                a.assessedOn = today.adding(months: -(steps - step) * 8 + rng.int(3)).iso
                a.assessorID = caseManagers[p.districtCode] ?? counter
                a.assessorName = "Karin de Klantmanager"
                a.ladderID = national.id
                let facts = factsFor(rung: rung, rng: &rng)
                a.facts = facts.map(\.rawValue).sorted()
                let proposal = national.propose(from: facts)!
                a.proposedRung = proposal.rung
                a.proposalReason = proposal.reason.text.nl
                a.rung = proposal.rung
                assessments.append(a)
                if step < steps - 1, rng.int(100) < 35 { rung = min(6, rung + 1) }
            }
            let ams = Assessment()
            ams.id = UUID()
            ams.$person.id = p.id!
            ams.kind = .rung
            ams.ladderID = "amsterdam"
            ams.rung = amsterdamRung
            ams.assessedOn = today.adding(months: -1).iso
            ams.assessorID = caseManagers[p.districtCode] ?? counter
            ams.assessorName = "Karin de Klantmanager"
            assessments.append(ams)
            // ZRM at intake.
            let z = Assessment()
            z.id = UUID()
            z.$person.id = p.id!
            z.kind = .zrm
            z.assessedOn = today.adding(months: -6).iso
            z.assessorID = caseManagers[p.districtCode] ?? counter
            z.assessorName = "Karin de Klantmanager"
            let base = min(5, max(1, rung))
            let zrmScores = ZrmScores(
                Dictionary(uniqueKeysWithValues: ZrmDomain.allCases.map { ($0, min(5, max(1, base + rng.int(3) - 1))) })
            )
            z.zrmScores = zrmScores.raw
            assessments.append(z)

            // Diagnosis from facts consistent with the rung.
            let facts = DiagnosisFacts(
                birthDate: birth, referenceDate: today, benefit: benefit, workProspect: rung >= 3 || rng.int(100) < 15,
                selfReliant: rng.int(100) < 40, motivated: rng.int(100) < 85,
                risks: rung <= 2 && rng.int(100) < 50 ? [rng.int(2) == 0 ? .isolation : .decline] : [],
                civicIntegration: civic, circumstances: circumstances, wishes: wishes,
                zrm: zrmScores)
            let proposal = engine.diagnose(facts)
            let d = Diagnosis()
            d.id = UUID()
            d.$person.id = p.id!
            d.facts = String(decoding: try encoder.encode(facts), as: UTF8.self)
            d.proposedRoute = proposal.route.rawValue
            d.proposedCategory = proposal.category
            d.targetGroups = proposal.targetGroups
            d.caseTableProposed = proposal.caseTableProposed
            d.enforcementAvailable = proposal.enforcementAvailable
            d.reasons = String(decoding: try encoder.encode(proposal.reasons), as: UTF8.self)
            d.policyID = proposal.policyID
            d.policyVersion = proposal.policyVersion
            d.decidedRoute = proposal.route.rawValue
            d.decidedCategory = proposal.category
            d.decidedByID = caseManagers[p.districtCode] ?? counter
            d.decidedByName = "Karin de Klantmanager"
            d.decidedOn = today.adding(months: -5).iso
            if proposal.caseTableProposed { p.onCaseTable = true }
            diagnoses.append(d)
        }

        // The demo resident account is the first resident: Ilse de Wit in Zuidoost, with Karin as case manager.
        if let first = persons.first {
            first.givenName = "Ilse"
            first.familyName = "de Wit"
            first.registeredByID = counter  // she first came to the counter
            let hid = first.$household.id
            if let hid, let h = households.first(where: { $0.id == hid }) {
                h.districtCode = "T"
                h.name = "Huishouden de Wit"
            }
            for p in persons where p === first || (hid != nil && p.$household.id == hid) {
                p.districtCode = "T"
                p.$caseManager.id = caseManagers["T"]
            }
        }
        let (allHouseholds, allPersons, allAssessments, allDiagnoses) = (households, persons, assessments, diagnoses)
        try await app.db.transaction { db in
            for chunk in allHouseholds.chunked(200) { try await chunk.create(on: db) }
            for chunk in allPersons.chunked(100) { try await chunk.create(on: db) }
            for chunk in allAssessments.chunked(100) { try await chunk.create(on: db) }
            for chunk in allDiagnoses.chunked(100) { try await chunk.create(on: db) }
        }
    }

    static func factsFor(rung: Int, rng: inout SeededRandom) -> Set<RungFact> {
        switch rung {
        case 6: [.paidWork, .socialContact]
        case 5: [.paidWork, .workSupport, .socialContact]
        case 4: [.unpaidWork, .socialContact]
        case 3: rng.int(2) == 0 ? [.organisedActivity] : [.organisedActivity, .socialContact]
        case 2: [.socialContact]
        default: []
        }
    }
}

/// SplitMix64: small, fast and the same on every machine.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ upper: Int) -> Int { Int(next() % UInt64(upper)) }

    /// A synthetic BSN that passes the 11-test.
    mutating func bsn() -> String {
        while true {
            var digits = (0..<8).map { _ in int(10) }
            digits[0] = 1 + int(8)
            let sum = digits.enumerated().reduce(0) { $0 + $1.element * (9 - $1.offset) }
            let check = sum % 11
            if check < 10 { return (digits + [check]).map(String.init).joined() }
        }
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
