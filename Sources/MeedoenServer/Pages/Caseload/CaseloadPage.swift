import MeedoenCore
import Vapor

/// "Mijn werk": the caseload the user may see, with search and paging. The adapter: it sends each
/// role to its own start page, loads the model (`CaseloadPage+Model`) and renders it (`+View`).
enum CaseloadPage {
    static func show(_ req: Request) async throws -> Response {
        let user = try req.requireUser()
        let t = req.t
        if NeedToKnow.grants(for: user.viewer).isEmpty && user.roleSet.contains(.provider) {
            return req.redirect(to: "/verwijzingen")
        }
        // The analyst's own work is the monitor; the budget holder's the budget.
        if NeedToKnow.grants(for: user.viewer).isEmpty && user.roleSet.contains(.analyst)
            && !user.roleSet.contains(.budgetHolder)
        {
            return req.redirect(to: "/monitor")
        }
        if NeedToKnow.grants(for: user.viewer).isEmpty && !user.roleSet.isDisjoint(with: [.budgetHolder, .analyst]) {
            return req.redirect(to: "/begroting")
        }
        if NeedToKnow.grants(for: user.viewer).isEmpty && user.roleSet.contains(.paymentOfficer) {
            return req.redirect(to: "/uitbetalingen")
        }
        if NeedToKnow.grants(for: user.viewer).isEmpty && user.roleSet.contains(.specialist) {
            return req.redirect(to: "/toestemmingen")
        }
        if user.roleSet == [.business] { return req.redirect(to: "/inwisselen") }
        if user.roleSet == [.admin] { return req.redirect(to: "/beheer") }
        if user.roleSet == [.resident] { return req.redirect(to: "/mijn-meedoen") }
        if NeedToKnow.grants(for: user.viewer).isEmpty {
            return req.page(t("Mijn werk", "My work"), noFiles(user, req.view))
        }
        let (page, pageSize, search) = try req.paging()
        do {
            let model = try await load(page: page, pageSize: pageSize, search: search, in: req.context)
            return req.page(t("Mijn werk", "My work"), view(model, req.view))
        } catch let error as DomainError where error.fields.first?.name == "q" {
            // A search this role may not do: the list without it, the reason at the search field.
            var model = try await load(page: 1, pageSize: pageSize, search: nil, in: req.context)
            model.searchError = error.fields[0].reason.text(req.language)
            model.search = search
            return req.page(t("Mijn werk", "My work"), status: .unprocessableEntity, view(model, req.view))
        }
    }
}
