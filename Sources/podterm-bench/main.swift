// podterm-bench: the http-drain benchmark model (shared/bench/http-drain.md) on podterm's
// EventQueue. Prints the document's outcome lines, then perf.* lines.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HTTPDrain

let options: BenchOptions
do {
    options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    var standardError = StandardError()
    print("podterm-bench: \(error.message)", to: &standardError)
    exit(2)
}
if options.help {
    print(BenchOptions.usage)
    exit(0)
}

let parameters = options.parameters
let (result, runSeconds) = BenchTiming.timeRuns(parameters, count: options.repeatCount)
for line in HTTPDrainOutput.lines(parameters, result) { print(line) }
let medianSeconds = BenchTiming.median(runSeconds)
print("perf.engine=podterm EventQueue (binary heap)")
print("perf.run_seconds=\(BenchTiming.fixed(medianSeconds, decimals: 6))")
let eventsPerSecond = medianSeconds > 0 ? Int((Double(result.events) / medianSeconds).rounded()) : 0
print("perf.events_per_second=\(eventsPerSecond)")

if options.scenarios {
    ScenarioTable.run(samples: options.samples, filter: options.filter)
    benchSettings()
}

if options.jsonRender {
    JSONRenderBench.run(treeChildren: options.treeChildren)
}

if options.sweep {
    SweepBench.run(grid: options.sweepGrid, runs: options.sweepRuns, shellRuns: options.shellRuns)
}

if options.playerFrame {
    PlayerFrameBench.run(treeChildren: options.treeChildren)
}
