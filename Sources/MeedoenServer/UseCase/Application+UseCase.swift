import Fluent
import Foundation
import MeedoenCore
import Vapor

extension Application {
    private struct TimeKey: StorageKey { typealias Value = TimeSource }
    private struct IDsKey: StorageKey { typealias Value = IDSource }
    private struct DistrictsKey: StorageKey { typealias Value = DistrictDirectory }
    private struct SettingsKey: StorageKey { typealias Value = Settings }
    private struct MunicipalityKey: StorageKey { typealias Value = MunicipalityDirectory }

    var municipality: MunicipalityDirectory {
        get { storage[MunicipalityKey.self]! }
        set { storage[MunicipalityKey.self] = newValue }
    }

    /// The settings the application was configured with.
    var settings: Settings {
        get { storage[SettingsKey.self] ?? Settings() }
        set { storage[SettingsKey.self] = newValue }
    }

    /// The clock every use case reads; a test pins it with `app.time = .pinned(today: …)`.
    var time: TimeSource {
        get { storage[TimeKey.self] ?? .system }
        set { storage[TimeKey.self] = newValue }
    }

    /// Where new ids come from; a test may make them sequential.
    var ids: IDSource {
        get { storage[IDsKey.self] ?? .random }
        set { storage[IDsKey.self] = newValue }
    }

    var districtDirectory: DistrictDirectory {
        get { storage[DistrictsKey.self]! }
        set { storage[DistrictsKey.self] = newValue }
    }
}

extension UseCaseContext {
    /// A context outside a request: the commands, the demo loader, start-up. Acts as `user` (or as
    /// the system when nil); `runID` correlates its audit entries.
    init(app: Application, user: User? = nil, language: Language = .nl, runID: String = "command") {
        self.init(
            db: app.db, user: user, time: app.time, ids: app.ids, auditWriter: app.auditWriter,
            policies: app.policyStore, districts: app.districtDirectory, trees: app.trees, facts: app.factsSnapshot,
            dashboard: app.dashboardCache, appDB: app.db,
            language: language, requestID: runID, logger: app.logger, municipality: app.municipality,
            passwordCost: app.settings.passwordCost, mfaRequired: app.settings.mfaRequired, keys: app.serverKeys,
            isSystem: user == nil)
    }
}
