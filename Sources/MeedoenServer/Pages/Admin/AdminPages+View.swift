import Foundation
import MeedoenCore

extension AdminPages {
    static func adminNav(_ t: Texts) -> HTMLNode {
        el(
            "nav", [A("class", "subnav"), A("aria-label", t("Beheer", "Administration"))],
            el(
                "ul", [],
                el("li", [], link("/beheer", t("Gebruikers", "Users"))),
                el("li", [], link("/beheer/organisaties", t("Organisaties", "Organisations"))),
                el("li", [], link("/beheer/aanbieders", t("Aanbieders", "Providers"))),
                el("li", [], link("/beheer/ondernemers", t("Ondernemers", "Businesses"))),
                el("li", [], link("/wegwijzer/beheer", t("Wegwijzers", "Guides")))))
    }

    /// How an account stands, in words: active, waiting for activation, or off.
    static func status(_ u: User, _ t: Texts) -> String {
        if !u.active { return t("uitgezet", "deactivated") }
        if u.invitationHash != nil { return t("wacht op activering", "awaiting activation") }
        if u.passwordHash == nil { return t("alleen API-token", "API token only") }
        return t("actief", "active")
    }

    /// The user form's labels for the error summary.
    static func userLabels(_ t: Texts) -> [String: String] {
        [
            "displayName": t("Naam", "Name"), "roles": t("Rollen", "Roles"), "team": t("Team", "Team"),
            "providerCode": t("Aanbieder", "Provider"), "businessCode": t("Onderneming", "Business"),
            "name": t("Waarvoor is het token?", "What is the token for?"), "days": t("Geldig (dagen)", "Valid (days)"),
            "active": t("Account", "Account"),
        ]
    }

    static func roleNames(_ u: User, _ t: Texts) -> String {
        u.roles.compactMap(Role.init(rawValue:)).map { t($0.label) }.joined(separator: ", ")
    }

    static func overviewView(_ m: Overview, _ v: ViewContext) -> HTMLNode {
        let t = v.t
        return el(
            "div", [],
            adminNav(t),
            el("h1", [], txt(t("Gebruikers", "Users"))),
            el(
                "p", [A("class", "lead")],
                txt(
                    t(
                        "\(m.municipality ?? "De gemeente"): \(Plural.of(m.accounts.count, "gebruiker", "gebruikers")), \(Plural.of(m.organisations, "organisatie", "organisaties")), \(Plural.of(m.providers, "aanbieder", "aanbieders")), \(Plural.of(m.businesses, "ondernemer", "ondernemers")). Als beheerder ziet u geen dossiers; elke wijziging wordt vastgelegd.",
                        "\(m.municipality ?? "The municipality"): \(Plural.of(m.accounts.count, "user", "users")), \(Plural.of(m.organisations, "organisation", "organisations")), \(Plural.of(m.providers, "provider", "providers")), \(Plural.of(m.businesses, "business", "businesses")). As an administrator you see no files; every change is recorded."
                    ))),
            el("p", [], link("/beheer/gebruikers/nieuw", t("Nieuwe gebruiker", "New user"), [A("class", "button")])),
            dataTable(
                [
                    t("Naam", "Name"), t("Gebruikersnaam", "User name"), t("Rollen", "Roles"),
                    t("Stadsdeel of organisatie", "District or organisation"), t("Status", "Status"),
                ],
                m.accounts.map { a in
                    [
                        el("td", [], link("/beheer/gebruikers/\(a.user.id!)", a.user.displayName)),
                        td(a.user.username), td(roleNames(a.user, t)),
                        td(
                            [
                                a.user.districtCode.map(m.districts.name), a.user.team, a.providerName, a.businessName,
                                a.user.roleSet.contains(.resident)
                                    ? (a.user.personID == nil
                                        ? t("nog niet gekoppeld aan een dossier", "not yet linked to a file")
                                        : t("gekoppeld aan eigen dossier", "linked to own file")) : nil,
                            ].compactMap { $0 }.joined(separator: " · ")),
                        td(status(a.user, t)),
                    ]
                }))
    }

    /// The fields of an account: who, which roles, and what the roles need.
    static func userFieldset(_ m: UserForm, form: FormData?, errors: FieldErrors, creating: Bool, _ t: Texts)
        -> [HTMLNode]
    {
        let a = m.account
        func value(_ name: String, _ current: String?) -> String? { form?[name] ?? current }
        let roles = form.map { Set($0.all("roles")) } ?? Set(a?.user.roles ?? [])
        return [
            creating
                ? textInput(
                    FormField(
                        name: "username", label: t("Gebruikersnaam", "User name"),
                        hint: t(
                            "Kleine letters, cijfers, punt of streepje; bijvoorbeeld k.jansen.",
                            "Lower-case letters, digits, dot or hyphen; e.g. k.jansen."),
                        errors: errors), value: value("username", nil), required: true) : .empty,
            textInput(
                FormField(name: "displayName", label: t("Naam", "Name"), errors: errors),
                value: value("displayName", a?.user.displayName), required: true),
            choiceGroup(
                FormField(name: "roles", label: t("Rollen", "Roles"), errors: errors),
                options: Role.allCases.map { ($0.rawValue, t($0.label)) }, selected: roles),
            selectInput(
                FormField(
                    name: "districtCode", label: t("Stadsdeel", "District"),
                    hint: t(
                        "Nodig voor klantmanagers, loketmedewerkers, bewonersadviseurs en tafelvoorzitters.",
                        "Needed for case managers, counter staff, resident advisers and case-table chairs."),
                    errors: errors),
                options: [("", "—")] + m.districts.pairs, selected: value("districtCode", a?.user.districtCode)),
            textInput(
                FormField(name: "team", label: t("Team (niet verplicht)", "Team (optional)"), errors: errors),
                value: value("team", a?.user.team)),
            selectInput(
                FormField(
                    name: "providerCode", label: t("Aanbieder (rol aanbieder)", "Provider (provider role)"),
                    errors: errors),
                options: [("", "—")] + m.providers.map { ($0.code, $0.name) },
                selected: value("providerCode", a?.providerCode)),
            selectInput(
                FormField(
                    name: "businessCode", label: t("Onderneming (rol ondernemer)", "Business (business role)"),
                    errors: errors),
                options: [("", "—")] + m.businesses.map { ($0.code, $0.name) },
                selected: value("businessCode", a?.businessCode)),
            creating || a?.user.roleSet.contains(.resident) == true && a?.user.personID == nil
                ? textInput(
                    FormField(
                        name: "bsn",
                        label: t("BSN (alleen voor een inwoner)", "Citizen service number (residents only)"),
                        hint: t(
                            "Het account wordt met dit BSN aan het dossier van de inwoner gekoppeld, nu of zodra zij is ingeschreven. U ziet het dossier zelf niet.",
                            "The account is linked to the resident's file by this number, now or once she is registered. You do not see the file."
                        ),
                        errors: errors), value: value("bsn", nil), extra: [A("inputmode", "numeric")]) : .empty,
        ]
    }

    static func userForm(_ m: UserForm, form: FormData?, errors: FieldErrors, _ v: ViewContext) -> HTMLNode {
        let t = v.t
        return el(
            "section", [A("class", "card form-card")],
            el("p", [A("class", "breadcrumb")], link("/beheer", t("← Gebruikers", "← Users"))),
            el("h1", [], txt(t("Nieuwe gebruiker", "New user"))),
            el(
                "p", [A("class", "lead")],
                txt(
                    t(
                        "De gebruiker krijgt een activeringscode waarmee hij of zij zelf een wachtwoord kiest. U kiest geen wachtwoord voor een ander.",
                        "The user gets an activation code with which they choose their own password. You do not choose a password for someone else."
                    ))),
            errorSummary(errors, t, labels: userLabels(t)),
            el(
                "form", [A("method", "post"), A("action", "/beheer/gebruikers"), A("novalidate", "")],
                [csrfField(v.csrfToken)] + userFieldset(m, form: form, errors: errors, creating: true, t)
                    + [button(t("Gebruiker aanmaken", "Create user"))]))
    }

    static func userPage(_ m: UserForm, form: FormData?, errors: FieldErrors, issuedToken: String?, _ v: ViewContext)
        -> HTMLNode
    {
        let t = v.t
        let a = m.account!
        let u = a.user
        let active = form.map { $0["active"] == "true" } ?? u.active
        return el(
            "div", [],
            el("p", [A("class", "breadcrumb")], link("/beheer", t("← Gebruikers", "← Users"))),
            el("h1", [], txt(u.displayName)),
            el(
                "p", [A("class", "lead")],
                txt("\(u.username) · \(roleNames(u, t)) · \(status(u, t))")),
            issuedToken.map { token in
                el(
                    "section", [A("class", "notice ok"), A("role", "status")],
                    el("h2", [], txt(t("Nieuw API-token", "New API token"))),
                    el(
                        "p", [],
                        txt(
                            t(
                                "Kopieer het nu: het wordt niet nog eens getoond en niet bewaard, alleen een controlegetal ervan.",
                                "Copy it now: it is not shown again and not stored, only a checksum of it."))),
                    el("p", [], el("code", [A("class", "token")], txt(token))))
            } ?? .empty,
            el(
                "section", [A("class", "card form-card")],
                el("h2", [], txt(t("Gegevens en rollen", "Details and roles"))),
                errorSummary(errors, t, labels: userLabels(t)),
                el(
                    "form", [A("method", "post"), A("action", "/beheer/gebruikers/\(u.id!)"), A("novalidate", "")],
                    [csrfField(v.csrfToken)] + userFieldset(m, form: form, errors: errors, creating: false, t) + [
                        choiceGroup(
                            FormField(name: "active", label: t("Account", "Account"), errors: errors), type: "radio",
                            options: [
                                ("true", t("aan", "on")),
                                (
                                    "false",
                                    t("uit (ook alle tokens worden ingetrokken)", "off (all tokens are revoked too)")
                                ),
                            ], selected: [active ? "true" : "false"]),
                        button(t("Opslaan", "Save")),
                    ])),
            el(
                "section", [A("class", "card")],
                el("h2", [], txt(t("Wachtwoord", "Password"))),
                el(
                    "p", [],
                    txt(
                        t(
                            "Vergeten of uitgelekt? Zet het wachtwoord terug: het oude werkt dan niet meer, en de gebruiker krijgt een nieuwe activeringscode.",
                            "Forgotten or leaked? Reset it: the old one stops working and the user gets a new activation code."
                        ))),
                el(
                    "form", [A("method", "post"), A("action", "/beheer/gebruikers/\(u.id!)/wachtwoord")],
                    csrfField(v.csrfToken), button(t("Wachtwoord terugzetten", "Reset password"), secondary: true)),
                el(
                    "p", [],
                    txt(
                        u.totpConfirmedAt == nil
                            ? t("Tweede stap (app): niet ingesteld.", "Second step (app): not set up.")
                            : t(
                                "Tweede stap (app): ingesteld. Telefoon kwijt? Wis de tweede stap; bij de volgende aanmelding stelt de gebruiker hem opnieuw in.",
                                "Second step (app): set up. Phone lost? Clear it; at the next sign-in the user sets it up again."
                            ))),
                u.totpConfirmedAt == nil
                    ? .empty
                    : el(
                        "form", [A("method", "post"), A("action", "/beheer/gebruikers/\(u.id!)/tweede-stap")],
                        csrfField(v.csrfToken),
                        button(t("Tweede stap wissen", "Clear the second step"), secondary: true))),
            el(
                "section", [A("class", "card")],
                el("h2", [], txt(t("API-tokens", "API tokens"))),
                m.tokens.isEmpty
                    ? el("p", [], txt(t("Geen tokens.", "No tokens.")))
                    : dataTable(
                        [t("Waarvoor", "What for"), t("Gemaakt", "Created"), t("Geldig tot", "Valid until"), ""],
                        m.tokens.map { token in
                            [
                                td(token.name ?? t("(zonder naam)", "(no name)")),
                                td(token.createdAt.map { DateFormatting.long($0, v.language) } ?? ""),
                                td(
                                    token.expiresAt.map { DateFormatting.long($0, v.language) }
                                        ?? t("onbeperkt", "no expiry")),
                                el(
                                    "td", [],
                                    el(
                                        "form",
                                        [
                                            A("method", "post"),
                                            A("action", "/beheer/gebruikers/\(u.id!)/tokens/\(token.id!)/intrekken"),
                                        ],
                                        csrfField(v.csrfToken), button(t("Intrekken", "Revoke"), secondary: true))),
                            ]
                        }),
                el(
                    "form",
                    [A("method", "post"), A("action", "/beheer/gebruikers/\(u.id!)/tokens"), A("novalidate", "")],
                    csrfField(v.csrfToken),
                    textInput(
                        FormField(
                            name: "name", label: t("Waarvoor is het token?", "What is the token for?"),
                            hint: t(
                                "Bijvoorbeeld: koppeling met het betaalsysteem.",
                                "For example: the link with the payment system."),
                            errors: errors), value: form?["name"], required: true),
                    textInput(
                        FormField(
                            name: "days", label: t("Geldig (dagen, 1 tot 365)", "Valid (days, 1 to 365)"),
                            errors: errors),
                        value: form?["days"] ?? String(UserAdminService.defaultTokenDays), type: "number",
                        extra: [A("min", "1"), A("max", String(UserAdminService.maxTokenDays))]),
                    button(t("Token maken", "Create token")))))
    }

    /// The activation code, once; for a resident a letter to print and send.
    static func invitationView(
        _ a: UserAdminService.Account, code: String?, expires: Date?, municipality: MunicipalityFile?, address: String,
        _ v: ViewContext
    ) -> HTMLNode {
        let t = v.t
        let u = a.user
        guard let code else {
            return el(
                "section", [A("class", "card")], el("h1", [], txt(u.displayName)),
                el("p", [], txt(t("Het account is aangemaakt.", "The account has been created."))),
                el("p", [], link("/beheer/gebruikers/\(u.id!)", t("Naar de gebruiker", "To the user"))))
        }
        let until = expires.map { DateFormatting.long($0, v.language) } ?? ""
        return el(
            "div", [],
            el(
                "p", [A("class", "breadcrumb no-print")],
                link("/beheer/gebruikers/\(u.id!)", t("← Naar de gebruiker", "← To the user"))),
            el(
                "section", [A("class", "notice ok no-print"), A("role", "status")],
                el(
                    "p", [],
                    txt(
                        t(
                            "Geef deze code alleen aan \(u.displayName) zelf. Hij wordt niet nog eens getoond en werkt tot en met \(until).",
                            "Give this code to \(u.displayName) only. It is not shown again and works until \(until)."
                        )))),
            el(
                "article", [A("class", "card letter")],
                el("p", [], txt(municipality?.name ?? "")),
                el("p", [], txt(t("Aan: \(u.displayName)", "To: \(u.displayName)"))),
                el("h1", [], txt(t("Uw account bij Meedoen", "Your Meedoen account"))),
                el(
                    "p", [],
                    txt(
                        t(
                            u.roleSet.contains(.resident)
                                ? "Met dit account ziet u uw eigen gegevens, afspraken en vouchers, en kunt u zelf activiteiten doorgeven."
                                : "Met dit account werkt u in Meedoen.",
                            u.roleSet.contains(.resident)
                                ? "With this account you see your own details, agreements and vouchers, and you can report activities yourself."
                                : "With this account you work in Meedoen."))),
                el(
                    "ol", [],
                    el(
                        "li", [], txt(t("Ga naar ", "Go to ")), el("strong", [], txt(address)),
                        txt(t(" (Account activeren).", " (Activate your account)."))),
                    el(
                        "li", [], txt(t("Vul uw gebruikersnaam in: ", "Enter your user name: ")),
                        el("strong", [], txt(u.username))),
                    el(
                        "li", [], txt(t("Vul de activeringscode in: ", "Enter the activation code: ")),
                        el("strong", [A("class", "code")], txt(code))),
                    el(
                        "li", [],
                        txt(
                            t(
                                "Kies een wachtwoord van minstens 12 tekens.",
                                "Choose a password of at least 12 characters.")))),
                el(
                    "p", [],
                    txt(
                        t(
                            "De code werkt één keer, tot en met \(until). Hebt u deze brief niet zelf aangevraagd of werkt de code niet? Neem contact op met \(contact(u, municipality, .nl)).",
                            "The code works once, until \(until). Did you not ask for this letter, or does the code not work? Contact \(contact(u, municipality, .en))."
                        )))))
    }

    /// Whom the holder of a letter contacts: a resident her counter, staff the administrators.
    static func contact(_ u: User, _ m: MunicipalityFile?, _ language: MeedoenCore.Language) -> String {
        guard u.roleSet.contains(.resident) else {
            return language == .nl ? "functioneel beheer van Meedoen" : "the Meedoen administrators"
        }
        let counter = m?.counters.first { $0.district == u.districtCode } ?? m?.counters.first
        return counter.map { "\($0.name), \($0.address)" } ?? (language == .nl ? "de gemeente" : "the municipality")
    }

    static func organisationsView(_ m: Organisations, form: FormData?, errors: FieldErrors, _ v: ViewContext)
        -> HTMLNode
    {
        let t = v.t
        func value(_ name: String) -> String? { form?[name] }
        var fields: [HTMLNode] = [
            textInput(
                FormField(
                    name: "code", label: t("Code", "Code"),
                    hint: t(
                        "Kleine letters, cijfers en streepjes, bijvoorbeeld woonstad-zuidoost.",
                        "Lower-case letters, digits and hyphens, e.g. woonstad-zuidoost."),
                    errors: errors), value: value("code"), required: true),
            textInput(
                FormField(name: "name", label: t("Naam", "Name"), errors: errors), value: value("name"), required: true),
        ]
        switch m.kind {
        case .organisations:
            fields += [
                selectInput(
                    FormField(name: "kind", label: t("Soort", "Kind"), errors: errors),
                    options: [("", "—")] + OrganisationKind.allCases.map { ($0.rawValue, t($0.label)) },
                    selected: value("kind")),
                textInput(
                    FormField(name: "contact", label: t("Contact", "Contact"), errors: errors), value: value("contact")),
                selectInput(
                    FormField(
                        name: "districtCode", label: t("Stadsdeel (niet verplicht)", "District (optional)"),
                        errors: errors),
                    options: [("", "—")] + m.districts.pairs, selected: value("districtCode")),
            ]
        case .providers:
            fields.append(
                textInput(
                    FormField(name: "contact", label: t("Contact", "Contact"), errors: errors), value: value("contact"))
            )
        case .businesses:
            fields += [
                textInput(
                    FormField(name: "address", label: t("Adres", "Address"), errors: errors), value: value("address")),
                selectInput(
                    FormField(
                        name: "districtCode", label: t("Stadsdeel (niet verplicht)", "District (optional)"),
                        errors: errors),
                    options: [("", "—")] + m.districts.pairs, selected: value("districtCode")),
            ]
        }
        return el(
            "div", [],
            adminNav(t),
            el("h1", [], txt(m.title(t))),
            m.rows.isEmpty
                ? el("p", [], txt(t("Nog geen.", "None yet.")))
                : dataTable(
                    [t("Naam", "Name"), t("Code", "Code"), t("Bijzonderheden", "Details")],
                    m.rows.map { [td($0.name), td($0.code), td($0.detail)] }),
            el(
                "section", [A("class", "card form-card")],
                el("h2", [], txt(t("Toevoegen", "Add"))),
                errorSummary(
                    errors, t,
                    labels: ["code": t("Code", "Code"), "name": t("Naam", "Name"), "contact": t("Contact", "Contact")]),
                el(
                    "form", [A("method", "post"), A("action", "/beheer/\(m.kind.rawValue)"), A("novalidate", "")],
                    [csrfField(v.csrfToken)] + fields + [button(t("Toevoegen", "Add"))])))
    }
}
