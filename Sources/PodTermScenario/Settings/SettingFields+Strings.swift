import Foundation
import PodTerm

extension SettingFields {
    /// One element of a list of strings (an argv in exec form), by index: the element must
    /// exist, as it must in the file's tree.
    static let stringElements: [SettingField] = {
        @Sendable func element(_ list: inout [String]?, _ p: SettingPlace, _ v: String) throws {
            let i = p.index(p.captures.count - 1)
            guard var l = list, l.indices.contains(i) else { throw ValueProblem("\(p.path): the list has no item \(i)") }
            if i == 0, v.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValueProblem("\(p.path): the program to run must not be empty")
            }
            l[i] = v
            list = l
        }
        var f: [SettingField] = [
            SettingField("images.*.entrypoint.*", .string(nonEmpty: false), checks: .programs) { s, p, v in
                try element(&s.images[p.key(0), default: ImageSpec()].entrypoint, p, v)
            },
            SettingField("images.*.cmd.*", .string(nonEmpty: false), checks: .programs) { s, p, v in
                try element(&s.images[p.key(0), default: ImageSpec()].cmd, p, v)
            },
            SettingField("programs.*.children.*.command.*", .string(nonEmpty: false), checks: .programs) { s, p, v in
                try item(&s.programs[p.key(0), default: ProgramSpec()].children, p.index(1), p) { c in
                    var l: [String]? = c.command
                    try element(&l, p, v)
                    c.command = l ?? c.command
                }
            },
            SettingField("programs.*.supervisord.programs.*.command.*", .string(nonEmpty: false), checks: .programs) { s, p, v in
                guard s.programs[p.key(0)]?.supervisord != nil else { throw ValueProblem("\(p.path): the program is not supervisord") }
                try item(&s.programs[p.key(0)]!.supervisord!.programs, p.index(1), p) { c in
                    var l: [String]? = c.command
                    try element(&l, p, v)
                    c.command = l ?? c.command
                }
            },
        ]
        for list in SettingFormat.containerLists {
            let isInit = list == "pod.initContainers"
            @Sendable func container(_ s: inout Scenario, _ p: SettingPlace, _ body: (inout ContainerSpec) throws -> Void) throws {
                if isInit { try item(&s.pod.initContainers, p.index(0), p, body) } else { try item(&s.pod.containers, p.index(0), p, body) }
            }
            f.append(SettingField(list + ".*.command.*", .string(nonEmpty: false), checks: .programs) { s, p, v in
                try container(&s, p) { try element(&$0.command, p, v) }
            })
            f.append(SettingField(list + ".*.args.*", .string(nonEmpty: false), checks: .programs) { s, p, v in
                try container(&s, p) { try element(&$0.args, p, v) }
            })
            f.append(SettingField(list + ".*.lifecycle.preStop.exec.command.*", .string(nonEmpty: false), checks: .programs) { s, p, v in
                try container(&s, p) { c in
                    guard case .exec(let command)? = c.preStop else { throw ValueProblem("\(p.path): the hook is not an exec hook") }
                    var l: [String]? = command
                    try element(&l, p, v)
                    c.preStop = .exec(command: l ?? command)
                }
            })
        }
        return f
    }()
}

extension Array {
    /// The element at `i`, or nil when there is none.
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
