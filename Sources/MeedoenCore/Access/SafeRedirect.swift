import Foundation

/// Where a sign-in may send the browser afterwards: only a path on this site. The value is parsed,
/// not matched as a string: a browser reads `/\evil.example` and `/<TAB>/evil.example` as another
/// site, so a path with a backslash, a control character, whitespace, a scheme, a host or a leading
/// `//` is refused.
public enum SafeRedirect {
    /// The path (with its query) if it stays on this site, or nil.
    public static func relativePath(_ raw: String?) -> String? {
        guard let raw, raw.count <= 2000, raw.hasPrefix("/") else { return nil }
        // Browsers strip tabs and newlines and treat a backslash as a slash before they resolve a URL.
        if raw.unicodeScalars.contains(where: {
            $0 == "\\" || $0.properties.generalCategory == .control || $0.properties.isWhitespace
                || $0.value > 0x7E
        }) {
            return nil
        }
        let afterSlash = raw.dropFirst()
        if afterSlash.hasPrefix("/") { return nil }
        guard let components = URLComponents(string: raw), components.scheme == nil, components.host == nil,
            components.user == nil, components.port == nil, components.path.hasPrefix("/"),
            !components.path.hasPrefix("//")
        else { return nil }
        // A percent-encoded slash or backslash right after the first one decodes to the same tricks.
        let decoded = components.percentEncodedPath.removingPercentEncoding ?? ""
        if decoded.dropFirst().hasPrefix("/") || decoded.contains("\\") { return nil }
        return raw
    }
}
