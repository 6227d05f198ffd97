import Foundation
import MeedoenCore
import MeedoenPolicies
import Testing

@Suite("Policy files") struct PolicyValidationTests {
    func shipped() throws -> [String: Any] {
        let url = PolicyFiles.files(in: "diagnosis").first!
        return try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    func load(_ json: [String: Any]) throws(PolicyError) -> DiagnosisPolicy {
        try DiagnosisPolicy.load(try! JSONSerialization.data(withJSONObject: json), file: "draft.json")
    }

    @Test func everyShippedFileValidates() throws {
        for url in PolicyFiles.files(in: "diagnosis") {
            _ = try DiagnosisPolicy.load(Data(contentsOf: url), file: url.lastPathComponent)
        }
        for url in PolicyFiles.files(in: "ladders") {
            _ = try Ladder.load(Data(contentsOf: url), file: url.lastPathComponent)
        }
        #expect(PolicyFiles.files(in: "ladders").count == 3)
    }

    @Test func aTypoInAConditionIsNamedWithItsEntry() throws {
        var json = try shipped()
        var groups = json["targetGroups"] as! [[String: Any]]
        groups[2]["when"] = ["minAgee": 18]
        json["targetGroups"] = groups
        do {
            _ = try load(json)
            Issue.record("should not load")
        } catch {
            #expect(error.file == "draft.json")
            #expect(error.entry == "targetGroups[2].when.minAgee")
            #expect(error.message.contains("unknown condition 'minAgee'"))
        }
    }

    @Test func aCategoryOutOfRangeIsNamed() throws {
        var json = try shipped()
        var groups = json["targetGroups"] as! [[String: Any]]
        groups[0]["category"] = 7
        json["targetGroups"] = groups
        #expect(
            throws: PolicyError(
                file: "draft.json", entry: "targetGroups[0] (homeless)", message: "category 7 is not one of 1 to 5")
        ) {
            try load(json)
        }
    }

    @Test func theLastRouteMustCatchEveryone() throws {
        var json = try shipped()
        json["routes"] = Array((json["routes"] as! [[String: Any]]).dropLast())
        #expect(throws: PolicyError.self) { try load(json) }
    }

    @Test func aMissingKeyAndAnUnknownRouteAreNamed() throws {
        var json = try shipped()
        json.removeValue(forKey: "caseTable")
        do {
            _ = try load(json)
            Issue.record("should not load")
        } catch { #expect(error.entry == "caseTable") }
        var json2 = try shipped()
        var routes = json2["routes"] as! [[String: Any]]
        routes[0]["route"] = "work.fast"
        json2["routes"] = routes
        do {
            _ = try load(json2)
            Issue.record("should not load")
        } catch { #expect(error.entry == "routes[0].route") }
    }
}
