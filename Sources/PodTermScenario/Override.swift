import Foundation
import PodTerm

/// A `--set KEY=VALUE` override of one field of a scenario file.
///
/// `KEY` is a dot-separated path from the top of the file; a list element is named by its
/// index or by its `name`; keys may contain `/` (`programs./app/server.runsFor`), and where a
/// key itself contains dots the longest key present wins; a key has at most 64 parts. `VALUE`
/// is whatever the field takes: a number, a duration, a signal, a string, a boolean or one of
/// a field's words (`images.X.shell=busybox`). The loader decodes the file, then resolves each
/// override into a typed change of the decoded scenario (`ScenarioSetting`), so a value the
/// field does not accept, or a key the format does not know, is reported as `--set KEY=VALUE: …`.
///
/// ```swift
/// let grace = try Override(parsing: "pod.terminationGracePeriodSeconds=60")
/// let quit = try Override(parsing: "pod.containers.app.lifecycle.stopSignal=SIGQUIT")
/// let loaded = try ScenarioLoader.load(file: path, overrides: [grace, quit])
/// ```
public struct Override: Sendable, Equatable {
    /// The dotted path, e.g. `stop.0.at`.
    public let path: String
    /// The value, e.g. `60`, `12s` or `SIGQUIT`.
    public let value: String

    /// Parses `KEY=VALUE` (spaces around either are dropped).
    public init(parsing text: String) throws(ScenarioError) {
        guard let eq = text.firstIndex(of: "=") else {
            throw ScenarioError(override: text, message: "expected KEY=VALUE, e.g. pod.terminationGracePeriodSeconds=60")
        }
        let path = text[..<eq].trimmingCharacters(in: .whitespaces)
        let value = text[text.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        guard !path.isEmpty else {
            throw ScenarioError(override: text, message: "expected a key before '=', e.g. pod.terminationGracePeriodSeconds=60")
        }
        try self.init(path: path, value: value, text: text)
    }

    /// An override of `path` with `value`; the path is checked as `init(parsing:)` checks it.
    public init(path: String, value: String) throws(ScenarioError) {
        try self.init(path: path, value: value, text: path + "=" + value)
    }

    private init(path: String, value: String, text: String) throws(ScenarioError) {
        let parts = path.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= Override.maxPathParts else {
            throw ScenarioError(
                override: String(text.prefix(80)) + (text.count > 80 ? "…" : ""),
                message: "the key has \(parts.count) parts; a key has at most \(Override.maxPathParts) (the deepest field of a scenario is a handful of parts down)")
        }
        if parts.contains(where: \.isEmpty) {
            throw ScenarioError(override: text, message: "the key '\(path)' has an empty part; write keys separated by single dots, e.g. stop.0.at")
        }
        self.path = path
        self.value = value
    }

    /// An override taken as given, without the checks of `init(parsing:)` (for tests of the
    /// tree walk with paths no user could pass).
    init(uncheckedPath path: String, value: String) {
        self.path = path
        self.value = value
    }

    /// The most dot-separated parts a key may have.
    public static let maxPathParts = 64

    /// `KEY=VALUE`, as written after `--set`.
    public var text: String { path + "=" + value }
}
