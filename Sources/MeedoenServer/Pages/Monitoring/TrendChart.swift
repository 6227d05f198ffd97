import MeedoenCore
import Vapor

/// Trend lines drawn on the server: actual per year against the target, as SVG with a title.
enum TrendChart {
    static func svg(id: String, title: String, years: [Int], actual: [Double?], target: [Double?]) -> String {
        let w = 220
        let h = 64
        let pad = 16
        let values = (actual + target).compactMap { $0 }
        let top = max(1, (values.max() ?? 1) * 1.1)
        func x(_ i: Int) -> Int { years.count < 2 ? w / 2 : pad + i * (w - 2 * pad) / (years.count - 1) }
        func y(_ v: Double) -> Int { h - pad - Int(Double(h - 2 * pad) * v / top) }
        func path(_ vs: [Double?]) -> String {
            var d = ""
            var pen = false
            for (i, v) in vs.enumerated() {
                guard let v else {
                    pen = false
                    continue
                }
                d += (pen ? " L" : " M") + "\(x(i)) \(y(v))"
                pen = true
            }
            return d
        }
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(w) \(h + 14)\" width=\"\(w)\" role=\"img\" aria-labelledby=\"\(id)-t\" class=\"trend\"><title id=\"\(id)-t\">\(escape(title))</title>"
        out +=
            "<path d=\"\(path(target))\" stroke=\"#475467\" stroke-dasharray=\"4 3\" fill=\"none\" stroke-width=\"1.5\"/>"
        out += "<path d=\"\(path(actual))\" stroke=\"#1d3a6b\" fill=\"none\" stroke-width=\"2.5\"/>"
        for (i, v) in actual.enumerated() {
            if let v { out += "<circle cx=\"\(x(i))\" cy=\"\(y(v))\" r=\"3\" fill=\"#1d3a6b\"/>" }
        }
        for (i, yr) in years.enumerated() {
            out +=
                "<text x=\"\(x(i))\" y=\"\(h + 12)\" font-size=\"10\" text-anchor=\"middle\" fill=\"#475467\">\(yr)</text>"
        }
        return out + "</svg>"
    }
}
