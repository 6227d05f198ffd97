import Foundation
import Testing

@testable import MeedoenCore

/// Reads a stored ZIP the way an unzip tool does: from the end record through the central directory
/// to each local header, checking sizes and CRC-32 on the way.
private func unzip(_ bytes: [UInt8]) throws -> [String: [UInt8]] {
    struct Bad: Error { var why: String }
    func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
    func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
    let end = bytes.count - 22
    guard end >= 0, u32(end) == 0x0605_4B50 else { throw Bad(why: "no end record") }
    let count = u16(end + 10)
    let size = u32(end + 12)
    var at = u32(end + 16)
    guard at + size == end else { throw Bad(why: "central directory misplaced") }
    var files: [String: [UInt8]] = [:]
    for _ in 0..<count {
        guard u32(at) == 0x0201_4B50, u16(at + 10) == 0 else { throw Bad(why: "central header") }
        let crc = UInt32(u32(at + 16))
        let length = u32(at + 20)
        let nameLength = u16(at + 28)
        let local = u32(at + 42)
        let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
        guard u32(local) == 0x0403_4B50, u16(local + 26) == nameLength else {
            throw Bad(why: "local header of \(name)")
        }
        let start = local + 30 + nameLength + u16(local + 28)
        let data = Array(bytes[start..<(start + length)])
        guard Zip.crc32(data) == crc else { throw Bad(why: "CRC of \(name)") }
        files[name] = data
        at += 46 + nameLength + u16(at + 30) + u16(at + 32)
    }
    return files
}

@Suite struct XlsxTests {
    @Test func crcMatchesTheStandardCheckValue() {
        #expect(Zip.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(Zip.crc32([]) == 0)
    }

    @Test func aWorkbookIsAZipWithTheFivePartsAndItsCells() throws {
        let bytes = Xlsx.workbook(
            sheet: "uitstroom/werk [2026]", header: ["stadsdeel", "waarde", "noemer"],
            rows: [
                ["Zuidoost", "6", "12,5"], ["West", "", "-3"], ["=HYPERLINK(\"x\")", "0612345678", "1,2,3"],
                ["R&D <test>", "0", "0,25"],
            ])
        let files = try unzip(bytes)
        #expect(
            Set(files.keys) == [
                "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                "xl/worksheets/sheet1.xml",
            ])
        let sheet = String(decoding: files["xl/worksheets/sheet1.xml"]!, as: UTF8.self)
        // Numbers in Dutch notation become numbers; the header stays text and bold.
        #expect(
            sheet.contains(#"<c r="B2"><v>6</v></c>"#) && sheet.contains(#"<c r="C2"><v>12.5</v></c>"#)
                && sheet.contains(#"<c r="C3"><v>-3</v></c>"#))
        #expect(sheet.contains(#"<c r="A1" t="inlineStr" s="1"><is><t xml:space="preserve">stadsdeel</t></is></c>"#))
        // An empty cell is left out; a formula stays text; a leading zero stays text; XML is escaped.
        #expect(!sheet.contains(#"r="B3""#))
        #expect(sheet.contains(#"<t xml:space="preserve">=HYPERLINK(&quot;x&quot;)</t>"#) && !sheet.contains("<f>"))
        #expect(sheet.contains(#"<c r="B4" t="inlineStr"><is><t xml:space="preserve">0612345678</t>"#))
        #expect(sheet.contains(#"<t xml:space="preserve">1,2,3</t>"#))
        #expect(
            sheet.contains("R&amp;D &lt;test&gt;") && sheet.contains(#"<c r="B5"><v>0</v></c>"#)
                && sheet.contains(#"<c r="C5"><v>0.25</v></c>"#))
        // Excel's sheet-name rules.
        let workbook = String(decoding: files["xl/workbook.xml"]!, as: UTF8.self)
        #expect(workbook.contains(#"<sheet name="uitstroom-werk -2026-" sheetId="1""#))
        // The same table gives the same bytes (fixed timestamps).
        #expect(
            bytes
                == Xlsx.workbook(
                    sheet: "uitstroom/werk [2026]", header: ["stadsdeel", "waarde", "noemer"],
                    rows: [
                        ["Zuidoost", "6", "12,5"], ["West", "", "-3"], ["=HYPERLINK(\"x\")", "0612345678", "1,2,3"],
                        ["R&D <test>", "0", "0,25"],
                    ]))
    }

    @Test func columnsAndNumbers() {
        #expect([0, 25, 26, 27, 701, 702].map(Xlsx.column) == ["A", "Z", "AA", "AB", "ZZ", "AAA"])
        #expect(Xlsx.number("4.200") == nil, "a thousands point is text, not 4.2")
        #expect(
            Xlsx.number("-0,5") == "-0.5" && Xlsx.number("007") == nil && Xlsx.number(",5") == nil
                && Xlsx.number("5,") == nil && Xlsx.number("٣") == nil)
    }
}
