import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import MeedoenCore
import Vapor

/// The one place that reads configuration from the environment, with explicit defaults.
public struct Settings: Sendable {
    public enum Store: Sendable, Equatable {
        case sqliteFile(String)
        case sqliteMemory
        /// A PostgreSQL URL; `schema` puts all tables in one schema (tests give each run its own).
        case postgres(String, schema: String? = nil)
    }

    public var store: Store
    public var port: Int
    public var logLevel: Logger.Level
    /// Cookies marked `Secure` (behind HTTPS in production).
    public var secureCookies: Bool
    /// The level at which every SQL statement is logged (debug; tests raise it to count statements).
    public var sqlLogLevel: Logger.Level
    /// bcrypt cost for new password hashes: 12 in production; tests lower it to stay fast.
    public var passwordCost: Int
    /// PostgreSQL connections per event loop (tests, running many apps at once, use fewer).
    public var postgresConnectionsPerLoop: Int
    /// Residents sign in through the municipality's identity provider (OpenID Connect) when set.
    public var oidc: OIDCSettings?
    /// Staff sign in through the municipality's own identity provider when set; roles and district
    /// come from its claims.
    public var staffOIDC: StaffOIDCSettings?

    /// `STAFF_OIDC_ISSUER`, `…_CLIENT_ID`, `…_CLIENT_SECRET`, `…_REDIRECT_URI`, `…_ROLES_CLAIM` (default
    /// `roles`), `…_DISTRICT_CLAIM` (default `district`), `…_ROLE_MAP` (`claim=role,…`).
    public struct StaffOIDCSettings: Sendable, Equatable {
        public var oidc: OIDCSettings
        public var rolesClaim: String
        public var districtClaim: String
        /// A value of the roles claim → the Meedoen role it gives.
        public var roleMap: [String: Role]
        public init(
            oidc: OIDCSettings, rolesClaim: String = "roles", districtClaim: String = "district",
            roleMap: [String: Role]
        ) {
            self.oidc = oidc
            self.rolesClaim = rolesClaim
            self.districtClaim = districtClaim
            self.roleMap = roleMap
        }
    }
    /// A signed-in session ends after this many minutes without a request (`SESSION_IDLE_MINUTES`).
    public var sessionIdleMinutes: Int = 30
    /// Staff who sign in with a password also give a code from an authenticator app (`MFA_REQUIRED=1`).
    public var mfaRequired: Bool = false

    /// `OIDC_ISSUER`, `OIDC_CLIENT_ID`, `OIDC_CLIENT_SECRET`, `OIDC_REDIRECT_URI`, `OIDC_BSN_CLAIM` (default `bsn`).
    public struct OIDCSettings: Sendable, Equatable {
        public var issuer: String
        public var clientID: String
        public var clientSecret: String
        public var redirectURI: String
        /// The ID-token claim that carries the citizen service number (BSN), as DigiD brokers provide it.
        public var bsnClaim: String
        public init(
            issuer: String, clientID: String, clientSecret: String, redirectURI: String, bsnClaim: String = "bsn"
        ) {
            self.issuer = issuer
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.redirectURI = redirectURI
            self.bsnClaim = bsnClaim
        }
    }

    public init(
        store: Store = .sqliteFile("meedoen.sqlite"), port: Int = 8080, logLevel: Logger.Level = .info,
        secureCookies: Bool = false, sqlLogLevel: Logger.Level = .debug, passwordCost: Int = 12,
        postgresConnectionsPerLoop: Int = 4
    ) {
        self.store = store
        self.port = port
        self.logLevel = logLevel
        self.secureCookies = secureCookies
        self.sqlLogLevel = sqlLogLevel
        self.passwordCost = passwordCost
        self.postgresConnectionsPerLoop = postgresConnectionsPerLoop
    }

    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads `DATABASE_URL`, `PORT`, `LOG_LEVEL`, `SECURE_COOKIES`, `SESSION_IDLE_MINUTES`, `OIDC_*`. A wrong value stops start-up with one clear message.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws(Problem)
        -> Settings
    {
        var settings = Settings()
        if let url = env["DATABASE_URL"], !url.isEmpty {
            settings.store = try parseDatabaseURL(url)
        }
        if let raw = env["PORT"], !raw.isEmpty {
            guard let port = Int(raw), (1...65535).contains(port) else {
                throw Problem(description: "PORT must be a number from 1 to 65535, not '\(raw)'.")
            }
            settings.port = port
        }
        if let raw = env["LOG_LEVEL"], !raw.isEmpty {
            guard let level = Logger.Level(rawValue: raw.lowercased()) else {
                throw Problem(
                    description:
                        "LOG_LEVEL must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), not '\(raw)'."
                )
            }
            settings.logLevel = level
        }
        settings.secureCookies = env["SECURE_COOKIES"] == "1" || env["SECURE_COOKIES"] == "true"
        settings.mfaRequired = env["MFA_REQUIRED"] == "1" || env["MFA_REQUIRED"] == "true"
        if let raw = env["SESSION_IDLE_MINUTES"], !raw.isEmpty {
            guard let minutes = Int(raw), (1...480).contains(minutes) else {
                throw Problem(description: "SESSION_IDLE_MINUTES must be a number from 1 to 480, not '\(raw)'.")
            }
            settings.sessionIdleMinutes = minutes
        }
        if let oidc = try oidc(env, prefix: "OIDC_", callback: "/login/oidc/callback") {
            settings.oidc = OIDCSettings(
                issuer: oidc.issuer, clientID: oidc.clientID, clientSecret: oidc.clientSecret,
                redirectURI: oidc.redirectURI,
                bsnClaim: env["OIDC_BSN_CLAIM"].flatMap { $0.isEmpty ? nil : $0 } ?? "bsn")
        }
        if let oidc = try oidc(env, prefix: "STAFF_OIDC_", callback: "/login/medewerker/callback") {
            var map: [String: Role] = [:]
            for pair in (env["STAFF_OIDC_ROLE_MAP"] ?? "").split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, let role = Role(rawValue: parts[1]), role != .resident else {
                    throw Problem(
                        description:
                            "STAFF_OIDC_ROLE_MAP must be claim=role pairs separated by commas (roles: \(Role.allCases.filter { $0 != .resident }.map(\.rawValue).joined(separator: ", "))), not '\(pair)'."
                    )
                }
                map[parts[0]] = role
            }
            guard !map.isEmpty else {
                throw Problem(
                    description:
                        "STAFF_OIDC_ISSUER is set: STAFF_OIDC_ROLE_MAP names which claim values give which role, e.g. meedoen-klantmanager=caseManager."
                )
            }
            settings.staffOIDC = StaffOIDCSettings(
                oidc: oidc, rolesClaim: env["STAFF_OIDC_ROLES_CLAIM"].flatMap { $0.isEmpty ? nil : $0 } ?? "roles",
                districtClaim: env["STAFF_OIDC_DISTRICT_CLAIM"].flatMap { $0.isEmpty ? nil : $0 } ?? "district",
                roleMap: map)
        }
        return settings
    }

    /// An identity provider's settings under `prefix` (`OIDC_` for residents, `STAFF_OIDC_` for staff).
    static func oidc(_ env: [String: String], prefix: String, callback: String) throws(Problem) -> OIDCSettings? {
        guard let issuer = env[prefix + "ISSUER"], !issuer.isEmpty else { return nil }
        guard let url = URL(string: issuer), url.scheme == "https" || url.host == "127.0.0.1" || url.host == "localhost"
        else {
            throw Problem(
                description: "\(prefix)ISSUER must be an https:// URL (http only on localhost), not '\(issuer)'.")
        }
        guard let client = env[prefix + "CLIENT_ID"], !client.isEmpty, let secret = env[prefix + "CLIENT_SECRET"],
            !secret.isEmpty, let redirect = env[prefix + "REDIRECT_URI"], URL(string: redirect)?.scheme != nil
        else {
            throw Problem(
                description:
                    "\(prefix)ISSUER is set: \(prefix)CLIENT_ID, \(prefix)CLIENT_SECRET and \(prefix)REDIRECT_URI (…\(callback)) are needed too."
            )
        }
        return OIDCSettings(issuer: issuer, clientID: client, clientSecret: secret, redirectURI: redirect)
    }

    static func parseDatabaseURL(_ url: String) throws(Problem) -> Store {
        if url == "sqlite::memory:" || url == "sqlite://:memory:" { return .sqliteMemory }
        if url.hasPrefix("sqlite://") {
            let path = String(url.dropFirst("sqlite://".count))
            guard !path.isEmpty else {
                throw Problem(description: "DATABASE_URL 'sqlite://' needs a file path, e.g. sqlite://meedoen.sqlite.")
            }
            return .sqliteFile(path)
        }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            guard let parsed = URL(string: url), parsed.host != nil, parsed.user != nil, parsed.path.count > 1 else {
                throw Problem(
                    description:
                        "DATABASE_URL must look like postgres://user:password@host:5432/database; '\(redacted(url))' does not."
                )
            }
            return .postgres(url)
        }
        throw Problem(
            description:
                "DATABASE_URL must start with postgres:// or sqlite:// (default: a SQLite file meedoen.sqlite); got '\(redacted(url))'."
        )
    }

    /// Never print a password from a connection string.
    static func redacted(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.password != nil else { return url }
        parts.password = "***"
        return parts.string ?? "(unreadable)"
    }
}

extension Settings.Store {
    func databaseConfiguration(sqlLogLevel: Logger.Level, postgresConnectionsPerLoop: Int = 4) throws
        -> DatabaseConfigurationFactory
    {
        switch self {
        case .sqliteFile(let path):
            return .sqlite(.file(path), sqlLogLevel: sqlLogLevel)
        case .sqliteMemory:
            return .sqlite(.memory, sqlLogLevel: sqlLogLevel)
        case .postgres(let url, let schema):
            var config = try SQLPostgresConfiguration(url: url)
            config.searchPath = schema.map { [$0] }
            return .postgres(
                configuration: config, maxConnectionsPerEventLoop: postgresConnectionsPerLoop, sqlLogLevel: sqlLogLevel)
        }
    }

    var label: String {
        switch self {
        case .sqliteFile(let path): "SQLite file \(path)"
        case .sqliteMemory: "SQLite in memory"
        case .postgres(let url, _): "PostgreSQL \(Settings.redacted(url))"
        }
    }
}
