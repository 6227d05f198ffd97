import MeedoenCore
import Testing

/// Issue 16, item 6: result-based provider contracts, in the domain's words.
@Suite("Result-based contracts") struct ResultContractTests {
    let toWork = ResultContract(resultPercent: 60, withinMonths: 12, results: [.exitToWork])
    let start = CalendarDate(year: 2026, month: 1, day: 5)!

    @Test func aProviderIsPaidTheStartPartAtTheStartAndTheRestOnlyForAResult() {
        #expect(toWork.startCents(300_000) == 120_000 && toWork.resultCents(300_000) == 180_000)
        #expect(toWork.atStart(priceCents: 300_000, spentCents: 0).payCents == 120_000)
        let worked = toWork.atEnd(
            priceCents: 300_000, spentCents: 120_000, releasedCents: 0, outcome: .exitToWork, start: start,
            end: CalendarDate(year: 2026, month: 9, day: 1)!)
        #expect(worked.payCents == 180_000 && worked.releaseCents == 0 && worked.result == "achieved")
        #expect(worked.reason.text.nl.contains("Resultaat binnen 12 maanden: uitstroom naar werk"))
    }

    @Test func anEarlyEndWithoutAResultReleasesTheResultPart() {
        let dropped = toWork.atEnd(
            priceCents: 300_000, spentCents: 120_000, releasedCents: 0, outcome: .dropOut, start: start,
            end: CalendarDate(year: 2026, month: 2, day: 1)!)
        #expect(dropped.payCents == 0 && dropped.releaseCents == 180_000 && dropped.result == "missed")
        // A step up is no result under a contract that pays for work only.
        let stepped = toWork.atEnd(
            priceCents: 300_000, spentCents: 120_000, releasedCents: 0, outcome: .stepUp, start: start,
            end: CalendarDate(year: 2026, month: 3, day: 1)!)
        #expect(stepped.result == "missed")
        // Work found after the term does not count.
        let late = toWork.atEnd(
            priceCents: 300_000, spentCents: 120_000, releasedCents: 0, outcome: .exitToWork, start: start,
            end: CalendarDate(year: 2027, month: 2, day: 1)!)
        #expect(late.result == "missed" && late.reason.text.nl.contains("na meer dan 12 maanden"))
        // Never started: nothing is paid at all.
        let never = toWork.atEnd(
            priceCents: 300_000, spentCents: 0, releasedCents: 0, outcome: nil, start: nil, end: start)
        #expect(never.payCents == 0 && never.releaseCents == 300_000)
    }

    @Test func stillWorkingAfterSixMonthsIsCheckedThenAndOnlyThenPaid() {
        let lasting = ResultContract(resultPercent: 50, withinMonths: 18, results: [.workingAfterSixMonths])
        let end = CalendarDate(year: 2026, month: 6, day: 1)!
        let pending = lasting.atEnd(
            priceCents: 500_000, spentCents: 250_000, releasedCents: 0, outcome: .exitToWork, start: start, end: end)
        #expect(pending.result == "pending" && pending.payCents == 0 && pending.releaseCents == 0)
        #expect(pending.checkDue == CalendarDate(year: 2026, month: 12, day: 1))
        #expect(ResultContract.afterSixMonths(stillWorking: true, openCents: 250_000).payCents == 250_000)
        #expect(ResultContract.afterSixMonths(stillWorking: false, openCents: 250_000).releaseCents == 250_000)
    }

    @Test func aContractSaysItsPartsInWordsAndIsValidated() {
        #expect(
            toWork.summary(price: 300_000).nl
                == "€1.200,00 bij de start, €1.800,00 bij een resultaat binnen 12 maanden: uitstroom naar werk")
        let bad = ResultContract(resultPercent: 0, withinMonths: 40, results: [])
        #expect(Set(bad.problems().map(\.entry)) == ["resultPercent", "withinMonths", "results"])
    }
}

@Suite("Weeks") struct WeekStartTests {
    @Test func everyDayOfAWeekHasItsMondayBeforeAndAfter1970() {
        // 30 November 2026 is a Monday; 1 January 1970 a Thursday; 31 December 1969 a Wednesday.
        let monday = CalendarDate(year: 2026, month: 11, day: 30)!
        for d in 0..<7 { #expect(CalendarDate(dayNumber: monday.dayNumber + d).weekStart == monday) }
        #expect(CalendarDate(year: 1970, month: 1, day: 1)!.weekStart == CalendarDate(year: 1969, month: 12, day: 29)!)
        #expect(
            CalendarDate(year: 1969, month: 12, day: 31)!.weekStart == CalendarDate(year: 1969, month: 12, day: 29)!)
    }
}
