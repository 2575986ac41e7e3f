import HTTPDrain

/// One row of the reference outcomes table of `shared/bench/http-drain.md`.
struct ReferenceRow: Sendable, CustomStringConvertible {
    /// The row's flags, as written in the document ("" for the defaults).
    let flags: String
    let events: Int
    let served: Int
    let refused: Int
    let failed: Int
    /// `exit=` value, e.g. `drained@65000`.
    let exit: String
    let endMs: Int

    var description: String { flags.isEmpty ? "defaults" : flags }

    /// The parameters the row's flags describe, read through the same flag table as `podterm-bench`.
    var parameters: HTTPDrainParameters {
        var p = HTTPDrainParameters()
        let words = flags.split(separator: " ").map(String.init)
        var i = 0
        while i < words.count {
            guard let field = HTTPDrainParameter.named(words[i]), i + 1 < words.count,
                let value = Int(words[i + 1])
            else { fatalError("bad flags in reference row: \(flags)") }
            p[keyPath: field.keyPath] = value
            i += 2
        }
        return p
    }
}

/// The document's table, except `--rate 10000` (3.7 M events) and the large run (36 M events),
/// too slow for a debug build; `podterm-bench` checks those in release.
let referenceRows: [ReferenceRow] = [
    .init(flags: "", events: 369005, served: 184500, refused: 0, failed: 0, exit: "drained@65000", endMs: 65000),
    .init(flags: "--prestop-ms 0", events: 364508, served: 180003, refused: 4497, failed: 0, exit: "drained@60050", endMs: 62000),
    .init(flags: "--prestop-ms 1", events: 364508, served: 180003, refused: 4497, failed: 0, exit: "drained@60050", endMs: 62000),
    .init(flags: "--prestop-ms 1500", events: 368505, served: 184000, refused: 500, failed: 0, exit: "drained@61549", endMs: 62000),
    .init(flags: "--service-ms 40000", events: 334509, served: 150003, refused: 0, failed: 34497, exit: "killed@90000", endMs: 90000),
    .init(flags: "--service-ms 28001", events: 369005, served: 184499, refused: 0, failed: 1, exit: "killed@90000", endMs: 90000),
    .init(flags: "--service-ms 30001 --prestop-ms 0", events: 364506, served: 180000, refused: 4497, failed: 3, exit: "killed@90000", endMs: 90000),
    .init(flags: "--service-ms 30000 --prestop-ms 0", events: 364506, served: 180000, refused: 4497, failed: 3, exit: "killed@90000", endMs: 90000),
    .init(flags: "--prestop-ms 30000", events: 369005, served: 184500, refused: 0, failed: 0, exit: "drained@90000", endMs: 90000),
    .init(flags: "--prestop-ms 40000 --grace-ms 10000", events: 369005, served: 184500, refused: 0, failed: 0, exit: "killed@70000", endMs: 70000),
    .init(flags: "--grace-ms 0 --prestop-ms 0", events: 364509, served: 179853, refused: 4497, failed: 150, exit: "killed@60000", endMs: 62000),
    .init(flags: "--service-ms 0 --prestop-ms 0", events: 364508, served: 180003, refused: 4497, failed: 0, exit: "drained@60000", endMs: 62000),
    .init(flags: "--rate 7 --consumers 5 --prestop-ms 0 --service-ms 700", events: 4283, served: 2105, refused: 66, failed: 0, exit: "drained@60700", endMs: 63000),
    .init(flags: "--rate 3000 --prestop-ms 1000 --grace-ms 1500 --service-ms 600", events: 1102506, served: 548100, refused: 4500, failed: 900, exit: "killed@61500", endMs: 62000),
    .init(flags: "--rate 10000 --delete-ms 2000 --prestop-ms 500", events: 180005, served: 75000, refused: 30000, failed: 0, exit: "drained@2549", endMs: 4000),
    .init(flags: "--delete-ms 0 --prestop-ms 0", events: 4508, served: 3, refused: 4497, failed: 0, exit: "drained@50", endMs: 2000),
    .init(flags: "--delete-ms 0 --prestop-ms 0 --prop-base-ms 0 --prop-step-ms 0", events: 5, served: 0, refused: 0, failed: 0, exit: "drained@0", endMs: 0),
    .init(flags: "--prestop-ms 0 --grace-ms 1200 --service-ms 2000", events: 364509, served: 177603, refused: 4497, failed: 2400, exit: "killed@61200", endMs: 62000),
    .init(flags: "--delete-ms 1000", events: 15005, served: 7500, refused: 0, failed: 0, exit: "drained@6000", endMs: 6000),
]
