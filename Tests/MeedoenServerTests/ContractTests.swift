import Foundation
import Testing
import VaporTesting

@testable import MeedoenServer

@Suite("Contract") struct ContractTests {
    /// Every API route is in the OpenAPI document with its method, and every documented operation exists.
    @Test func theRoutesAndTheContractAgree() async throws {
        try await TestWorld.with { w in
            let spec =
                try JSONSerialization.jsonObject(
                    with: Data(try await w.send(.GET, "/api/v1/openapi.json", as: nil).body.readableBytesView))
                as! [String: Any]
            let paths = spec["paths"] as! [String: [String: Any]]
            var documented = Set<String>()
            for (path, ops) in paths { for method in ops.keys { documented.insert("\(method.uppercased()) \(path)") } }
            var routed = Set<String>()
            for route in w.app.routes.all {
                let parts = route.path.map { c -> String in
                    switch c {
                    case .constant(let s): return s
                    case .parameter(let p): return "{\(p)}"
                    default: return "*"
                    }
                }
                guard parts.starts(with: ["api", "v1"]), parts.count > 2, parts.last != "openapi.json" else { continue }
                routed.insert("\(route.method.rawValue) /" + parts.dropFirst(2).joined(separator: "/"))
            }
            #expect(
                routed.subtracting(documented).isEmpty,
                "routes missing from the contract: \(routed.subtracting(documented).sorted())")
            #expect(
                documented.subtracting(routed).isEmpty,
                "documented but not routed: \(documented.subtracting(routed).sorted())")
        }
    }
}

/// The testable core rules of the NL API Design Rules (API Design Rules 2.0, "core" module).
@Suite("NL API Design Rules") struct APIDesignRulesTests {
    func contract() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: OpenAPIDocument.data) as! [String: Any]
    }

    @Test func theContractFollowsTheCoreRules() throws {
        let doc = try contract()
        let paths = (doc["paths"] as! [String: [String: Any]])
        // /core/no-trailing-slash and /core/naming-resources: kebab-case segments, no trailing slash.
        for path in paths.keys {
            #expect(!path.hasSuffix("/"), "\(path)")
            for segment in path.split(separator: "/") {
                #expect(
                    segment.wholeMatch(of: /[a-z0-9]+(-[a-z0-9]+)*|[a-z0-9]+\.json|\{[a-zA-Z]+\}/) != nil,
                    "\(path): \(segment)")
            }
        }
        // /core/http-methods: standard methods only.
        let methods = Set(paths.values.flatMap { $0.keys }).subtracting(["parameters"])
        #expect(methods.isSubset(of: ["get", "post", "put", "patch", "delete"]), "\(methods)")
        // /core/uri-version: the major version in the server URL.
        let servers = doc["servers"] as! [[String: Any]]
        #expect(servers.allSatisfy { ($0["url"] as! String).hasSuffix("/v1") })
        // /core/semver: the full version in info.version.
        let version = (doc["info"] as! [String: Any])["version"] as! String
        #expect(version.wholeMatch(of: /\d+\.\d+\.\d+/) != nil && version == APIVersionMiddleware.version)
        // /core/version-header: every response documents API-Version.
        for (path, item) in paths {
            for (method, op) in item {
                guard let op = op as? [String: Any], let responses = op["responses"] as? [String: Any] else { continue }
                #expect(!responses.isEmpty, "\(method) \(path)")
            }
        }
    }

    @Test func everyResponseCarriesTheVersionAndTheContractIsReadableCrossOrigin() async throws {
        try await TestWorld.with { w in
            for (path, who) in [
                ("/api/v1/persons", "km"), ("/api/v1/persons", nil), ("/api/v1/persons/\(UUID())", "km"),
                ("/api/v1/users", "km"), ("/api/v1/bestaat-niet", "km"), ("/api/v1/persons/", "km"),
            ] as [(String, String?)] {
                let res = try await w.send(.GET, path, as: who)
                #expect(res.headers.first(name: "API-Version") == "1.0.0", "\(path) \(res.status)")
                if path.hasSuffix("/") { #expect(res.status == .notFound, "no trailing slash, no redirect") }
            }
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .origin, value: "https://developer.overheid.nl")
            headers.replaceOrAdd(name: .accessControlRequestMethod, value: "GET")
            let preflight = try await w.app.testing().sendRequest(.OPTIONS, "/api/v1/openapi.json", headers: headers)
            #expect(preflight.status == .noContent)
            #expect(preflight.headers.first(name: .accessControlAllowOrigin) == "*")
            let doc = try await w.app.testing().sendRequest(.GET, "/api/v1/openapi.json", headers: headers)
            #expect(doc.status == .ok && doc.headers.first(name: .accessControlAllowOrigin) == "*")
            #expect(doc.headers.first(name: "API-Version") == "1.0.0")
        }
    }
}
