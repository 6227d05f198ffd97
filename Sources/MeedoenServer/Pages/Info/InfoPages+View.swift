import MeedoenCore

extension InfoPages {
    /// The day this statement was last drawn up from the tests (change it when the tests change).
    static let statementDate = CalendarDate(year: 2026, month: 12, day: 2)!

    private static func page(_ title: String, _ lead: String, _ sections: [(String, [HTMLNode])]) -> HTMLNode {
        el(
            "article", [A("class", "info")],
            [el("h1", [], txt(title)), el("p", [A("class", "lead")], txt(lead))]
                + sections.map { heading, body in el("section", [], [el("h2", [], txt(heading))] + body) })
    }

    private static func p(_ s: String) -> HTMLNode { el("p", [], txt(s)) }
    private static func ul(_ items: [String]) -> HTMLNode { el("ul", [], items.map { el("li", [], txt($0)) }) }

    static func accessibilityView(_ v: ViewContext) -> HTMLNode {
        let t = v.t
        return page(
            t("Toegankelijkheidsverklaring", "Accessibility statement"),
            t(
                "Iedereen moet Meedoen kunnen gebruiken, ook wie slecht ziet, een toetsenbord of een schermlezer gebruikt, of op een telefoon werkt. De gemeente moet dat volgens het Besluit digitale toegankelijkheid overheid laten zien. Dit is de verklaring.",
                "Everyone must be able to use Meedoen, including people with poor sight, who use a keyboard or a screen reader, or who work on a phone. Under the Dutch government's digital accessibility decree the municipality must show this. This is the statement."
            ),
            [
                (
                    t("Status: voldoet gedeeltelijk", "Status: partially compliant"),
                    [
                        p(
                            t(
                                "Meedoen is gebouwd volgens de richtlijnen WCAG 2.1 op niveau AA. Onafhankelijk onderzoek door een deskundige is nog niet gedaan; daarom staat hier ‘voldoet gedeeltelijk’ en niet ‘voldoet volledig’.",
                                "Meedoen is built to the WCAG 2.1 guidelines at level AA. No independent expert audit has been done yet; that is why this says ‘partially compliant’ and not ‘fully compliant’."
                            ))
                    ]
                ),
                (
                    t("Hoe is het getest", "How it was tested"),
                    [
                        ul([
                            t(
                                "Bij elke wijziging loopt een echte browser de belangrijkste werkzaamheden van elke rol door en controleert elke pagina automatisch met axe-core (WCAG 2.1 A en AA), op een breed scherm en op telefoonbreedte (320 pixels).",
                                "With every change a real browser walks each role's main work and checks every page automatically with axe-core (WCAG 2.1 A and AA), on a wide screen and at phone width (320 pixels)."
                            ),
                            t(
                                "Alle formulieren werken met alleen een toetsenbord; fouten staan bij het veld en bovenaan de pagina, met een link naar het veld.",
                                "All forms work with a keyboard alone; errors are shown at the field and at the top of the page, with a link to the field."
                            ),
                            t(
                                "Grafieken hebben altijd een tabel met dezelfde cijfers ernaast.",
                                "Charts always have a table with the same figures next to them."),
                        ]),
                        p(
                            t(
                                "Laatst bijgewerkt op \(statementDate.long(.nl)).",
                                "Last updated on \(statementDate.long(.en)).")),
                    ]
                ),
                (
                    t("Wat nog niet goed is", "What is not right yet"),
                    [
                        p(
                            t(
                                "Grote tabellen (zoals de aantallen per stadsdeel) schuiven op een smal scherm zijwaarts binnen hun eigen kader.",
                                "Large tables (such as the counts per district) scroll sideways within their own frame on a narrow screen."
                            ))
                    ]
                ),
                (
                    t("Loopt u ergens tegenaan?", "Having trouble?"),
                    [
                        p(
                            t(
                                "Laat het ons weten via de contactpagina. We antwoorden binnen vijf werkdagen en helpen u intussen op een andere manier, bijvoorbeeld aan de balie of telefonisch.",
                                "Let us know through the contact page. We answer within five working days and help you another way meanwhile, for example at the counter or by phone."
                            )),
                        el("p", [], link("/contact", t("Naar contact", "To contact"))),
                    ]
                ),
            ])
    }

    static func privacyView(municipality m: MunicipalityFile?, _ v: ViewContext) -> HTMLNode {
        let t = v.t
        let name = m?.name ?? t("de gemeente", "the municipality")
        return page(
            t("Privacyverklaring", "Privacy statement"),
            t(
                "\(name) gebruikt Meedoen om inwoners te helpen aan werk of aan meedoen in de buurt. Hier leest u welke gegevens we daarvoor vastleggen, waarom, wie ze ziet, hoe lang we ze bewaren en wat uw rechten zijn.",
                "\(name) uses Meedoen to help residents into work or into taking part in the neighbourhood. Here you read which data we record for this, why, who sees it, how long we keep it and what your rights are."
            ),
            [
                (
                    t("Welke gegevens", "Which data"),
                    [
                        ul([
                            t(
                                "wie u bent: naam, burgerservicenummer (BSN), geboortedatum, adres, telefoon en e-mail;",
                                "who you are: name, citizen service number (BSN), date of birth, address, phone and e-mail;"
                            ),
                            t(
                                "uw uitkering, uw huishouden en de afspraken in uw plan;",
                                "your benefit, your household and the agreements in your plan;"),
                            t(
                                "hoe het met u gaat: de trede op de participatieladder en de zelfredzaamheid (ZRM);",
                                "how you are doing: the rung on the participation ladder and self-reliance (ZRM);"),
                            t(
                                "de trajecten waar u aan meedoet, vouchers, premies en, als het zover komt, een maatregel;",
                                "the programmes you take part in, vouchers, premiums and, if it comes to that, a sanction;"
                            ),
                            t(
                                "signalen over u, bijvoorbeeld van de balie of van buren.",
                                "signals about you, for example from the counter or from neighbours."),
                        ])
                    ]
                ),
                (
                    t("Waarom mag dat", "Why we may"),
                    [
                        p(
                            t(
                                "De gemeente moet dit doen volgens de Participatiewet (ondersteuning bij werk en meedoen) en de Wet maatschappelijke ondersteuning. Het BSN gebruiken we omdat de wet dat voorschrijft. De grondslag in de AVG is artikel 6 lid 1 onder c en e: een wettelijke plicht en een taak van algemeen belang.",
                                "The municipality must do this under the Participation Act (support into work and taking part) and the Social Support Act. We use the BSN because the law requires it. The basis in the GDPR is article 6(1)(c) and (e): a legal duty and a task in the public interest."
                            ))
                    ]
                ),
                (
                    t("Wie ziet uw gegevens", "Who sees your data"),
                    [
                        p(
                            t(
                                "Alleen wie u helpt: uw klantmanager en het team in uw stadsdeel, de aanbieder waar u naartoe verwezen bent (alleen wat die nodig heeft, zonder uw BSN of uitkering) en de stadsdeeltafel als uw situatie daar besproken wordt. Wie de begroting of de cijfers beheert, ziet geen namen. Elke keer dat iemand uw dossier opent of wijzigt, wordt vastgelegd wie, wanneer en waarom. U kunt dat zelf zien in Mijn Meedoen.",
                                "Only those who help you: your case manager and the team in your district, the provider you were referred to (only what it needs, without your BSN or benefit) and the district case table if your situation is discussed there. Those who manage the budget or the figures see no names. Every time someone opens or changes your file, who, when and why is recorded. You can see this yourself in My Meedoen."
                            ))
                    ]
                ),
                (
                    t("Hoe lang", "How long"),
                    [
                        p(
                            t(
                                "Zolang u begeleiding krijgt, en daarna zo lang als de Archiefwet en de Selectielijst gemeenten voorschrijven. Daarna worden de gegevens vernietigd.",
                                "As long as you receive support, and after that as long as the Archives Act and the municipal selection list prescribe. Then the data is destroyed."
                            ))
                    ]
                ),
                (
                    t("Uw rechten", "Your rights"),
                    [
                        ul([
                            t(
                                "Inzien: in Mijn Meedoen ziet u alles wat we over u vastleggen, en u kunt het downloaden.",
                                "See: in My Meedoen you see everything we record about you, and you can download it."),
                            t(
                                "Laten verbeteren of aanvullen als iets niet klopt; vraag het uw klantmanager.",
                                "Have it corrected or completed if something is wrong; ask your case manager."),
                            t(
                                "Bezwaar maken tegen het gebruik, en een klacht indienen bij de Autoriteit Persoonsgegevens.",
                                "Object to the use, and complain to the Dutch Data Protection Authority."),
                        ]),
                        p(
                            t(
                                "Vragen over privacy? Neem contact op met de functionaris gegevensbescherming van \(name) via de contactpagina.",
                                "Questions about privacy? Contact the data protection officer of \(name) through the contact page."
                            )),
                    ]
                ),
            ])
    }

    static func contactView(municipality m: MunicipalityFile?, _ v: ViewContext) -> HTMLNode {
        let t = v.t
        let name = m?.name ?? t("de gemeente", "the municipality")
        var general: [HTMLNode] = []
        if let phone = m?.phone { general.append(p(t("Bel \(phone).", "Call \(phone)."))) }
        if let website = m?.website { general.append(el("p", [], link(website, website))) }
        if general.isEmpty { general.append(p(t("Neem contact op met \(name).", "Contact \(name)."))) }
        let counters: [HTMLNode] = (m?.counters ?? []).map { c in
            el(
                "div", [A("class", "counter")],
                el("h3", [], txt(c.name)), p(c.address),
                ul(c.openingHours.map { Labels.openingHours($0, t) }))
        }
        return page(
            t("Contact", "Contact"),
            t(
                "Heeft u een vraag over werk, meedoen, uw plan of deze site? U kunt bellen of langskomen.",
                "Do you have a question about work, taking part, your plan or this site? You can call or drop by."),
            [
                (name, general),
                (
                    t("Langskomen", "Drop by"),
                    counters.isEmpty ? [p(t("Nog geen balies ingericht.", "No counters set up yet."))] : counters
                ),
            ])
    }

    static func helpView(municipality m: MunicipalityFile?, _ v: ViewContext) -> HTMLNode {
        let t = v.t
        return page(
            t("Hulp bij deze site", "Help with this site"),
            t(
                "Meedoen is de site waar u en de gemeente samen werken aan uw plan. Lukt iets niet? Hieronder staat hoe het werkt.",
                "Meedoen is the site where you and the municipality work on your plan together. Something not working? Here is how it works."
            ),
            [
                (
                    t("Inloggen", "Signing in"),
                    [
                        p(
                            t(
                                "Als inwoner logt u in met DigiD, of met de code uit de brief van de gemeente. Medewerkers loggen in met hun gebruikersnaam en wachtwoord, en zo nodig een tweede stap met een app.",
                                "As a resident you sign in with DigiD, or with the code from the municipality's letter. Staff sign in with their user name and password, and where needed a second step with an app."
                            )),
                        p(
                            t(
                                "Wachtwoord vergeten of code kwijt? Vraag het functioneel beheer van de gemeente (medewerkers) of de balie (inwoners) om een nieuwe.",
                                "Forgot your password or lost your code? Ask the municipality's administrators (staff) or the counter (residents) for a new one."
                            )),
                    ]
                ),
                (
                    t("Taal", "Language"),
                    [
                        p(
                            t(
                                "Rechtsboven kiest u Nederlands of Engels. De site onthoudt uw keuze.",
                                "At the top right you choose Dutch or English. The site remembers your choice."))
                    ]
                ),
                (
                    t("Iets niet gelukt?", "Something went wrong?"),
                    [
                        p(
                            t(
                                "Als een formulier niet klopt, staat bovenaan wat er mis is, met een link naar het veld. Wat u al had ingevuld blijft staan.",
                                "If a form is not right, what is wrong is shown at the top, with a link to the field. What you filled in stays."
                            )),
                        el("p", [], link("/contact", t("Nog vragen? Naar contact", "More questions? To contact"))),
                    ]
                ),
            ])
    }
}
