import MeedoenCore

/// The one error a use case throws. The HTTP edge turns it into problem+json (`Problem(_:)`), the
/// pages into errors at their form fields or the Dutch error page; the core and the use cases never
/// see a status code.
enum DomainError: Error, Sendable {
    /// A field that is wrong: its name in the input, a stable code, the reason in Dutch and English.
    struct Field: Sendable, Equatable {
        var name: String
        var code: String
        var reason: LocalizedText
    }

    /// One or more fields are wrong; nothing was stored.
    case invalidFields([Field])
    /// The input as a whole cannot be read (not an object, not JSON, empty).
    case unreadable(LocalizedText)
    /// Nobody is signed in.
    case unauthenticated
    /// The acting user may not do this, or has no need to know.
    case forbidden(LocalizedText)
    /// No such thing (or none that the acting user may know exists).
    case notFound(LocalizedText)
    /// The change conflicts with what is stored (a duplicate, a stale state, a full budget).
    case conflict(LocalizedText, Field?)

    static func invalid(_ fields: [Field]) -> DomainError { .invalidFields(fields) }

    static func invalid(_ name: String, _ code: String, _ reason: LocalizedText) -> DomainError {
        .invalidFields([Field(name: name, code: code, reason: reason)])
    }

    static func badRequest(_ detail: LocalizedText) -> DomainError { .unreadable(detail) }

    static func conflict(_ detail: LocalizedText, param: Field? = nil) -> DomainError { .conflict(detail, param) }

    static let noNeedToKnow = DomainError.forbidden(
        .init(
            nl: "U heeft geen noodzaak tot kennis van dit dossier. Deze poging is vastgelegd.",
            en: "You have no need to know this file. This attempt has been logged."))

    /// The fields a form shows its errors at: the invalid ones, or the one a conflict names. A form
    /// may rename them to its own fields.
    var fields: [Field] {
        get {
            switch self {
            case .invalidFields(let fields): fields
            case .conflict(_, let field?): [field]
            default: []
            }
        }
        set {
            switch self {
            case .invalidFields: self = .invalidFields(newValue)
            case .conflict(let detail, _): self = .conflict(detail, newValue.first)
            default: break
            }
        }
    }

    /// The text of an error that names no field (a conflict, a refusal), for a form's summary.
    var detail: LocalizedText? {
        switch self {
        case .invalidFields: nil
        case .unreadable(let d), .forbidden(let d), .notFound(let d), .conflict(let d, _): d
        case .unauthenticated: .init(nl: "Niet aangemeld.", en: "Not signed in.")
        }
    }

    /// Whether a form shows this error at its fields (and renders again) rather than as an error page.
    var isFormError: Bool {
        switch self {
        case .invalidFields, .conflict: true
        default: false
        }
    }

    var isInvalidFields: Bool {
        if case .invalidFields = self { return true }
        return false
    }
}
