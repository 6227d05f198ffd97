import Foundation
import Vapor

/// The contract: `API/openapi.json`, written first and served as is at `/api/v1/openapi.json`.
enum OpenAPIDocument {
    static let data: Data = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
            let data = try? Data(contentsOf: url)
        else { return Data("{}".utf8) }
        return data
    }()

    static func response(for req: Request) throws -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = .json
        response.headers.replaceOrAdd(name: .accessControlAllowOrigin, value: "*")
        return response
    }

    /// The top-level fields of each operation's request body, by "METHOD /path/{param}".
    static let requestFields: [String: Set<String>] = {
        guard let doc = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let paths = doc["paths"] as? [String: Any]
        else { return [:] }
        let schemas = (doc["components"] as? [String: Any])?["schemas"] as? [String: Any] ?? [:]
        func resolve(_ schema: [String: Any]) -> [String: Any] {
            guard let ref = schema["$ref"] as? String, let name = ref.split(separator: "/").last,
                let target = schemas[String(name)] as? [String: Any]
            else { return schema }
            return resolve(target)
        }
        var fields: [String: Set<String>] = [:]
        for (path, item) in paths {
            for (method, op) in item as? [String: Any] ?? [:] {
                guard let op = op as? [String: Any], let body = op["requestBody"] as? [String: Any],
                    let content = body["content"] as? [String: Any],
                    let json = content["application/json"] as? [String: Any],
                    let schema = json["schema"] as? [String: Any]
                else { continue }
                let properties = resolve(schema)["properties"] as? [String: Any] ?? [:]
                fields["\(method.uppercased()) \(path)"] = Set(properties.keys)
            }
        }
        return fields
    }()

    /// The fields the contract names for this route's body, or nil when the contract has no body for it.
    static func requestFields(method: HTTPMethod, route: Route?) -> Set<String>? {
        guard let route else { return nil }
        let components = route.path.map { component -> String in
            switch component {
            case .parameter(let name): "{\(name)}"
            default: component.description
            }
        }
        guard components.starts(with: ["api", "v1"]) else { return nil }
        return requestFields["\(method.rawValue) /" + components.dropFirst(2).joined(separator: "/")]
    }
}
