import MeedoenCore
import Testing

@Suite("Registry") struct RegistryTests {
    @Test(arguments: ["111222333", "123456782", "999999990"])
    func validBSNsPassTheElevenTest(raw: String) throws {
        #expect(try BSN(raw).value == raw)
    }

    @Test func invalidBSNsAreRefusedWithTheReason() {
        #expect(throws: BSN.Problem.failsElevenTest) { try BSN("123456789") }
        #expect(throws: BSN.Problem.notNineDigits) { try BSN("12345678") }
        #expect(throws: BSN.Problem.notNineDigits) { try BSN("12345678a") }
        #expect(throws: BSN.Problem.notNineDigits) { try BSN("１２３４５６７８２") }
        #expect(throws: BSN.Problem.failsElevenTest) { try BSN("000000000") }
    }

    @Test func calendarDatesParseStrictlyAndCountAge() {
        #expect(CalendarDate(iso: "2024-02-29") != nil)
        #expect(CalendarDate(iso: "2023-02-29") == nil)
        #expect(CalendarDate(iso: "2023-2-01") == nil)
        #expect(CalendarDate(iso: "2023-13-01") == nil)
        let birth = CalendarDate(iso: "1998-11-28")!
        #expect(birth.age(on: CalendarDate(iso: "2026-11-27")!) == 27)
        #expect(birth.age(on: CalendarDate(iso: "2026-11-28")!) == 28)
        #expect(CalendarDate(iso: "2026-08-31")!.adding(months: 6).iso == "2027-02-28")
        let d = CalendarDate(iso: "2026-11-27")!
        #expect(CalendarDate(dayNumber: d.dayNumber) == d)
        #expect(CalendarDate(iso: "1970-01-01")!.dayNumber == 0)
    }

    @Test func languageFollowsAcceptLanguage() {
        #expect(Language.from(acceptLanguage: nil) == .nl)
        #expect(Language.from(acceptLanguage: "en-GB,en;q=0.9") == .en)
        #expect(Language.from(acceptLanguage: "nl-NL, en;q=0.5") == .nl)
        #expect(Language.from(acceptLanguage: "de") == .nl)
    }
}
