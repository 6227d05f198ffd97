import MeedoenCore

extension CityGenerator {
    /// The money of one generated enrolment, committed at the start: spent pro rata to the days used and
    /// the rest released at the end — or, for an offer with a result-based contract, as the contract
    /// says (`ResultContract.atStart`, `atEnd`; a six-month check that is due draws from `checks`:
    /// about seven in ten still work).
    static func enrolmentMoney(
        _ i: Intervention, start: Int, plannedEnd: Int, endDay: Int?, outcome: EnrolmentOutcome?,
        today: CalendarDate, checks: inout SeededRandom
    ) -> (spent: Int, released: Int, stillOpen: Bool, result: String?, resultDue: String?) {
        guard let contract = i.contract else {
            let used = (endDay ?? today.dayNumber) - start
            let spent = min(i.priceCents, i.priceCents * max(0, used) / max(1, plannedEnd - start))
            return (spent, endDay == nil ? 0 : i.priceCents - spent, endDay == nil, nil, nil)
        }
        var spent = contract.atStart(priceCents: i.priceCents, spentCents: 0).payCents
        guard let endDay else { return (spent, 0, true, nil, nil) }
        let end = contract.atEnd(
            priceCents: i.priceCents, spentCents: spent, releasedCents: 0, outcome: outcome,
            start: CalendarDate(dayNumber: start), end: CalendarDate(dayNumber: endDay))
        spent += end.payCents
        var released = end.releaseCents
        var result = end.result
        if let due = end.checkDue, due <= today {
            let check = ResultContract.afterSixMonths(
                stillWorking: checks.int(100) < 70, openCents: i.priceCents - spent - released)
            spent += check.payCents
            released += check.releaseCents
            result = check.result
        }
        return (spent, released, result == "pending", result, end.checkDue?.iso)
    }
}
