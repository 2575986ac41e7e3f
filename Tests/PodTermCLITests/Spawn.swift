import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Spawns a program with `posix_spawn`, with standard output exactly as a test needs it (a
/// file such as /dev/full, closed, a pipe whose reader is already gone, or /dev/null), the
/// signal mask cleared and every signal at its default (as from a shell), and standard error
/// captured when asked.
enum Spawn {
    enum Output {
        /// Opened for writing, e.g. `/dev/full`.
        case file(String)
        /// No descriptor 1 at all.
        case closed
        /// A pipe whose read end was closed before the program started: every write is EPIPE.
        case closedPipe
    }

    struct Result {
        /// The exit status, or nil when a signal ended the program.
        var exitStatus: Int32?
        /// The signal that ended the program, if one did.
        var signal: Int32?
        var stderr: String
    }

    static var podterm: String { PodtermBinary.url.path }

    /// Runs `path` with `args`; `captureStderr: false` sends standard error to /dev/null (for
    /// daemons such as tmux, which would hold the pipe open).
    static func run(_ path: String, _ args: [String], stdout: Output, environment: [String: String]? = nil,
                    captureStderr: Bool = true) throws -> Result {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)

        var outFds: [Int32] = [-1, -1]
        switch stdout {
        case .file(let f):
            posix_spawn_file_actions_addopen(&actions, 1, f, O_WRONLY, 0)
        case .closed:
            posix_spawn_file_actions_addclose(&actions, 1)
        case .closedPipe:
            guard pipe(&outFds) == 0 else { throw POSIXError(.EIO) }
            close(outFds[0])
            posix_spawn_file_actions_adddup2(&actions, outFds[1], 1)
            posix_spawn_file_actions_addclose(&actions, outFds[1])
        }
        var errFds: [Int32] = [-1, -1]
        if captureStderr {
            guard pipe(&errFds) == 0 else { throw POSIXError(.EIO) }
            posix_spawn_file_actions_adddup2(&actions, errFds[1], 2)
            posix_spawn_file_actions_addclose(&actions, errFds[0])
            posix_spawn_file_actions_addclose(&actions, errFds[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }

        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attr, &none)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var env = environment ?? ProcessInfo.processInfo.environment
        if environment == nil { env["NO_COLOR"] = "1" }
        let argv = ([path] + args).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attr, argv, envp)
        if outFds[1] >= 0 { close(outFds[1]) }
        if errFds[1] >= 0 { close(errFds[1]) }
        guard rc == 0 else {
            if errFds[0] >= 0 { close(errFds[0]) }
            throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO)
        }
        var err = Data()
        if errFds[0] >= 0 {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = read(errFds[0], &buffer, buffer.count)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { break }
                err.append(contentsOf: buffer[0..<n])
            }
            close(errFds[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let sig = status & 0x7F
        return Result(exitStatus: sig == 0 ? (status >> 8) & 0xFF : nil, signal: sig == 0 ? nil : sig,
                      stderr: String(decoding: err, as: UTF8.self))
    }
}
