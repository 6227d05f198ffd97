import Foundation

/// Reading a municipality's existing file of residents (CSV from Dutch Excel: semicolons or commas,
/// an optional byte-order mark, a header line). Pure: each line is checked on its own and every
/// problem is reported with its line and column; the server imports only a file without problems.
public enum PersonImport {
    public static let required = ["bsn", "voornaam", "achternaam", "geboortedatum", "stadsdeel", "uitkering"]
    public static let optional = ["inburgering", "telefoon", "email"]

    public struct Row: Sendable, Hashable {
        public var line: Int
        public var bsn: String, givenName: String, familyName: String, birthDate: CalendarDate, districtCode: String
        public var benefit: BenefitKind, civicIntegration: CivicIntegration, phone: String?, email: String?
    }

    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var column: String
        public var reason: LocalizedText
        public init(line: Int, column: String, reason: LocalizedText) {
            self.line = line
            self.column = column
            self.reason = reason
        }
        public var description: String { "line \(line), \(column): \(reason.en)" }
        public var dutch: String { "regel \(line), \(column): \(reason.nl)" }
    }

    /// The header's columns (lower-cased), or the problems with it.
    public static func header(_ text: String) -> (separator: Character, columns: [String], problems: [Problem]) {
        let clean = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let separator: Character = clean.contains(";") ? ";" : ","
        let columns = split(clean, separator).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var problems: [Problem] = []
        for name in required where !columns.contains(name) {
            problems.append(
                Problem(
                    line: 1, column: name,
                    reason: .init(nl: "kolom ontbreekt in de kopregel", en: "column missing from the header")))
        }
        for name in columns where !required.contains(name) && !optional.contains(name) {
            problems.append(
                Problem(
                    line: 1, column: name,
                    reason: .init(
                        nl: "onbekende kolom (bekend: \((required + optional).joined(separator: ", ")))",
                        en: "unknown column (known: \((required + optional).joined(separator: ", ")))")))
        }
        return (separator, columns, problems)
    }

    /// Splits a CSV line; double quotes enclose a field that holds the separator ("" is a quote).
    public static func split(_ line: String, _ separator: Character) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" {
                        current.append("\"")
                        chars.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == separator {
                fields.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        fields.append(current)
        return fields
    }

    static let benefitWords: [String: BenefitKind] = [
        "participatiewet": .participatiewet, "bijstand": .participatiewet, "pw": .participatiewet, "ioaw": .ioaw,
        "ioaz": .ioaz,
        "ww": .ww, "wia": .wia, "wajong": .wajong, "none": .none, "geen": .none, "nug": .none,
    ]

    /// One data line: the row, or every problem in it.
    public static func parse(
        _ text: String, line: Int, separator: Character, columns: [String], districts: Set<String>, today: CalendarDate
    ) -> Result<Row, ProblemList> {
        let fields = split(text, separator).map { $0.trimmingCharacters(in: .whitespaces) }
        var problems: [Problem] = []
        func value(_ name: String) -> String? {
            guard let i = columns.firstIndex(of: name), i < fields.count else { return nil }
            let v = fields[i]
            return v.isEmpty ? nil : v
        }
        func fail(_ column: String, _ nl: String, _ en: String) {
            problems.append(Problem(line: line, column: column, reason: .init(nl: nl, en: en)))
        }
        if fields.count != columns.count {
            fail(
                "regel", "\(fields.count) velden, de kopregel heeft er \(columns.count)",
                "\(fields.count) fields, the header has \(columns.count)")
        }
        var bsn: String?
        if let raw = value("bsn") {
            let digits = raw.filter(\.isNumber)
            let padded = digits.count == 8 ? "0" + digits : digits  // Excel drops a leading zero
            switch Result(catching: { () throws(BSN.Problem) in try BSN(padded) }) {
            case .success(let b): bsn = b.value
            case .failure(.notNineDigits): fail("bsn", "geen 9 cijfers", "not 9 digits")
            case .failure(.failsElevenTest): fail("bsn", "voldoet niet aan de elfproef", "fails the 11-test")
            }
        } else {
            fail("bsn", "leeg", "empty")
        }
        let given = value("voornaam")
        let family = value("achternaam")
        if given == nil { fail("voornaam", "leeg", "empty") }
        if family == nil { fail("achternaam", "leeg", "empty") }
        for (name, v) in [("voornaam", given), ("achternaam", family)] where (v?.count ?? 0) > 100 {
            fail(name, "langer dan 100 tekens", "longer than 100 characters")
        }
        var birth: CalendarDate?
        if let raw = value("geboortedatum") {
            // ISO (2004-03-01) or Dutch (01-03-2004, 1-3-2004).
            if let d = CalendarDate(iso: raw) {
                birth = d
            } else {
                let parts = raw.split(whereSeparator: { $0 == "-" || $0 == "/" }).compactMap { Int($0) }
                if parts.count == 3, parts[2] > 31 {
                    birth = CalendarDate(year: parts[2], month: parts[1], day: parts[0])
                }
            }
            if let b = birth {
                let age = b.age(on: today)
                if age < 15 || age > 110 {
                    fail(
                        "geboortedatum", "leeftijd \(age) past niet (15 tot 110)", "age \(age) does not fit (15 to 110)"
                    )
                }
            } else {
                fail("geboortedatum", "geen datum (JJJJ-MM-DD of DD-MM-JJJJ)", "not a date (YYYY-MM-DD or DD-MM-YYYY)")
            }
        } else {
            fail("geboortedatum", "leeg", "empty")
        }
        let district = value("stadsdeel")?.uppercased()
        if let d = district {
            if !districts.contains(d) {
                fail(
                    "stadsdeel", "onbekend stadsdeel ‘\(d)’ (bekend: \(districts.sorted().joined(separator: ", ")))",
                    "unknown district ‘\(d)’ (known: \(districts.sorted().joined(separator: ", ")))")
            }
        } else {
            fail("stadsdeel", "leeg", "empty")
        }
        let benefit = value("uitkering").flatMap { benefitWords[$0.lowercased()] }
        if value("uitkering") == nil {
            fail("uitkering", "leeg", "empty")
        } else if benefit == nil {
            fail(
                "uitkering", "onbekend (bekend: \(benefitWords.keys.sorted().joined(separator: ", ")))",
                "unknown (known: \(benefitWords.keys.sorted().joined(separator: ", ")))")
        }
        var civic = CivicIntegration.none
        if let raw = value("inburgering") {
            let words: [String: CivicIntegration] = [
                "plichtig": .obliged, "obliged": .obliged, "vrijwillig": .voluntary, "voluntary": .voluntary,
                "nee": .none, "geen": .none, "none": .none,
            ]
            if let c = words[raw.lowercased()] {
                civic = c
            } else {
                fail("inburgering", "onbekend (plichtig, vrijwillig, geen)", "unknown (obliged, voluntary, none)")
            }
        }
        let email = value("email")
        if let e = email, !e.contains("@") || e.count > 200 {
            fail("email", "geen e-mailadres", "not an e-mail address")
        }
        guard problems.isEmpty, let bsn, let given, let family, let birth, let district, let benefit else {
            return .failure(ProblemList(problems: problems))
        }
        return .success(
            Row(
                line: line, bsn: bsn, givenName: given, familyName: family, birthDate: birth, districtCode: district,
                benefit: benefit, civicIntegration: civic, phone: value("telefoon"), email: email))
    }

    public struct ProblemList: Error, Sendable, Hashable { public var problems: [Problem] }
}
