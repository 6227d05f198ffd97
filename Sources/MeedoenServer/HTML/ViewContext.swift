import MeedoenCore

/// What a view may know besides its model: the language, the session's form token and today.
/// No request and no database — a test builds one from values (see ViewTests).
struct ViewContext: Sendable {
    var language: Language
    var csrfToken: String
    var today: CalendarDate
    var t: Texts { Texts(language: language) }
}
