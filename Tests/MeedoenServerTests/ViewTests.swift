import Foundation
import MeedoenCore
import Testing

@testable import MeedoenServer

/// Views rendered from their values alone: no server, no database.
@Suite("Views without a server") struct ViewTests {
    @Test func theLayoutShowsTheSavedMessageOnceAndEscapesContent() {
        let layout = Layout(
            title: "Dossier", user: nil, language: .nl, csrf: nil, path: "/personen", flash: "De trede is vastgelegd.")
        let html = layout.render(el("p", [], txt("<script>alert(1)</script>")))
        #expect(html.contains(#"<html lang="nl">"#))
        #expect(html.contains(#"role="status">De trede is vastgelegd.</p>"#))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script>alert"))
        let plain = Layout(title: "Dossier", user: nil, language: .en, csrf: nil, path: "/").render(.empty)
        #expect(!plain.contains("flash") && plain.contains(#"<html lang="en">"#))
    }

    @Test func aFormFieldCarriesItsErrorAndTheSummaryLinksToIt() {
        var errors = FieldErrors()
        errors.messages = [("bsn", "Dit is geen geldig BSN.")]
        let t = Texts(language: .nl)
        let field = textInput(FormField(name: "bsn", label: "BSN", errors: errors), value: "12\"3", required: true)
        let summary = errorSummary(errors, t).render()
        let input = field.render()
        #expect(summary.contains(##"href="#f-bsn""##) && summary.contains("Dit is geen geldig BSN."))
        #expect(input.contains(#"id="f-bsn""#) && input.contains(#"aria-invalid="true""#), "\(input)")
        #expect(input.contains("12&quot;3"), "what was typed, escaped: \(input)")
    }

    @Test func theTrendChartIsAnAccessibleSVG() {
        let svg = TrendChart.svg(
            id: "t", title: "Uitstroom <naar> werk", years: [2025, 2026, 2027], actual: [10, nil, 30],
            target: [20, 25, 30])
        #expect(svg.hasPrefix("<svg") && svg.contains(#"role="img""#))
        #expect(svg.contains("Uitstroom &lt;naar&gt; werk"))
    }
}
