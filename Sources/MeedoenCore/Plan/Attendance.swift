/// Attendance on a participation place or a trajectory, as the provider records it for a week.
/// Falling short of the agreed hours on an offer that comes with a duty is a missed agreement that
/// can start the enforcement steps, a reminder first (004 §4.3: "frequent en/of langdurig verzuim op
/// een participatieplaats wordt gesanctioneerd"). On an offer that is a right (Wmo) absence is noted
/// and nothing more: support there is voluntary (003).
public enum Attendance {
    public struct Shortfall: Sendable, Hashable {
        /// What the person agreed to, as the missed agreement states it.
        public var what: LocalizedText
        public var reason: Reason
    }

    /// The shortfall of one week's record (`hours` present, nil when not given), or nil when the week
    /// meets the agreement or the offer is a right.
    public static func shortfall(
        attended: Bool, hours: Int?, agreedHours: Int, basis: LegalBasis, offer: String, week: CalendarDate
    ) -> Shortfall? {
        guard basis == .duty, agreedHours > 0 else { return nil }
        let present = attended ? (hours ?? agreedHours) : 0
        guard present < agreedHours else { return nil }
        let day = (nl: week.long(.nl), en: week.long(.en))
        let what = LocalizedText(
            nl: "\(agreedHours) uur per week aanwezig zijn bij \(offer)",
            en: "Attend \(offer) \(agreedHours) hours a week")
        let reason =
            attended
            ? Reason(
                code: "attendance.fewerHours",
                nl:
                    "In de week van \(day.nl) was de inwoner \(present) van de \(agreedHours) afgesproken uren aanwezig.",
                en: "In the week of \(day.en) the resident was present \(present) of the \(agreedHours) agreed hours.")
            : Reason(
                code: "attendance.absent",
                nl: "In de week van \(day.nl) was de inwoner afwezig (\(agreedHours) uur afgesproken).",
                en: "In the week of \(day.en) the resident was absent (\(agreedHours) hours agreed).")
        return Shortfall(what: what, reason: reason)
    }
}
