#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PodTerm

/// Standard output as a `ByteSink`: each chunk goes out with `write(2)` as the renderer makes it.
///
/// A reader that went away (`| head`) ends the run quietly with status 0; any other failure
/// (`> /dev/full`) is `podterm: cannot write the output: …` with status 74.
struct StandardOutput: ByteSink {
    init() {
        // Without this a closed pipe kills podterm with SIGPIPE instead of returning EPIPE.
        signal(SIGPIPE, SIG_IGN)
    }

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        var rest = bytes
        while !rest.isEmpty {
            let n = systemWrite(STDOUT_FILENO, rest.baseAddress, rest.count)
            if n < 0 {
                let code = errno
                if code == EINTR { continue }
                if code == EPIPE { exit(0) }
                Terminal.fail("cannot write the output: \(String(cString: strerror(code)))", status: 74)
            }
            rest = UnsafeRawBufferPointer(rebasing: rest[n...])
        }
    }
}

/// `write(2)`, under a name that the method above does not shadow.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, buffer, count)
    #else
    return Darwin.write(fd, buffer, count)
    #endif
}
