/// A spreadsheet file (Office Open XML, `.xlsx`) of one table, written without dependencies: a ZIP
/// archive (entries stored, CRC-32 checked) holding the five XML parts Excel, LibreOffice and
/// openpyxl need. Text is written as inline strings — never as formulas, so a cell that starts with
/// `=` stays text — and a cell that is a number in Dutch notation (`12`, `-3`, `12,5`) becomes a
/// number, so sums and charts work. Text with a leading zero (`0612…`) stays text.
public enum Xlsx {
    /// The bytes of a workbook with one sheet: a bold header row, then the rows.
    public static func workbook(sheet: String, header: [String], rows: [[String]]) -> [UInt8] {
        let name = sheetName(sheet)
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        xml +=
            #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>"#
        for (r, row) in ([header] + rows).enumerated() {
            xml += "<row r=\"\(r + 1)\">"
            for (c, value) in row.enumerated() {
                let ref = column(c) + String(r + 1)
                if r > 0, let n = number(value) {
                    xml += "<c r=\"\(ref)\"><v>\(n)</v></c>"
                } else if !value.isEmpty {
                    xml +=
                        "<c r=\"\(ref)\" t=\"inlineStr\"\(r == 0 ? " s=\"1\"" : "")><is><t xml:space=\"preserve\">\(escape(value))</t></is></c>"
                }
            }
            xml += "</row>"
        }
        xml += "</sheetData></worksheet>"
        let parts: [(String, String)] = [
            (
                "[Content_Types].xml",
                #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#
            ),
            (
                "_rels/.rels",
                #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
            (
                "xl/workbook.xml",
                #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name=""#
                    + escape(name) + #"" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
            (
                "xl/_rels/workbook.xml.rels",
                #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#
            ),
            (
                "xl/styles.xml",
                #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#
            ),
            ("xl/worksheets/sheet1.xml", xml),
        ]
        return Zip.stored(parts.map { ($0.0, Array($0.1.utf8)) })
    }

    /// A number in Dutch notation as the XML value (`12,5` → `12.5`), or nil for text.
    public static func number(_ s: String) -> String? {
        var digits = Substring(s)
        if digits.first == "-" { digits = digits.dropFirst() }
        let pieces = digits.split(separator: ",", omittingEmptySubsequences: false)
        guard (1...2).contains(pieces.count), let whole = pieces.first, !whole.isEmpty, whole.allSatisfy(\.isASCII),
            whole.allSatisfy(\.isNumber),
            whole == "0" || whole.first != "0", whole.count <= 15
        else { return nil }
        if pieces.count == 2 {
            let fraction = pieces[1]
            guard !fraction.isEmpty, fraction.count <= 10, fraction.allSatisfy(\.isASCII),
                fraction.allSatisfy(\.isNumber)
            else { return nil }
            return (s.hasPrefix("-") ? "-" : "") + whole + "." + fraction
        }
        return (s.hasPrefix("-") ? "-" : "") + whole
    }

    /// A, B, …, Z, AA, AB, …
    public static func column(_ index: Int) -> String {
        var n = index + 1
        var out = ""
        while n > 0 {
            let r = (n - 1) % 26
            out = String(UnicodeScalar(UInt8(65 + r))) + out
            n = (n - 1) / 26
        }
        return out
    }

    /// Excel's sheet names: at most 31 characters, none of `[]:*?/\`.
    static func sheetName(_ s: String) -> String {
        let cleaned = String(s.map { "[]:*?/\\".contains($0) ? "-" : $0 }.prefix(31))
        return cleaned.isEmpty ? "Blad1" : cleaned
    }

    /// XML text: the five entities, and control characters XML 1.0 does not allow dropped.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if u.value < 0x20 && u != "\t" && u != "\n" && u != "\r" { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

/// A ZIP archive with stored (uncompressed) entries: local headers, data, central directory, end
/// record (PKWARE APPNOTE 4.3). Timestamps are fixed (1980-01-01) so the same table gives the same bytes.
public enum Zip {
    public static func stored(_ files: [(name: String, data: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func u16(_ v: Int, _ b: inout [UInt8]) { b += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func u32(_ v: UInt32, _ b: inout [UInt8]) {
            b += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
        }
        let dosTime = 0
        let dosDate = (0 << 9) | (1 << 5) | 1
        for (name, data) in files {
            let nameBytes = Array(name.utf8)
            let crc = crc32(data)
            let offset = UInt32(out.count)
            u32(0x0403_4B50, &out)
            u16(20, &out)
            u16(0x0800, &out)
            u16(0, &out)
            u16(dosTime, &out)
            u16(dosDate, &out)
            u32(crc, &out)
            u32(UInt32(data.count), &out)
            u32(UInt32(data.count), &out)
            u16(nameBytes.count, &out)
            u16(0, &out)
            out += nameBytes
            out += data
            u32(0x0201_4B50, &central)
            u16(20, &central)
            u16(20, &central)
            u16(0x0800, &central)
            u16(0, &central)
            u16(dosTime, &central)
            u16(dosDate, &central)
            u32(crc, &central)
            u32(UInt32(data.count), &central)
            u32(UInt32(data.count), &central)
            u16(nameBytes.count, &central)
            u16(0, &central)
            u16(0, &central)
            u16(0, &central)
            u16(0, &central)
            u32(0, &central)
            u32(offset, &central)
            central += nameBytes
        }
        let centralOffset = UInt32(out.count)
        out += central
        u32(0x0605_4B50, &out)
        u16(0, &out)
        u16(0, &out)
        u16(files.count, &out)
        u16(files.count, &out)
        u32(UInt32(central.count), &out)
        u32(centralOffset, &out)
        u16(0, &out)
        return out
    }

    private static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// CRC-32 (IEEE 802.3), as ZIP needs it.
    public static func crc32(_ data: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in data { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
