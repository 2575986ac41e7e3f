import Foundation
import PodTerm

/// Decodes a container's `lifecycle`: `preStop`, `stopSignal`, and `postStart` (accepted, ignored).
enum LifecycleDecoding {
    static let keys = ["preStop", "postStart", "stopSignal"]
    /// The handlers of a hook; exactly one is given.
    static let handlers = ["exec", "httpGet", "sleep"]
    static let execKeys = ["command"]
    static let httpGetKeys = ["path", "port", "host", "scheme"]
    static let httpGetIgnoredKeys = ["httpHeaders"]
    static let sleepKeys = ["seconds"]

    static func decode(_ node: SourceNode, into c: inout DecodedContainer, ports: SourceNode?) throws {
        let path = c.path + ".lifecycle"
        let l = try MappingReader(node, path: path, known: keys)
        c.spec.stopSignal = try l.signal("stopSignal")
        guard let preStop = l.value("preStop") else { return }

        let p = try MappingReader(
            preStop, path: path + ".preStop", known: handlers,
            hints: ["tcpSocket": "tcpSocket hooks are deprecated and not modelled; use exec, httpGet or sleep"])
        let given = p.entries.filter { handlers.contains($0.key) }
        guard let handler = given.first else {
            throw LocatedError(at: preStop, "\(path).preStop: expected exactly one of exec, httpGet, sleep")
        }
        if given.count > 1 {
            throw LocatedError(
                at: given[1].keyNode,
                "\(path).preStop has both \(given[0].key) and \(given[1].key); a hook has exactly one handler")
        }
        let hpath = path + ".preStop." + handler.key
        switch handler.key {
        case "exec":
            let e = try MappingReader(handler.value, path: hpath, known: execKeys)
            let command = try e.required("command")
            c.spec.preStop = .exec(command: try Scalars.stringList(command, hpath + ".command", nonEmpty: true))
            c.preStopExecNode = command
        case "httpGet":
            let h = try MappingReader(
                handler.value, path: hpath, known: httpGetKeys, ignored: httpGetIgnoredKeys)
            let route = try h.string("path") ?? "/"
            _ = try h.oneOf("scheme", [("HTTP", 0), ("HTTPS", 1)])
            _ = try h.string("host")
            let port = try self.port(try h.required("port"), hpath + ".port", ports: ports, container: c.spec.name)
            c.spec.preStop = .httpGet(path: route, port: port)
        default:
            let s = try MappingReader(handler.value, path: hpath, known: sleepKeys)
            let seconds = try s.required("seconds")
            c.spec.preStop = .sleep(seconds: try Scalars.int(seconds, hpath + ".seconds", ValueRanges.seconds))
            c.sleepSecondsNode = seconds
        }
    }

    /// A port number, or the name of one of the container's `ports`.
    static func port(_ node: SourceNode, _ what: String, ports: SourceNode?, container: String) throws -> Int {
        guard case .scalar(let s) = node.content else {
            throw LocatedError(at: node, "\(what): expected a port number or a port name, got \(node.shortDescription)")
        }
        if let n = Int(s.text) {
            guard (1...65535).contains(n) else {
                throw LocatedError(at: node, "\(what): expected a port number from 1 to 65535, got '\(s.text)'")
            }
            return n
        }
        var names: [String] = []
        if case .sequence(let items)? = ports?.content {
            for item in items {
                guard case .mapping(let entries) = item.content,
                      case .scalar(let pn)? = entries.first(where: { $0.key == "name" })?.value.content,
                      case .scalar(let pp)? = entries.first(where: { $0.key == "containerPort" })?.value.content,
                      let number = Int(pp.text)
                else { continue }
                if pn.text == s.text { return number }
                names.append(pn.text)
            }
        }
        let known = names.isEmpty ? "it declares no named ports" : "its named ports: " + names.joined(separator: ", ")
        throw LocatedError(
            at: node,
            "\(what): container \(container) has no port named '\(s.text)'\(Suggestions.hint(s.text, in: names)) (\(known))")
    }
}
