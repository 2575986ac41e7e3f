import Foundation
import PodTerm

/// Checks that need the pod, the images and the programs together: every container has
/// something to run, every argv names a program the engine knows, and no program starts
/// itself through its children.
enum ProgramChecks {
    static func check(pod: DecodedPod, images: [String: DecodedImage], programs: [String: DecodedProgram]) throws {
        let specs = programs.mapValues(\.spec)
        for c in pod.allContainers {
            let image = images[c.spec.image]
            let argv = c.spec.argv(image: image?.spec)
            // The node argv[0] came from: command, else the image's entrypoint, else args, else the image's cmd.
            let origin = c.commandNode ?? image?.entrypointNode ?? c.argsNode ?? image?.cmdNode ?? c.imageNode ?? c.node
            guard !argv.isEmpty else {
                let imageName = c.spec.image.isEmpty ? "its image" : "image \(c.spec.image)"
                throw LocatedError(
                    at: c.imageNode ?? c.node,
                    "container \(c.spec.name) has no command: give it `command`, or declare \(imageName) under images: with an entrypoint or cmd")
            }
            try requireKnown(argv, specs, at: origin, who: "container \(c.spec.name)")
            if case .exec(let command)? = c.spec.preStop, let node = c.preStopExecNode {
                try requireKnown(command, specs, at: node, who: "the preStop hook of container \(c.spec.name)")
            }
        }
        // Every declared program's children, in a stable order.
        for key in programs.keys.sorted() {
            guard let p = programs[key] else { continue }
            for (child, node) in zip(p.spec.children, p.childCommandNodes) {
                try requireKnown(child.command, specs, at: node, who: "a child of program \(key)")
            }
        }
        try checkCycles(programs)
        try checkSendTargets(pod: pod, images: images, programs: programs)
    }

    /// A send's `process: NAME` must name something the scenario can run: a program of
    /// `programs:` or a word of a command (a container's, a child's, a hook's, supervisord's),
    /// compared by base name. A typo would otherwise only show at run time as "no live
    /// process matches".
    private static func checkSendTargets(pod: DecodedPod, images: [String: DecodedImage], programs: [String: DecodedProgram]) throws {
        let wanted = programs.keys.sorted().flatMap { programs[$0]!.sendProcessNodes }
        guard !wanted.isEmpty else { return }
        var names = Set(programs.keys.map(baseName))
        func words(_ argv: [String]) {
            for a in argv {
                for w in a.split(whereSeparator: { " \t\n;&|()'\"".contains($0) }) { names.insert(baseName(String(w))) }
            }
        }
        for c in pod.allContainers {
            words(c.spec.argv(image: images[c.spec.image]?.spec))
            if case .exec(let command)? = c.spec.preStop { words(command) }
        }
        for p in programs.values {
            for child in p.spec.children { words(child.command) }
            for sp in p.spec.supervisord?.programs ?? [] { words(sp.command) }
            if let script = p.spec.script { words([script]) }
        }
        for (name, node) in wanted where !names.contains(baseName(name)) {
            let known = names.sorted()
            throw LocatedError(
                at: node,
                "process: \(name): nothing in this scenario runs a program called '\(baseName(name))'; name a program of programs: or a command the pod runs\(Suggestions.hint(baseName(name), in: known))")
        }
    }

    private static func requireKnown(_ argv: [String], _ programs: [String: ProgramSpec], at node: SourceNode, who: String) throws {
        if Simulator.knowsProgram(argv, programs: programs) {
            // A shell script podterm cannot play faithfully is refused here, not guessed at run time.
            let problems = Simulator.scriptProblems(argv, programs: programs)
            if !problems.isEmpty {
                throw LocatedError(at: node, "\(who): \(problems.joined(separator: "; "))")
            }
            return
        }
        let exe = argv.first ?? ""
        let base = baseName(exe)
        let from = base == exe ? "" : " (from \(exe))"
        let names = programs.keys.sorted()
        let suggestion = Suggestions.nearest(exe, in: names).map { " (did you mean '\($0)'?)" }
            ?? Suggestions.hint(base, in: names)
        throw LocatedError(
            at: node,
            "\(who) runs \(exe): no program '\(base)'\(from): declare it under programs: by path or by name\(suggestion)")
    }

    static func baseName(_ exe: String) -> String {
        exe.split(separator: "/").last.map(String.init) ?? exe
    }

    /// The declared program an argv resolves to, as the engine's catalog looks it up (full path, then base name).
    static func declaredKey(_ argv: [String], _ programs: [String: DecodedProgram]) -> String? {
        guard let exe = argv.first else { return nil }
        if programs[exe] != nil { return exe }
        let base = baseName(exe)
        return programs[base] != nil ? base : nil
    }

    /// A program that is its own descendant would start processes forever.
    private static func checkCycles(_ programs: [String: DecodedProgram]) throws {
        var done: Set<String> = []
        for start in programs.keys.sorted() {
            var trail: [String] = []
            try visit(start, programs, &trail, &done)
        }
    }

    private static func visit(
        _ key: String, _ programs: [String: DecodedProgram], _ trail: inout [String], _ done: inout Set<String>
    ) throws {
        guard !done.contains(key), let p = programs[key] else { return }
        trail.append(key)
        for (child, node) in zip(p.spec.children, p.childCommandNodes) {
            guard let next = declaredKey(child.command, programs) else { continue }
            if let i = trail.firstIndex(of: next) {
                let loop = (trail[i...] + [next]).joined(separator: " → ")
                throw LocatedError(
                    at: node,
                    "program \(next) starts itself through its children (\(loop)), so it would start processes forever; break the loop")
            }
            try visit(next, programs, &trail, &done)
        }
        trail.removeLast()
        done.insert(key)
    }
}
