/// The kind of benefit a person receives. Municipal benefits are decided by policy (see `DiagnosisPolicy`).
public enum BenefitKind: String, Sendable, Codable, CaseIterable, Hashable {
    case participatiewet, ioaw, ioaz, ww, wia, wajong
    /// No benefit: a job seeker without benefit (NUG).
    case none
}

/// Civic-integration duty (inburgering).
public enum CivicIntegration: String, Sendable, Codable, CaseIterable, Hashable {
    case obliged, voluntary, none
}

public enum Risk: String, Sendable, Codable, CaseIterable, Hashable {
    case decline, isolation, toOthers
}

public enum Circumstance: String, Sendable, Codable, CaseIterable, Hashable {
    case homeless, addicted, severeLimitation, multiProblemFamily, illiterate, shelteredWorkEntitled
    /// No diploma of secondary vocational level 2 or general secondary school (startkwalificatie).
    case noStartingQualification
}

public enum Wish: String, Sendable, Codable, CaseIterable, Hashable {
    case volunteer, work, secondaryDiploma, socialContact
}
