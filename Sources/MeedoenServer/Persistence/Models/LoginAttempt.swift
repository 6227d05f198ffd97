import Fluent
import Vapor

/// One sign-in attempt (no password, no IP: just enough to slow down guessing).
final class LoginAttempt: Model, @unchecked Sendable {
    static let schema = "login_attempts"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "at") var at: Date
    @Field(key: "succeeded") var succeeded: Bool
    /// Where the attempt came from (the client's address).
    @OptionalField(key: "source") var source: String?

    init() {}
    init(username: String, source: String?, at: Date, succeeded: Bool) {
        self.username = username
        self.source = source
        self.at = at
        self.succeeded = succeeded
    }
}
