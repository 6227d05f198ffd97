import Foundation
import MeedoenCore

/// Bar charts drawn on the server as SVG (no JavaScript). Every chart has a title and each bar a
/// tooltip; pages always show the same figures in a table too (WCAG: not by colour or picture alone).
enum BarChart {
    struct Segment {
        var value: Int
        var colour: String
        var name: String
    }
    struct Row {
        var label: String
        var segments: [Segment]
    }

    /// Horizontal stacked bars, one row per label, scaled to the largest row total.
    static func svg(id: String, title: String, rows: [Row], format: (Int) -> String = { String($0) }) -> String {
        let rowH = 30
        let labelW = 220
        let barW = 380
        let width = labelW + barW + 110
        let legendNames = rows.first?.segments.map { ($0.name, $0.colour) } ?? []
        let height = rows.count * rowH + 34
        let maxTotal = max(1, rows.map { $0.segments.reduce(0) { $0 + max(0, $1.value) } }.max() ?? 1)
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" role=\"img\" aria-labelledby=\"\(id)-title\" class=\"chart\"><title id=\"\(id)-title\">\(escape(title))</title>"
        for (i, row) in rows.enumerated() {
            let y = i * rowH
            out +=
                "<text x=\"\(labelW - 8)\" y=\"\(y + 19)\" font-size=\"13\" text-anchor=\"end\" fill=\"#101828\">\(escape(String(row.label.prefix(34))))</text>"
            var x = labelW
            for s in row.segments where s.value > 0 {
                let w = max(1, s.value * barW / maxTotal)
                out +=
                    "<rect x=\"\(x)\" y=\"\(y + 6)\" width=\"\(w)\" height=\"18\" fill=\"\(s.colour)\"><title>\(escape(row.label)) — \(escape(s.name)): \(escape(format(s.value)))</title></rect>"
                x += w
            }
            let total = row.segments.reduce(0) { $0 + max(0, $1.value) }
            out +=
                "<text x=\"\(x + 6)\" y=\"\(y + 19)\" font-size=\"12\" fill=\"#475467\">\(escape(format(total)))</text>"
        }
        var lx = labelW
        for (name, colour) in legendNames where legendNames.count > 1 {
            out +=
                "<rect x=\"\(lx)\" y=\"\(height - 22)\" width=\"12\" height=\"12\" fill=\"\(colour)\"/><text x=\"\(lx + 16)\" y=\"\(height - 12)\" font-size=\"12\" fill=\"#101828\">\(escape(name))</text>"
            lx += 24 + name.count * 7
        }
        return out + "</svg>"
    }

    static let spent = "#475467", committed = "#1d4ed8", available = "#86efac", lapse = "#b42318", start = "#067647"
}

/// Euros on pages: "€ 1.250,00"; and back from what a person types ("1250", "1.250,50", "€ 12,5").
enum Euro {
    static func text(_ cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let c = abs(cents)
        var whole = String(c / 100)
        var groups: [String] = []
        while whole.count > 3 {
            groups.insert(String(whole.suffix(3)), at: 0)
            whole = String(whole.dropLast(3))
        }
        groups.insert(whole, at: 0)
        return "\(sign)€ \(groups.joined(separator: ".")),\(String(format: "%02d", c % 100))"
    }

    static func cents(_ typed: String) -> Int? {
        var s = typed.replacingOccurrences(of: "€", with: "").replacingOccurrences(of: " ", with: "")
            .trimmingCharacters(in: .whitespaces)
        guard !s.isEmpty else { return nil }
        let negative = s.hasPrefix("-")
        if negative { s.removeFirst() }
        if s.contains(",") {
            s = s.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
        } else if s.range(of: #"^[0-9]{1,3}(\.[0-9]{3})+$"#, options: .regularExpression) != nil {
            s = s.replacingOccurrences(of: ".", with: "")
        }  // 2.000 is two thousand
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int(parts[0].isEmpty ? "0" : String(parts[0])), whole < 1_000_000_000 else {
            return nil
        }
        var frac = 0
        if parts.count == 2 {
            let f = String(parts[1])
            guard f.count <= 2, f.allSatisfy(\.isNumber) else { return nil }
            frac = Int(f.padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0
        }
        let v = whole * 100 + frac
        return negative ? -v : v
    }

    /// For a form field: the cents when it parses, otherwise the raw text so validation names the field.
    static func field(_ form: FormData, _ name: String) -> JSONValue? {
        guard let raw = form[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        return cents(raw).map(JSONValue.int) ?? .string(raw)
    }
}
