import Foundation
import MeedoenCore

extension LoginPage {
    /// The sign-in form: `token` is the form's double-submit token, `next` where to go after.
    static func view(
        token: String, next: String, username: String, errors: FieldErrors, notice: String? = nil, withDigiD: Bool,
        withStaffAccount: Bool = false, _ v: ViewContext
    ) -> HTMLNode {
        let t = v.t
        return el(
            "section", [A("class", "card narrow")],
            el("h1", [], txt(t("Aanmelden bij Meedoen", "Sign in to Meedoen"))),
            withStaffAccount
                ? el(
                    "div", [A("class", "oidc")],
                    el("h2", [], txt(t("Medewerker van de gemeente?", "Municipal staff?"))),
                    link(
                        "/login/medewerker",
                        t("Inloggen met uw gemeentelijk account", "Sign in with your municipal account"),
                        [A("class", "button")])) : .empty,
            notice.map { el("p", [A("class", "notice"), A("role", "status")], txt($0)) } ?? .empty,
            errorSummary(errors, t),
            el(
                "form",
                [
                    A("method", "post"),
                    A(
                        "action",
                        "/login?next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["/", "-"])) ?? "/")"
                    ),
                ],
                csrfField(token),
                textInput(
                    FormField(name: "username", label: t("Gebruikersnaam", "User name"), errors: errors),
                    value: username, required: true, autocomplete: "username"),
                textInput(
                    FormField(name: "password", label: t("Wachtwoord", "Password"), errors: FieldErrors()),
                    value: nil, type: "password", required: true, autocomplete: "current-password"),
                button(t("Aanmelden", "Sign in"))),
            el(
                "p", [],
                txt(
                    t(
                        "Een brief of bericht met een activeringscode gekregen? ",
                        "Received a letter or message with an activation code? ")),
                link("/activeren", t("Activeer uw account", "Activate your account"))),
            withDigiD
                ? el(
                    "div", [A("class", "oidc")], el("h2", [], txt(t("Inwoner?", "Resident?"))),
                    link(
                        "/login/oidc",
                        t("Inloggen met DigiD via de gemeente", "Sign in with DigiD through the municipality"),
                        [A("class", "button secondary")]))
                : el(
                    "p", [A("class", "hint")],
                    txt(
                        t(
                            "Bent u inwoner? Dan logt u in met DigiD via de website van de gemeente.",
                            "Are you a resident? Then you sign in with DigiD through the municipality's website."
                        ))),
            el(
                "p", [],
                link(
                    "/catalogus",
                    t(
                        "Bekijk zonder inloggen wat u kunt doen: werk, vrijwilligerswerk, dagbesteding",
                        "See without signing in what you can do: work, volunteering, day activities"))))
    }
}
