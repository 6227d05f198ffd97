import Foundation

/// Enforcement as a last resort (DOMAIN.md "Enforcement"): overdue agreement → reminder → hearing →
/// sanction proposal → decision by a second person → notification. Pure: each step says whether it
/// may be taken, and why not.
public enum Enforcement {
    /// How the municipality relates to the person: only municipal benefit clients can be sanctioned.
    public enum Relation: String, Sendable, Codable, CaseIterable, Hashable {
        /// Participatiewet, IOAW, IOAZ: reminder, hearing, sanction possible.
        case municipalBenefit
        /// WW, WIA, Wajong: the agreement is with UWV; the municipality invites and agrees.
        case otherBenefit
        /// No benefit (NUG): invitation and agreement only.
        case noBenefit

        public static func of(_ benefit: BenefitKind, policy: DiagnosisPolicy) -> Relation {
            if policy.municipalBenefits.contains(benefit) { return .municipalBenefit }
            return benefit == .none ? .noBenefit : .otherBenefit
        }

        public var label: LocalizedText {
            switch self {
            case .municipalBenefit:
                .init(nl: "gemeentelijke uitkering: maatregel mogelijk", en: "municipal benefit: sanction possible")
            case .otherBenefit:
                .init(
                    nl: "uitkering van UWV: uitnodigen en afspreken, afstemmen met UWV",
                    en: "UWV benefit: invite and agree, coordinate with UWV")
            case .noBenefit:
                .init(
                    nl: "geen uitkering: alleen uitnodigen en afspreken",
                    en: "no benefit: invitation and agreement only")
            }
        }
    }

    public enum Status: String, Sendable, Codable, CaseIterable, Hashable {
        case reminded, invited, heard, proposed, decided, closed

        public var label: LocalizedText {
            switch self {
            case .reminded: .init(nl: "herinnerd", en: "reminded")
            case .invited: .init(nl: "uitgenodigd", en: "invited")
            case .heard: .init(nl: "gehoord", en: "heard")
            case .proposed: .init(nl: "maatregel voorgesteld", en: "sanction proposed")
            case .decided: .init(nl: "besloten", en: "decided")
            case .closed: .init(nl: "afgesloten", en: "closed")
            }
        }
    }

    public struct Refusal: Error, Sendable, Hashable {
        public var field: String
        public var reason: Reason
    }

    /// The first step for an overdue agreement: a reminder (benefit clients) or an invitation (others).
    /// An agreement about an offer that is a right (Wmo) is not enforced: support there is voluntary (003).
    public static func open(
        agreementStatus: String, dueOn: CalendarDate, today: CalendarDate, relation: Relation,
        offerBasis: LegalBasis? = nil
    )
        throws(Refusal) -> Status
    {
        if offerBasis == .right {
            throw Refusal(
                field: "agreementId",
                reason: Reason(
                    code: "enforcement.right",
                    nl:
                        "Deze afspraak hoort bij aanbod waarop de inwoner recht heeft (Wmo); dat is vrijwillig en wordt niet gehandhaafd. Handhaving geldt alleen bij aanbod met een plicht tot meewerken (Participatiewet).",
                    en:
                        "This agreement belongs to an offer the resident has a right to (Wmo); that is voluntary and not enforced. Enforcement applies only to offers with a duty to co-operate (Participatiewet)."
                ))
        }
        guard agreementStatus == "open" || agreementStatus == "missed" else {
            throw Refusal(
                field: "agreementId",
                reason: Reason(
                    code: "enforcement.notOpen", nl: "De afspraak is gedaan of vervallen; er valt niets te handhaven.",
                    en: "The agreement is done or cancelled; there is nothing to enforce."))
        }
        guard agreementStatus == "missed" || dueOn < today else {
            throw Refusal(
                field: "agreementId",
                reason: Reason(
                    code: "enforcement.notDue",
                    nl: "De afspraak is nog niet verlopen (uiterlijk \(dueOn.long(.nl))).",
                    en: "The agreement is not overdue yet (due \(dueOn.long(.en)))."))
        }
        return relation == .municipalBenefit ? .reminded : .invited
    }

    /// A hearing can follow a reminder or invitation.
    public static func hear(from status: Status) throws(Refusal) -> Status {
        guard status == .reminded || status == .invited else {
            throw Refusal(
                field: "status",
                reason: Reason(
                    code: "enforcement.order",
                    nl: "Een hoorgesprek volgt op een herinnering of uitnodiging (nu: \(status.label.nl)).",
                    en: "A hearing follows a reminder or invitation (now: \(status.label.en))."))
        }
        return .heard
    }

    /// "Is alles uit de kast getrokken?": each alternative tried is a sentence of at least 10 characters.
    public static func validAlternatives(_ alternatives: [String]) -> Bool {
        !alternatives.isEmpty
            && alternatives.allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).count >= 10 }
    }

    public struct Proposal: Sendable, Hashable {
        public var percent: Int
        public var months: Int
        public var occurrence: Int
        public var reasons: [Reason]
    }

    /// A sanction proposal: only for municipal benefit clients, only after a hearing, only when the
    /// alternatives tried are recorded; the reduction comes from the policy table by occurrence.
    public static func propose(
        status: Status, relation: Relation, alternatives: [String], violation: String,
        earlierSanctions: Int, policy: MoneyPolicy
    ) throws(Refusal) -> Proposal {
        guard relation == .municipalBenefit else {
            throw Refusal(
                field: "relation",
                reason: Reason(
                    code: "enforcement.noBenefit",
                    nl: "Alleen bij een gemeentelijke uitkering is een maatregel mogelijk; hier: \(relation.label.nl).",
                    en: "A sanction is possible only with a municipal benefit; here: \(relation.label.en)."))
        }
        guard status == .heard else {
            throw Refusal(
                field: "status",
                reason: Reason(
                    code: "enforcement.order",
                    nl: "Een maatregel wordt pas voorgesteld na het hoorgesprek (nu: \(status.label.nl)).",
                    en: "A sanction is proposed only after the hearing (now: \(status.label.en))."))
        }
        guard validAlternatives(alternatives) else {
            throw Refusal(
                field: "alternatives",
                reason: Reason(
                    code: "enforcement.noAlternatives",
                    nl:
                        "Leg eerst vast welke andere wegen zijn geprobeerd (is alles uit de kast getrokken?), elk in minstens 10 tekens.",
                    en:
                        "First record which other ways were tried (has everything been tried?), each in at least 10 characters."
                ))
        }
        guard let rule = policy.sanction(violation) else {
            throw Refusal(
                field: "violation",
                reason: Reason(
                    code: "enforcement.unknownViolation",
                    nl:
                        "Onbekende soort verwijtbaar gedrag; kies uit \(policy.sanctions.map(\.code).joined(separator: ", ")).",
                    en:
                        "Unknown kind of violation; choose from \(policy.sanctions.map(\.code).joined(separator: ", "))."
                ))
        }
        let occurrence = earlierSanctions + 1
        let step = rule.steps[min(occurrence, rule.steps.count) - 1]
        return Proposal(
            percent: step.percent, months: step.months, occurrence: occurrence,
            reasons: [
                Reason(
                    code: "enforcement.table",
                    nl:
                        "\(rule.nl), \(occurrence)e keer binnen \(policy.recidivismMonths) maanden: verlaging \(step.percent)% gedurende \(step.months == 1 ? "1 maand" : "\(step.months) maanden") (beleidstabel \(policy.id) v\(policy.version)).",
                    en:
                        "\(rule.en), occurrence \(occurrence) within \(policy.recidivismMonths) months: reduction \(step.percent)% for \(step.months == 1 ? "1 month" : "\(step.months) months") (policy table \(policy.id) v\(policy.version))."
                )
            ])
    }

    /// Four eyes: the decision is taken by someone other than the proposer.
    public static func decide(status: Status, proposerID: UUID, deciderID: UUID) throws(Refusal) -> Status {
        guard status == .proposed else {
            throw Refusal(
                field: "status",
                reason: Reason(
                    code: "enforcement.order",
                    nl: "Er ligt geen voorstel om over te besluiten (nu: \(status.label.nl)).",
                    en: "There is no proposal to decide on (now: \(status.label.en))."))
        }
        guard proposerID != deciderID else {
            throw Refusal(
                field: "decision",
                reason: Reason(
                    code: "enforcement.fourEyes",
                    nl: "Vier ogen: wie de maatregel voorstelt, besluit er niet zelf over.",
                    en: "Four eyes: whoever proposes the sanction does not decide on it."))
        }
        return .decided
    }

    /// Whether the decider found urgent reasons (dringende redenen) to refrain from or soften the
    /// sanction — assessed and recorded with every sanction imposed (000 §2.1.3).
    public enum UrgentReasons: String, Sendable, Codable, CaseIterable, Hashable {
        /// None found (`none`).
        case absent = "none"
        case present
        public var label: LocalizedText {
            switch self {
            case .absent: .init(nl: "geen dringende redenen", en: "no urgent reasons")
            case .present: .init(nl: "wel dringende redenen", en: "urgent reasons present")
            }
        }
    }

    /// The sanction as weighed by the decider: the policy table's percentage and duration, what was
    /// decided (never more), the reason for going lower, and the assessment of urgent reasons.
    public struct Weighing: Sendable, Hashable, Codable {
        public var tablePercent: Int
        public var tableMonths: Int
        public var percent: Int
        public var months: Int
        public var reason: String?
        public var urgentReasons: UrgentReasons
        public var urgentNote: String?
        public var lowered: Bool { percent < tablePercent || months < tableMonths }
    }

    /// All that is wrong with a weighing at once, each at its field.
    public struct Refusals: Error, Sendable, Hashable {
        public var all: [Refusal]
    }

    /// The decider weighs the person's situation (000 §2.1.3: "de situatie van de persoon wordt
    /// meegewogen in de zwaarte"): she may lower the table's percentage or duration with a reason —
    /// never raise them — and records whether there are urgent reasons (with what they are).
    public static func weigh(
        tablePercent: Int, tableMonths: Int, percent: Int?, months: Int?, reason: String?,
        urgentReasons: UrgentReasons?, urgentNote: String?
    ) throws(Refusals) -> Weighing {
        var problems: [Refusal] = []
        func fail(_ field: String, _ code: String, _ nl: String, _ en: String) {
            problems.append(Refusal(field: field, reason: Reason(code: "enforcement.\(code)", nl: nl, en: en)))
        }
        let p = percent ?? tablePercent
        let m = months ?? tableMonths
        if p > tablePercent {
            fail(
                "percent", "raised",
                "Hoger dan de beleidstabel (\(tablePercent)%) kan niet; alleen lager, met een reden.",
                "Higher than the policy table (\(tablePercent)%) is not possible; only lower, with a reason.")
        } else if p < 1 {
            fail(
                "percent", "tooLow", "Minstens 1%; wie geen verlaging wil, kiest ‘Geen maatregel’.",
                "At least 1%; for no reduction choose ‘No sanction’.")
        }
        if m > tableMonths {
            fail(
                "months", "raised",
                "Langer dan de beleidstabel (\(tableMonths == 1 ? "1 maand" : "\(tableMonths) maanden")) kan niet; alleen korter, met een reden.",
                "Longer than the policy table (\(tableMonths == 1 ? "1 month" : "\(tableMonths) months")) is not possible; only shorter, with a reason."
            )
        } else if m < 1 {
            fail("months", "tooLow", "Minstens 1 maand.", "At least 1 month.")
        }
        let why = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if p < tablePercent || m < tableMonths, (why ?? "").count < 10 {
            fail(
                "weighingReason", "required",
                "Leg in minstens 10 tekens uit welke omstandigheden van de inwoner de lagere maatregel rechtvaardigen.",
                "Explain in at least 10 characters which of the resident's circumstances justify the lower sanction.")
        }
        let note = urgentNote?.trimmingCharacters(in: .whitespacesAndNewlines)
        if urgentReasons == nil {
            fail(
                "urgentReasons", "required", "Leg vast of er dringende redenen zijn om van de maatregel af te zien.",
                "Record whether there are urgent reasons to refrain from the sanction.")
        } else if urgentReasons == .present, (note ?? "").count < 10 {
            fail(
                "urgentReasonsNote", "required", "Beschrijf in minstens 10 tekens welke dringende redenen er zijn.",
                "Describe in at least 10 characters which urgent reasons there are.")
        }
        guard problems.isEmpty, let urgentReasons else { throw Refusals(all: problems) }
        // Said in the letter as a sentence of its own.
        func sentence(_ s: String?) -> String? {
            guard let s, let last = s.last else { return s }
            return ".!?".contains(last) ? s : s + "."
        }
        return Weighing(
            tablePercent: tablePercent, tableMonths: tableMonths, percent: p, months: m,
            reason: (p < tablePercent || m < tableMonths) ? sentence(why) : nil, urgentReasons: urgentReasons,
            urgentNote: urgentReasons == .present ? sentence(note) : nil)
    }

    /// Who sends a letter and where an objection goes (from the municipality's set-up).
    public struct Sender: Sendable, Hashable {
        public var municipality: String
        public var signedBy: String
        public var objections: String?
        public init(municipality: String, signedBy: String, objections: String?) {
            self.municipality = municipality
            self.signedBy = signedBy
            self.objections = objections
        }
    }

    /// The letter to the resident: sender and date, the decision in plain language, and for a
    /// sanction the right to object with the address to send it to.
    public static func notification(
        givenName: String, agreement: String, approved: Bool, percent: Int, months: Int, decidedOn: CalendarDate,
        sender: Sender, weighing: Weighing? = nil
    ) -> LocalizedText {
        let head = (
            nl: "\(sender.municipality)\n\(decidedOn.long(.nl))\n\n",
            en: "\(sender.municipality)\n\(decidedOn.long(.en))\n\n"
        )
        let sign = (
            nl: "\n\nMet vriendelijke groet,\n\(sender.signedBy)\nnamens \(sender.municipality)",
            en: "\n\nKind regards,\n\(sender.signedBy)\non behalf of \(sender.municipality)"
        )
        guard approved else {
            return LocalizedText(
                nl: head.nl
                    + "Beste \(givenName),\n\nWe hebben gekeken naar de afspraak \(agreement) en naar wat u ons vertelde. We leggen geen maatregel op. We maken graag een nieuwe afspraak met u."
                    + sign.nl,
                en: head.en
                    + "Dear \(givenName),\n\nWe looked at the agreement \(agreement) and at what you told us. We impose no sanction. We would like to make a new agreement with you."
                    + sign.en)
        }
        let monthsNL = months == 1 ? "1 maand" : "\(months) maanden"
        let monthsEN = months == 1 ? "1 month" : "\(months) months"
        let whereNL =
            sender.objections.map { "Stuur uw bezwaar naar: \($0)." } ?? "Stuur uw bezwaar naar \(sender.municipality)."
        let whereEN =
            sender.objections.map { "Send your objection to: \($0)." }
            ?? "Send your objection to \(sender.municipality)."
        // How the decision was weighed: the table's measure when it was lowered, and the urgent reasons.
        var weighedNL = ""
        var weighedEN = ""
        if let w = weighing {
            if w.lowered, let reason = w.reason {
                let tm = (
                    nl: w.tableMonths == 1 ? "1 maand" : "\(w.tableMonths) maanden",
                    en: w.tableMonths == 1 ? "1 month" : "\(w.tableMonths) months"
                )
                weighedNL +=
                    "\n\nVolgens onze beleidsregels hoort hierbij een verlaging van \(w.tablePercent)% gedurende \(tm.nl). We hebben uw situatie meegewogen: \(reason) Daarom is de verlaging lager."
                weighedEN +=
                    "\n\nUnder our policy rules this comes with a reduction of \(w.tablePercent)% for \(tm.en). We weighed your situation: \(reason) That is why the reduction is lower."
            }
            switch w.urgentReasons {
            case .absent:
                weighedNL +=
                    "\n\nWe hebben ook bekeken of er dringende redenen zijn om van een verlaging af te zien. Die hebben we niet gevonden."
                weighedEN +=
                    "\n\nWe also looked at whether there are urgent reasons to refrain from a reduction. We found none."
            case .present:
                weighedNL +=
                    "\n\nWe hebben ook bekeken of er dringende redenen zijn om van een verlaging af te zien. Die zijn er: \(w.urgentNote ?? "") We hebben ze meegewogen in de hoogte en de duur van de verlaging."
                weighedEN +=
                    "\n\nWe also looked at whether there are urgent reasons to refrain from a reduction. There are: \(w.urgentNote ?? "") We weighed them in the size and the duration of the reduction."
            }
        }
        return LocalizedText(
            nl: head.nl
                + "Beste \(givenName),\n\nWe hadden met u afgesproken: \(agreement). Dat is niet gelukt, ook niet na onze herinnering en het gesprek dat we met u hadden. We hebben daarom besloten uw uitkering \(monthsNL) met \(percent)% te verlagen, vanaf de eerstvolgende betaling na \(decidedOn.long(.nl)).\(weighedNL)\n\nBent u het hier niet mee eens? Dan kunt u binnen zes weken na de datum van deze brief bezwaar maken. \(whereNL) Schrijf erin: uw naam en adres, de datum, over welk besluit het gaat en waarom u het er niet mee eens bent, en zet uw handtekening eronder. Uw klantmanager helpt u graag, ook om de afspraak alsnog na te komen."
                + sign.nl,
            en: head.en
                + "Dear \(givenName),\n\nWe agreed with you: \(agreement). This did not happen, also not after our reminder and the conversation we had with you. We have therefore decided to reduce your benefit by \(percent)% for \(monthsEN), from the first payment after \(decidedOn.long(.en)).\(weighedEN)\n\nIf you disagree, you can object within six weeks of the date of this letter. \(whereEN) Write in it: your name and address, the date, which decision it is about and why you disagree, and sign it. Your case manager is glad to help you, also to still keep the agreement."
                + sign.en)
    }
}
