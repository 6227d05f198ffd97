import Foundation
import MeedoenCore
import Vapor

/// The valve simulation: what a cut or an increase does, and its application by a budget holder.
extension BudgetPages {
    // MARK: valve

    static func simulate(_ req: Request) async throws -> Response {
        let form = FormData(req)
        var change: [String: JSONValue] = ["streamCode": form.string("streamCode") ?? .null]
        if let pct = form["percent"]?.trimmingCharacters(in: .whitespaces), !pct.isEmpty {
            // Percent with up to two decimals → basis points.
            change["basisPoints"] =
                Euro.cents(pct.replacingOccurrences(of: "−", with: "-")).map(JSONValue.int) ?? .string(pct)
        }
        if let amount = Euro.field(form, "amount") { change["amountCents"] = amount }
        var input = Input(form: ["changes": .array([.object(change)])])
        return try await PageForm.submit(
            req, saved: .init(nl: "De simulatie is berekend.", en: "The simulation has been computed."),
            rename: { name in
                var name = name
                if name.hasSuffix("basisPoints") {
                    name = "percent"
                } else if name.hasSuffix("amountCents") {
                    name = "amount"
                } else if name.hasSuffix("streamCode") {
                    name = "streamCode"
                }
                return name
            }
        ) {
            let dto = try await ValveService.simulate(&input, in: req.context)
            return "/begroting/ventiel/\(dto.id!)"
        } again: { fieldErrors, status in
            return try await show(req, errors: fieldErrors, form: form, status: status)
        }
    }

    static func valve(_ req: Request, errors: FieldErrors = FieldErrors(), status: HTTPResponseStatus = .ok)
        async throws -> Response
    {
        let user = try req.requireUser()
        let id = try req.idParameter()
        let s = try await ValveService.read(id, in: req.context)
        return req.page(
            req.t("Ventielsimulatie", "Valve simulation"), status: status,
            valveView(
                user: user, id: id, s: s,
                streamNames: Dictionary(
                    req.context.policies.money.streams.map { ($0.code, req.t($0.nl, $0.en)) },
                    uniquingKeysWith: { a, _ in a }),
                districts: try await req.districts().names, req.view, errors: errors))
    }

    static func applyValve(_ req: Request) async throws -> Response {
        let form = FormData(req)
        var input = Input(form: ["reason": form.string("reason")])
        return try await PageForm.submit(
            req, saved: .init(nl: "De ventielsimulatie is toegepast.", en: "The valve simulation has been applied.")
        ) {
            _ = try await ValveService.apply(try req.idParameter(), &input, in: req.context)
            return "/begroting/ventiel/\(try req.idParameter())"
        } again: { fieldErrors, status in
            return try await valve(req, errors: fieldErrors, status: status)
        }
    }
}
