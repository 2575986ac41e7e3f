extension Simulator {
    /// What stops podterm from running the shell script that `argv` starts, one sentence per
    /// problem; empty when there is none or when `argv` runs no shell.
    ///
    /// Covers `sh -c '…'`, `bash -c '…'`, `busybox sh -c '…'`, script files (`/entrypoint.sh`,
    /// `bash /entrypoint.sh`, declared in `programs` with `script:`), the trap actions in them,
    /// and shells that tini or dumb-init start. A problem is syntax podterm's shell does not
    /// model (pipelines, `if`, `$(…)`…), a syntax error, or a command whose name is written
    /// out in the script and that no program describes (it would end with status 127).
    ///
    /// ```swift
    /// Simulator.scriptProblems(["sh", "-c", "app | tee log"], programs: ["app": ProgramSpec()])
    /// // ["sh -c: pipelines (|) are not modelled"]
    /// ```
    public static func scriptProblems(_ argv: [String], programs: [String: ProgramSpec]) -> [String] {
        let catalog = ProgramCatalog(programs: programs)
        var argv = argv
        // Through the inits (tini, dumb-init) to the shell they start, if any.
        for _ in 0..<16 {
            guard let program = catalog.resolve(argv, image: nil) else { return [] }
            if let problems = program.scriptProblems(argv: argv, programs: programs) { return problems }
            guard let child = program.initChildCommand else { return [] }
            argv = child
        }
        return []
    }
}

extension ShellProgram {
    func scriptProblems(argv: [String], programs: [String: ProgramSpec]) -> [String]? {
        let who = source == .scriptFile ? (scriptName ?? ProgramCatalog.displayName(argv)) : ProgramCatalog.displayName(argv) + " -c"
        return problems(programs: programs).map { "\(who): \($0)" }
    }

    /// `$0` of a script file: its path.
    var scriptName: String? { source == .scriptFile ? arguments.first : nil }

    /// The script's problems (see `Simulator.scriptProblems`).
    func problems(programs: [String: ProgramSpec]) -> [String] {
        switch script {
        case .failure(let e):
            return [e.message]
        case .success(let script):
            var out: [String] = []
            ShellProgram.check(script, programs: programs, into: &out)
            return out
        }
    }

    private static func check(_ script: ShellScript, programs: [String: ProgramSpec], into out: inout [String]) {
        for cmd in script.items.flatMap(\.commands) {
            var words = cmd.words
            // Only a command whose name is written out can be checked before the run.
            guard let first = words.first?.literalText else { continue }
            if first == "trap" {
                if words.count >= 3, let action = words[1].literalText, !action.isEmpty, action != "-", UInt(action) == nil {
                    do {
                        check(try ShellScript.parse(action), programs: programs, into: &out)
                    } catch {
                        out.append("trap '\(action)': \(error.message)")
                    }
                }
                continue
            }
            if first == "exec" {
                words.removeFirst()
            } else if ShellBuiltins.names.contains(first) {
                continue
            }
            guard let exe = words.first?.literalText else { continue }
            let literal = words.compactMap(\.literalText)
            let known: Bool
            if literal.count == words.count {
                known = ProgramCatalog.knows(literal, programs: programs)
            } else {
                // Arguments with expansions: only the name can be checked.
                known = programs[exe] != nil || programs[ProgramCatalog.displayName([exe])] != nil
                    || ProgramCatalog.wellKnown.contains(ProgramCatalog.displayName([exe]))
            }
            if !known {
                out.append("runs '\(literal.count == words.count ? literal.joined(separator: " ") : exe)', which no program describes: declare it under programs: (it would end with status 127)")
            }
        }
    }
}

extension ShellWord {
    /// The word's text when it has no expansion (quotes removed).
    var literalText: String? {
        var out = ""
        for part in parts {
            guard case .literal(let s, _) = part else { return nil }
            out += s
        }
        return out
    }
}
