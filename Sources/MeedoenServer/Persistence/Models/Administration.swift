import Fluent
import Foundation

/// The municipality that runs this database: its validated file (`definition`, JSON of
/// `MunicipalityFile`) and its logo. One row; `meedoen setup` writes it.
final class Municipality: Model, @unchecked Sendable {
    static let schema = "municipalities"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "ladder") var ladder: String
    @Field(key: "definition") var definition: String
    @OptionalField(key: "logo_svg") var logoSVG: String?
    @Timestamp(key: "updated_at", on: .none) var updatedAt: Date?

    init() {}
}

/// An external organisation (a housing corporation, debt counselling, a care provider) — the
/// involvement register and the case tables refer to them.
final class Organisation: Model, @unchecked Sendable {
    static let schema = "organisations"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @OptionalField(key: "kind") var kind: String?
    @OptionalField(key: "contact") var contact: String?
    @OptionalField(key: "district_code") var districtCode: String?
    @Field(key: "active") var active: Bool
    @Timestamp(key: "created_at", on: .none) var createdAt: Date?

    init() {}
}
