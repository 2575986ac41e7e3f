import HTTPDrain

/// What the command line asked for: the model's parameters and how to run the benchmark.
struct BenchOptions {
    var parameters = HTTPDrainParameters()
    /// How many times to run the model; the median run time is reported.
    var repeatCount = 1
    /// Whether to also benchmark the built-in scenarios after the http-drain lines.
    var scenarios = false
    /// How many samples each figure of the scenario table is the median and p90 of.
    var samples = 50
    /// Only the built-in scenarios whose name contains this text (nil: all).
    var filter: String? = nil
    /// Whether to time the JSON renderer on every built-in scenario and a generated tree.
    var jsonRender = false
    /// How many children the generated process tree of `--json-render` has (0: none).
    var treeChildren = 10_000
    /// Whether to time the terminal player's frames (built-in scenario with most events, generated tree).
    var playerFrame = false
    /// Whether to time a 100 × 100 sweep of a Kafka-to-Elasticsearch scenario (`--sweep`).
    var sweep = false
    /// The sweep's grid side and runs per point, and how many real `podterm run`s to time.
    var sweepGrid = 100
    var sweepRuns = 10
    var shellRuns = 50
    /// Whether `--help` was given (nothing is run).
    var help = false
}

/// A bad command line, with the message to print after `podterm-bench: `.
struct BenchUsageError: Error {
    let message: String
}

extension BenchOptions {
    /// Largest accepted `--repeat`.
    static let maximumRepeat = 1000
    /// Largest accepted `--samples`.
    static let maximumSamples = 100_000

    /// Parses `arguments` (without the program name). Flags take their value as the next
    /// argument or after `=`: `--rate 10000`, `--rate=10000`.
    static func parse(_ arguments: [String]) throws(BenchUsageError) -> BenchOptions {
        var options = BenchOptions()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            var flag = argument
            var inlineValue: String? = nil
            if argument.hasPrefix("--"), let eq = argument.firstIndex(of: "=") {
                flag = String(argument[..<eq])
                inlineValue = String(argument[argument.index(after: eq)...])
            }
            func value(_ expectation: String) throws(BenchUsageError) -> Int {
                guard let text = inlineValue ?? rest.popFirst() else {
                    throw BenchUsageError(message: "\(expectation) (no value given)")
                }
                guard let number = Int(text) else {
                    throw BenchUsageError(message: "\(expectation) (got '\(text)')")
                }
                return number
            }
            switch flag {
            case "--help", "-h":
                options.help = true
            case "--scenarios":
                guard inlineValue == nil else { throw BenchUsageError(message: "--scenarios takes no value") }
                options.scenarios = true
            case "--json-render":
                guard inlineValue == nil else { throw BenchUsageError(message: "--json-render takes no value") }
                options.jsonRender = true
            case "--samples":
                let expectation = "--samples expects a whole number from 1 to \(maximumSamples)"
                let n = try value(expectation)
                guard (1...maximumSamples).contains(n) else { throw BenchUsageError(message: "\(expectation) (got \(n))") }
                options.samples = n
            case "--filter":
                guard let text = inlineValue ?? rest.popFirst(), !text.isEmpty else {
                    throw BenchUsageError(message: "--filter expects part of a scenario's name (no value given)")
                }
                options.filter = text
            case "--sweep":
                guard inlineValue == nil else { throw BenchUsageError(message: "--sweep takes no value") }
                options.sweep = true
            case "--sweep-grid":
                let n = try value("--sweep-grid expects a whole number from 1 to 1000")
                guard (1...1000).contains(n) else { throw BenchUsageError(message: "--sweep-grid expects a whole number from 1 to 1000 (got \(n))") }
                options.sweepGrid = n
            case "--sweep-runs":
                let n = try value("--sweep-runs expects a whole number from 1 to 1000")
                guard (1...1000).contains(n) else { throw BenchUsageError(message: "--sweep-runs expects a whole number from 1 to 1000 (got \(n))") }
                options.sweepRuns = n
            case "--shell-runs":
                let n = try value("--shell-runs expects a whole number from 0 to 10000")
                guard (0...10000).contains(n) else { throw BenchUsageError(message: "--shell-runs expects a whole number from 0 to 10000 (got \(n))") }
                options.shellRuns = n
            case "--player-frame":
                guard inlineValue == nil else { throw BenchUsageError(message: "--player-frame takes no value") }
                options.playerFrame = true
            case "--tree-children":
                let expectation = "--tree-children expects a whole number ≥ 0"
                let n = try value(expectation)
                guard n >= 0 else { throw BenchUsageError(message: "\(expectation) (got \(n))") }
                options.treeChildren = n
            case "--repeat":
                let expectation = "--repeat expects a whole number ≥ 1"
                let n = try value(expectation)
                guard n >= 1 else { throw BenchUsageError(message: "\(expectation) (got \(n))") }
                guard n <= maximumRepeat else {
                    throw BenchUsageError(message: "--repeat expects a whole number ≤ \(maximumRepeat) (got \(n))")
                }
                options.repeatCount = n
            default:
                guard let parameter = HTTPDrainParameter.named(flag) else {
                    throw BenchUsageError(message: "unknown argument '\(argument)' (see --help)")
                }
                let n = try value(parameter.expectation)
                if let problem = parameter.rangeError(n) { throw BenchUsageError(message: problem) }
                options.parameters[keyPath: parameter.keyPath] = n
            }
        }
        return options
    }

    /// The text `--help` prints.
    static var usage: String {
        var text = """
            Usage: podterm-bench [options]

            Runs the http-drain benchmark model (shared/bench/http-drain.md) on podterm's event
            queue and prints its outcome lines, then perf.* lines measured with a monotonic clock.

            Model parameters (whole numbers; times in ms of virtual time):

            """
        for p in HTTPDrainParameter.all {
            let flag = p.flag + " N"
            let padded = flag + String(repeating: " ", count: max(1, 18 - flag.count))
            text += "  \(padded)\(p.meaning) (default \(p.defaultValue), ≥ \(p.minimum))\n"
        }
        text += """

            Benchmark options:
              --repeat N        run the model N times and report the median run time (default 1)
              --scenarios       also time every built-in scenario (after the http-drain lines): a
                                table of µs per load, full run, outcome-only run, JSON render and
                                sweep point (median/p90), and the full run's events per second
              --samples N       samples per figure of that table (default 50)
              --filter TEXT     only the scenarios whose name contains TEXT
              --json-render     also time the JSON renderer on every built-in scenario and on a
                                generated tree of PID 1 with many children (after the other lines)
              --player-frame    also time the terminal player's frame (moment, layout, diff) on the
                                built-in scenario with the most events and on that tree
              --tree-children N the size of that tree (default 10000; 0: no tree)
              --sweep           also time a sweep: a 100 × 100 grid of a Kafka-to-Elasticsearch
                                scenario with randomness, 10 runs per point, with 1 and 2 threads,
                                and the same grid extrapolated from real `podterm run` processes
              --sweep-grid N    the grid's side (default 100); --sweep-runs N runs per point (10)
              --shell-runs N    how many real `podterm run`s to time (default 50; 0: none)
              -h, --help        show this help

            Bad flags exit with status 2. Example: podterm-bench --rate 10000 --delete-ms 600000
            """
        return text
    }
}
