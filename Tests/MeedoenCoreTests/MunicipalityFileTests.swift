import Foundation
import MeedoenCore
import MeedoenPolicies
import Testing

@Suite("Municipality files") struct MunicipalityFileTests {
    func shipped(_ name: String) throws -> [String: Any] {
        let url = PolicyFiles.files(in: "municipalities").first { $0.lastPathComponent == name }!
        return try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    func load(_ json: [String: Any]) throws(PolicyError) -> MunicipalityFile {
        try MunicipalityFile.load(try! JSONSerialization.data(withJSONObject: json), file: "gemeente.json")
    }

    /// The error a change to the Amsterdam file gives: its entry and its message.
    func error(_ change: (inout [String: Any]) -> Void) throws -> PolicyError? {
        var json = try shipped("amsterdam.json")
        change(&json)
        do {
            _ = try load(json)
            return nil
        } catch { return error }
    }

    @Test func theShippedFilesValidateAndNameTheirLadder() throws {
        let ladders = Set(PolicyFiles.files(in: "ladders").map { $0.deletingPathExtension().lastPathComponent })
        for name in ["amsterdam.json", "enschede.json"] {
            let file = try load(try shipped(name))
            try file.check(ladders: ladders, file: name)
            #expect(!file.counters.isEmpty)
        }
        let amsterdam = try load(try shipped("amsterdam.json"))
        #expect(amsterdam.districts.map(\.code) == ["A", "E", "F", "K", "M", "N", "T"])
        #expect(amsterdam.areas.count == 22, "source document 003 works with 22 areas")
        #expect(amsterdam.area(forPostcode: "1102 AB")?.name == "Bijlmer-Centrum")
        #expect(amsterdam.area(forPostcode: "1019")?.district == "M")
        #expect(amsterdam.area(forPostcode: "9999") == nil)
        #expect(throws: PolicyError.self) { try amsterdam.check(ladders: ["national"], file: "x") }
    }

    @Test func everyMistakeIsNamedWithItsEntry() throws {
        let cases: [(String, String, (inout [String: Any]) -> Void)] = [
            ("code", "four-digit", { $0["code"] = "363" }),
            ("colours", "contrast", { $0["colours"] = ["primary": "#ffcc00", "onPrimary": "#ffffff"] }),
            ("colours.primary", "#rrggbb", { $0["colours"] = ["primary": "red", "onPrimary": "#ffffff"] }),
            (
                "districts[1].code", "occurs twice",
                {
                    var d = $0["districts"] as! [[String: Any]]
                    d[1]["code"] = "A"
                    $0["districts"] = d
                }
            ),
            (
                "areas[1].postcodes[0]", "overlaps with area A1",
                {
                    var a = $0["areas"] as! [[String: Any]]
                    a[1]["postcodes"] = ["1014-1020"]
                    $0["areas"] = a
                }
            ),
            (
                "areas[0].district", "no district 'Q'",
                {
                    var a = $0["areas"] as! [[String: Any]]
                    a[0]["district"] = "Q"
                    $0["areas"] = a
                }
            ),
            (
                "counters[0].openingHours[0]", "closing comes first",
                {
                    var c = $0["counters"] as! [[String: Any]]
                    c[0]["openingHours"] = [["days": ["ma"], "from": "17:00", "to": "09:00"]]
                    $0["counters"] = c
                }
            ),
            (
                "counters[0].openingHours[0].days", "must be days",
                {
                    var c = $0["counters"] as! [[String: Any]]
                    c[0]["openingHours"] = [["days": ["maandag"], "from": "09:00", "to": "17:00"]]
                    $0["counters"] = c
                }
            ),
            (
                "administrator.username", "lower-case",
                { $0["administrator"] = ["username": "Beheer Der", "displayName": "x"] }
            ),
            ("logo", "SVG file next to this file", { $0["logo"] = "../../etc/passwd" }),
            ("districts", "required", { $0.removeValue(forKey: "districts") }),
        ]
        for (entry, message, change) in cases {
            let e = try error(change)
            #expect(e?.file == "gemeente.json")
            #expect(e?.entry == entry, "\(entry): \(e?.description ?? "no error")")
            #expect(e?.message.contains(message) == true, "\(entry): \(e?.message ?? "")")
        }
    }

    @Test func contrastIsWCAGs() {
        #expect(abs(MunicipalityFile.contrast("#000000", "#ffffff") - 21) < 0.01)
        #expect(MunicipalityFile.contrast("#ec0000", "#ffffff") >= 4.5)
        #expect(MunicipalityFile.contrast("#ffcc00", "#ffffff") < 4.5)
    }
}
