/// A result-based contract with a provider for one offer (001 §2.7: "sturen … via de financiering op
/// resultaten, niet meer op inspanningen"; 002 table 2.2). Of the offer's price a part is paid at the
/// start and the rest only on a result within `withinMonths` of the start; an enrolment that ends
/// without one releases the result part back to the stream. Without a contract an offer is paid for
/// effort: pro rata to the days used (`Commitments.release`).
public struct ResultContract: Sendable, Codable, Hashable {
    /// What counts as a result.
    public enum Result: String, Sendable, Codable, CaseIterable, Hashable {
        /// The enrolment ends with an exit to work.
        case exitToWork
        /// The enrolment ends with a step up the ladder.
        case stepUp
        /// Still working six months after an exit to work (checked then by the case manager).
        case workingAfterSixMonths

        public var label: LocalizedText {
            switch self {
            case .exitToWork: .init(nl: "uitstroom naar werk", en: "exit to work")
            case .stepUp: .init(nl: "een stap omhoog op de ladder", en: "a step up the ladder")
            case .workingAfterSixMonths:
                .init(nl: "na zes maanden nog aan het werk", en: "still working after six months")
            }
        }
    }

    /// The part of the price paid on the result, in percent (the rest is paid at the start).
    public var resultPercent: Int
    /// The result counts when the enrolment ends with it within this many months of the start.
    public var withinMonths: Int
    public var results: [Result]

    public init(resultPercent: Int, withinMonths: Int, results: [Result]) {
        self.resultPercent = resultPercent
        self.withinMonths = withinMonths
        self.results = results
    }

    public func resultCents(_ price: Cents) -> Cents { price * resultPercent / 100 }
    public func startCents(_ price: Cents) -> Cents { price - resultCents(price) }

    /// The contract in words: "€1.200,00 bij de start, €1.800,00 bij een resultaat binnen 12 maanden: uitstroom naar werk".
    public func summary(price: Cents) -> LocalizedText {
        let kinds = (
            nl: results.map(\.label.nl).joined(separator: " of "), en: results.map(\.label.en).joined(separator: " or ")
        )
        return .init(
            nl:
                "\(Valve.euros(startCents(price))) bij de start, \(Valve.euros(resultCents(price))) bij een resultaat binnen \(withinMonths) maanden: \(kinds.nl)",
            en:
                "\(Valve.euros(startCents(price))) at the start, \(Valve.euros(resultCents(price))) on a result within \(withinMonths) months: \(kinds.en)"
        )
    }

    /// Everything wrong with the contract, each with the field it concerns.
    public func problems() -> [(entry: String, message: String)] {
        var out: [(String, String)] = []
        if !(1...100).contains(resultPercent) { out.append(("resultPercent", "must be between 1 and 100")) }
        if !(1...36).contains(withinMonths) { out.append(("withinMonths", "must be between 1 and 36")) }
        if results.isEmpty { out.append(("results", "name at least one result")) }
        if Set(results).count != results.count { out.append(("results", "names a result twice")) }
        return out
    }

    /// What the money does at one moment of an enrolment.
    public struct Settlement: Sendable, Hashable {
        /// To pay now (booked as spent).
        public var payCents: Cents
        /// Back to the stream.
        public var releaseCents: Cents
        /// `achieved`, `missed`, or `pending` (the six-month check is still to come); nil at the start.
        public var result: String?
        /// When the six-month check is due.
        public var checkDue: CalendarDate?
        public var reason: Reason
    }

    /// At the start the start part is paid.
    public func atStart(priceCents: Cents, spentCents: Cents) -> Settlement {
        let pay = max(0, startCents(priceCents) - spentCents)
        return Settlement(
            payCents: pay, releaseCents: 0, result: nil, checkDue: nil,
            reason: Reason(
                code: "contract.start", nl: "Gestart: het startdeel van \(Valve.euros(pay)) wordt betaald.",
                en: "Started: the start part of \(Valve.euros(pay)) is paid."))
    }

    /// At the end (or a refusal or withdrawal): the result part is paid on a result within the term,
    /// waits for the six-month check after an exit to work, or goes back to the stream.
    public func atEnd(
        priceCents: Cents, spentCents: Cents, releasedCents: Cents, outcome: EnrolmentOutcome?, start: CalendarDate?,
        end: CalendarDate
    ) -> Settlement {
        let open = priceCents - spentCents - releasedCents
        guard let start else {
            return Settlement(
                payCents: 0, releaseCents: open, result: nil, checkDue: nil,
                reason: Reason(
                    code: "contract.notStarted",
                    nl: "Niet gestart: de hele verplichting (\(Valve.euros(open))) komt terug in de stroom.",
                    en: "Not started: the whole commitment (\(Valve.euros(open))) goes back to the stream."))
        }
        let deadline = start.adding(months: withinMonths)
        let inTime = end <= deadline
        let term = (nl: "binnen \(withinMonths) maanden", en: "within \(withinMonths) months")
        func achieved(_ what: LocalizedText) -> Settlement {
            Settlement(
                payCents: open, releaseCents: 0, result: "achieved", checkDue: nil,
                reason: Reason(
                    code: "contract.achieved",
                    nl: "Resultaat \(term.nl): \(what.nl). Het resultaatdeel van \(Valve.euros(open)) wordt betaald.",
                    en: "Result \(term.en): \(what.en). The result part of \(Valve.euros(open)) is paid."))
        }
        if inTime, outcome == .exitToWork, results.contains(.exitToWork) {
            return achieved(Result.exitToWork.label)
        }
        if inTime, outcome == .stepUp, results.contains(.stepUp) { return achieved(Result.stepUp.label) }
        if inTime, outcome == .exitToWork, results.contains(.workingAfterSixMonths) {
            let due = end.adding(months: 6)
            return Settlement(
                payCents: 0, releaseCents: 0, result: "pending", checkDue: due,
                reason: Reason(
                    code: "contract.pending",
                    nl:
                        "Uitstroom naar werk: het resultaatdeel (\(Valve.euros(open))) blijft verplicht tot de controle op \(due.long(.nl)) of de inwoner dan nog werkt.",
                    en:
                        "Exit to work: the result part (\(Valve.euros(open))) stays committed until the check on \(due.long(.en)) that the resident still works."
                ))
        }
        // Without a result: the start part stays paid, the rest goes back.
        let keep = max(0, startCents(priceCents) - spentCents)
        let release = max(0, open - keep)
        let why =
            inTime
            ? (nl: "geen resultaat zoals het contract het noemt", en: "no result as the contract names it")
            : (nl: "na meer dan \(withinMonths) maanden", en: "after more than \(withinMonths) months")
        return Settlement(
            payCents: keep, releaseCents: release, result: "missed", checkDue: nil,
            reason: Reason(
                code: "contract.missed",
                nl: "Beëindigd, \(why.nl): het resultaatdeel van \(Valve.euros(release)) komt terug in de stroom.",
                en: "Ended, \(why.en): the result part of \(Valve.euros(release)) goes back to the stream."))
    }

    /// The six-month check after an exit to work: still working pays the result part, otherwise it
    /// goes back to the stream. `open` is what is still committed.
    public static func afterSixMonths(stillWorking: Bool, openCents: Cents) -> Settlement {
        stillWorking
            ? Settlement(
                payCents: openCents, releaseCents: 0, result: "achieved", checkDue: nil,
                reason: Reason(
                    code: "contract.stillWorking",
                    nl:
                        "Na zes maanden nog aan het werk: het resultaatdeel van \(Valve.euros(openCents)) wordt betaald.",
                    en: "Still working after six months: the result part of \(Valve.euros(openCents)) is paid."))
            : Settlement(
                payCents: 0, releaseCents: openCents, result: "missed", checkDue: nil,
                reason: Reason(
                    code: "contract.notWorking",
                    nl:
                        "Na zes maanden niet meer aan het werk: het resultaatdeel van \(Valve.euros(openCents)) komt terug in de stroom.",
                    en:
                        "Not working after six months: the result part of \(Valve.euros(openCents)) goes back to the stream."
                ))
    }
}
