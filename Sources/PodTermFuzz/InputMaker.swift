/// Makes input `i` of a campaign from a corpus of scenario files: the same seed, corpus and
/// index give the same input, whatever the number of jobs.
public struct InputMaker: Sendable {
    /// A file to start from: its name and text.
    public struct Seed: Sendable {
        public var name: String
        public var text: String
        public init(name: String, text: String) {
            self.name = name
            self.text = text
        }
    }

    public let corpus: [Seed]
    public let seed: UInt64

    public init(corpus: [Seed], seed: UInt64) {
        precondition(!corpus.isEmpty, "the fuzzer needs at least one scenario to start from")
        self.corpus = corpus
        self.seed = seed
    }

    /// Input number `index`.
    public func input(_ index: Int) -> FuzzInput {
        var r = FuzzRandom(seed: seed, index: index)
        var origin: String
        var bytes: [UInt8]
        var mutations: [String] = []
        if r.chance(12) {
            // A file made from scratch.
            let kind = r.below(6)
            switch kind {
            case 0:
                let n = r.pick([10, 1_000, 1_100, 5_000, 12_000])
                origin = "generated huge tree"; mutations.append("\(n) children")
                bytes = Array(Generators.hugeTree(count: n, &r).utf8)
            case 1:
                // Block nesting grows with the square of the depth: keep it under 1 MB.
                let flow = r.chance(50)
                let d = flow ? r.pick([100, 1_000, 10_000, 100_000]) : r.pick([100, 500, 1_300])
                origin = "generated deep nesting"; mutations.append("depth \(d) \(flow ? "flow" : "block")")
                bytes = Array(Generators.deepNesting(depth: d, flow: flow).utf8)
            case 2:
                origin = "generated crash loop"
                bytes = Array(Generators.crashLoop(&r).utf8)
            case 3:
                origin = "generated fast workload"
                bytes = Array(Generators.fastWorkload(&r).utf8)
            case 4:
                origin = "generated wide pod"
                bytes = Array(Generators.wide(&r).utf8)
            default:
                let levels = 5 + r.below(8), width = 5 + r.below(6)
                origin = "generated alias bomb"; mutations.append("\(levels) levels × \(width)")
                bytes = Array(Generators.aliasBomb(levels: levels, width: width).utf8)
                bytes += Array("summary: x\nstory: x\npod: {containers: [{name: a, image: i, command: [\"/a\"]}]}\nexpect: {x: *l\(levels)}\n".utf8)
            }
            if r.chance(30) { mutateText(&bytes, &mutations, &r, count: 1) }
        } else {
            let base = r.pick(corpus)
            origin = base.name
            bytes = Array(base.text.utf8)
            mutateText(&bytes, &mutations, &r, count: 1 + r.below(4))
        }
        if bytes.count > 1_000_000 { bytes = Array(bytes.prefix(1_000_000)); mutations.append("cut to 1 MB") }
        let (args, notes) = ArgumentMutations.arguments(for: bytes, &r)
        return FuzzInput(index: index, origin: origin, mutations: mutations + notes, bytes: bytes, arguments: args)
    }

    private func mutateText(_ b: inout [UInt8], _ notes: inout [String], _ r: inout FuzzRandom, count: Int) {
        // Weighted: the shape and number mutations reach the decoder's checks most often.
        let names = ["flip bits", "truncate", "delete line", "duplicate line", "swap lines",
                     "rename key", "rename key", "swap shape", "swap shape", "extreme number",
                     "extreme number", "extreme number", "invalid UTF-8", "aliases", "re-indent"]
        for _ in 0..<count {
            let name = r.pick(names)
            switch name {
            case "flip bits": TextMutations.flipBits(&b, &r)
            case "truncate": TextMutations.truncate(&b, &r)
            case "delete line": TextMutations.deleteLine(&b, &r)
            case "duplicate line": TextMutations.duplicateLine(&b, &r)
            case "swap lines": TextMutations.swapLines(&b, &r)
            case "rename key": TextMutations.renameKey(&b, &r)
            case "swap shape": TextMutations.swapShape(&b, &r)
            case "extreme number": TextMutations.extremeNumber(&b, &r)
            case "invalid UTF-8": TextMutations.invalidUTF8(&b, &r)
            case "aliases": TextMutations.aliases(&b, &r)
            default: TextMutations.reindent(&b, &r)
            }
            notes.append(name)
        }
    }
}
