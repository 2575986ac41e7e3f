/// What differs between two runs: their events aligned, and their outcome figures compared.
///
/// Events are aligned on identity, ignoring time: who acted, the container, the kind of
/// event, the rule and the signal (`TimelineDiff.identity`). The alignment is the shortest
/// edit script between the two sequences of identities (the standard library's
/// `difference(from:)`, Myers' algorithm), so it is deterministic and the matched events keep
/// their order. A matched pair whose time differs is *moved*; one whose words differ (the text
/// the log shows) is *changed*; an event only in A is *removed*, one only in B is *added*.
/// Bookkeeping events (`EventKind.isBookkeeping`) are left out unless asked for: the meters
/// they carry are compared through the outcome figures.
///
/// ```swift
/// let d = TimelineDiff(try Simulator.run(a), try Simulator.run(b))
/// if d.isEqual { print("same run") }
/// for case .moved(let i, let j) in d.changes { print(a.events[i].time, "→", b.events[j].time) }
/// ```
public struct TimelineDiff: Sendable, Equatable {
    /// One event of the alignment: indices into A's and B's `events`.
    public enum Change: Sendable, Equatable {
        /// The same event at the same time, in the same words.
        case same(a: Int, b: Int)
        /// The same event at another time (its words may differ too).
        case moved(a: Int, b: Int)
        /// The same event at the same time, in other words (e.g. another exit code).
        case changed(a: Int, b: Int)
        /// Only in A.
        case removed(a: Int)
        /// Only in B.
        case added(b: Int)

        /// Whether the event differs between the runs.
        public var differs: Bool { if case .same = self { return false } else { return true } }
        /// A's event index, if the event is in A.
        public var a: Int? {
            switch self {
            case .same(let a, _), .moved(let a, _), .changed(let a, _), .removed(let a): return a
            case .added: return nil
            }
        }
        /// B's event index, if the event is in B.
        public var b: Int? {
            switch self {
            case .same(_, let b), .moved(_, let b), .changed(_, let b), .added(let b): return b
            case .removed: return nil
            }
        }
    }

    /// One outcome figure that differs: its value in A and in B (nil: the run has no such figure).
    public struct FigureDelta: Sendable, Equatable {
        public var name: String
        public var a: FigureValue?
        public var b: FigureValue?
    }

    /// Every compared event, in the order of the alignment.
    public var changes: [Change]
    /// The outcome figures that differ, in A's order, then those only B has.
    public var figures: [FigureDelta]
    /// For each event of A, whether it differs in B (false for bookkeeping events left out).
    public var differsInA: [Bool]
    /// For each event of B, whether it differs from A.
    public var differsInB: [Bool]

    /// Whether the two runs have the same events at the same times and the same outcome.
    public var isEqual: Bool { figures.isEmpty && !changes.contains { $0.differs } }

    /// How many events of each kind of difference: moved, changed, removed, added.
    public var counts: (moved: Int, changed: Int, removed: Int, added: Int) {
        var c = (moved: 0, changed: 0, removed: 0, added: 0)
        for ch in changes {
            switch ch {
            case .moved: c.moved += 1
            case .changed: c.changed += 1
            case .removed: c.removed += 1
            case .added: c.added += 1
            case .same: break
            }
        }
        return c
    }

    /// Compares run `a` with run `b`; `outcomeA` and `outcomeB` are their outcomes when the
    /// caller has them already (a what-if keeps the original's, which is costly on large runs).
    public init(_ a: Timeline, _ b: Timeline, outcomeA: Outcome? = nil, outcomeB: Outcome? = nil, bookkeeping: Bool = false) {
        let wordsA = EventText(a), wordsB = EventText(b)
        let shownA = a.events.indices.filter { bookkeeping || !a.events[$0].kind.isBookkeeping }
        let shownB = b.events.indices.filter { bookkeeping || !b.events[$0].kind.isBookkeeping }
        // Identities interned as numbers, so the edit script compares integers.
        var ids: [Key: Int] = [:]
        func intern(_ k: Key) -> Int {
            if let n = ids[k] { return n }
            let n = ids.count
            ids[k] = n
            return n
        }
        let keysA = shownA.map { intern(Key(a, a.events[$0])) }
        let keysB = shownB.map { intern(Key(b, b.events[$0])) }
        // The common head and tail are matched as they are; the edit script runs on the middle.
        var head = 0
        while head < keysA.count, head < keysB.count, keysA[head] == keysB[head] { head += 1 }
        var tail = 0
        while tail < keysA.count - head, tail < keysB.count - head, keysA[keysA.count - 1 - tail] == keysB[keysB.count - 1 - tail] { tail += 1 }
        let script = keysB[head..<(keysB.count - tail)].difference(from: keysA[head..<(keysA.count - tail)])
        var removedA = Set<Int>(), insertedB = Set<Int>()
        for c in script {
            switch c {
            case .remove(let offset, _, _): removedA.insert(head + offset)
            case .insert(let offset, _, _): insertedB.insert(head + offset)
            }
        }
        var out: [Change] = []
        var i = 0, j = 0
        while i < shownA.count || j < shownB.count {
            if i < shownA.count, removedA.contains(i) {
                out.append(.removed(a: shownA[i])); i += 1
            } else if j < shownB.count, insertedB.contains(j) {
                out.append(.added(b: shownB[j])); j += 1
            } else if i < shownA.count, j < shownB.count {
                let ia = shownA[i], jb = shownB[j]
                let ea = a.events[ia], eb = b.events[jb]
                if ea.time != eb.time {
                    out.append(.moved(a: ia, b: jb))
                } else if ea == eb && Self.sameProcesses(a, b, ea) {
                    // The same event about the same processes: the same words (no text made).
                    out.append(.same(a: ia, b: jb))
                } else if wordsA.message(ea, atEvent: ia) != wordsB.message(eb, atEvent: jb) {
                    out.append(.changed(a: ia, b: jb))
                } else {
                    out.append(.same(a: ia, b: jb))
                }
                i += 1; j += 1
            } else {
                break  // unreachable: an edit script accounts for every element
            }
        }
        changes = out
        var marksA = [Bool](repeating: false, count: a.events.count)
        var marksB = [Bool](repeating: false, count: b.events.count)
        for c in out where c.differs {
            if let x = c.a { marksA[x] = true }
            if let y = c.b { marksB[y] = true }
        }
        differsInA = marksA
        differsInB = marksB
        figures = Self.figureDeltas(outcomeA ?? a.outcome, outcomeB ?? b.outcome)
    }

    /// The figures whose values differ between two outcomes.
    public static func figureDeltas(_ a: Outcome, _ b: Outcome) -> [FigureDelta] {
        var out: [FigureDelta] = []
        for name in a.names where a[name] != b[name] { out.append(FigureDelta(name: name, a: a[name], b: b[name])) }
        for name in b.names where a[name] == nil { out.append(FigureDelta(name: name, a: nil, b: b[name])) }
        return out
    }

    /// An event's identity for the alignment, without text: who acted (a process by its
    /// container, instance and PID, a consumer by name), the container, the kind, the rule
    /// and the signal; not the time.
    struct Key: Hashable {
        var actor: Int
        var who: Int
        var consumer: String?
        var container: String?
        var kind: String
        var rule: Rule
        var signal: Signal?

        init(_ t: Timeline, _ e: TimelineEvent) {
            consumer = nil
            who = 0
            switch e.actor {
            case .scenario: actor = 0
            case .kubectl: actor = 1
            case .api: actor = 2
            case .endpoints: actor = 3
            case .consumer(let i): actor = 4; consumer = t.consumers[i]
            case .kubelet: actor = 5
            case .runtime: actor = 6
            case .kernel: actor = 7
            case .process(let i):
                actor = 8
                let p = t.processes[i]
                who = (p.container << 40) | (p.containerInstance << 24) | p.pid
            case .scheduler: actor = 9
            case .docker: actor = 10
            case .node: actor = 11
            }
            container = e.container.map { t.containers[$0].name }
            kind = EventText.kindName(e.kind)
            rule = e.rule
            signal = e.signal
        }
    }

    /// Whether the processes an event names are the same ones (PID and program) in both runs.
    static func sameProcesses(_ a: Timeline, _ b: Timeline, _ e: TimelineEvent) -> Bool {
        var indices: [Int] = []
        if let p = e.process { indices.append(p) }
        if case .process(let p) = e.actor { indices.append(p) }
        return indices.allSatisfy { i in
            a.processes.indices.contains(i) && b.processes.indices.contains(i)
                && a.processes[i].pid == b.processes[i].pid && a.processes[i].name == b.processes[i].name
                && a.processes[i].container == b.processes[i].container
        } && (e.container.map { a.containers[$0].name == b.containers[$0].name } ?? true)
    }

    /// An event's identity for the alignment as text: actor, container, kind, rule and signal, not time.
    public static func identity(_ e: TimelineEvent, _ index: Int, _ words: EventText) -> String {
        words.actorName(e.actor, atEvent: index) + "|" + words.containerName(e) + "|" + words.kindName(e.kind) + "|" + e.rule.id
            + "|" + (e.signal?.name ?? "")
    }
}
