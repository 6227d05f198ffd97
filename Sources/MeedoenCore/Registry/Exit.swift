import Foundation

/// Leaving the municipality's help for paid work or for school (uitstroom), recorded on the person by
/// the date it happened — whatever the route: at the end of an enrolment, or after finding a job on
/// one's own (the passive route, 000 §2.1.2). Outflow to work counts people by this date (000: "het
/// aantal mensen dat uitstroomt naar werk in een jaar").
public enum ExitKind: String, Sendable, Codable, CaseIterable, Hashable {
    case work, school

    public var label: LocalizedText {
        switch self {
        case .work: .init(nl: "betaald werk", en: "paid work")
        case .school: .init(nl: "school of opleiding", en: "school or training")
        }
    }
}

/// The exam at the end of a language course or civic integration (000 §2.1.4: "van diegenen die
/// deelnemen aan het examen 60% slaagt"): the pass rate is of those who sat it.
public enum ExamResult: String, Sendable, Codable, CaseIterable, Hashable {
    case passed, failed, notSat

    public var label: LocalizedText {
        switch self {
        case .passed: .init(nl: "Examen gedaan en geslaagd", en: "Sat the exam and passed")
        case .failed: .init(nl: "Examen gedaan, niet geslaagd", en: "Sat the exam, did not pass")
        case .notSat: .init(nl: "Geen examen gedaan", en: "Did not sit the exam")
        }
    }
    public var sat: Bool { self != .notSat }
}

extension InterventionType {
    /// Offers that end with an exam (language course, civic integration).
    public var hasExam: Bool { self == .languageCourse || self == .civicIntegration }

    /// Offers of the care infrastructure (003: "doorverwezen naar zorginfrastructuur"): the Wmo day
    /// activities. The risk indicator counts referrals to these, not to any offer.
    public var isCare: Bool {
        switch self {
        case .dayActivitiesLow, .dayActivitiesHigh, .workOrientedDayActivities: true
        default: false
        }
    }
}
