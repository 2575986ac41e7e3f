/// An error found while reading the scenario tree, at the node that caused it.
///
/// Becomes a public `ScenarioError` once the loader knows the file name.
struct LocatedError: Error, Sendable {
    var origin: NodeOrigin
    var message: String

    init(_ origin: NodeOrigin, _ message: String) {
        self.origin = origin
        self.message = message
    }

    init(at node: SourceNode, _ message: String) {
        self.init(node.origin, message)
    }

    func scenarioError(file: String) -> ScenarioError {
        switch origin {
        case .file(let line, let column):
            return ScenarioError(file: file, line: line, column: column, message: message)
        case .override(let text):
            return ScenarioError(file: file, override: text, message: message)
        }
    }
}
