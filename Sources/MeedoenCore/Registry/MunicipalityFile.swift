import Foundation

/// The municipality that runs Meedoen, as one data file (`Policies/municipalities/*.json`): its name,
/// house style, districts and areas, the ladder it uses, its counters and its first administrator.
/// `meedoen setup FILE` loads it into an empty (or the same municipality's) database.
public struct MunicipalityFile: PolicyDocument, Sendable, Equatable, Codable {
    public struct District: Codable, Sendable, Equatable {
        public var code: String
        public var name: String
    }

    /// A neighbourhood or area with the postcodes (four digits) it covers: `"1101-1104"` or `"1011"`.
    public struct Area: Codable, Sendable, Equatable {
        public var code: String
        public var name: String
        public var district: String
        public var postcodes: [String]
    }

    public struct OpeningHours: Codable, Sendable, Equatable {
        /// Dutch day abbreviations: ma, di, wo, do, vr, za, zo.
        public var days: [String]
        public var from: String
        public var to: String
    }

    /// A counter (loket, Werkplein) where residents can go.
    public struct Counter: Codable, Sendable, Equatable {
        public var name: String
        public var address: String
        public var district: String?
        public var openingHours: [OpeningHours]
    }

    /// The house style: a primary colour and the text colour on it, checked for WCAG AA contrast.
    public struct Colours: Codable, Sendable, Equatable {
        public var primary: String
        public var onPrimary: String
    }

    public struct Administrator: Codable, Sendable, Equatable {
        public var username: String
        public var displayName: String
    }

    /// The CBS municipality code (four digits, e.g. 0363 for Amsterdam).
    public var code: String
    public var name: String
    /// An SVG file next to the municipality file (e.g. `amsterdam.svg`), shown in the page header.
    public var logo: String?
    public var colours: Colours
    /// The participation ladder in use (an id from `Policies/ladders`).
    public var ladder: String
    public var districts: [District]
    public var areas: [Area]
    public var counters: [Counter]
    public var administrator: Administrator
    /// Where a resident sends an objection (bezwaar) to a decision: the address printed in letters.
    public var objections: String?
    /// The municipality's general phone number and website, on the contact page.
    public var phone: String?
    public var website: String?

    public static let days = ["ma", "di", "wo", "do", "vr", "za", "zo"]

    public func validate(file: String) throws(PolicyError) {
        func fail(_ entry: String, _ message: String) -> PolicyError {
            PolicyError(file: file, entry: entry, message: message)
        }
        guard code.count == 4, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber) else {
            throw fail("code", "must be the four-digit CBS municipality code (e.g. 0363), not '\(code)'")
        }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= 100 else {
            throw fail("name", "must be a name of 1 to 100 characters")
        }
        for (entry, value, max) in [("objections", objections, 300), ("phone", phone, 30), ("website", website, 200)] {
            if let value, value.trimmingCharacters(in: .whitespaces).isEmpty || value.count > max {
                throw fail(entry, "must be 1 to \(max) characters when given")
            }
        }
        if let website, !website.hasPrefix("https://") {
            throw fail("website", "must start with https://")
        }
        if let logo {
            guard logo.hasSuffix(".svg"), !logo.contains("/"), !logo.contains("\\"), !logo.hasPrefix(".") else {
                throw fail("logo", "must be the name of an SVG file next to this file (e.g. amsterdam.svg)")
            }
        }
        for (entry, value) in [("colours.primary", colours.primary), ("colours.onPrimary", colours.onPrimary)]
        where Self.rgb(value) == nil {
            throw fail(entry, "must be a colour as #rrggbb, not '\(value)'")
        }
        let contrast = Self.contrast(colours.primary, colours.onPrimary)
        guard contrast >= 4.5 else {
            throw fail(
                "colours",
                "text on the primary colour has a contrast of \(String(format: "%.1f", contrast)):1; WCAG AA asks at least 4.5:1"
            )
        }
        guard !districts.isEmpty else { throw fail("districts", "at least one district is needed") }
        var codes: Set<String> = []
        var names: Set<String> = []
        for (i, d) in districts.enumerated() {
            guard (1...8).contains(d.code.count), d.code.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) })
            else {
                throw fail("districts[\(i)].code", "must be 1 to 8 capital letters or digits (e.g. T), not '\(d.code)'")
            }
            guard codes.insert(d.code).inserted else { throw fail("districts[\(i)].code", "'\(d.code)' occurs twice") }
            let name = d.name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.count <= 100 else {
                throw fail("districts[\(i)].name", "must be a name of 1 to 100 characters")
            }
            guard names.insert(name.lowercased()).inserted else {
                throw fail("districts[\(i)].name", "'\(name)' occurs twice")
            }
        }
        var areaCodes: Set<String> = []
        var ranges: [(ClosedRange<Int>, String)] = []
        for (i, a) in areas.enumerated() {
            guard !a.code.isEmpty, a.code.count <= 20, areaCodes.insert(a.code).inserted else {
                throw fail("areas[\(i)].code", "must be a unique code of 1 to 20 characters ('\(a.code)')")
            }
            guard !a.name.trimmingCharacters(in: .whitespaces).isEmpty, a.name.count <= 100 else {
                throw fail("areas[\(i)].name", "must be a name of 1 to 100 characters")
            }
            guard codes.contains(a.district) else {
                throw fail("areas[\(i)].district", "no district '\(a.district)' in districts")
            }
            guard !a.postcodes.isEmpty else { throw fail("areas[\(i)].postcodes", "at least one postcode range") }
            for (j, raw) in a.postcodes.enumerated() {
                guard let range = Self.postcodeRange(raw) else {
                    throw fail(
                        "areas[\(i)].postcodes[\(j)]", "must be four digits or a range such as 1101-1104, not '\(raw)'")
                }
                if let clash = ranges.first(where: { $0.0.overlaps(range) }) {
                    throw fail("areas[\(i)].postcodes[\(j)]", "'\(raw)' overlaps with area \(clash.1)")
                }
                ranges.append((range, a.code))
            }
        }
        for (i, c) in counters.enumerated() {
            guard !c.name.trimmingCharacters(in: .whitespaces).isEmpty, c.name.count <= 100 else {
                throw fail("counters[\(i)].name", "must be a name of 1 to 100 characters")
            }
            guard !c.address.trimmingCharacters(in: .whitespaces).isEmpty, c.address.count <= 200 else {
                throw fail("counters[\(i)].address", "must be an address of 1 to 200 characters")
            }
            if let d = c.district, !codes.contains(d) {
                throw fail("counters[\(i)].district", "no district '\(d)' in districts")
            }
            for (j, h) in c.openingHours.enumerated() {
                let entry = "counters[\(i)].openingHours[\(j)]"
                guard !h.days.isEmpty, h.days.allSatisfy(Self.days.contains) else {
                    throw fail("\(entry).days", "must be days from \(Self.days.joined(separator: ", "))")
                }
                guard let from = Self.minutes(h.from), let to = Self.minutes(h.to) else {
                    throw fail(entry, "times must be HH:MM, such as 09:00")
                }
                guard from < to else {
                    throw fail(entry, "opens at \(h.from) and closes at \(h.to): closing comes first")
                }
            }
        }
        guard Self.isUsername(administrator.username) else {
            throw fail(
                "administrator.username",
                "must be 2 to 50 lower-case letters, digits, dots, hyphens or underscores, not '\(administrator.username)'"
            )
        }
        guard !administrator.displayName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw fail("administrator.displayName", "is required")
        }
    }

    /// Checks that the ladder named is one of `ladders` (the shipped ones).
    public func check(ladders: Set<String>, file: String) throws(PolicyError) {
        guard ladders.contains(ladder) else {
            throw PolicyError(
                file: file, entry: "ladder",
                message: "no ladder '\(ladder)' (shipped: \(ladders.sorted().joined(separator: ", ")))")
        }
    }

    /// The area a postcode (`1102 AB` or `1102`) lies in, if any.
    public func area(forPostcode postcode: String) -> Area? {
        guard let digits = Int(postcode.prefix(4)) else { return nil }
        return areas.first { area in area.postcodes.contains { Self.postcodeRange($0)?.contains(digits) == true } }
    }

    /// The area of the postcode in a written address ("Javastraat 12, 1094 HB"), if it has one that
    /// lies in this municipality: an address is listed in its own district, not the writer's.
    public func area(forAddress address: String) -> Area? {
        guard let m = address.firstMatch(of: /(^|[^0-9])([1-9][0-9]{3}) ?[A-Za-z]{2}([^A-Za-z]|$)/) else { return nil }
        return area(forPostcode: String(m.2))
    }

    /// A user name: 2 to 50 of a-z, 0-9, `.`, `-`, `_`.
    public static func isUsername(_ s: String) -> Bool {
        (2...50).contains(s.count)
            && s.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_") }
    }

    static func postcodeRange(_ raw: String) -> ClosedRange<Int>? {
        let parts = raw.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
            parts.allSatisfy({ $0.count == 4 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let from = Int(parts[0]), let to = Int(parts.last!), from >= 1000, from <= to
        else { return nil }
        return from...to
    }

    static func minutes(_ hhmm: String) -> Int? {
        let parts = hhmm.split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
            (0...24).contains(h), (0...59).contains(m), h * 60 + m <= 24 * 60
        else { return nil }
        return h * 60 + m
    }

    static func rgb(_ hex: String) -> (Double, Double, Double)? {
        guard hex.count == 7, hex.hasPrefix("#"), let value = Int(hex.dropFirst(), radix: 16) else { return nil }
        return (Double((value >> 16) & 0xFF) / 255, Double((value >> 8) & 0xFF) / 255, Double(value & 0xFF) / 255)
    }

    /// The WCAG 2.1 contrast ratio of two #rrggbb colours.
    public static func contrast(_ a: String, _ b: String) -> Double {
        func luminance(_ hex: String) -> Double {
            guard let (r, g, b) = rgb(hex) else { return 0 }
            func channel(_ c: Double) -> Double { c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
            return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
        }
        let (l1, l2) = (luminance(a), luminance(b))
        return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
    }
}
