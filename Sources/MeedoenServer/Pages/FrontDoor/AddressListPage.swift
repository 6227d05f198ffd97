import MeedoenCore
import Vapor

/// The resident adviser's address list.
extension SignalPages {
    /// The resident adviser's address list: the addresses in their district with open signals, and
    /// the visits to make, without names of residents they have no relation with.
    static func addresses(_ req: Request) async throws -> Response {
        let list = try await SignalService.addressList(in: req.context)
        let districtName = try await req.districts().name(list.districtCode)
        return req.page(
            req.t("Adressenlijst", "Address list"), addressListView(list: list, districtName: districtName, req.view))
    }

}
