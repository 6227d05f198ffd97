import Foundation
import MeedoenCore

extension ActivationPage {
    /// User name, the code from the letter, and the new password twice.
    static func view(form: FormData?, errors: FieldErrors, prefilledUser: String?, _ v: ViewContext) -> HTMLNode {
        let t = v.t
        return el(
            "section", [A("class", "card narrow")],
            el("h1", [], txt(t("Account activeren", "Activate your account"))),
            el(
                "p", [A("class", "lead")],
                txt(
                    t(
                        "U hebt van de gemeente een brief of bericht gekregen met uw gebruikersnaam en een activeringscode. Vul ze hier in en kies een wachtwoord.",
                        "The municipality sent you a letter or message with your user name and an activation code. Enter them here and choose a password."
                    ))),
            errorSummary(
                errors, t,
                labels: [
                    "code": t("Activeringscode", "Activation code"), "password": t("Nieuw wachtwoord", "New password"),
                    "passwordAgain": t("Nieuw wachtwoord nog een keer", "New password again"),
                ]),
            el(
                "form", [A("method", "post"), A("action", "/activeren"), A("novalidate", "")],
                csrfField(v.csrfToken),
                textInput(
                    FormField(name: "username", label: t("Gebruikersnaam", "User name"), errors: errors),
                    value: form?["username"] ?? prefilledUser, required: true, autocomplete: "username"),
                textInput(
                    FormField(
                        name: "code", label: t("Activeringscode", "Activation code"),
                        hint: t(
                            "Zoals in de brief: drie groepen van vier tekens.",
                            "As in the letter: three groups of four characters."),
                        errors: errors),
                    value: form?["code"], required: true, autocomplete: "one-time-code"),
                textInput(
                    FormField(
                        name: "password", label: t("Nieuw wachtwoord", "New password"),
                        hint: t(
                            "Minstens \(UserAdminService.minimumPasswordLength) tekens. Een zin van een paar woorden werkt goed.",
                            "At least \(UserAdminService.minimumPasswordLength) characters. A sentence of a few words works well."
                        ),
                        errors: errors),
                    value: nil, type: "password", required: true, autocomplete: "new-password"),
                textInput(
                    FormField(
                        name: "passwordAgain", label: t("Nieuw wachtwoord nog een keer", "New password again"),
                        errors: errors),
                    value: nil, type: "password", required: true, autocomplete: "new-password"),
                button(t("Activeren en aanmelden", "Activate and sign in"))))
    }
}
