import MeedoenCore
import Vapor

/// The resident's three questions at the end of an enrolment.
extension PortalPages {
    // MARK: client experience

    static let questions: [(String, String, String)] = [
        ("useful", "Heeft het traject u geholpen?", "Did the enrolment help you?"),
        ("respect", "Werd u met respect behandeld?", "Were you treated with respect?"),
        ("recommend", "Zou u het anderen aanraden?", "Would you recommend it to others?"),
    ]

    static func feedbackForm(
        _ req: Request, errors: FieldErrors = FieldErrors(), form: FormData? = nil, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let r = try await PortalService.ownEnrolment(try req.idParameter(), in: req.context)
        return req.page(
            req.t("Hoe was het?", "How was it?"), status: status,
            feedbackView(r: r, req.view, errors: errors, form: form))
    }

    static func submitFeedback(_ req: Request) async throws -> Response {
        let form = FormData(req)
        var input = Input(form: [
            "useful": form.int("useful"), "respect": form.int("respect"), "recommend": form.int("recommend"),
            "comment": form.string("comment"),
        ])
        return try await PageForm.submit(
            req, saved: .init(nl: "Dank u wel voor uw antwoorden.", en: "Thank you for your answers.")
        ) {
            _ = try await PortalService.giveFeedback(try req.idParameter(), &input, in: req.context)
            return "/mijn-meedoen"
        } again: { fieldErrors, status in
            return try await feedbackForm(req, errors: fieldErrors, form: form, status: status)
        }
    }
}
