import Logging
import MeedoenServer
import Vapor

// `meedoen serve [--hostname H] [--port P] [--demo]`, `migrate`, `user add`, `demo`, `policy check`, `bench`.
var env = try Environment.detect()
let demo = env.arguments.contains("--demo")
env.arguments.removeAll { $0 == "--demo" }
let command = env.arguments.dropFirst().first ?? "serve"

let settings: Settings
do {
    settings = try Settings.fromEnvironment()
} catch {
    FileHandle.standardError.write(Data("meedoen: \(error)\n".utf8))
    exit(1)
}
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = settings.logLevel
    return handler
}

let app = try await Application.make(env)
do {
    try await configure(app, settings: settings)
    if command == "serve" {
        try await Startup.prepareToServe(app, settings: settings, demo: demo)
    }
    try await app.execute()
} catch {
    FileHandle.standardError.write(Data("meedoen: \(Startup.describe(error, settings: settings))\n".utf8))
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
