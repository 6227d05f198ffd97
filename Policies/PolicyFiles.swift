import Foundation

/// The policy data shipped with Meedoen: ladders and diagnosis policies (JSON), validated at load.
public enum PolicyFiles {
    public static let defaultPolicy = "amsterdam-2011-2014"
    public static let defaultLadder = "national"

    /// URLs of all shipped files in a folder (`ladders` or `diagnosis`), sorted by name.
    public static func files(in folder: String) -> [URL] {
        guard let dir = Bundle.module.url(forResource: folder, withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        return names.filter { $0.hasSuffix(".json") }.sorted().map { dir.appendingPathComponent($0) }
    }
}
