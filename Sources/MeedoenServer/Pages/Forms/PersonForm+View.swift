import Foundation
import MeedoenCore

extension PersonForm {

    /// Registering a resident (optionally from a signal).
    static func view(
        user: User, districts: [(String, String)], signal: UUID?, _ v: ViewContext, form: FormData? = nil,
        errors: FieldErrors = FieldErrors()
    ) -> HTMLNode {
        let t = v.t
        return el(
            "section", [A("class", "card form-card")],
            el("h1", [], txt(t("Inwoner registreren", "Register a resident"))),
            errorSummary(errors, t),
            el(
                "form", [A("method", "post"), A("action", "/personen"), A("novalidate", "")],
                csrfField(v.csrfToken),
                signal.map {
                    void("input", [A("type", "hidden"), A("name", "signaal"), A("value", $0.uuidString)])
                } ?? .empty,
                textInput(
                    FormField(
                        name: "bsn", label: "BSN",
                        hint: t(
                            "Negen cijfers; wordt gecontroleerd met de elfproef.",
                            "Nine digits; checked with the 11-test."), errors: errors),
                    value: form?["bsn"], required: true, extra: [A("inputmode", "numeric")]),
                textInput(
                    FormField(name: "givenName", label: t("Voornaam", "Given name"), errors: errors),
                    value: form?["givenName"], required: true, autocomplete: "off"),
                textInput(
                    FormField(name: "familyName", label: t("Achternaam", "Family name"), errors: errors),
                    value: form?["familyName"], required: true, autocomplete: "off"),
                textInput(
                    FormField(name: "birthDate", label: t("Geboortedatum", "Date of birth"), errors: errors),
                    value: form?["birthDate"], type: "date", required: true),
                selectInput(
                    FormField(name: "districtCode", label: t("Stadsdeel", "District"), errors: errors),
                    options: [("", t("— kies —", "— choose —"))] + districts,
                    selected: form?["districtCode"] ?? user.districtCode, required: true),
                selectInput(
                    FormField(name: "benefit", label: t("Uitkering", "Benefit"), errors: errors),
                    options: [("", t("— kies —", "— choose —"))]
                        + BenefitKind.allCases.map {
                            ($0.rawValue, t($0.label))
                        },
                    selected: form?["benefit"], required: true),
                selectInput(
                    FormField(
                        name: "civicIntegration", label: t("Inburgering", "Civic integration"), errors: errors),
                    options: [
                        ("none", t("geen", "none")), ("obliged", t("verplicht", "obliged")),
                        ("voluntary", t("vrijwillig", "voluntary")),
                    ],
                    selected: form?["civicIntegration"] ?? "none"),
                choiceGroup(
                    FormField(name: "circumstances", label: t("Omstandigheden", "Circumstances"), errors: errors),
                    options: Circumstance.allCases.map { ($0.rawValue, t($0.label)) },
                    selected: Set(form?.all("circumstances") ?? [])),
                choiceGroup(
                    FormField(name: "wishes", label: t("Wensen", "Wishes"), errors: errors),
                    options: Wish.allCases.map { ($0.rawValue, t($0.label)) },
                    selected: Set(form?.all("wishes") ?? [])),
                textInput(
                    FormField(name: "phone", label: t("Telefoon (optioneel)", "Phone (optional)"), errors: errors),
                    value: form?["phone"], type: "tel"),
                textInput(
                    FormField(name: "email", label: t("E-mail (optioneel)", "E-mail (optional)"), errors: errors),
                    value: form?["email"], type: "email"),
                button(t("Registreren", "Register"))))
    }
}
