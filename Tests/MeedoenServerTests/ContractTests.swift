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
