import Fluent
import FluentSQLiteDriver
import MeedoenCore
import Vapor

/// The one configure function that `main` and every test call.
public func configure(_ app: Application, settings: Settings) async throws {
    app.logger.logLevel = settings.logLevel
    app.settings = settings
    app.http.server.configuration.port = settings.port
    app.routes.defaultMaxBodySize = "256kb"

    if case .sqliteFile = settings.store {
        // SQLite runs every call on the application's blocking thread pool, and a writer that finds the
        // database locked spins there (sqlite-nio's busy handler) until the lock is free. With the shared
        // pool of one thread per core, spinning writers could occupy every thread so the lock holder never
        // gets one to commit. A pool of its own, larger than the number of connections, rules that out.
        app.threadPool = NIOThreadPool(numberOfThreads: max(8, System.coreCount * 4))
    }
    app.databases.use(
        try settings.store.databaseConfiguration(
            sqlLogLevel: settings.sqlLogLevel, postgresConnectionsPerLoop: settings.postgresConnectionsPerLoop),
        as: .sqlite)
    if case .sqliteFile = settings.store, let sql = app.db as? any SQLDatabase {
        // WAL: readers do not block the writer (STACK-NOTES "Capacity … under concurrency").
        _ = try? await sql.raw("PRAGMA journal_mode=WAL").run()
    }
    if let sql = app.db as? any SQLDatabase, sql.dialect.name == "sqlite" {
        _ = try? await sql.raw("PRAGMA foreign_keys=ON").run()
    }

    app.migrations.add(CreateRegistry())
    app.migrations.add(CreateAssessments())
    app.migrations.add(CreateAuditEvents())
    app.migrations.add(SessionRecord.migration)
    // 002
    app.migrations.add(CreateLoginAttempts())  // sign-in throttling
    // 003
    app.migrations.add(CreateCatalogueAndPlans())
    // 004
    app.migrations.add(CreateMoney())
    // 005
    app.migrations.add(CreateFrontDoor())
    // 006
    app.migrations.add(CreateMonitoring())
    app.migrations.add(CreateCityScaleIndexes())
    // 008 (issue 14)
    app.migrations.add(AddSignInHardening())
    app.migrations.add(AddAdministration())
    app.migrations.add(AddSecondFactor())
    // 009 (issue 16)
    app.migrations.add(AddSpendingExceptions())
    app.migrations.add(AddSanctionWeighing())
    // 010 (issue 16)
    app.migrations.add(AddExitsAndExams())
    app.migrations.add(AddObligations())
    app.migrations.add(AddRightsAndApprovals())
    app.migrations.add(AddResultContracts())
    app.migrations.add(AddCommitmentContracts())

    app.policyStore = try PolicyStore.loadShipped()
    app.oidc = settings.oidc.map { OIDCClient(settings: $0) }
    app.staffOIDC = settings.staffOIDC.map { OIDCClient(staff: $0) }
    app.trees = try TreeStore.loadShipped()
    _ = app.factsSnapshot  // created here, before any request can race to create it
    _ = app.dashboardCache
    app.districtDirectory = DistrictDirectory()
    app.serverKeys = ServerKeys()
    app.municipality = MunicipalityDirectory()
    app.auditWriter = AuditWriter(database: { [unowned app] in app.db })

    app.passwords.use(.bcrypt(cost: settings.passwordCost))
    app.sessions.use(.fluent)
    app.sessions.configuration.cookieName = "meedoen_session"
    app.sessions.configuration.cookieFactory = { id in
        HTTPCookies.Value(
            string: id.string, maxAge: 8 * 3600, path: "/", isSecure: settings.secureCookies,
            isHTTPOnly: true, sameSite: .lax)
    }

    // Order: the headers outermost, so that error responses carry them too; then errors; then sessions.
    app.middleware = .init()
    app.middleware.use(SecurityHeadersMiddleware(secure: settings.secureCookies))
    app.middleware.use(APIVersionMiddleware())
    app.middleware.use(ProblemMiddleware())

    try routes(app)

    app.asyncCommands.use(MigrateCommand(), as: "migrate")
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(SetupCommand(), as: "setup")
    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(DistrictCommand(), as: "district")
    app.asyncCommands.use(OrganisationCommand(kind: .organisation), as: "organisation")
    app.asyncCommands.use(OrganisationCommand(kind: .provider), as: "provider")
    app.asyncCommands.use(OrganisationCommand(kind: .business), as: "business")
    app.asyncCommands.use(PolicyCommand(), as: "policy")
    app.asyncCommands.use(CatalogueCommand(), as: "catalogue")
    app.asyncCommands.use(BenchmarkCommand(), as: "benchmark")
    app.asyncCommands.use(GenerateCommand(), as: "generate")
    app.asyncCommands.use(ImportCommand(), as: "import")
}

/// The route table: health, the API under /api/v1, the pages.
func routes(_ app: Application) throws {
    app.get("health") { req async throws -> Response in
        let sql = req.db as! any SQLDatabase
        _ = try await sql.raw("SELECT 1").all()
        let response = Response(status: .ok)
        try response.content.encode(["status": "UP"])
        return response
    }

    // Liveness without the database: the bare JSON route the benchmarks compare the API with.
    app.get("health", "live") { _ async -> Response in
        let response = Response(status: .ok, body: .init(staticString: #"{"status":"UP"}"#))
        response.headers.replaceOrAdd(name: .contentType, value: "application/json; charset=utf-8")
        return response
    }

    let api = app.grouped("api", "v1")
    // The contract is public and readable from any origin (NL API Design Rules, /core/doc-openapi).
    api.get("openapi.json") { req async throws -> Response in
        try OpenAPIDocument.response(for: req)
    }
    api.on(.OPTIONS, "openapi.json") { _ async -> Response in
        let response = Response(status: .noContent)
        response.headers.replaceOrAdd(name: .accessControlAllowOrigin, value: "*")
        response.headers.replaceOrAdd(name: .accessControlAllowMethods, value: "GET, OPTIONS")
        response.headers.replaceOrAdd(name: .accessControlAllowHeaders, value: "Accept, Accept-Language")
        response.headers.replaceOrAdd(name: .accessControlMaxAge, value: "86400")
        return response
    }
    // The API takes bearer tokens only: no cookies, so no cross-site request can act for a user.
    let authed = api.grouped(BearerTokenAuthenticator())
    PersonsController().addRoutes(to: authed)
    HouseholdsController().addRoutes(to: authed)
    DiagnosesController().addRoutes(to: authed)
    ReferenceController().addRoutes(to: authed)
    CatalogueController().addRoutes(to: authed)
    ReferralsController().addRoutes(to: authed)
    ApprovalsController().addRoutes(to: authed)
    ContractsController().addRoutes(to: authed)
    PlansController().addRoutes(to: authed)
    BudgetController().addRoutes(to: authed)
    IncentivesController().addRoutes(to: authed)
    FrontDoorController().addRoutes(to: authed)
    AdministrationController().addRoutes(to: authed)

    let pages = app.grouped(app.sessions.middleware, SessionUserAuthenticator(), CSRFMiddleware())
    PagesController().addRoutes(to: pages)
}

/// Headers every response carries, errors included: no sniffing, no framing, no referrer leaks of
/// dossier URLs, a content security policy without inline script or style, and behind HTTPS
/// (`SECURE_COOKIES=1`) strict transport security.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    var secure: Bool

    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: Self.contentSecurityPolicy)
        if secure {
            response.headers.replaceOrAdd(
                name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains")
        }
        if !request.url.path.hasPrefix("/assets") {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }
}
