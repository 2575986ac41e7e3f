import Foundation
import PodTerm
import PodTermScenario

/// `--sweep`: the 100 × 100 grid of a Kafka-to-Elasticsearch scenario with 10 seeded runs per
/// point (100,000 simulations) through `Sweep`, end to end (axes resolved, every run, the
/// table rendered), with 1 and 2 threads; then the same grid extrapolated from real
/// `podterm run` processes, one per simulation, as a shell loop would start them.
enum SweepBench {
    /// The scenario: its indexer's shutdown, its message rate and the moment of the delete are
    /// drawn per run; the grid varies the grace and the time its SIGTERM handler takes.
    static let yaml = """
        summary: A Kafka-to-Elasticsearch indexer whose rate and delete time vary from run to run.
        story: |
          The indexer reads 100 to 300 messages per second and bulk-writes every second or at
          500 messages, with offsets committed before processing. Its SIGTERM handler runs
          shutdown hooks that do not touch the consumer, then exits; the pod is deleted
          between 10 and 12 s. Whatever is buffered when it dies is lost.
        pod:
          metadata: {name: indexer}
          terminationGracePeriodSeconds: 30
          containers:
            - name: indexer
              image: example/indexer:1.0
              command: ["/app/indexer"]
        programs:
          /app/indexer:
            signals:
              SIGTERM: {cleanup: 2s, exitCode: 0}
        workloads:
          - name: indexer
            container: indexer
            kafka:
              rate: uniform(100, 300)
              batchSize: 500
              flushInterval: 1s
              commit: autoBeforeProcessing
              onStop: nothing
              sessionTimeout: 45s
        stop:
          - at: uniform(10s, 12s)
            delete: {}
        """

    static func axes(_ grid: Int) throws -> [SweepAxis] {
        [try SweepAxis(parsing: "pod.terminationGracePeriodSeconds=1..\(grid)"),
         try SweepAxis(parsing: "programs./app/indexer.signals.SIGTERM.cleanup=100ms..\(grid * 100)ms:100ms")]
    }

    static func run(grid: Int, runs: Int, shellRuns: Int) {
        let clock = ContinuousClock()
        let loaded: LoadedScenario
        let axes: [SweepAxis]
        do {
            loaded = try ScenarioLoader.load(yaml: yaml, fileName: "kafka-to-elasticsearch.yaml")
            axes = try Self.axes(grid)
        } catch {
            print("sweep.error=\(error)")
            return
        }
        let simulations = grid * grid * runs
        print("sweep.scenario=kafka-to-elasticsearch (random: kafka rate uniform(100, 300), delete at uniform(10s, 12s))")
        print("sweep.load_average=\(loadAverage()) processors=\(ProcessInfo.processInfo.activeProcessorCount)")
        print("sweep.grid=\(grid)x\(grid) runs_per_point=\(runs) simulations=\(simulations)")
        var outputs: [String] = []
        for threads in [1, 2] {
            let cpuStart = cpuSeconds()
            let start = clock.now
            let box = Box()
            let done = DispatchSemaphore(value: 0)
            let sweep = Sweep(loaded, vary: axes, runs: runs, seed: 1, threads: threads)
            Task {
                box.result = try? await sweep.run()
                done.signal()
            }
            done.wait()
            guard let r = box.result else { print("sweep.error=the sweep failed"); return }
            let csv = SweepRendering.csv(r)
            let seconds = BenchTiming.seconds(clock.now - start)
            let cpu = cpuSeconds() - cpuStart
            outputs.append(csv)
            print("sweep.threads_\(threads)_seconds=\(BenchTiming.fixed(seconds, decimals: 3))"
                + " simulations_per_second=\(Int(Double(simulations) / seconds)) us_per_simulation=\(BenchTiming.fixed(seconds * 1e6 / Double(simulations), decimals: 2))"
                + " cpu_seconds=\(BenchTiming.fixed(cpu, decimals: 3)) cpu_us_per_simulation=\(BenchTiming.fixed(cpu * 1e6 / Double(simulations), decimals: 2))"
                + " csv_bytes=\(csv.utf8.count)")
        }
        print("sweep.threads_1_and_2_identical=\(outputs[0] == outputs[1])")
        shellLoop(grid: grid, runs: runs, count: shellRuns, simulations: simulations)
    }

    /// Times `count` real `podterm run … --set … --seed …` processes of the release binary
    /// next to this one, and multiplies the mean by the grid's simulations.
    static func shellLoop(grid: Int, runs: Int, count: Int, simulations: Int) {
        if count == 0 { return }
        let podterm = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("podterm")
        guard FileManager.default.isExecutableFile(atPath: podterm.path) else {
            print("sweep.shell_loop=skipped: no podterm binary next to podterm-bench (swift build -c release --product podterm)")
            return
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("podterm-bench-kafka-\(getpid()).yaml")
        do { try yaml.write(to: file, atomically: true, encoding: .utf8) } catch {
            print("sweep.shell_loop=skipped: \(error)")
            return
        }
        defer { try? FileManager.default.removeItem(at: file) }
        let clock = ContinuousClock()
        let start = clock.now
        for i in 0..<count {
            let p = Process()
            p.executableURL = podterm
            p.arguments = ["run", file.path, "--format", "json", "--seed", String(i % runs + 1),
                           "--set", "pod.terminationGracePeriodSeconds=\(i % grid + 1)",
                           "--set", "programs./app/indexer.signals.SIGTERM.cleanup=\((i * 7 % grid + 1) * 100)ms"]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            do { try p.run() } catch {
                print("sweep.shell_loop=skipped: \(error)")
                return
            }
            p.waitUntilExit()
        }
        let seconds = BenchTiming.seconds(clock.now - start)
        let perRun = seconds / Double(count)
        print("sweep.shell_loop_runs=\(count) ms_per_run=\(BenchTiming.fixed(perRun * 1000, decimals: 2))"
            + " extrapolated_seconds=\(BenchTiming.fixed(perRun * Double(simulations), decimals: 1)) (\(count) real runs × \(simulations / count), one process each, JSON to /dev/null)")
    }

    /// The process's CPU time so far (user + system, every thread): on a loaded machine the
    /// wall clock measures the neighbours too; the CPU time measures the work.
    static func cpuSeconds() -> Double {
        var u = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &u)
        return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
    }

    /// The machine's load average over the last minute (how busy the neighbours are).
    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "unknown"
    }

    final class Box: @unchecked Sendable { var result: SweepResult? }
}
