import Vapor

/// The HTML pages (Dutch first, English with `?lang=en`), behind session sign-in.
struct PagesController {
    func addRoutes(to routes: any RoutesBuilder) {
        routes.get { req -> Response in
            req.redirect(to: req.auth.has(User.self) ? "/mijn-werk" : "/login")
        }
        routes.get("login") { req in LoginPage.show(req) }
        routes.post("login") { req in try await LoginPage.submit(req) }
        routes.post("logout") { req in try await LoginPage.logout(req) }
        routes.get("assets", "meedoen.css") { req -> Response in
            let response = Response(status: .ok, body: .init(string: Stylesheet.css))
            response.headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
            response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
            return response
        }
        routes.get("mijn-werk") { req in try await CaseloadPage.show(req) }
        routes.get("personen", "nieuw") { req in try PersonForm.show(req) }
        routes.post("personen") { req in try await PersonForm.submit(req) }
        routes.get("personen", ":id") { req in try await DossierPage.show(req) }
        routes.get("personen", ":id", "inzage") { req in try await DossierPage.auditTrail(req) }
        routes.get("personen", ":id", "trede") { req in try await AssessmentForms.showRung(req) }
        routes.post("personen", ":id", "trede") { req in try await AssessmentForms.submitRung(req) }
        routes.get("personen", ":id", "zrm") { req in try await AssessmentForms.showZRM(req) }
        routes.post("personen", ":id", "zrm") { req in try await AssessmentForms.submitZRM(req) }
        routes.get("personen", ":id", "diagnose") { req in try await DiagnosisForm.show(req) }
        routes.post("personen", ":id", "diagnose") { req in try await DiagnosisForm.submit(req) }
    }
}

/// The stylesheet, served from memory (one file, no build chain).
enum Stylesheet {
    static let css: String = {
        guard let url = Bundle.module.url(forResource: "meedoen", withExtension: "css", subdirectory: "Assets"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return "" }
        return text
    }()
}
