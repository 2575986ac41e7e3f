import PodTerm
import Testing
@testable import PodTermTUI

/// With `shareProcessNamespace`, the sandbox `POD` shows the pod's whole PID namespace: the
/// pause process as PID 1 and every container's processes, orphans under pause.
@Suite struct SharedNamespaceTreeTests {
    @Test func theSandboxTreeIsTheWholeNamespace() throws {
        var p = try Played("sandbox/share-process-namespace-orphan")
        let zombieTime = try p.firstEvent { if case .reaped(let by?) = $0.kind { return p.timeline.processes[by].name == "pause" }; return false }
        p.state.seek(events: zombieTime + 1)
        let m = p.adapter.moment(for: p.state)
        let pod = try #require(m.containers.firstIndex { $0.isSandbox })
        let rows = TreePane.order(m, container: pod).map { (m.processes[$0.index].name, $0.prefix.count) }
        // pause and server are roots (the server's parent is the shim); the re-parented worker
        // and indexer are under pause; the launcher under the server.
        #expect(rows.map(\.0) == ["pause", "worker", "indexer", "server", "launcher"], "\(rows)")
        #expect(rows.map(\.1) == [1, 2, 2, 1, 2], "\(rows)")
        p.state.selectedContainer = pod
        let g = p.frame(rows: 30, cols: 100)
        #expect(g.contains("Processes: POD (5)"), "\(g.text)")
        #expect(g.row(containing: "pause[1]") != nil, "\(g.text)")
        // The app's own tree keeps only its own container's processes.
        let app = TreePane.order(m, container: 0).map { m.processes[$0.index].name }
        #expect(app == ["server", "launcher", "worker", "indexer"], "\(app)")
    }
}
