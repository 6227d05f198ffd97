import Fluent
import MeedoenCore
import Vapor

/// What `serve` does before it listens: migrate, load demo data on request, say where to look.
public enum Startup {
    public static func prepareToServe(_ app: Application, settings: Settings, demo: Bool) async throws {
        do {
            try await app.autoMigrate()
        } catch {
            throw StartupError(
                description: "cannot use the database (\(settings.store.label)): \(describe(error, settings: settings))"
            )
        }
        // The diagnosis policy in force is the latest adopted version, if any.
        try await PolicySimulationService.loadAdopted(app)
        // The decision trees in force: the latest version an administrator loaded, else the shipped one.
        try await TreeService.loadStored(app)
        // Warm the policy simulation's snapshot in the background (the first read of everyone's facts).
        let snapshot = app.factsSnapshot
        let db = app.db
        let logger = app.logger
        Task.detached {
            do { try await snapshot.refresh(on: db) } catch { logger.warning("facts snapshot not warmed: \(error)") }
        }
        if demo {
            let users = try await DemoData.loadIfEmpty(app)
            DemoData.printUsers(users, console: app.console)
        }
        // The municipality (name, house style, ladder in use), from its set-up.
        try await MunicipalityService.loadStored(into: app.municipality, on: app.db)
        // The districts, read once and kept (UseCase/DistrictDirectory).
        _ = try await app.districtDirectory.all(on: app.db)
        // Compute the monitor's figures for this year in the background (seconds at city scale).
        let cache = app.dashboardCache
        let indicators = app.policyStore.indicators
        let today = Clock.today(now: app.time.now())
        Task.detached {
            do { _ = try await cache.figures(indicators, year: today.year, today: today, on: db) } catch {
                logger.warning("monitor figures not warmed: \(error)")
            }
        }
        let args = app.environment.arguments
        func option(_ name: String) -> String? {
            guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
            return args[i + 1]
        }
        let host = option("--hostname") ?? option("-H") ?? app.http.server.configuration.hostname
        let port = option("--port") ?? option("-p") ?? String(app.http.server.configuration.port)
        app.console.print(
            "Meedoen: open http://\(host):\(port)/ in your browser (API: http://\(host):\(port)/api/v1/openapi.json). Database: \(settings.store.label)."
        )
    }

    public static func describe(_ error: any Error, settings: Settings) -> String {
        if let e = error as? StartupError { return e.description }
        if let e = error as? PolicyError { return e.description }
        if let e = error as? any LocalizedError, let text = e.errorDescription { return text }
        return "\(error)"
    }

    struct StartupError: Error, CustomStringConvertible { var description: String }
}
