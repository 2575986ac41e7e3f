import Foundation
import Testing

/// Output that cannot be written is one line on stderr and exit status 74; a reader that went
/// away (`| head`) ends the run quietly with 0 (issue 8, item 8).
@Suite("podterm command line: output errors")
struct OutputErrorTests {
    @Test(arguments: [["run", "pid1-no-handler"], ["run", "pid1-no-handler", "--format", "json"], ["list"], ["check", "pid1-no-handler.yaml"]])
    func aFullDiskIsOneLineAndStatus74(args: [String]) throws {
        let args = args.map { $0 == "pid1-no-handler.yaml" ? PodtermBinary.root.appendingPathComponent("scenarios/pid1-no-handler.yaml").path : $0 }
        let r = try Spawn.run(Spawn.podterm, args, stdout: .file("/dev/full"))
        #expect(r.signal == nil, "killed by signal \(r.signal ?? 0): \(r.stderr)")
        #expect(r.exitStatus == 74, "\(r.stderr)")
        #expect(r.stderr == "podterm: cannot write the output: No space left on device\n")
    }

    @Test func aClosedStandardOutputIsOneLineAndStatus74() throws {
        // A file path, so that the file podterm opens could take descriptor 1 if nothing held it.
        let file = PodtermBinary.root.appendingPathComponent("scenarios/pid1-no-handler.yaml").path
        for args in [["run", "pid1-no-handler"], ["run", file]] {
            let r = try Spawn.run(Spawn.podterm, args, stdout: .closed)
            #expect(r.signal == nil, "killed by signal \(r.signal ?? 0): \(r.stderr)")
            #expect(r.exitStatus == 74, "\(r.stderr)")
            #expect(r.stderr == "podterm: cannot write the output: standard output is closed\n")
        }
    }

    @Test func aClosedPipeEndsQuietlyWithZero() throws {
        for args in [["run", "rollout-drops-requests", "--explain"], ["list"]] {
            let r = try Spawn.run(Spawn.podterm, args, stdout: .closedPipe)
            #expect(r.signal == nil, "killed by signal \(r.signal ?? 0) (SIGPIPE is 13)")
            #expect(r.exitStatus == 0, "\(r.stderr)")
            #expect(r.stderr.isEmpty, "\(r.stderr)")
        }
    }
}
