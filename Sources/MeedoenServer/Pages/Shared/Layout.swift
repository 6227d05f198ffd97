import MeedoenCore
import Plot
import Vapor

/// The page shell every page uses: skip link, header with navigation and language switch, main, footer.
struct Layout {
    var title: String
    var user: User?
    var language: MeedoenCore.Language
    var csrf: String?
    var path: String
    /// What the last form saved, shown once at the top of the next page.
    var flash: String? = nil
    /// The municipality's name and whether it has a logo (after `meedoen setup`).
    var municipality: (name: String, hasLogo: Bool)? = nil
    /// The address of this page by GET in the other language: the language switch reloads it.
    var switchHref: String = "?lang=en"
    /// The page shows a form's errors: the title says so first ("Fout: …", WCAG 3.3.1).
    var hasErrors = false

    func render(_ content: HTMLNode) -> String {
        let t = Texts(language: language)
        let other: MeedoenCore.Language = language == .nl ? .en : .nl
        let publicNav: [HTMLNode] = [
            el(
                "li", [],
                link(
                    "/catalogus", t("Aanbod", "Services"),
                    path.hasPrefix("/catalogus") ? [A("aria-current", "page")] : [])),
            el(
                "li", [],
                link(
                    "/wegwijzer", t("Wegwijzer", "Guide"),
                    path.hasPrefix("/wegwijzer") ? [A("aria-current", "page")] : [])),
            el(
                "li", [],
                link("/login", t("Inloggen", "Sign in"), path.hasPrefix("/login") ? [A("aria-current", "page")] : [])),
        ]
        let nav: [HTMLNode] =
            user == nil
            ? publicNav
            : [
                user!.roleSet == [.resident]
                    ? el(
                        "li", [],
                        link(
                            "/mijn-meedoen", t("Mijn Meedoen", "My Meedoen"),
                            path.hasPrefix("/mijn-meedoen") ? [A("aria-current", "page")] : []))
                    : user!.roleSet.isDisjoint(with: [.caseManager, .counter, .residentAdviser, .caseTableChair])
                        ? .empty  // their home is their own list (referrals, budget, monitor, …), already in the menu
                        : el(
                            "li", [],
                            link(
                                "/mijn-werk", t("Mijn werk", "My work"),
                                path.hasPrefix("/mijn-werk") ? [A("aria-current", "page")] : [])),
                user!.roleSet.isDisjoint(with: [.counter, .residentAdviser, .caseManager, .caseTableChair])
                    ? .empty
                    : el(
                        "li", [],
                        link(
                            "/signalen", t("Signalen", "Signals"),
                            path.hasPrefix("/signalen") ? [A("aria-current", "page")] : [])),
                user!.roleSet.contains(.residentAdviser)
                    ? el(
                        "li", [],
                        link(
                            "/adressen", t("Adressen", "Addresses"),
                            path.hasPrefix("/adressen") ? [A("aria-current", "page")] : [])) : .empty,
                user!.roleSet.isDisjoint(with: [.caseManager, .counter, .residentAdviser])
                    ? .empty
                    : el(
                        "li", [],
                        link(
                            "/personen/nieuw", t("Inwoner registreren", "Register resident"),
                            path == "/personen/nieuw" ? [A("aria-current", "page")] : [])),
                user!.roleSet.isDisjoint(with: [.caseManager, .caseTableChair, .provider])
                    ? .empty
                    : el(
                        "li", [],
                        link(
                            "/verwijzingen", t("Verwijzingen", "Referrals"),
                            path.hasPrefix("/verwijzingen") ? [A("aria-current", "page")] : [])),
                !user!.viewer.isProfessional
                    ? el(
                        "li", [],
                        link(
                            "/catalogus", t("Aanbod", "Services"),
                            path.hasPrefix("/catalogus") ? [A("aria-current", "page")] : []))
                    : el(
                        "li", [],
                        link(
                            "/aanbod", t("Aanbod", "Catalogue"),
                            path.hasPrefix("/aanbod") && !path.contains("wachtlijst") ? [A("aria-current", "page")] : []
                        )),
                user!.roleSet.isDisjoint(with: [.caseManager, .caseTableChair])
                    ? .empty
                    : el("li", [], link("/aanbod?wachtlijst=1", t("Wachtlijsten", "Waiting lists"))),
                user!.roleSet.isDisjoint(with: [.budgetHolder, .analyst])
                    ? .empty
                    : el(
                        "li", [],
                        link(
                            "/begroting", t("Begroting", "Budget"),
                            path.hasPrefix("/begroting") ? [A("aria-current", "page")] : [])),
                user!.roleSet.isDisjoint(with: [.budgetHolder, .analyst, .admin])
                    ? .empty
                    : el(
                        "li", [],
                        link(
                            "/beleid/simulatie", t("Beleid", "Policy"),
                            path.hasPrefix("/beleid") ? [A("aria-current", "page")] : [])),
                user!.viewer.isProfessional
                    ? el(
                        "li", [],
                        link(
                            "/monitor", t("Monitor", "Monitor"),
                            path.hasPrefix("/monitor") ? [A("aria-current", "page")] : [])) : .empty,
                user!.roleSet.isDisjoint(with: [.budgetHolder, .provider])
                    ? .empty
                    : el(
                        "li", [],
                        link(
                            "/contracten", t("Contracten", "Contracts"),
                            path.hasPrefix("/contracten") ? [A("aria-current", "page")] : [])),
                user!.roleSet.contains(.specialist)
                    ? el(
                        "li", [],
                        link(
                            "/toestemmingen", t("Toestemmingen", "Approvals"),
                            path.hasPrefix("/toestemmingen") ? [A("aria-current", "page")] : [])) : .empty,
                user!.roleSet.contains(.paymentOfficer)
                    ? el(
                        "li", [],
                        link(
                            "/uitbetalingen", t("Uitbetalingen", "Payments"),
                            path.hasPrefix("/uitbetalingen") ? [A("aria-current", "page")] : [])) : .empty,
                user!.roleSet.contains(.business)
                    ? el(
                        "li", [],
                        link(
                            "/inwisselen", t("Vouchers innemen", "Redeem vouchers"),
                            path.hasPrefix("/inwisselen") ? [A("aria-current", "page")] : [])) : .empty,
                user!.roleSet.contains(.admin)
                    ? el(
                        "li", [],
                        link(
                            "/beheer", t("Beheer", "Administration"),
                            path.hasPrefix("/beheer") ? [A("aria-current", "page")] : [])) : .empty,
                user!.roleSet.contains(.admin)
                    ? el(
                        "li", [],
                        link(
                            "/wegwijzer/beheer", t("Wegwijzers", "Guides"),
                            path.hasPrefix("/wegwijzer") ? [A("aria-current", "page")] : [])) : .empty,
                user!.roleSet.contains(.resident)
                    ? el(
                        "li", [],
                        link(
                            "/mijn-vouchers", t("Mijn vouchers", "My vouchers"),
                            path.hasPrefix("/mijn-vouchers") ? [A("aria-current", "page")] : [])) : .empty,
            ]
        let html = HTML(
            .lang(language == .nl ? .dutch : .english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title((hasErrors ? t("Fout: ", "Error: ") : "") + "\(title) — Meedoen"),
                .link(.rel(.icon), .href("/favicon.svg"), .type("image/svg+xml")),
                .stylesheet("/assets/meedoen.css"),
                .stylesheet("/assets/gemeente.css")
            ),
            .body(
                el("a", [A("class", "skip-link"), A("href", "#main")], txt(t("Naar de inhoud", "Skip to content"))),
                el(
                    "header", [A("class", "site-header")],
                    el(
                        "div", [A("class", "header-inner header-top")],
                        el(
                            "a", [A("class", "brand"), A("href", "/")],
                            municipality?.hasLogo == true
                                ? void(
                                    "img",
                                    [A("class", "brand-logo"), A("src", "/assets/gemeente-logo.svg"), A("alt", "")])
                                : el("span", [A("class", "brand-mark"), A("aria-hidden", "true")], txt("M")),
                            txt("Meedoen"),
                            municipality.map { el("span", [A("class", "brand-municipality")], txt($0.name)) } ?? .empty),
                        el(
                            "div", [A("class", "header-tools")],
                            link(
                                switchHref, other == .en ? "English" : "Nederlands",
                                [A("lang", other.rawValue), A("class", "lang-switch")]),
                            user.map { u in
                                el(
                                    "form", [A("method", "post"), A("action", "/logout"), A("class", "logout")],
                                    el("span", [A("class", "who")], txt(u.displayName)),
                                    csrf.map(csrfField) ?? .empty,
                                    button(t("Afmelden", "Sign out"), secondary: true))
                            } ?? .empty)),
                    nav.isEmpty
                        ? .empty
                        : el(
                            "nav", [A("class", "header-nav"), A("aria-label", t("Hoofdmenu", "Main menu"))],
                            el("ul", [A("class", "header-inner")], nav))),
                el(
                    "main", [A("id", "main"), A("tabindex", "-1")],
                    flash.map { el("p", [A("class", "notice ok flash"), A("role", "status")], txt($0)) } ?? .empty,
                    content),
                el(
                    "footer", [A("class", "site-footer")],
                    el(
                        "div", [A("class", "footer-inner")],
                        el(
                            "nav", [A("aria-label", t("Over deze site", "About this site"))],
                            el(
                                "ul", [],
                                [
                                    ("/toegankelijkheid", t("Toegankelijkheid", "Accessibility")),
                                    ("/privacy", t("Privacy", "Privacy")), ("/contact", t("Contact", "Contact")),
                                    ("/help", t("Hulp bij deze site", "Help with this site")),
                                ].map { el("li", [], link($0.0, $0.1)) })),
                        el(
                            "p", [],
                            txt(
                                (municipality.map { $0.name + " · " } ?? "")
                                    + t(
                                        "Meedoen — participatie voor iedereen. Elke inzage in een dossier wordt vastgelegd.",
                                        "Meedoen — participation for everyone. Every view of a file is recorded.")))))
            )
        )
        return ErrorSummary.resolve(html.render())
    }
}

extension Request {
    /// A page response with the layout around `content`.
    func page(_ title: String, status: HTTPResponseStatus = .ok, _ content: HTMLNode) -> Response {
        let signedIn = auth.get(User.self) != nil
        var flash: String?
        if signedIn, hasSession, let message = session.data["flash"] {
            flash = message
            session.data["flash"] = nil
        }
        let layout = Layout(
            title: title, user: auth.get(User.self), language: language,
            csrf: signedIn ? csrfToken : nil, path: url.path, flash: flash,
            municipality: application.municipality.current.map { ($0.file.name, $0.hasLogo) },
            switchHref: languageSwitch, hasErrors: status == .unprocessableEntity || status == .badRequest)
        let response = Response(status: status, body: .init(string: layout.render(content)))
        response.headers.contentType = .html
        response.headers.replaceOrAdd(name: .contentLanguage, value: language.rawValue)
        if let lang = query[String.self, at: "lang"], MeedoenCore.Language(rawValue: lang) != nil {
            response.cookies["lang"] = HTTPCookies.Value(
                string: lang, maxAge: 365 * 24 * 3600, path: "/", isSecure: application.settings.secureCookies,
                isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    var t: Texts { Texts(language: language) }

    /// This page by GET in the other language. A page shown after a form was sent (a POST) reloads
    /// the page the form was on (its Referer, when it is on this site), or else the home page.
    var languageSwitch: String {
        let other = language == .nl ? "en" : "nl"
        var target = url.path + (url.query.map { "?" + $0 } ?? "")
        if method != .GET {
            let referer = headers.first(name: .referer).flatMap(URLComponents.init(string:))
            let sameSite =
                referer?.host == nil
                || referer?.host == headers.first(name: .host)?.split(separator: ":").first.map(String.init)
            target =
                sameSite
                ? SafeRedirect.relativePath(
                    referer.map { $0.percentEncodedPath + ($0.percentEncodedQuery.map { "?" + $0 } ?? "") })
                    ?? "/" : "/"
        }
        var parts = URLComponents(string: target) ?? URLComponents()
        parts.queryItems =
            (parts.queryItems ?? []).filter { $0.name != "lang" } + [URLQueryItem(name: "lang", value: other)]
        return (parts.percentEncodedPath.isEmpty ? "/" : parts.percentEncodedPath) + "?"
            + (parts.percentEncodedQuery ?? "")
    }

    /// The per-session token that every form of a signed-in user carries (CSRF).
    var csrfToken: String {
        if let token = session.data["csrf"] { return token }
        let token = [UInt8].random(count: 24).hex
        session.data["csrf"] = token
        return token
    }
}

/// The Dutch (or English) error page.
enum ErrorPage {
    static func response(_ problem: Problem, request: Request) -> Response {
        if problem.status == .unauthorized {
            let next =
                request.url.path.addingPercentEncoding(
                    withAllowedCharacters: .alphanumerics.union(["/", "-", "_", "."]))
                ?? "/"
            return request.redirect(
                to: "/login?next=\(next)" + (SessionUserAuthenticator.expired(request) ? "&verlopen=1" : ""))
        }
        return request.page(
            problem.title.text(request.language), status: problem.status,
            view(problem, requestID: request.id, request.view))
    }

    /// The error in the page's language, with the code and request id for the help desk.
    static func view(_ problem: Problem, requestID: String, _ v: ViewContext) -> HTMLNode {
        let t = v.t
        return el(
            "section", [A("class", "card narrow")],
            el("h1", [], txt(problem.title.text(v.language))),
            problem.detail.map { el("p", [], txt($0.text(v.language))) } ?? .empty,
            el("p", [], txt(t("Foutcode", "Error code") + ": \(problem.status.code) · request-id \(requestID)")),
            el("p", [], link("/", t("Naar de startpagina", "To the start page"))))
    }
}

extension Request {
    /// What the page's view may know of this request. The form token only for a signed-in user: an
    /// anonymous visitor gets no session (the sign-in form carries its own double-submit token).
    var view: ViewContext {
        ViewContext(language: language, csrfToken: auth.get(User.self) != nil ? csrfToken : "", today: today)
    }
}
