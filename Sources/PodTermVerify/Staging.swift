import Foundation
import PodTerm

#if canImport(Glibc)
import Glibc
#endif

/// The files that make a scenario's programs real, for one container, resolved exactly as
/// the simulation's program catalog resolves an argv: the scenario's `programs:` by the full
/// path written, then by its base name, then the programs podterm models itself.
///
/// - `bin/NAME`: a program run by a bare name, found through PATH (`bin/` comes first);
/// - `root/ABS/PATH`: a program run by an absolute path (`/app/server`, `/bin/sh`); every
///   such path in argv, `sh -c` strings, scripts and supervisord's commands is rewritten
///   to its entry.
///
/// An entry is the probe (with its behaviour in `specs/` under the same relative path), a
/// script with a `#!` line naming the real shell, the real supervisord with a generated
/// configuration, or a copy of the real program installed on this machine (`sh` is the
/// image's shell: dash, bash or busybox). Copies, never links: a script that writes to
/// what it thinks is `/bin/sh` must not reach the host's shell. (PID 1 also runs with every
/// mount read-only but this directory.)
struct Staging {
    /// The container's directory: `bin/`, `root/`, `specs/`, `probe.log`, `out.log`.
    let dir: String
    var bin: String { dir + "/bin" }
    var probeLog: String { dir + "/probe.log" }
    var outLog: String { dir + "/out.log" }
    /// Absolute paths that have an entry under `root/`.
    private(set) var paths: Set<String> = []
    /// The container's argv, rewritten.
    private(set) var argv: [String] = []
    /// The environment of PID 1.
    var environment: [String: String] {
        [
            "PATH": bin + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME": dir,
            "TMPDIR": dir + "/tmp",
            "PODTERM_PROBE_DIR": dir,
            "PODTERM_PROBE_LOG": probeLog,
            "LANG": "C.UTF-8",
        ]
    }

    /// Where the real programs are looked for.
    static let searchPath = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]

    static func findProgram(_ name: String) -> String? {
        for d in searchPath {
            let p = d + "/" + name
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// The programs the simulation models itself, by base name.
    static let realNames: Set<String> = ["sh", "bash", "rbash", "dash", "ash", "busybox", "tini", "docker-init", "tini-static", "dumb-init", "sleep", "timeout", "supervisord"]

    /// The real program behind a name the simulation models itself, for an image whose
    /// `/bin/sh` is `shell`.
    static func realProgram(_ name: String, shell: ShellFlavor) -> String? {
        switch name {
        case "sh":
            switch shell {
            case .dash: return findProgram("dash")
            case .bash: return findProgram("bash")
            case .busybox: return findProgram("busybox")
            }
        case "bash", "rbash": return findProgram("bash")
        case "dash": return findProgram("dash")
        case "ash", "busybox": return findProgram("busybox")
        case "tini", "docker-init": return findProgram("tini")
        case "tini-static": return findProgram("tini-static") ?? findProgram("tini")
        case "dumb-init": return findProgram("dumb-init")
        case "sleep": return findProgram("sleep")
        case "timeout": return findProgram("timeout")
        case "supervisord": return findProgram("supervisord")
        default: return nil
        }
    }

    /// What an entry is.
    private enum Resolved {
        case declared(ProgramSpec)
        case real(String)
    }

    private let scenario: Scenario
    private let shell: ShellFlavor
    /// The executables supervisord runs as programs, as written in their commands.
    private let supervised: Set<String>

    /// The memory a probe that supervisord runs holds. A bare probe (60 KB) killed by
    /// supervisord's SIGKILL is a zombie within microseconds, sooner than supervisord's own
    /// turn reaches its `reap()`, which an app holding tens of megabytes never is (the kernel
    /// frees the memory before it closes the files and makes the zombie). With the bare probe
    /// the death was collected in that same turn, pipes held or not, in some runs and not in
    /// others; with the ballast it dies as an app does and the wakeup rule decides.
    static let supervisedBallastMB = 128

    /// Lays out `dir` for container `spec` of `scenario`.
    init(dir: String, scenario: Scenario, container spec: ContainerSpec, probe: String) throws(VerifyError) {
        self.dir = dir
        self.scenario = scenario
        supervised = Set(scenario.programs.values.flatMap { $0.supervisord?.programs ?? [] }.compactMap(\.command.first))
        let image = scenario.images[spec.image]
        shell = image?.shell ?? .dash
        let fm = FileManager.default
        do {
            for sub in ["bin", "root", "specs/bin", "specs/root", "tmp"] {
                try fm.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true)
            }
        } catch {
            throw .failure("cannot create \(dir): \(error)")
        }

        // Every text a program of this container may run: argv, children, supervisord's
        // programs, scripts.
        let containerArgv = spec.argv(image: image)
        var texts = containerArgv
        if case .exec(let command)? = spec.preStop { texts += command }
        for p in scenario.programs.values {
            for c in p.children { texts += c.command }
            for s in p.supervisord?.programs ?? [] { texts += s.command }
            if let s = p.script { texts.append(s) }
        }

        // Absolute paths that name a program the simulation knows: an entry under root/.
        for t in texts {
            for path in Staging.absolutePaths(in: t) where resolve(path) != nil { paths.insert(path) }
        }
        // Bare names: those the scenario declares, and the real programs it mentions.
        var bare = Set(scenario.programs.keys.filter { !$0.contains("/") })
        for t in texts {
            for w in Staging.commandWords(t) where Staging.realNames.contains(w) && !w.contains("/") { bare.insert(w) }
        }

        for name in bare.sorted() {
            guard let r = resolve(name) else { continue }
            try stage(r, entry: "bin/" + name, name: name, probe: probe)
        }
        for path in paths.sorted() {
            try stage(resolve(path)!, entry: "root" + path, name: baseName(path), probe: probe)
        }
        argv = containerArgv.map { rewrite($0) }
    }

    /// What the simulation's catalog runs for an executable written `exe`, if anything.
    private func resolve(_ exe: String) -> Resolved? {
        let base = baseName(exe)
        if let spec = scenario.programs[exe] ?? scenario.programs[base] { return .declared(spec) }
        if Staging.realNames.contains(base) { return .real(base) }
        return nil
    }

    private func stage(_ r: Resolved, entry: String, name: String, probe: String) throws(VerifyError) {
        let path = dir + "/" + entry
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        } catch {
            throw .failure("cannot create the directory of \(path): \(error)")
        }
        switch r {
        case .declared(let spec):
            if let script = spec.script {
                let interpreter: String
                switch spec.shell ?? shell {
                case .dash: interpreter = Staging.findProgram("dash") ?? "/bin/sh"
                case .bash: interpreter = Staging.findProgram("bash") ?? "/bin/bash"
                case .busybox: interpreter = (Staging.findProgram("busybox") ?? "/bin/busybox") + " sh"
                }
                try write("#!\(interpreter)\n" + rewrite(script) + "\n", to: path, mode: 0o755)
            } else if let config = spec.supervisord {
                try stageSupervisord(config, at: path, name: name)
            } else {
                try copy(probe, to: path)
                let specPath = dir + "/specs/" + entry
                do {
                    try FileManager.default.createDirectory(atPath: (specPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                } catch {
                    throw .failure("cannot create the directory of \(specPath): \(error)")
                }
                let ballast = supervised.contains(name) || supervised.contains(String(entry.dropFirst(4))) ? Staging.supervisedBallastMB : 0
                try write(ProbeSpec.render(name: name, spec, ballastMB: ballast, rewrite: { self.rewrite($0) }), to: specPath, mode: 0o644)
            }
        case .real(let base):
            if base == "supervisord" {
                try stageSupervisord(SupervisordSpec(), at: path, name: name)
                return
            }
            guard let real = Staging.realProgram(base, shell: shell) else {
                let package = base == "sh" ? (shell == .busybox ? "busybox" : shell.rawValue) : (base == "docker-init" || base == "tini-static" ? "tini" : base)
                throw .failure("the scenario runs \(name), which is not installed on this machine (e.g. apt-get install \(package))")
            }
            try copy(real, to: path)
        }
    }

    private func copy(_ source: String, to path: String) throws(VerifyError) {
        unlink(path)
        do {
            try FileManager.default.copyItem(atPath: source, toPath: path)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        } catch {
            throw .failure("cannot copy \(source) to \(path): \(error)")
        }
    }

    private func write(_ text: String, to path: String, mode: Int) throws(VerifyError) {
        do {
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        } catch {
            throw .failure("cannot write \(path): \(error)")
        }
    }

    /// supervisord with a configuration written from the scenario: the entry execs the real
    /// one with it (whatever options the container's argv gave).
    private func stageSupervisord(_ config: SupervisordSpec, at path: String, name: String) throws(VerifyError) {
        guard let real = Staging.findProgram("supervisord") else {
            throw .failure("the scenario runs supervisord, which is not installed on this machine (apt-get install supervisor)")
        }
        let conf = path + ".conf"
        var text = """
            [supervisord]
            nodaemon=true
            logfile=\(dir)/supervisord.log
            pidfile=\(dir)/supervisord.pid
            childlogdir=\(dir)
            ; what `podterm verify --keep` shows of the loop: each pipe's end ("fd N closed"), each kill
            loglevel=debug
            user=root

            """
        for (i, p) in config.programs.enumerated() {
            let command = p.command.map { Staging.shellQuote(rewrite($0)) }.joined(separator: " ")
            text += """

                [program:\(p.name)]
                command=\(command)
                stopsignal=\(p.stopSignal.shortName)
                stopwaitsecs=\(p.stopWaitSecs)
                stopasgroup=\(p.stopAsGroup)
                killasgroup=\(p.killAsGroup)
                priority=\(p.priority)
                autostart=true
                autorestart=false
                startsecs=0
                startretries=0
                redirect_stderr=\(p.redirectStderr)
                stdout_logfile=\(dir)/program-\(i).log
                \(p.redirectStderr ? "" : "stderr_logfile=\(dir)/program-\(i).err.log")

                """
        }
        try write(text, to: conf, mode: 0o644)
        // exec keeps the PID: the process is supervisord from its first instruction on.
        let sh = Staging.findProgram("dash") ?? "/bin/sh"
        try write("#!\(sh)\nexec \(real) -n -c \(conf)\n", to: path, mode: 0o755)
    }

    /// Rewrites the absolute paths in `text` that have an entry (`/app/server` →
    /// `…/root/app/server`), wherever they start a word, except after a redirection.
    func rewrite(_ text: String) -> String {
        var out = ""
        var i = text.startIndex
        var atWordStart = true
        var afterRedirection = false
        while i < text.endIndex {
            let c = text[i]
            if c == "/" && atWordStart {
                var j = i
                while j < text.endIndex, !Staging.separators.contains(text[j]), text[j] != "$" { j = text.index(after: j) }
                let path = String(text[i..<j])
                out += (!afterRedirection && paths.contains(path)) ? dir + "/root" + path : path
                i = j
                atWordStart = false
                afterRedirection = false
                continue
            }
            out.append(c)
            if c == ">" || c == "<" {
                afterRedirection = true
            } else if c != " " && c != "\t" && c != "&" && c != "|" {
                afterRedirection = false
            }
            atWordStart = Staging.separators.contains(c)
            i = text.index(after: i)
        }
        return out
    }

    static let separators: Set<Character> = [" ", "\t", "\n", ";", "&", "|", "(", ")", "<", ">", "'", "\"", "`", "=", "{", "}"]

    /// The absolute paths that start a word in `text`.
    static func absolutePaths(in text: String) -> [String] {
        var out: [String] = []
        var i = text.startIndex
        var atWordStart = true
        while i < text.endIndex {
            let c = text[i]
            if c == "/" && atWordStart {
                var j = i
                while j < text.endIndex, !separators.contains(text[j]), text[j] != "$" { j = text.index(after: j) }
                let p = String(text[i..<j])
                if !p.hasSuffix("/") { out.append(p) }
                i = j
                atWordStart = false
                continue
            }
            atWordStart = separators.contains(c)
            i = text.index(after: i)
        }
        return out
    }

    /// The base names of the words of a command line or script that could be programs.
    static func commandWords(_ text: String) -> Set<String> {
        let seps = CharacterSet(charactersIn: " \t\n;&|()<>'\"`={}")
        return Set(text.components(separatedBy: seps).filter { !$0.isEmpty }.map { baseName($0) })
    }

    /// Quotes a word for supervisord's `command=` (shlex).
    static func shellQuote(_ s: String) -> String {
        if !s.isEmpty, s.allSatisfy({ $0.isLetter || $0.isNumber || "/._-:=+,@%".contains($0) }) { return s }
        return "'" + s.replacingOccurrences(of: "'", with: "'\"'\"'") + "'"
    }
}
