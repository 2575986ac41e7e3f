// embed-scenarios: turns the scenario files of scenarios/ into a Swift source file,
// so the podterm binary carries its built-in scenarios with it (a binary copied
// away from its build folder has no resource bundle; see ENGINEERING-NOTES.md).
//
// Usage: embed-scenarios [--root <package-dir>] <output.swift> <input.yaml>...
//
// The generated file defines `BuiltinScenario` and `BuiltinScenarios`. Each input's
// `fileName` is its path relative to the package root (`--root`, else the current
// directory), e.g. "scenarios/process-trees/tini-no-g.yaml", and its `name` the path
// under scenarios/ without ".yaml", e.g. "process-trees/tini-no-g". Inputs that do not
// end in ".yaml" are ignored. Entries are sorted by fileName in byte order, and the
// output depends only on the inputs' relative paths and contents, never on absolute
// paths, argument order, time or environment: same inputs, same bytes.

import Foundation

struct ToolError: Error, CustomStringConvertible {
    let description: String
}

struct Scenario {
    let name: String
    let fileName: String
    let text: String
}

func usage() -> Never {
    FileHandle.standardError.write(Data(
        "usage: embed-scenarios [--root <package-dir>] <output.swift> <input.yaml>...\n".utf8))
    exit(2)
}

/// Removes "." components and trailing slashes, without touching the file system
/// (no symlink resolution, so the result depends only on the text given).
func normalizedComponents(_ path: String) -> [String] {
    path.split(separator: "/", omittingEmptySubsequences: true)
        .map(String.init)
        .filter { $0 != "." }
}

/// The path of `file` relative to `root`, both absolute or both relative to the cwd.
func relativePath(of file: String, under root: String) -> String? {
    let cwd = FileManager.default.currentDirectoryPath
    func absolute(_ p: String) -> [String] {
        normalizedComponents(p.hasPrefix("/") ? p : cwd + "/" + p)
    }
    let f = absolute(file)
    let r = absolute(root)
    guard f.count > r.count, Array(f.prefix(r.count)) == r else { return nil }
    let rest = f.dropFirst(r.count)
    guard !rest.contains("..") else { return nil }
    return rest.joined(separator: "/")
}

/// Byte-order comparison (String's `<` compares by Unicode canonical equivalence).
func byteOrder(_ a: String, _ b: String) -> Bool {
    a.utf8.lexicographicallyPrecedes(b.utf8)
}

/// Whether `text` can be embedded verbatim in a multi-line raw string literal and
/// read back identically: no carriage returns (the compiler normalises line endings
/// in multi-line literals), no other control or format characters.
func isVerbatimSafe(_ text: String) -> Bool {
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x0A, 0x09: continue
        case 0x20..<0x7F: continue
        case 0..<0xA0: return false  // C0 controls, DEL, C1 controls
        default:
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator,
                 .surrogate, .privateUse, .unassigned:
                return false
            default:
                continue
            }
        }
    }
    return true
}

/// The longest run of consecutive `#` in `text`.
func longestHashRun(_ text: String) -> Int {
    var longest = 0
    var current = 0
    for byte in text.utf8 {
        if byte == UInt8(ascii: "#") {
            current += 1
            longest = max(longest, current)
        } else {
            current = 0
        }
    }
    return longest
}

/// A single-line string literal with every special character escaped. Exact for any
/// string; used for short strings (names) and for content that is not verbatim-safe.
func escapedLiteral(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\0": out += "\\0"
        default:
            if scalar.value >= 0x20 && scalar.value < 0x7F {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
    }
    return out + "\""
}

/// A literal for a scenario file's text: a multi-line raw string (readable in diffs)
/// with one more `#` than the longest run of `#` in the text, so neither its closing
/// delimiter nor an escape or interpolation can appear inside the content; or, for
/// text with control characters, an escaped single-line literal.
func contentLiteral(_ text: String) -> String {
    guard isVerbatimSafe(text) else { return escapedLiteral(text) }
    let hashes = String(repeating: "#", count: longestHashRun(text) + 1)
    // A multi-line literal's value excludes the newline right before the closing
    // delimiter, and the delimiter sits in column 0 so no indentation is stripped.
    return hashes + "\"\"\"\n" + text + "\n\"\"\"" + hashes
}

/// Whether a scenario file is a multi-pod one: a line that starts with `pods:` (its top level).
func isMultiPod(_ text: String) -> Bool {
    text.split(separator: "\n", omittingEmptySubsequences: false).contains { $0.hasPrefix("pods:") }
}

func generate(_ scenarios: [Scenario]) -> String {
    var out = """
    // Generated by embed-scenarios from the files of scenarios/. Do not edit:
    // edit the scenario files, and the build regenerates this file.

    /// A scenario file shipped inside the binary.
    public struct BuiltinScenario: Sendable, Hashable {
        /// The path under scenarios/ without ".yaml", e.g. "process-trees/tini-no-g".
        public let name: String
        /// The path relative to the package root, e.g. "scenarios/app-handles-sigterm.yaml".
        /// Use it in diagnostics (file:line:column) for this scenario.
        public let fileName: String
        /// The file's text, exactly as it was at build time.
        public let yaml: String

        public init(name: String, fileName: String, yaml: String) {
            self.name = name
            self.fileName = fileName
            self.yaml = yaml
        }
    }

    /// The scenario files of scenarios/ (subfolders included), compiled into the binary.
    public enum BuiltinScenarios {
        /// Every built-in single-pod scenario, sorted by `fileName` in byte order. The
        /// multi-pod ones (a top-level `pods:`) are in `multiPod`.
        public static let all: [BuiltinScenario] = [

    """
    func entry(_ scenario: Scenario) -> String {
        "        BuiltinScenario(\n"
            + "            name: \(escapedLiteral(scenario.name)),\n"
            + "            fileName: \(escapedLiteral(scenario.fileName)),\n"
            + "            yaml: \(contentLiteral(scenario.text))\n"
            + "        ),\n"
    }
    for scenario in scenarios where !isMultiPod(scenario.text) { out += entry(scenario) }
    out += "        ]\n\n"
    out += "        /// Every built-in multi-pod scenario (a top-level `pods:`), sorted by `fileName`.\n"
    out += "        public static let multiPod: [BuiltinScenario] = [\n"
    for scenario in scenarios where isMultiPod(scenario.text) { out += entry(scenario) }
    out += """
        ]

        /// The scenario called `name` (its path under scenarios/ without ".yaml",
        /// e.g. "app-handles-sigterm" or "process-trees/tini-no-g"), if there is one.
        public static func named(_ name: String) -> BuiltinScenario? {
            all.first { $0.name == name }
        }

        /// The multi-pod scenario called `name`, if there is one.
        public static func namedMultiPod(_ name: String) -> BuiltinScenario? {
            multiPod.first { $0.name == name }
        }

        /// The names of all built-in single-pod scenarios, in the order of `all`.
        public static var names: [String] {
            all.map(\\.name)
        }
    }

    """
    return out
}

func run() throws {
    var args = Array(CommandLine.arguments.dropFirst())
    var root = FileManager.default.currentDirectoryPath
    if args.first == "--root" {
        guard args.count >= 2 else { usage() }
        root = args[1]
        args.removeFirst(2)
    }
    guard let output = args.first else { usage() }
    let inputs = args.dropFirst().filter { $0.hasSuffix(".yaml") }

    var scenarios: [Scenario] = []
    var seen: Set<String> = []
    for input in inputs {
        guard let fileName = relativePath(of: input, under: root) else {
            throw ToolError(description: "\(input): not inside the package root \(root)")
        }
        guard seen.insert(fileName).inserted else { continue }  // same file given twice
        let components = fileName.split(separator: "/").map(String.init)
        let underScenarios = components.first == "scenarios" && components.count > 1
            ? components.dropFirst().joined(separator: "/")
            : fileName
        let name = String(underScenarios.dropLast(".yaml".count))

        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: input))
        } catch {
            throw ToolError(description: "\(fileName): cannot read: \(error.localizedDescription)")
        }
        // Decode without any BOM stripping or normalisation, then insist on a
        // byte-exact round trip (invalid UTF-8 would have been replaced by U+FFFD).
        let text = String(decoding: data, as: UTF8.self)
        guard Data(text.utf8) == data else {
            throw ToolError(description: "\(fileName): not valid UTF-8; scenario files must be UTF-8 text")
        }
        scenarios.append(Scenario(name: name, fileName: fileName, text: text))
    }
    scenarios.sort { byteOrder($0.fileName, $1.fileName) }

    let source = Data(generate(scenarios).utf8)
    let outputURL = URL(fileURLWithPath: output)
    try FileManager.default.createDirectory(
        at: outputURL.deletingLastPathComponent(), withIntermediateDirectories: true)
    try source.write(to: outputURL, options: .atomic)
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("embed-scenarios: error: \(error)\n".utf8))
    exit(1)
}
