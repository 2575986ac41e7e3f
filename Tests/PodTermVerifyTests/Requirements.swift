import Foundation
import Glibc
@testable import PodTermVerify
import Testing

/// What the real-Linux tests need from the machine, checked once.
///
/// A test that lacks something is skipped, and says what is missing (`swift test` prints
/// `Test … skipped: "needs root (running as uid 1000)"`); it never passes silently. With
/// `PODTERM_REQUIRE_ALL=1` (CI sets it) nothing is skipped: the tests run, and
/// `everyRequirementIsMetWhenRequired` fails naming what is missing, so CI always runs the
/// whole battery.
enum Need: String, CaseIterable, Sendable {
    /// uid 0: a PID namespace, a read-only mount namespace, tracefs.
    case root
    /// The kernel's trace events (tracefs, mounted or mountable).
    case tracefs
    case tini, dumbInit = "dumb-init", busybox, supervisord, dash, bash
    /// util-linux `setpriv`, to drop to `nobody` when the tests run as root.
    case setpriv

    /// The Debian package that provides it, for the hint.
    var package: String? {
        switch self {
        case .root, .tracefs: return nil
        case .supervisord: return "supervisor"
        case .setpriv: return "util-linux"
        default: return rawValue
        }
    }

    /// The programs of the battery.
    static let programs: [Need] = [.tini, .dumbInit, .busybox, .supervisord, .dash, .bash]
}

enum Requirements {
    /// CI's switch: a missing requirement fails instead of skipping.
    static let requireAll = ProcessInfo.processInfo.environment["PODTERM_REQUIRE_ALL"] == "1"

    static let isRoot = geteuid() == 0

    /// Why each need is not met, computed once; absent when it is met.
    static let unmet: [Need: String] = {
        var out: [Need: String] = [:]
        for need in Need.allCases {
            switch need {
            case .root:
                if !isRoot { out[need] = "root (running as uid \(geteuid()))" }
            case .tracefs:
                // As root, verify mounts tracefs itself when it is not mounted yet.
                if isRoot {
                    do { _ = try Tracer.tracefsRoot() } catch { out[need] = "tracefs (\(error))" }
                } else if !FileManager.default.isWritableFile(atPath: "/sys/kernel/tracing/instances") {
                    out[need] = "tracefs (/sys/kernel/tracing/instances is not writable)"
                }
            case .setpriv:
                if !FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") { out[need] = "setpriv (apt-get install util-linux)" }
            default:
                if Staging.findProgram(need.rawValue) == nil {
                    out[need] = "\(need.rawValue) (apt-get install \(need.package ?? need.rawValue))"
                }
            }
        }
        return out
    }()

    /// What is missing of `needs`, in their order.
    static func missing(_ needs: [Need]) -> [String] { needs.compactMap { unmet[$0] } }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only when the machine has `needs` (or when `PODTERM_REQUIRE_ALL=1`);
    /// otherwise it is reported as skipped, naming what is missing.
    static func needs(_ needs: Need...) -> ConditionTrait {
        let missing = Requirements.missing(needs)
        return .enabled(
            if: missing.isEmpty || Requirements.requireAll,
            Comment(rawValue: "needs " + missing.joined(separator: ", ") + " (set PODTERM_REQUIRE_ALL=1 to fail instead of skipping)"))
    }

    /// Everything the battery needs: root, tracefs and every program it runs.
    static var realLinux: ConditionTrait { .needs(.root, .tracefs, .tini, .dumbInit, .busybox, .supervisord, .dash, .bash) }
}

/// CI's guarantee: with `PODTERM_REQUIRE_ALL=1`, a machine that lacks something fails here,
/// by name, instead of skipping part of the battery.
@Suite("Real Linux requirements")
struct RequirementsTests {
    @Test func everyRequirementIsMetWhenRequired() {
        let missing = Requirements.missing(Need.allCases.filter { $0 != .setpriv || Requirements.isRoot })
        if Requirements.requireAll {
            #expect(missing.isEmpty, "PODTERM_REQUIRE_ALL=1, and this machine lacks: \(missing.joined(separator: "; "))")
        }
    }

    /// The README's one prerequisite line installs exactly what CI installs, and that covers
    /// every package the real-Linux tests look for.
    @Test func readmeInstallsWhatCIInstalls() throws {
        let readme = try String(contentsOfFile: packageRoot + "/README.md", encoding: .utf8)
        let ci = try String(contentsOfFile: packageRoot + "/.ci/run", encoding: .utf8)
        let prefix = "apt-get update && apt-get install -y "
        let line = try #require(readme.split(separator: "\n").first { $0.hasPrefix(prefix) }, "README has no `\(prefix)…` line")
        let readmePackages = line.dropFirst(prefix.count).split(separator: " ").map(String.init)
        let ciLine = try #require(ci.split(separator: "\n").first { $0.hasPrefix("REQUIRED_PACKAGES=(") })
        let ciPackages = ciLine.dropFirst("REQUIRED_PACKAGES=(".count).dropLast().split(separator: " ").map(String.init)
        #expect(readmePackages.sorted() == ciPackages.sorted(), "README: \(readmePackages), .ci/run: \(ciPackages)")
        for need in Need.allCases {
            // bash and util-linux (setpriv) are essential packages: every Debian has them.
            guard let p = need.package, p != "util-linux", p != "bash" else { continue }
            #expect(ciPackages.contains(p), "the tests need \(p), which neither README nor .ci/run installs")
        }
    }
}
