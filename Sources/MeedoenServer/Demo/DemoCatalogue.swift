import Foundation
import MeedoenCore
import MeedoenPolicies

/// The demo's catalogue (`Policies/catalogue/amsterdam-demo.json`): what `demo` and `generate` load.
/// A municipality loads its own with `meedoen catalogue load FILE`.
enum DemoCatalogue {
    static func file() throws -> CatalogueFile {
        guard
            let url = PolicyFiles.files(in: "catalogue").first(where: { $0.lastPathComponent == "amsterdam-demo.json" })
        else {
            throw PolicyError(
                file: "Policies/catalogue", entry: "amsterdam-demo.json", message: "the demo catalogue is missing")
        }
        return try CatalogueFile.load(Data(contentsOf: url), file: "Policies/catalogue/amsterdam-demo.json")
    }
}
