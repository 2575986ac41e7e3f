/// Finds the program model for an argv: the scenario's declared programs (by full path, then
/// base name), then the well-known programs podterm models itself.
struct ProgramCatalog {
    let programs: [String: ProgramSpec]

    /// The base name of argv[0], for display.
    static func displayName(_ argv: [String]) -> String {
        guard let first = argv.first else { return "?" }
        return first.split(separator: "/").last.map(String.init) ?? first
    }

    /// Whether argv names a program the catalog knows, and so do the commands an init program
    /// it names runs (tini, dumb-init, supervisord's programs). A shell's script is checked by
    /// `ShellValidation`, not here: its commands are only known once it runs.
    static func knows(_ argv: [String], programs: [String: ProgramSpec]) -> Bool {
        ProgramCatalog(programs: programs).knows(argv, depth: 0)
    }

    private func knows(_ argv: [String], depth: Int) -> Bool {
        guard depth < 16, let program = resolve(argv, image: nil) else { return false }
        if let child = program.initChildCommand { return knows(child, depth: depth + 1) }
        return program.supervisedCommands.allSatisfy { knows($0, depth: depth + 1) }
    }

    func resolve(_ argv: [String]) -> ProgramModel? { resolve(argv, image: nil) }

    /// The names of the programs podterm models itself (`resolve` checks their arguments).
    static let wellKnown: Set<String> = [
        "timeout", "sleep", "sh", "bash", "rbash", "dash", "ash", "busybox", "tini", "tini-static",
        "docker-init", "dumb-init", "supervisord",
    ]

    /// The program for `argv` in a container built from `image` (which decides what `/bin/sh` is).
    func resolve(_ argv: [String], image: ImageSpec?) -> ProgramModel? {
        guard let exe = argv.first else { return nil }
        let base = ProgramCatalog.displayName(argv)
        if let spec = programs[exe] ?? programs[base] { return declared(spec, argv: argv, image: image) }
        switch base {
        case "timeout":
            return TimeoutProgram(argv: argv)
        case "sleep":
            if argv.count == 2, let d = parseCoreutilsDuration(argv[1]) { return SleepProgram(duration: d) }
            return nil
        case "sh":
            return shell(argv, flavor: image?.shell ?? .dash)
        case "bash", "rbash":
            return shell(argv, flavor: .bash)
        case "dash":
            return shell(argv, flavor: .dash)
        case "ash":
            return shell(argv, flavor: .busybox)
        case "busybox":
            // `busybox sh -c …`, `busybox sleep 5`: the applet named by argv[1].
            guard argv.count >= 2 else { return nil }
            let applet = Array(argv.dropFirst())
            if applet[0] == "sh" || applet[0] == "ash" { return shell(applet, flavor: .busybox) }
            if applet[0] == "sleep" { return resolve(applet, image: image) }
            return nil
        case "tini", "tini-static", "docker-init":
            return TiniProgram.parse(argv)
        case "dumb-init":
            return DumbInitProgram.parse(argv)
        case "supervisord":
            return SupervisordProgram(config: SupervisordSpec())
        case "pause":
            return argv.count == 1 ? PauseProgram() : nil
        default:
            return nil
        }
    }

    /// A program of the scenario's `programs:`: a script file, supervisord with its
    /// configuration, an app with a runtime preset, or a plain app.
    private func declared(_ spec: ProgramSpec, argv: [String], image: ImageSpec?) -> ProgramModel {
        if let script = spec.script {
            return ShellProgram(flavor: spec.shell ?? image?.shell ?? .dash, source: .scriptFile, script: script, positional: argv)
        }
        if let config = spec.supervisord { return SupervisordProgram(config: config) }
        if let preset = spec.preset { return PresetAppProgram(spec: spec, preset: preset) }
        return AppProgram(spec: spec)
    }

    /// `sh [options] -c string [name [args…]]`, or `sh [options] file [args…]` where the file is
    /// a declared program with a `script`. Nil for an interactive shell or an unknown file.
    private func shell(_ argv: [String], flavor: ShellFlavor) -> ProgramModel? {
        guard let inv = ShellInvocation(argv) else { return nil }
        if let text = inv.commandString {
            return ShellProgram(flavor: flavor, source: .commandString, script: text, positional: inv.positional, errexit: inv.errexit)
        }
        let file = inv.positional[0]
        let fileBase = ProgramCatalog.displayName([file])
        guard let spec = programs[file] ?? programs[fileBase], let script = spec.script else { return nil }
        return ShellProgram(flavor: flavor, source: .scriptFile, script: script, positional: inv.positional, errexit: inv.errexit)
    }

}

/// A shell's command line: its options, then `-c string [name [args…]]` or `file [args…]`.
struct ShellInvocation: Equatable {
    /// The `-c` string; nil when the shell runs a script file.
    var commandString: String?
    /// `$0`, `$1`…: the name and arguments after the string, or the file and its arguments.
    var positional: [String]
    /// `-e` (errexit).
    var errexit: Bool

    init?(_ argv: [String]) {
        guard let shellName = argv.first else { return nil }
        var i = 1
        var c = false
        var e = false
        parsing: while i < argv.count {
            let a = argv[i]
            if a == "--" || a == "-" {
                i += 1
                break
            }
            if a.hasPrefix("--") {
                // bash long options: --login, --norc, --noprofile, --posix…
                i += 1
                continue
            }
            guard a.count > 1, a.first == "-" || a.first == "+" else { break }
            let on = a.first == "-"
            for ch in a.dropFirst() {
                switch ch {
                case "c": if on { c = true }
                case "e": e = on
                case "o", "O":
                    i += 1
                    guard i < argv.count else { return nil }
                    if ch == "o" && argv[i] == "errexit" { e = on }
                case "i", "s":
                    // Interactive, or commands from standard input: not modelled.
                    return nil
                default:
                    break
                }
            }
            i += 1
            continue parsing
        }
        errexit = e
        if c {
            guard i < argv.count else { return nil }
            commandString = argv[i]
            let rest = Array(argv[(i + 1)...])
            positional = rest.isEmpty ? [shellName] : rest
        } else {
            guard i < argv.count else { return nil }
            commandString = nil
            positional = Array(argv[i...])
        }
    }
}
