import Foundation
import MeedoenCore

extension SecondStepPage {
    static func codeField(_ errors: FieldErrors, _ t: Texts) -> HTMLNode {
        textInput(
            FormField(
                name: "code", label: t("Code", "Code"),
                hint: t(
                    "Zes cijfers uit uw authenticator-app, of een van uw herstelcodes.",
                    "Six digits from your authenticator app, or one of your recovery codes."), errors: errors),
            value: nil, required: true, autocomplete: "one-time-code", extra: [A("inputmode", "numeric")])
    }

    static func codeView(errors: FieldErrors, _ v: ViewContext) -> HTMLNode {
        let t = v.t
        return el(
            "section", [A("class", "card narrow")],
            el("h1", [], txt(t("Code uit de app", "Code from the app"))),
            el(
                "p", [],
                txt(
                    t(
                        "Uw wachtwoord klopt. Open uw authenticator-app en vul de code in die u daar ziet.",
                        "Your password is right. Open your authenticator app and enter the code it shows."))),
            errorSummary(errors, t, labels: ["code": t("Code", "Code")]),
            el(
                "form", [A("method", "post"), A("action", "/login/code"), A("novalidate", "")],
                csrfField(v.csrfToken), codeField(errors, t), button(t("Aanmelden", "Sign in"))))
    }

    static func enrolmentView(key: String, uri: String, errors: FieldErrors, _ v: ViewContext) -> HTMLNode {
        let t = v.t
        return el(
            "section", [A("class", "card narrow")],
            el("h1", [], txt(t("Tweede stap instellen", "Set up the second step"))),
            el(
                "p", [],
                txt(
                    t(
                        "Wie met persoonsgegevens werkt, meldt zich aan met een wachtwoord én een code uit een app op de telefoon (zoals Microsoft Authenticator, Google Authenticator of FreeOTP). Dat stelt u één keer in.",
                        "Whoever works with personal data signs in with a password and a code from an app on the phone (such as Microsoft Authenticator, Google Authenticator or FreeOTP). You set this up once."
                    ))),
            el(
                "ol", [],
                el(
                    "li", [],
                    txt(
                        t(
                            "Kies in de app: account toevoegen, sleutel invoeren.",
                            "In the app choose: add account, enter a key."))),
                el(
                    "li", [], txt(t("Typ deze sleutel over: ", "Type in this key: ")),
                    el("strong", [A("class", "code")], txt(key))),
                el(
                    "li", [],
                    txt(
                        t(
                            "Vul hieronder de code in die de app dan laat zien.",
                            "Enter below the code the app then shows.")))),
            el(
                "details", [],
                el("summary", [], txt(t("Adres voor de app (otpauth)", "Address for the app (otpauth)"))),
                el("p", [], el("code", [A("class", "token")], txt(uri)))),
            errorSummary(errors, t, labels: ["code": t("Code", "Code")]),
            el(
                "form", [A("method", "post"), A("action", "/login/tweede-stap"), A("novalidate", "")],
                csrfField(v.csrfToken), codeField(errors, t), button(t("Instellen en aanmelden", "Set up and sign in")))
        )
    }

    static func recoveryView(codes: [String], next: String, _ v: ViewContext) -> HTMLNode {
        let t = v.t
        return el(
            "section", [A("class", "card narrow")],
            el("h1", [], txt(t("Herstelcodes", "Recovery codes"))),
            el(
                "p", [],
                txt(
                    t(
                        "De tweede stap is ingesteld. Bewaar deze codes op een veilige plek: zonder telefoon meldt u zich met één ervan aan. Elke code werkt één keer; ze worden niet nog eens getoond.",
                        "The second step is set up. Keep these codes somewhere safe: without your phone you sign in with one of them. Each works once; they are not shown again."
                    ))),
            el("ul", [A("class", "codes")], codes.map { el("li", [], el("strong", [A("class", "code")], txt($0))) }),
            el("p", [], link(next, t("Verder", "Continue"), [A("class", "button")])))
    }
}
