#if os(Linux)
import Foundation
import Glibc
import PodTerm

@_silgen_name("pipe2")
private func c_pipe2(_ fds: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32

/// The few system calls `verify` needs, wrapped so the rest reads like Swift.
enum Sys {
    /// CLOCK_MONOTONIC in nanoseconds: the clock of the probe's log and of the trace ("mono").
    static func monoNanos() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }

    static var errnoText: String { text(errno) }

    /// `strerror`.
    static func text(_ e: Int32) -> String { strerror(e).map { String(cString: $0) } ?? "errno \(e)" }

    /// Reads a whole (small) file, nil when it cannot be read.
    static func read(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var data = [UInt8]()
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buf.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            data.append(contentsOf: buf[0..<n])
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Writes `text` to an existing file (a tracefs control file); throws with the errno text.
    static func write(_ text: String, to path: String) throws(VerifyError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC | O_TRUNC)
        guard fd >= 0 else { throw .permission("cannot open \(path) for writing: \(errnoText)") }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        if n != bytes.count { throw .failure("cannot write '\(text)' to \(path): \(errnoText)") }
    }

    /// Whether a path exists.
    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// Sleeps for `ms` milliseconds.
    static func sleep(ms: Int) {
        guard ms > 0 else { return }
        var ts = timespec(tv_sec: ms / 1000, tv_nsec: (ms % 1000) * 1_000_000)
        var rest = timespec()
        while nanosleep(&ts, &rest) != 0 && errno == EINTR { ts = rest }
    }

    /// Sleeps for `us` microseconds.
    static func sleep(us: Int) {
        guard us > 0 else { return }
        var ts = timespec(tv_sec: us / 1_000_000, tv_nsec: (us % 1_000_000) * 1000)
        var rest = timespec()
        while nanosleep(&ts, &rest) != 0 && errno == EINTR { ts = rest }
    }

    /// Creates a pipe whose ends are closed on exec.
    static func pipe() throws(VerifyError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        guard c_pipe2(&fds, O_CLOEXEC) == 0 else { throw .failure("pipe2: \(errnoText)") }
        return (fds[0], fds[1])
    }

    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
    }

    /// Reads what is available on a non-blocking descriptor: nil at end of file.
    static func readAvailable(_ fd: Int32) -> [UInt8]? {
        var out = [UInt8]()
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buf.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                out.append(contentsOf: buf[0..<n])
                continue
            }
            if n == 0 { return out.isEmpty ? nil : out }
            if errno == EINTR { continue }
            return out
        }
    }

    /// `posix_spawn` with a clean signal state (Swift's threads block signals, and a child
    /// must not inherit that), the given stdin/stdout, and an explicit environment.
    static func spawn(_ path: String, _ args: [String], env: [String: String], stdin: Int32, stdout: Int32, stderr: Int32) throws(VerifyError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attr, &none)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([path] + args).map { strdup($0) } + [nil]
        let envp = env.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attr, argv, envp)
        guard rc == 0 else { throw .failure("cannot start \(path): \(text(rc))") }
        return pid
    }

    /// `waitpid` that retries on EINTR; nil when nothing was collected (WNOHANG).
    static func wait(_ pid: pid_t, block: Bool) -> Int32? {
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, block ? 0 : WNOHANG)
            if r == pid { return status }
            if r < 0 && errno == EINTR { continue }
            return nil
        }
    }

    /// The target of a symbolic link.
    static func readLink(_ path: String) -> String? {
        var buf = [UInt8](repeating: 0, count: 4096)
        let n = buf.withUnsafeMutableBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { readlink(path, $0, p.count - 1) }
        }
        guard n > 0 else { return nil }
        return String(decoding: buf[0..<n], as: UTF8.self)
    }

    /// The PIDs of every process on the host (the numeric entries of /proc).
    static func allPids() -> [Int32] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return names.compactMap { Int32($0) }
    }
}

/// A decoded wait status.
extension WaitStatus {
    init(raw: Int32) {
        let sig = raw & 0x7f
        if sig == 0 {
            self = .exited(Int((raw >> 8) & 0xff))
        } else {
            self = .signaled(Signal(rawValue: Int(sig)) ?? .kill)
        }
    }
}

#endif
