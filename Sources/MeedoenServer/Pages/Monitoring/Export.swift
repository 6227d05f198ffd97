import MeedoenCore
import Vapor

/// CSV for Dutch Excel: semicolons, UTF-8 with a byte-order mark, CRLF, no formulas.
enum CSV {
    static func cell(_ s: String) -> String {
        var v = s.replacingOccurrences(of: "\"", with: "\"\"")
        if let f = v.first, "=+-@".contains(f) { v = "'" + v }
        return v.contains(";") || v.contains("\"") || v.contains("\n") || v.contains("'") && v.first == "'"
            ? "\"\(v)\"" : v
    }

    static func response(_ name: String, header: [String], rows: [[String]]) -> Response {
        let text =
            "\u{FEFF}" + ([header] + rows).map { $0.map(cell).joined(separator: ";") }.joined(separator: "\r\n")
            + "\r\n"
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name).csv\"")
        return response
    }

    /// Decimal comma for Dutch Excel.
    static func number(_ v: Double?, decimals: Int = 1) -> String {
        guard let v else { return "" }
        if v == v.rounded() { return String(Int(v)) }
        return String(format: "%.\(decimals)f", v).replacingOccurrences(of: ".", with: ",")
    }
}

/// Every table of the monitor as a download: `?formaat=csv` (Dutch Excel) or `?formaat=xlsx`.
enum Export {
    enum Format: String { case csv, xlsx }

    static func format(_ req: Request) -> Format? {
        req.query[String.self, at: "formaat"].flatMap(Format.init(rawValue:))
    }

    /// The rows are the CSV's (numbers in Dutch notation); the workbook turns those into numbers.
    static func response(_ format: Format, _ name: String, header: [String], rows: [[String]]) -> Response {
        switch format {
        case .csv: return CSV.response(name, header: header, rows: rows)
        case .xlsx:
            let bytes = Xlsx.workbook(sheet: name, header: header, rows: rows)
            let response = Response(status: .ok, body: .init(buffer: ByteBuffer(bytes: bytes)))
            response.headers.replaceOrAdd(
                name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name).xlsx\"")
            return response
        }
    }

    /// The two download links of a table.
    static func links(_ base: String, _ t: Texts) -> HTMLNode {
        let sep = base.contains("?") ? "&" : "?"
        return el(
            "p", [A("class", "downloads")],
            link(
                "\(base)\(sep)formaat=csv", t("Download als CSV (Excel)", "Download as CSV (Excel)"),
                [A("class", "button secondary")]), txt(" "),
            link(
                "\(base)\(sep)formaat=xlsx", t("Download als Excel-bestand (XLSX)", "Download as Excel file (XLSX)"),
                [A("class", "button secondary")]))
    }
}
