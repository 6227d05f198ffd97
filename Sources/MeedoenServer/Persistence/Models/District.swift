import Fluent
import Vapor

/// A district (stadsdeel), keyed by its letter code.
final class District: Model, @unchecked Sendable {
    static let schema = "districts"

    @ID(custom: "code", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String

    init() {}
    init(code: String, name: String) {
        self.id = code
        self.name = name
    }
}
