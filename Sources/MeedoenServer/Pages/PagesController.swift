import MeedoenCore
import Vapor

/// The HTML pages (Dutch first, English with `?lang=en`), behind session sign-in.
struct PagesController {
    func addRoutes(to routes: any RoutesBuilder) {
        routes.get { req -> Response in
            req.redirect(to: req.auth.has(User.self) ? "/mijn-werk" : "/login")
        }
        routes.get("login") { req in try await LoginPage.show(req) }
        routes.get("catalogus") { req in try await PublicCataloguePage.show(req) }
        routes.get("wegwijzer") { req in try await TreePages.index(req) }
        routes.get("wegwijzer", "beheer") { req in try TreePages.admin(req) }
        routes.post("wegwijzer", "beheer") { req in try await TreePages.adminSubmit(req) }
        routes.get("wegwijzer", "beheer", ":tree", "bewerken") { req in try await TreeEditPages.edit(req) }
        routes.post("wegwijzer", "beheer", ":tree", "bewerken") { req in try await TreeEditPages.save(req) }
        routes.get("wegwijzer", "beheer", ":tree", "versies") { req in try await TreeEditPages.versions(req) }
        routes.post("wegwijzer", "beheer", ":tree", "versies") { req in try await TreeEditPages.restore(req) }
        routes.get("wegwijzer", ":tree") { req in try await TreePages.step(req) }
        routes.get("signalen") { req in try await SignalPages.list(req) }
        routes.get("signalen", "nieuw") { req in try await SignalPages.newForm(req) }
        routes.post("signalen") { req in try await SignalPages.create(req) }
        routes.get("signalen", ":id") { req in try await SignalPages.show(req) }
        routes.post("signalen", ":id", "wegwijzer") { req in try await SignalPages.storeTree(req) }
        routes.post("signalen", ":id", ":action") { req in try await SignalPages.act(req) }
        routes.get("adressen") { req in try await SignalPages.addresses(req) }
        routes.get("monitor") { req in try await MonitorPages.show(req) }
        routes.get("monitor", "aantallen") { req in try await MonitorPages.counts(req) }
        routes.get("monitor", "wat-werkt") { req in try await EffectivenessPage.show(req) }
        routes.get("monitor", "rapport") { req in try await ReportPage.show(req) }
        routes.get("monitor", ":indicator") { req in try await MonitorPages.indicator(req) }
        routes.get("login", "oidc") { req in try await OIDCPages.start(req) }
        routes.get("login", "oidc", "callback") { req in try await OIDCPages.callback(req) }
        routes.get("login", "medewerker") { req in try await OIDCPages.staffStart(req) }
        routes.get("login", "medewerker", "callback") { req in try await OIDCPages.staffCallback(req) }
        routes.get("mijn-meedoen") { req in try await PortalPages.show(req) }
        routes.post("mijn-meedoen", "afspraken", ":id") { req in try await PortalPages.markDone(req) }
        routes.post("mijn-meedoen", "activiteiten") { req in try await PortalPages.registerActivity(req) }
        routes.get("mijn-meedoen", "trajecten", ":id", "ervaring") { req in try await PortalPages.feedbackForm(req) }
        routes.post("mijn-meedoen", "trajecten", ":id", "ervaring") { req in try await PortalPages.submitFeedback(req) }
        routes.get("mijn-meedoen", "inzage") { req in try await PortalPages.accessLogPage(req) }
        routes.get("mijn-gegevens") { req in try await PortalPages.exportPage(req) }
        routes.get("mijn-gegevens.json") { req in try await PortalPages.exportJSON(req) }
        routes.post("personen", ":id", "activiteiten", ":activityId", ":decision") { req in
            try await DossierFrontDoor.decide(req)
        }
        routes.post("personen", ":id", "afspraken") { req in try await DossierFrontDoor.addAppointment(req) }
        routes.post("login") { req in try await LoginPage.submit(req) }
        routes.get("activeren") { req in try await ActivationPage.show(req) }
        routes.get("login", "code") { req in try await SecondStepPage.showCode(req) }
        routes.post("login", "code") { req in try await SecondStepPage.submitCode(req) }
        routes.get("login", "tweede-stap") { req in try await SecondStepPage.showEnrolment(req) }
        routes.post("login", "tweede-stap") { req in try await SecondStepPage.submitEnrolment(req) }
        routes.get("beheer") { req in try await AdminPages.overview(req) }
        routes.get("beheer", "gebruikers", "nieuw") { req in try await AdminPages.newUser(req) }
        routes.post("beheer", "gebruikers") { req in try await AdminPages.createUser(req) }
        routes.get("beheer", "gebruikers", ":id") { req in try await AdminPages.user(req) }
        routes.post("beheer", "gebruikers", ":id") { req in try await AdminPages.updateUser(req) }
        routes.post("beheer", "gebruikers", ":id", "wachtwoord") { req in try await AdminPages.resetPassword(req) }
        routes.post("beheer", "gebruikers", ":id", "tweede-stap") { req in try await AdminPages.resetSecondFactor(req) }
        routes.post("beheer", "gebruikers", ":id", "tokens") { req in try await AdminPages.issueToken(req) }
        routes.post("beheer", "gebruikers", ":id", "tokens", ":tokenId", "intrekken") { req in
            try await AdminPages.revokeToken(req)
        }
        for kind in [AdminPages.Kind.organisations, .providers, .businesses] {
            routes.get("beheer", .constant(kind.rawValue)) { req in try await AdminPages.organisations(req, kind) }
            routes.post("beheer", .constant(kind.rawValue)) { req in try await AdminPages.createOrganisation(req, kind)
            }
        }
        routes.post("activeren") { req in try await ActivationPage.submit(req) }
        routes.post("logout") { req in try await LoginPage.logout(req) }
        routes.get("assets", "meedoen.css") { req -> Response in
            let response = Response(status: .ok, body: .init(string: Stylesheet.css))
            response.headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
            response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
            return response
        }
        // The municipality's house style and logo (from its file; `meedoen setup`).
        routes.get("assets", "gemeente.css") { req -> Response in
            let response = Response(
                status: .ok, body: .init(string: HouseStyle.css(req.application.municipality.current?.file)))
            response.headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
            response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
            return response
        }
        routes.get("assets", "gemeente-logo.svg") { req -> Response in
            guard let svg = req.application.municipality.current?.logoSVG else { throw Abort(.notFound) }
            let response = Response(status: .ok, body: .init(string: svg))
            response.headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml")
            response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
            return response
        }
        InfoPages.register(routes)
        routes.get("mijn-werk") { req in try await CaseloadPage.show(req) }
        routes.get("personen", "nieuw") { req in try await PersonForm.show(req) }
        routes.post("personen") { req in try await PersonForm.submit(req) }
        routes.get("personen", ":id") { req in try await DossierPage.show(req) }
        routes.get("personen", ":id", "inzage") { req in try await DossierPage.auditTrail(req) }
        routes.post("personen", ":id", "uitstroom") { req in try await DossierExits.record(req) }
        routes.post("personen", ":id", "verplichtingen") { req in try await DossierObligations.record(req) }
        routes.get("personen", ":id", "trede") { req in try await AssessmentForms.showRung(req) }
        routes.post("personen", ":id", "trede") { req in try await AssessmentForms.submitRung(req) }
        routes.get("personen", ":id", "zrm") { req in try await AssessmentForms.showZRM(req) }
        routes.post("personen", ":id", "zrm") { req in try await AssessmentForms.submitZRM(req) }
        routes.get("personen", ":id", "diagnose") { req in try await DiagnosisForm.show(req) }
        routes.post("personen", ":id", "diagnose") { req in try await DiagnosisForm.submit(req) }
        routes.get("personen", ":id", "plan") { req in try await PlanPage.show(req) }
        routes.post("personen", ":id", "plan") { req in try await PlanPage.submit(req) }
        routes.post("personen", ":id", "plan", "afspraken") { req in try await PlanPage.addAgreement(req) }
        routes.post("personen", ":id", "plan", "afspraken", ":agreementId") { req in
            try await PlanPage.updateAgreement(req)
        }
        routes.get("personen", ":id", "verwijzen") { req in try await ReferralPages.showRefer(req) }
        routes.post("personen", ":id", "verwijzen") { req in try await ReferralPages.submitRefer(req) }
        // Plans belong to households; their page lives under a member. These resolve a household or plan to it.
        routes.get("huishoudens", ":id", "plan") { req -> Response in
            let (_, members, _) = try await PlanService.household(try req.idParameter(), in: req.context)
            guard let first = members.first else {
                throw DomainError.notFound(.init(nl: "Leeg huishouden.", en: "Empty household."))
            }
            return req.redirect(to: "/personen/\(first.id!)/plan")
        }
        routes.get("plannen", ":id") { req -> Response in
            let l = try await PlanService.load(try req.idParameter(), in: req.context, audit: false)
            guard let first = l.members.first else {
                throw DomainError.notFound(.init(nl: "Leeg huishouden.", en: "Empty household."))
            }
            return req.redirect(to: "/personen/\(first.id!)/plan")
        }
        routes.get("verwijzingen") { req in try await ReferralPages.list(req) }
        routes.get("verwijzingen", ":id") { req in try await ReferralPages.show(req) }
        routes.post("verwijzingen", ":id", ":action") { req in try await ReferralPages.act(req) }
        routes.post("verwijzingen", ":id", "premie") { req in try await MoneyWorkPages.addIncentive(req) }
        routes.post("personen", ":id", "vouchers") { req in try await MoneyWorkPages.earn(req) }
        routes.post("handhaving") { req in try await MoneyWorkPages.open(req) }
        routes.get("handhaving", ":id") { req in try await MoneyWorkPages.show(req) }
        routes.post("handhaving", ":id", ":step") { req in try await MoneyWorkPages.act(req) }
        routes.get("mijn-vouchers") { req in try await MoneyWorkPages.residentVouchers(req) }
        routes.get("inwisselen") { req in try await MoneyWorkPages.till(req) }
        routes.post("inwisselen") { req in try await MoneyWorkPages.redeem(req) }
        routes.get("begroting") { req in try await BudgetPages.show(req) }
        routes.post("begroting", "stromen") { req in try await BudgetPages.createStream(req) }
        routes.post("begroting", "stromen", ":id") { req in try await BudgetPages.changeStream(req) }
        routes.post("begroting", "verwijzingen", ":id", "financieren") { req in try await BudgetPages.fund(req) }
        routes.post("begroting", "uitzonderingen", ":id") { req in try await BudgetPages.decideException(req) }
        routes.get("toestemmingen") { req in try await ApprovalPages.show(req) }
        routes.get("contracten") { req in try await ContractPages.show(req) }
        routes.post("toestemmingen", ":id") { req in try await ApprovalPages.decide(req) }
        routes.post("begroting", "verdeling") { req in try await BudgetPages.allocate(req) }
        routes.post("begroting", "ventiel") { req in try await BudgetPages.simulate(req) }
        routes.get("begroting", "ventiel", ":id") { req in try await BudgetPages.valve(req) }
        routes.post("begroting", "ventiel", ":id", "toepassen") { req in try await BudgetPages.applyValve(req) }
        routes.get("beleid", "simulatie") { req in try await BudgetPages.policy(req) }
        routes.post("beleid", "simulatie") { req in try await BudgetPages.submitPolicy(req) }
        routes.post("beleid", "vaststellen") { req in try await BudgetPages.submitPolicy(req) }
        routes.get("uitbetalingen") { req in try await BudgetPages.payouts(req) }
        routes.post("uitbetalingen", "export") { req in try await BudgetPages.export(req) }
        routes.get("uitbetalingen", ":id", "csv") { req in
            var input = Input.query(req, ["reason"])
            let file = try await IncentiveService.exportFile(try req.idParameter(), &input, in: req.context)
            return Response.csvAttachment(file.csv, filename: file.filename)
        }
        routes.get("aanbod") { req in try await CataloguePages.list(req) }
        routes.get("wachtlijsten") { req -> Response in
            var components = URLComponents(string: req.url.string) ?? URLComponents()
            components.path = "/aanbod"
            components.queryItems =
                (components.queryItems ?? []).filter { $0.name != "wachtlijst" } + [
                    URLQueryItem(name: "wachtlijst", value: "1")
                ]
            return req.redirect(to: components.string ?? "/aanbod?wachtlijst=1")
        }
        routes.get("aanbod", "nieuw") { req in try await CataloguePages.showForm(req, existing: nil) }
        routes.post("aanbod", "nieuw") { req in try await CataloguePages.submitForm(req, existing: nil) }
        routes.get("aanbod", ":id") { req in try await CataloguePages.detail(req) }
        routes.get("aanbod", ":id", "bewerken") { req in
            try await CataloguePages.showForm(req, existing: try await CataloguePages.existing(req))
        }
        routes.post("aanbod", ":id", "bewerken") { req in
            try await CataloguePages.submitForm(req, existing: try await CataloguePages.existing(req))
        }
    }
}

/// The stylesheet, served from memory (one file, no build chain).
enum Stylesheet {
    static let css: String = {
        guard let url = Bundle.module.url(forResource: "meedoen", withExtension: "css", subdirectory: "Assets"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return "" }
        return text
    }()
}

/// The municipality's colours over the default ones (validated for WCAG AA contrast at set-up).
enum HouseStyle {
    static func css(_ municipality: MunicipalityFile?) -> String {
        guard let m = municipality else { return "/* no municipality set up: the default colours */\n" }
        return ":root { --brand: \(m.colours.primary); --brand-ink: \(m.colours.onPrimary); }\n"
    }
}
