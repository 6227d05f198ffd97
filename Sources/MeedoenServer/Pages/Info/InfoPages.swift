import MeedoenCore
import Vapor

/// The pages every Dutch public site has, linked from the footer: the accessibility statement, the
/// privacy statement, contact (the counters with their opening hours, from the municipality's
/// set-up) and help. Open to everyone; no personal data.
enum InfoPages {
    static func register(_ routes: any RoutesBuilder) {
        routes.get("toegankelijkheid") { req in
            req.page(req.t("Toegankelijkheidsverklaring", "Accessibility statement"), accessibilityView(req.view))
        }
        routes.get("privacy") { req in
            req.page(
                req.t("Privacyverklaring", "Privacy statement"),
                privacyView(municipality: req.application.municipality.current?.file, req.view))
        }
        routes.get("contact") { req in
            req.page(
                req.t("Contact", "Contact"),
                contactView(municipality: req.application.municipality.current?.file, req.view))
        }
        routes.get("help") { req in
            req.page(
                req.t("Hulp bij deze site", "Help with this site"),
                helpView(municipality: req.application.municipality.current?.file, req.view))
        }
        routes.get("favicon.svg") { req -> Response in
            let response = Response(status: .ok, body: .init(string: favicon(req.application.municipality.current)))
            response.headers.contentType = HTTPMediaType(type: "image", subType: "svg+xml")
            response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
            return response
        }
        // Browsers ask for /favicon.ico on their own; send them to the picture we have.
        routes.get("favicon.ico") { req in req.redirect(to: "/favicon.svg", redirectType: .permanent) }
    }

    /// The municipality's logo, or the letter M in its colour.
    static func favicon(_ current: MunicipalityDirectory.Current?) -> String {
        if let svg = current?.logoSVG { return svg }
        let colour = current?.file.colours.primary ?? "#1d4f91"
        let on = current?.file.colours.onPrimary ?? "#ffffff"
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="\(escape(colour))"/>\
            <text x="16" y="23" font-family="sans-serif" font-size="20" font-weight="700" text-anchor="middle" fill="\(escape(on))">M</text></svg>
            """
    }
}
