import Foundation

/// The two languages of the user interface: Dutch first, English second.
public enum Language: String, Sendable, CaseIterable, Codable {
    case nl, en

    /// Picks a language from an `Accept-Language` header value; Dutch unless English is preferred.
    public static func from(acceptLanguage: String?) -> Language {
        guard let header = acceptLanguage?.lowercased() else { return .nl }
        for part in header.split(separator: ",") {
            let tag = part.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if tag.hasPrefix("nl") { return .nl }
            if tag.hasPrefix("en") { return .en }
        }
        return .nl
    }
}

/// A text in Dutch and English, as policy files and rules carry it.
public struct LocalizedText: Sendable, Codable, Hashable {
    public var nl: String
    public var en: String
    public init(nl: String, en: String) {
        self.nl = nl
        self.en = en
    }
    public func text(_ language: Language) -> String { language == .nl ? nl : en }
}

extension String {
    /// The text as it reads inside a sentence: the first letter lowercased, unless the first word is an
    /// abbreviation ("IPS", "VAVO") — "Activering (weer op gang komen)" → "activering (weer op gang
    /// komen)", "Werk vinden … (IPS)" keeps its "IPS".
    public var inSentence: String {
        guard let first = first else { return self }
        let second = dropFirst().first
        if let second, second.isUppercase { return self }
        return first.lowercased() + dropFirst()
    }
}

/// Why a rule reached its outcome, in words a case manager would use.
public struct Reason: Sendable, Codable, Hashable {
    public var code: String
    public var text: LocalizedText
    public init(code: String, nl: String, en: String) {
        self.code = code
        self.text = LocalizedText(nl: nl, en: en)
    }
    public init(code: String, text: LocalizedText) {
        self.code = code
        self.text = text
    }
}
