import Foundation
import PodTermTUI

/// The process's edges: standard output and error, colour, exit.
///
/// Output errors: a closed pipe (`| head`) ends the process quietly with status 0; any other
/// failure to write standard output (`> /dev/full`, standard output closed) prints one line on
/// standard error and exits with status 74 (`EX_IOERR`).
enum Terminal {
    /// Exit status when the output cannot be written.
    static let outputErrorStatus: Int32 = 74

    /// Whether standard output was closed when podterm started (a placeholder holds its slot).
    nonisolated(unsafe) private static var stdoutClosedAtStart = false

    /// Colour only when standard output is a terminal that shows colours and `NO_COLOR` is unset.
    static var wantsColor: Bool { ColorSupport.forStandardOutput }

    /// Run first: a standard stream that is closed gets `/dev/null` in its place, so no file
    /// podterm opens later takes descriptor 1 and receives the output meant for standard
    /// output; a closed standard output is then reported when something is written.
    static func holdClosedStandardStreams() {
        for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            let placeholder = open("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY)
            if placeholder != fd, placeholder >= 0 {
                dup2(placeholder, fd)
                close(placeholder)
            }
            if fd == STDOUT_FILENO { stdoutClosedAtStart = true }
        }
    }

    /// Writes the whole text to standard output at once.
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { write(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Writes `bytes` to standard output: the one place podterm writes it, so text, JSON
    /// and the streaming renderers all end the same way on a closed pipe or a full disk.
    static func write(bytes: UnsafeRawBufferPointer) {
        if stdoutClosedAtStart { outputFailed(EBADF) }
        // SIGPIPE would kill the process silently with 141; ignored, a closed pipe is EPIPE.
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { exit(0) }  // the reader has gone (`| head`): nothing to report
                outputFailed(errno)
            }
            offset += n
        }
    }

    /// One line on standard error, then exit 74.
    private static func outputFailed(_ code: Int32) -> Never {
        let reason = code == EBADF ? "standard output is closed" : String(cString: strerror(code))
        fail("cannot write the output: \(reason)", status: outputErrorStatus)
    }

    /// Prints `podterm: message` to standard error and exits with `status`.
    static func fail(_ message: String, status: Int32) -> Never {
        let line = Array("podterm: \(message)\n".utf8)
        _ = line.withUnsafeBytes { Foundation.write(STDERR_FILENO, $0.baseAddress, $0.count) }
        exit(status)
    }
}
