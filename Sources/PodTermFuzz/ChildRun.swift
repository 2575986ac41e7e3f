#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one program as a child process with a wall-clock limit, and
/// measures it: how it ended, how long it took, its peak memory, and its stderr.
///
/// Spawned with `posix_spawn` and a cleared signal mask (test runners block signals in their
/// threads, and a child would inherit that), stdin from /dev/null, stdout and stderr to files.
struct ChildRun {
    enum Ending: Equatable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
    }

    var ending: Ending
    var milliseconds: Int
    /// Peak resident set size, in KiB.
    var maxRSSKiB: Int
    var stderr: String
    /// The first 8 KiB of standard output (`check` reports a file that does not load there).
    var stdoutPrefix: String = ""
    var stdoutBytes: Int

    /// Runs `path` with `arguments`, killing it after `limitMs`.
    static func run(_ path: String, _ arguments: [String], environment: [String], limitMs: Int, scratch: String) -> ChildRun {
        let outPath = scratch + ".out", errPath = scratch + ".err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigmask(&attr, &empty)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let start = monotonicMs()
        let rc = posix_spawn(&pid, path, &actions, &attr, argv, envp)
        guard rc == 0 else {
            return ChildRun(ending: .exited(-1), milliseconds: 0, maxRSSKiB: 0, stderr: "spawn failed: \(String(cString: strerror(rc)))", stdoutBytes: 0)
        }
        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        while true {
            let r = wait4(pid, &status, WNOHANG, &usage)
            if r == pid { break }
            if r < 0, errno != EINTR { break }
            if !timedOut, monotonicMs() - start > limitMs {
                kill(pid, SIGKILL)
                timedOut = true
            }
            usleep(timedOut ? 1_000 : 2_000)
        }
        let elapsed = monotonicMs() - start
        let ending: Ending
        if timedOut {
            ending = .timedOut
        } else if status & 0x7f == 0 {
            ending = .exited((status >> 8) & 0xff)
        } else {
            ending = .signalled(status & 0x7f)
        }
        let err = readPrefix(errPath, limit: 8_192)
        let outSize = fileSize(outPath)
        let outPrefix = readPrefix(outPath, limit: 8_192)
        unlink(outPath)
        unlink(errPath)
        return ChildRun(ending: ending, milliseconds: elapsed, maxRSSKiB: Int(usage.ru_maxrss), stderr: err, stdoutPrefix: outPrefix, stdoutBytes: outSize)
    }

    static func monotonicMs() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int(ts.tv_sec) * 1000 + Int(ts.tv_nsec) / 1_000_000
    }

    private static func readPrefix(_ path: String, limit: Int) -> String {
        guard let f = fopen(path, "r") else { return "" }
        defer { fclose(f) }
        var buffer = [UInt8](repeating: 0, count: limit)
        let n = fread(&buffer, 1, limit, f)
        return String(decoding: buffer.prefix(n), as: UTF8.self)
    }

    private static func fileSize(_ path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : 0
    }
}
