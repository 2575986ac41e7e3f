#if os(Linux)
import Foundation
import Glibc

/// A cgroup of its own for each container of a pod that shares one PID namespace: how the
/// launcher knows which processes are the container's when its main process exits and
/// containerd's shim kills the rest (`containerd.kill-all-on-exit`: runc kill --all signals
/// every process of the container's cgroup). Membership follows fork, so re-parented orphans
/// stay members, as they do in a real container.
///
/// Made under the first cgroup hierarchy this host has of `pids`, `freezer` (cgroup v1),
/// `unified` or the root (cgroup v2), named after the run (`podterm-verify-PID-TAG-NAME`),
/// and removed at the end (empty by then: the kernel killed the namespace).
struct ContainerCgroup {
    let path: String

    static let hierarchies = ["/sys/fs/cgroup/pids", "/sys/fs/cgroup/freezer", "/sys/fs/cgroup/unified", "/sys/fs/cgroup"]

    /// Makes the cgroup `name`.
    init(name: String) throws(VerifyError) {
        for h in ContainerCgroup.hierarchies where FileManager.default.fileExists(atPath: h + "/cgroup.procs") {
            let p = h + "/" + name
            if mkdir(p, 0o755) == 0 || errno == EEXIST {
                path = p
                return
            }
            let err = errno
            if err == EACCES || err == EPERM || err == EROFS {
                throw .permission("podterm verify needs root to make a cgroup for each container of a shared PID namespace (\(p)): \(String(cString: strerror(err)))")
            }
        }
        throw .failure("cannot make a cgroup for a container of a shared PID namespace: none of \(ContainerCgroup.hierarchies.joined(separator: ", ")) is a writable cgroup hierarchy")
    }

    /// Removes it, killing whatever is still in it first (there should be nothing).
    func remove() {
        for _ in 0..<50 {
            if rmdir(path) == 0 || errno == ENOENT { return }
            for line in (Sys.read(path + "/cgroup.procs") ?? "").split(separator: "\n") {
                if let pid = Int32(line), pid > 0 { kill(pid, SIGKILL) }
            }
            Sys.sleep(ms: 10)
        }
    }
}
#endif
