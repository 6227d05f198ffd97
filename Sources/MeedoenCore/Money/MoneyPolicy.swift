import Foundation

/// Money rules as data (`Policies/money/*.json`): the funding streams, the incentives with their
/// amounts and caps, the voucher rate, and the sanction table. Validated at load.
public struct MoneyPolicy: Sendable, Codable, Hashable, PolicyDocument {
    public struct StreamSpec: Sendable, Codable, Hashable {
        public var code: String
        public var nl: String
        public var en: String
        public init(code: String, nl: String, en: String) {
            self.code = code
            self.nl = nl
            self.en = en
        }
    }

    /// One row of the sanction table: a kind of violation, and per occurrence the reduction.
    public struct SanctionRule: Sendable, Codable, Hashable {
        public struct Step: Sendable, Codable, Hashable {
            public var percent: Int
            public var months: Int
            public init(percent: Int, months: Int) {
                self.percent = percent
                self.months = months
            }
        }
        public var code: String
        public var nl: String
        public var en: String
        /// First, second, third (and later) occurrence within `recidivismMonths`.
        public var steps: [Step]
        public init(code: String, nl: String, en: String, steps: [Step]) {
            self.code = code
            self.nl = nl
            self.en = en
            self.steps = steps
        }
    }

    public var id: String
    public var version: String
    public var streams: [StreamSpec]
    /// Outflow bonus on exit to paid work (once per enrolment).
    public var outflowBonusCents: Cents
    /// Activation premium once an enrolment has run (started) — once per enrolment.
    public var activationPremiumCents: Cents
    /// Participant allowance: the sum per trajectory stays at or below this (source document 003: €1,250).
    public var participantAllowanceCapCents: Cents
    /// The statutory gross minimum wage per hour; a performance allowance must stay below it.
    public var minimumWageHourlyCents: Cents
    /// Benefit norms and the net minimum wage per month, with the dates they apply from.
    public var incomeNorms: [IncomeNorms]
    /// Participation vouchers: the rate per hour of registered activity.
    public var voucherRateCentsPerHour: Cents
    /// Vouchers not spent expire at the end of the year in which they were earned (FIFO).
    public var vouchersExpireAtYearEnd: Bool
    public var recidivismMonths: Int
    public var sanctions: [SanctionRule]

    public func stream(_ code: String) -> StreamSpec? { streams.first { $0.code == code } }
    public func sanction(_ code: String) -> SanctionRule? { sanctions.first { $0.code == code } }

    public func validate(file: String) throws(PolicyError) {
        guard !streams.isEmpty else {
            throw PolicyError(file: file, entry: "streams", message: "at least one funding stream")
        }
        var seen = Set<String>()
        for s in streams {
            guard !s.code.isEmpty, s.code.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
                throw PolicyError(
                    file: file, entry: "streams.\(s.code)", message: "code must be letters, digits or '-'")
            }
            guard seen.insert(s.code).inserted else {
                throw PolicyError(file: file, entry: "streams.\(s.code)", message: "duplicate code")
            }
        }
        for (name, v) in [
            ("outflowBonusCents", outflowBonusCents), ("activationPremiumCents", activationPremiumCents),
            ("participantAllowanceCapCents", participantAllowanceCapCents),
            ("voucherRateCentsPerHour", voucherRateCentsPerHour),
        ] {
            guard (0...10_000_000).contains(v) else {
                throw PolicyError(file: file, entry: name, message: "must be 0 to 10,000,000 cents")
            }
        }
        guard (100...10_000).contains(minimumWageHourlyCents) else {
            throw PolicyError(file: file, entry: "minimumWageHourlyCents", message: "must be 100-10,000 cents per hour")
        }
        try IncomeNorms.validate(incomeNorms, file: file)
        guard (1...60).contains(recidivismMonths) else {
            throw PolicyError(file: file, entry: "recidivismMonths", message: "must be 1-60")
        }
        guard !sanctions.isEmpty else {
            throw PolicyError(file: file, entry: "sanctions", message: "at least one sanction rule")
        }
        var codes = Set<String>()
        for r in sanctions {
            guard codes.insert(r.code).inserted else {
                throw PolicyError(file: file, entry: "sanctions.\(r.code)", message: "duplicate code")
            }
            guard !r.steps.isEmpty else {
                throw PolicyError(file: file, entry: "sanctions.\(r.code).steps", message: "at least one step")
            }
            for (n, s) in r.steps.enumerated() {
                guard (1...100).contains(s.percent), (1...12).contains(s.months) else {
                    throw PolicyError(
                        file: file, entry: "sanctions.\(r.code).steps[\(n)]", message: "percent 1-100 and months 1-12")
                }
            }
        }
    }
}

/// A commitment's end: what of the price stays committed and what is released.
public enum Commitments {
    public struct Release: Sendable, Hashable {
        /// Money that stays with the enrolment (for the provider's final invoice).
        public var keptCents: Cents
        /// Money that goes back to the stream.
        public var releasedCents: Cents
        public var reason: Reason
    }

    /// An enrolment ends (or is refused or withdrawn). Before a start nothing is kept beyond what was
    /// already spent. After a start the price is kept pro rata to the days used of the planned duration
    /// (rounded up to the cent, at least what was spent, at most the price); the rest is released.
    public static func release(
        amountCents: Cents, spentCents: Cents, releasedCents: Cents, start: CalendarDate?, plannedEnd: CalendarDate?,
        end: CalendarDate?
    ) -> Release {
        let open = amountCents - releasedCents
        guard let start, let plannedEnd, let end, plannedEnd.dayNumber > start.dayNumber else {
            let kept = min(open, spentCents)
            return Release(
                keptCents: kept, releasedCents: max(0, open - kept),
                reason: Reason(
                    code: "commitment.releaseAll",
                    nl: "Niet gestart: de hele verplichting (\(Valve.euros(open - kept))) komt terug in de stroom.",
                    en: "Not started: the whole commitment (\(Valve.euros(open - kept))) goes back to the stream."))
        }
        let planned = plannedEnd.dayNumber - start.dayNumber
        let used = min(max(0, end.dayNumber - start.dayNumber), planned)
        let proRata = (amountCents * used + planned - 1) / planned  // rounded up
        let kept = min(open, max(spentCents, proRata))
        let released = max(0, open - kept)
        return Release(
            keptCents: kept, releasedCents: released,
            reason: Reason(
                code: "commitment.proRata",
                nl:
                    "\(used) van \(planned) dagen gebruikt: \(Valve.euros(kept)) blijft, \(Valve.euros(released)) komt terug in de stroom.",
                en:
                    "\(used) of \(planned) days used: \(Valve.euros(kept)) stays, \(Valve.euros(released)) goes back to the stream."
            ))
    }
}
