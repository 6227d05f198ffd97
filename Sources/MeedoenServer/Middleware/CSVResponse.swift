import Vapor

extension Response {
    /// A CSV download (UTF-8, as an attachment named `filename`).
    static func csvAttachment(_ csv: String, filename: String) -> Response {
        let res = Response(status: .ok, body: .init(string: csv))
        res.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        return res
    }
}
