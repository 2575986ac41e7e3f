/// Why a scenario file could not be loaded: what is wrong, and where.
///
/// Errors in the file carry the 1-based line and column of the offending node, and print as
/// `file:line:column: message`. Errors caused by a `--set` override have no line and print as
/// `--set KEY=VALUE: message`. Errors about the file as a whole (it cannot be read) print as
/// `file: message`.
///
/// ```swift
/// do {
///     let loaded = try ScenarioLoader.load(file: "scenarios/app-handles-sigterm.yaml")
/// } catch {
///     print(error)   // scenarios/app-handles-sigterm.yaml:12:5: unknown key 'comand' in …
/// }
/// ```
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The scenario file's name as it was given to the loader.
    public var file: String
    /// 1-based line of the offending node; nil for `--set` errors and whole-file errors.
    public var line: Int?
    /// 1-based column of the offending node; nil for `--set` errors and whole-file errors.
    public var column: Int?
    /// The `--set` override (`KEY=VALUE`) the error belongs to, if it does.
    public var override: String?
    /// What is wrong and what was expected.
    public var message: String

    /// An error at a place in the file.
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.override = nil
        self.message = message
    }

    /// An error caused by a `--set` override.
    public init(file: String = "", override: String, message: String) {
        self.file = file
        self.line = nil
        self.column = nil
        self.override = override
        self.message = message
    }

    /// An error about the file as a whole (it cannot be read).
    public init(file: String, message: String) {
        self.file = file
        self.line = nil
        self.column = nil
        self.override = nil
        self.message = message
    }

    /// `file:line:column: message`, `--set KEY=VALUE: message` or `file: message`.
    public var description: String {
        if let override { return "--set \(override): \(message)" }
        if let line, let column { return "\(file):\(line):\(column): \(message)" }
        return "\(file): \(message)"
    }
}
