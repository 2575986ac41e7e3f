#if os(Linux)
import Foundation
import Glibc

/// What a verify run leaves on the machine while it runs — its working directory
/// (`TMPDIR/podterm-verify-PID-TAG`) and its tracefs instance
/// (`instances/podterm-verify-PID-TAG`) — is named after its process, so a run killed before
/// it could clean up (SIGKILL, a power cut of the terminal) is recognised by the next one:
/// whatever carries the PID of a process that no longer exists is removed.
enum StaleRuns {
    static let prefix = "podterm-verify-"

    /// A fresh name for this process: `podterm-verify-PID-TAG`.
    static func name() -> String {
        prefix + "\(getpid())-" + UUID().uuidString.prefix(8).lowercased()
    }

    /// The PID in a name made by `name()`; nil for anything else (a test's scratch folder).
    static func owner(of name: String) -> Int32? {
        guard name.hasPrefix(prefix) else { return nil }
        let parts = name.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 8, let pid = Int32(parts[0]), pid > 0 else { return nil }
        return pid
    }

    /// Whether a name made by `name()` belongs to a process that is gone: no such PID, or a
    /// zombie (dead, its parent has not collected it). A PID reused since by another process
    /// keeps its leftovers until that one is gone too.
    static func isStale(_ name: String) -> Bool {
        guard let pid = owner(of: name), pid != getpid() else { return false }
        if kill(pid, 0) != 0 && errno == ESRCH { return true }
        // /proc/PID/stat: "PID (COMM) STATE ..."; COMM may contain spaces and parentheses.
        guard let stat = Sys.read("/proc/\(pid)/stat"), let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
        return state == "Z" || state == "X"
    }

    /// Removes the working directories of dead runs under `root`; returns their paths.
    @discardableResult
    static func removeFolders(under root: String) -> [String] {
        let base = root.hasSuffix("/") ? root : root + "/"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: base) else { return [] }
        var removed: [String] = []
        for n in names.sorted() where isStale(n) {
            var st = stat()
            // Only real directories of ours, never through a link.
            guard lstat(base + n, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR, st.st_uid == geteuid() else { continue }
            if (try? FileManager.default.removeItem(atPath: base + n)) != nil { removed.append(base + n) }
        }
        return removed
    }

    /// Removes the tracefs instances of dead runs; returns their paths. (An instance still
    /// in use cannot be removed: rmdir fails with EBUSY and it stays.)
    @discardableResult
    static func removeInstances(tracefs root: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root + "/instances") else { return [] }
        var removed: [String] = []
        for n in names.sorted() where isStale(n) {
            let path = root + "/instances/" + n
            try? Sys.write("0", to: path + "/tracing_on")
            if rmdir(path) == 0 { removed.append(path) }
        }
        return removed
    }
}
#endif
