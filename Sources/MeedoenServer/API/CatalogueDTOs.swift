import MeedoenCore
import Vapor

struct ProviderDTO: Content {
    var id: UUID
    var code: String
    var name: String
    var contact: String?
    init(_ p: Provider) {
        id = p.id!
        code = p.code
        name = p.name
        contact = p.contact
    }
}

struct CriteriaDTO: Content {
    var rungs: [Int]
    var categories: [Int]
    var minAge: Int?
    var maxAge: Int?
    var benefitKinds: [String]
    var districts: [String]
    var routes: [String]
    init(_ c: AccessCriteria) {
        rungs = c.rungs
        categories = c.categories
        minAge = c.minAge
        maxAge = c.maxAge
        benefitKinds = c.benefitKinds.map(\.rawValue)
        districts = c.districts
        routes = c.routes.map(\.rawValue)
    }
}

struct InterventionDTO: Content {
    var id: UUID
    var code: String
    var name: String
    var description: String?
    var type: String
    var typeLabel: String
    var tier: String
    var domain: String
    var package: String
    var districtCode: String?
    var providerId: UUID
    var providerName: String?
    var fundingStream: String
    var priceCents: Int
    var maxMonths: Int
    var capacity: Int
    var taken: Int
    var freePlaces: Int
    var waiting: Int?
    var expectedWaitDays: Int?
    var hoursPerWeek: Int
    var location: String
    var criteria: CriteriaDTO
    var active: Bool
    var legalBasis: String
    var needsApproval: Bool
    /// A result-based contract; absent: paid for effort (pro rata to the days used).
    var contract: ContractDTO?

    init(
        _ i: Intervention, providerName: String? = nil, waiting: Int? = nil, expectedWaitDays: Int? = nil,
        language: Language
    ) {
        id = i.id!
        code = i.code
        name = i.name
        description = i.description
        type = i.type
        typeLabel = i.interventionType.label.text(language)
        tier = "\(i.interventionType.tier)"
        domain = i.domain
        package = i.package
        districtCode = i.districtCode
        providerId = i.$provider.id
        self.providerName = providerName
        fundingStream = i.fundingStream
        priceCents = i.priceCents
        maxMonths = i.maxMonths
        capacity = i.capacity
        taken = i.taken
        freePlaces = max(0, i.capacity - i.taken)
        self.waiting = waiting
        self.expectedWaitDays = expectedWaitDays
        hoursPerWeek = i.hoursPerWeek
        location = i.location
        criteria = CriteriaDTO(i.criteria)
        active = i.active
        legalBasis = i.legalBasis.rawValue
        needsApproval = i.needsApproval
        contract = i.contract.map { ContractDTO($0, price: i.priceCents, language: language) }
    }

    init(_ e: CatalogueService.Entry, language: Language) {
        self.init(
            e.intervention, providerName: e.providerName, waiting: e.waiting,
            expectedWaitDays: e.offer.expectedWaitDays, language: language)
    }
}

struct CheckDTO: Content {
    var criterion: String
    var passed: Bool
    var reason: String
}
struct OverrideDTO: Content {
    var criterion: String
    var reason: String
}
struct NextStepDTO: Content {
    var proposedRung: Int?
    var nextTier: String?
    var reasons: [ReasonDTO]
}

struct ReferralPersonDTO: Content {
    var givenName: String
    var familyName: String
    var phone: String?
    var email: String?
}

struct ReferralNoteDTO: Content {
    var id: UUID
    var kind: String
    var on: String
    var attended: Bool?
    var hours: Int?
    var text: String?
    var authorName: String
    init(_ n: ReferralNote) {
        id = n.id!
        kind = n.kind.rawValue
        on = n.onDate
        attended = n.attended
        hours = n.hours
        text = n.text
        authorName = n.authorName
    }
}

/// A referral. A provider gets only what they need: the person's name and contact, the goal, the
/// agreed hours and the course of the enrolment — no person id, category, criteria or overrides.
struct ReferralDTO: Content {
    var id: UUID
    var status: String
    var statusLabel: String
    var personId: UUID?
    var person: ReferralPersonDTO
    var interventionId: UUID
    var interventionName: String
    var providerName: String?
    var goal: String
    var agreedHours: Int
    var referredOn: String
    var referredBy: String?
    var category: Int?
    var checks: [CheckDTO]?
    var overrides: [OverrideDTO]?
    var waitedDays: Int?
    var refusalReason: String?
    var startedOn: String?
    var plannedEndOn: String?
    var endedOn: String?
    var outcome: String?
    var outcomeNote: String?
    /// After a language course or civic integration: `passed`, `failed` or `notSat`.
    var exam: String?
    var nextStep: NextStepDTO?
    var notes: [ReferralNoteDTO]?
    /// While waiting: `place` (no free place) or `budget` (the funding stream has no room).
    var waitingFor: String?
    var withdrawReason: String?
    /// In the answer to an attendance record only: the week fell short of the agreed hours on a duty
    /// offer (`shortfall`, in words), recorded as a missed agreement (`missedAgreementId`, not for providers).
    var shortfall: String?
    var missedAgreementId: UUID?

    init(
        _ r: Referral, person: ReferralPersonDTO, personID: UUID, interventionName: String, providerName: String?,
        asProvider: Bool,
        notes: [ReferralNote]?, language: Language
    ) {
        id = r.id!
        status = r.status.rawValue
        statusLabel = r.status.label.text(language)
        waitingFor = r.status == .waiting ? r.waitingFor?.rawValue : nil
        withdrawReason = asProvider ? nil : r.withdrawReason
        personId = asProvider ? nil : personID
        self.person = person
        interventionId = r.$intervention.id
        self.interventionName = interventionName
        self.providerName = providerName
        goal = r.goal
        agreedHours = r.agreedHours
        referredOn = r.referredOn
        referredBy = asProvider ? nil : r.referredByName
        if !asProvider {
            category = r.category
            checks = r.checkList.map {
                CheckDTO(criterion: $0.criterion, passed: $0.passed, reason: language == .nl ? $0.nl : $0.en)
            }
            overrides =
                r.overrides == nil
                ? nil : r.overrideList.map { OverrideDTO(criterion: $0.criterion, reason: $0.reason) }
        }
        waitedDays = r.waitedDays
        refusalReason = r.refusalReason
        startedOn = r.startedOn
        plannedEndOn = r.plannedEndOn
        endedOn = r.endedOn
        outcome = r.outcome
        outcomeNote = r.outcomeNote
        exam = r.exam
        nextStep = r.nextStepRecord.map {
            NextStepDTO(
                proposedRung: $0.proposedRung, nextTier: $0.nextTier,
                reasons: $0.reasons.map { ReasonDTO(Reason(code: $0.criterion, nl: $0.nl, en: $0.en), language) })
        }
        self.notes = notes.map { $0.map(ReferralNoteDTO.init) }
    }

    init(_ l: ReferralService.Loaded, notes: [ReferralNote]?, language: Language) {
        self.init(
            l.referral,
            person: .init(
                givenName: l.person.givenName, familyName: l.person.familyName, phone: l.person.phone,
                email: l.person.email),
            personID: l.person.id!, interventionName: l.intervention.name, providerName: l.providerName,
            asProvider: l.access.asProvider,
            notes: notes, language: language)
        if let short = l.shortfall {
            shortfall = short.reason.text.text(language)
            missedAgreementId = l.access.asProvider ? nil : l.missedAgreement?.id
        }
    }

    init(_ row: ReferralService.Row, language: Language) {
        self.init(
            row.referral,
            person: .init(givenName: row.givenName, familyName: row.familyName, phone: row.phone, email: row.email),
            personID: row.referral.$person.id, interventionName: row.interventionName, providerName: row.providerName,
            asProvider: row.asProvider, notes: nil, language: language)
    }
}

struct MatchDTO: Content {
    var intervention: InterventionDTO
    var fits: Bool
    var score: Int
    var reasons: [ReasonDTO]
    var unmet: [String]
}

struct PersonMatchesDTO: Content {
    var personId: UUID
    var rung: Int?
    var category: Int?
    var route: String?
    var matches: [MatchDTO]
}

struct PlaceCandidateDTO: Content {
    var personId: UUID
    var givenName: String
    var familyName: String
    var districtCode: String
    var category: Int?
    var rung: Int?
    var score: Int
    var reasons: [ReasonDTO]
}

struct WaitingEntryDTO: Content {
    var position: Int
    var referralId: UUID
    var referredOn: String
    var category: Int?
    var waitedDays: Int
    var personName: String?
}

struct AgreementDTO: Content {
    var id: UUID
    var personId: UUID?
    var who: String
    var what: String
    var dueOn: String
    var status: String
    var evidence: String?
    var doneOn: String?
    var overdue: Bool
    init(_ a: Agreement, today: CalendarDate) {
        id = a.id!
        personId = a.$person.id
        who = a.who
        what = a.what
        dueOn = a.dueOn
        status = a.status.rawValue
        evidence = a.evidence
        doneOn = a.doneOn
        overdue = a.status == .open && (CalendarDate(iso: a.dueOn).map { $0 < today } ?? false)
    }
}

struct PlanDTO: Content {
    var id: UUID
    var householdId: UUID
    var householdName: String
    var members: [MemberDTO]
    var directorId: UUID
    var status: String
    var startedOn: String
    var reassessmentDue: String
    var reassessmentOverdue: Bool
    var goals: [PlanService.Goal]
    var strengths: [PlanService.Strength]
    var involved: [PlanService.Involved]
    var residentAgreedOn: String?
    var residentAgreementNote: String?
    var closedOn: String?
    var revision: Int
    var agreements: [AgreementDTO]

    init(_ l: PlanService.Loaded, agreements: [Agreement], today: CalendarDate) {
        let p = l.plan
        id = p.id!
        householdId = l.household.id!
        householdName = l.household.name
        members = l.members.map {
            MemberDTO(id: $0.id!, givenName: $0.givenName, familyName: $0.familyName, birthDate: $0.birthDate)
        }
        directorId = p.$director.id
        status = p.status.rawValue
        startedOn = p.startedOn
        reassessmentDue = p.reassessmentDue
        reassessmentOverdue = p.status == .active && (CalendarDate(iso: p.reassessmentDue).map { $0 < today } ?? false)
        goals = PlanService.decode(p.goals)
        strengths = PlanService.decode(p.strengths)
        involved = PlanService.decode(p.involved)
        residentAgreedOn = p.residentAgreedOn
        residentAgreementNote = p.residentAgreementNote
        closedOn = p.closedOn
        revision = p.revision
        self.agreements = agreements.map { AgreementDTO($0, today: today) }
    }
}

struct PlanRevisionDTO: Content {
    var revision: Int
    var summary: String
    var changedBy: String
    var at: Date
    var snapshot: PlanService.Body
}

struct WorklistDTO: Content {
    struct PlanItem: Content {
        var planId: UUID
        var householdId: UUID
        var householdName: String
        var reassessmentDue: String
    }
    struct AgreementItem: Content {
        var planId: UUID
        var householdName: String
        var agreement: AgreementDTO
    }
    struct EnrolmentItem: Content {
        var referralId: UUID
        var personId: UUID
        var personName: String
        var interventionName: String
        var plannedEndOn: String
    }
    var overdueReassessments: [PlanItem]
    var overdueAgreements: [AgreementItem]
    var plansWithoutProgress: [PlanItem]
    var enrolmentsEndingSoon: [EnrolmentItem]

    init(_ w: WorklistService.Worklist, today: CalendarDate) {
        overdueReassessments = w.overdueReassessments.map {
            PlanItem(
                planId: $0.planID, householdId: $0.householdID, householdName: $0.householdName, reassessmentDue: $0.due
            )
        }
        overdueAgreements = w.overdueAgreements.map {
            AgreementItem(
                planId: $0.planID, householdName: $0.householdName, agreement: AgreementDTO($0.agreement, today: today))
        }
        plansWithoutProgress = w.withoutProgress.map {
            PlanItem(
                planId: $0.planID, householdId: $0.householdID, householdName: $0.householdName, reassessmentDue: $0.due
            )
        }
        enrolmentsEndingSoon = w.endingSoon.map {
            EnrolmentItem(
                referralId: $0.referralID, personId: $0.personID, personName: $0.personName,
                interventionName: $0.interventionName, plannedEndOn: $0.plannedEndOn)
        }
    }
}
