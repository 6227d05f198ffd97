import Fluent
import MeedoenCore

/// The municipality's districts (stadsdelen): a letter code and a name. Set up by an administrator or
/// from the command line (`meedoen district add T Zuidoost`); the demo calls the same use case.
enum DistrictService {
    /// Adds a district or renames it. A command acts as the system (no user); a signed-in user must
    /// be an administrator.
    static func save(_ input: inout Input, in ctx: UseCaseContext) async throws -> DistrictDirectory.Entry {
        if !ctx.isSystem {
            try ctx.requireRole(
                .admin,
                because: .init(
                    nl: "Alleen een beheerder legt stadsdelen vast.", en: "Only an administrator sets up districts."))
        }
        let code = input.string("code", maxLength: 8)
        let name = input.string("name", maxLength: 100)
        if let code, code.isEmpty || !code.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) {
            input.fail(
                "code", "format", nl: "Een code van hoofdletters en cijfers, zoals T of NW.",
                en: "A code of capital letters and digits, such as T or NW.")
        }
        if let name, name.trimmingCharacters(in: .whitespaces).isEmpty {
            input.fail("name", "required", nl: "Dit veld is verplicht.", en: "This field is required.")
        }
        try input.validate()
        let entry = DistrictDirectory.Entry(code: code!, name: name!.trimmingCharacters(in: .whitespaces))
        try await ctx.db.transaction { db in
            try await ctx.districts.save(code: entry.code, name: entry.name, on: db)
        }
        ctx.districts.forget()  // also after the commit, so no reader kept the copy from before it
        return entry
    }

    static func list(in ctx: UseCaseContext) async throws -> Districts { try await ctx.districts.all(on: ctx.db) }
}
