/// What the importer guesses about the programs of one container, from its image and command:
/// the image's shell, ENTRYPOINT and CMD when the manifest does not override them, and how each
/// program it runs reacts to signals. Every guess comes with what to check.
struct ProgramGuesses {
    /// One guessed `images:` entry.
    struct Image {
        var name: String
        var entrypoint: [String]?
        var cmd: [String]?
        var stopSignal: String?
        var shell: String
        var notes: [String]
    }

    /// One guessed `programs:` entry: its key, the YAML lines under it, and what to check.
    struct Program {
        var key: String
        var body: [String]
        var note: String
    }

    var image: Image
    var programs: [Program] = []
    /// The app the container's work runs in (what a workload attaches to): a base name.
    var app: String?

    /// The shells whose `-c` a command may be run through.
    static let shells: Set<String> = ["sh", "bash", "dash", "ash"]
    /// Builtins and words a shell runs itself.
    static let builtins: Set<String> = [
        "exec", "trap", "wait", "kill", "echo", "set", "export", "cd", "true", "false", ":", "exit", "shift",
        "unset", "test", "[", "printf", "source", ".", "umask", "ulimit",
    ]
    /// Programs podterm knows without a declaration.
    static let known: Set<String> = ["sleep", "tini", "tini-static", "dumb-init", "timeout", "supervisord"]

    /// Guesses for a container of `image` running `command`/`args` (as the manifest gives them).
    init(image imageName: String, command: [String]?, args: [String]?) {
        let lower = imageName.lowercased()
        let repo = Self.repository(lower)
        let minimal = lower.contains("alpine") || lower.contains("busybox")
        image = Image(name: imageName, shell: minimal ? "busybox" : "dash", notes: [
            minimal
                ? "guessed: /bin/sh is busybox (the image name says alpine/busybox); check with docker run --rm --entrypoint ls IMAGE -l /bin/sh"
                : "guessed: /bin/sh is dash (a Debian-like image); set bash or busybox if the image's /bin/sh is another",
        ])
        var argv: [String]
        if let command {
            argv = command + (args ?? [])
        } else {
            let (entrypoint, cmd) = Self.imageDefaults(repo)
            image.entrypoint = entrypoint
            if args == nil { image.cmd = cmd }
            argv = (entrypoint ?? []) + (args ?? cmd ?? [])
            image.notes.append(
                "guessed: the image's ENTRYPOINT and CMD from its name; check with docker inspect --format '{{json .Config.Entrypoint}} {{json .Config.Cmd}}' \(imageName)")
        }
        if repo == "nginx" || repo == "nginxinc/nginx-unprivileged" {
            image.stopSignal = "SIGQUIT"
            image.notes.append("guessed: the official nginx image says STOPSIGNAL SIGQUIT; remove this if yours does not")
        }
        if argv.isEmpty { argv = ["/app/" + Self.baseName(repo)] }
        declare(argv, imageRepo: repo, depth: 0)
    }

    /// `registry/org/name:tag@digest` → `org/name` without registry, tag and digest; `library/` dropped.
    static func repository(_ image: String) -> String {
        var s = Substring(image)
        if let at = s.firstIndex(of: "@") { s = s[..<at] }
        var parts = s.split(separator: "/").map(String.init)
        if parts.count > 1, parts[0].contains(".") || parts[0].contains(":") || parts[0] == "localhost" { parts.removeFirst() }
        if let last = parts.last, let colon = last.firstIndex(of: ":") { parts[parts.count - 1] = String(last[..<colon]) }
        if parts.first == "library" { parts.removeFirst() }
        return parts.joined(separator: "/")
    }

    static func baseName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

    /// The ENTRYPOINT and CMD an image of this name most likely has.
    static func imageDefaults(_ repo: String) -> ([String]?, [String]?) {
        let name = baseName(repo)
        switch runtime(forImage: repo) {
        case "jvm": return (nil, ["java", "-jar", "app.jar"])
        case "python": return (nil, ["python", "app.py"])
        case "node": return (["docker-entrypoint.sh"], ["node", "server.js"])
        case "nginx": return (["/docker-entrypoint.sh"], ["nginx", "-g", "daemon off;"])
        case "envoy":
            if repo.contains("istio") { return (["/usr/local/bin/pilot-agent"], ["proxy", "sidecar"]) }
            return (["/docker-entrypoint.sh"], ["envoy", "-c", "/etc/envoy/envoy.yaml"])
        default: return (["/app/" + name], nil)
        }
    }

    /// A runtime from an image's name.
    static func runtime(forImage repo: String) -> String? {
        let r = repo.lowercased()
        if ["openjdk", "temurin", "java", "jdk", "jre", "corretto", "zulu", "spring", "kafka", "tomcat", "jetty", "maven", "gradle"].contains(where: r.contains) { return "jvm" }
        if r.contains("envoy") || r.contains("istio/proxy") || r.hasSuffix("proxyv2") { return "envoy" }
        if r.contains("nginx") { return "nginx" }
        if r.contains("python") || r.contains("django") || r.contains("flask") { return "python" }
        if r.contains("node") { return "node" }
        if r.contains("golang") { return "go" }
        return nil
    }

    /// A runtime from a program's base name.
    static func runtime(forProgram base: String) -> String? {
        if base == "java" { return "jvm" }
        if base.hasPrefix("python") || ["gunicorn", "uvicorn", "celery", "flask"].contains(base) { return "python" }
        if base == "node" || base == "npm" || base == "yarn" { return "node" }
        if base == "nginx" { return "nginx" }
        if base == "envoy" || base == "pilot-agent" { return "envoy" }
        return nil
    }

    private mutating func declare(_ argv: [String], imageRepo: String, depth: Int) {
        guard let first = argv.first, depth < 8 else { return }
        let base = Self.baseName(first)
        if Self.shells.contains(base) || (base == "busybox" && argv.count > 1 && argv[1] == "sh") {
            let rest = base == "busybox" ? Array(argv.dropFirst(2)) : Array(argv.dropFirst())
            if let c = rest.firstIndex(of: "-c"), c + 1 < rest.count {
                for words in Self.simpleCommands(rest[c + 1]) { declare(words, imageRepo: imageRepo, depth: depth + 1) }
            }
            return
        }
        if base == "tini" || base == "tini-static" || base == "dumb-init" {
            var i = 1
            while i < argv.count, argv[i].hasPrefix("-") {
                if argv[i] == "--" { i += 1; break }
                if ["-e", "-p", "-r", "--rewrite"].contains(argv[i]) { i += 1 }
                i += 1
            }
            declare(Array(argv.dropFirst(min(i, argv.count))), imageRepo: imageRepo, depth: depth + 1)
            return
        }
        if base == "timeout" {
            var i = 1
            while i < argv.count, argv[i].hasPrefix("-") { i += ["-s", "-k", "--signal", "--kill-after"].contains(argv[i]) ? 2 : 1 }
            declare(Array(argv.dropFirst(min(i + 1, argv.count))), imageRepo: imageRepo, depth: depth + 1)
            return
        }
        if Self.known.contains(base) { return }
        if base.hasSuffix(".sh") {
            let rest = Array(argv.dropFirst())
            let official = base == "docker-entrypoint.sh"
            let line: String
            let note: String
            if official {
                line = "exec \"$@\""
                note = "guessed: \(first) is an official image's entrypoint, which ends with exec \"$@\"; check the script's last line"
            } else if !rest.isEmpty {
                line = "\"$@\""
                note = "guessed: \(first) runs its arguments without exec, the common mistake; if its last line is exec …, write exec here. Check the shebang (bash, sh)"
            } else {
                let app = "/app/" + Self.baseName(imageRepo)
                line = app
                note = "guessed: \(first) ends by running \(app) without exec; replace with the script's real lines (the last one decides whether the app becomes PID 1)"
                declare([app], imageRepo: imageRepo, depth: depth + 1)
            }
            programs.append(Program(key: first, body: ["shell: bash", "script: |", "  \(line)"], note: note))
            if !rest.isEmpty { declare(rest, imageRepo: imageRepo, depth: depth + 1) }
            return
        }
        guard !programs.contains(where: { $0.key == first || $0.key == base }) else { return }
        let runtime = Self.runtime(forProgram: base) ?? (depth == 0 || app == nil ? Self.runtime(forImage: imageRepo) : nil)
        app = base
        switch runtime {
        case "jvm", "python", "node", "nginx", "go":
            let cleanup = runtime == "nginx" ? "1s" : "2s"
            programs.append(Program(
                key: base, body: ["preset: \(runtime!)", "presetCleanup: \(cleanup)"],
                note: "guessed: the \(runtime!) runtime's own signal handling, shutting down in \(cleanup); set presetCleanup to how long your shutdown really takes, or declare signals: if the app handles them itself"))
        case "envoy":
            programs.append(Program(
                key: first, body: ["signals:", "  SIGTERM: {cleanup: 0s, exitCode: 0}"],
                note: "guessed: the proxy exits at once on SIGTERM (Envoy without a drain); give cleanup the drain time if yours drains (e.g. istio's terminationDrainDuration)"))
        default:
            programs.append(Program(
                key: first, body: ["signals:", "  SIGTERM: {cleanup: 2s, exitCode: 0}"],
                note: "guessed: the app handles SIGTERM and shuts down in 2 s; check what it does (no handler: write SIGTERM: default; as PID 1 that ignores it)"))
        }
    }

    /// The simple commands of a `sh -c` string, as word lists, with leading assignments and
    /// `exec` removed and builtins skipped (a rough split: the decoder checks the real syntax).
    static func simpleCommands(_ script: String) -> [[String]] {
        var commands: [[String]] = []
        var words: [String] = []
        var word = ""
        var quote: Character?
        var inWord = false
        func endWord() {
            if inWord { words.append(word) }
            word = ""
            inWord = false
        }
        func endCommand() {
            endWord()
            var w = words
            while let f = w.first, f.contains("="), !f.hasPrefix("=") { w.removeFirst() }
            if w.first == "exec" { w.removeFirst() }
            if let f = w.first, !builtins.contains(f) { commands.append(w) }
            words = []
        }
        for ch in script {
            if let q = quote {
                if ch == q { quote = nil } else { word.append(ch) }
                continue
            }
            switch ch {
            case "'", "\"": quote = ch; inWord = true
            case " ", "\t": endWord()
            case ";", "&", "|", "\n", "(", ")": endCommand()
            default: word.append(ch); inWord = true
            }
        }
        endCommand()
        return commands
    }
}
