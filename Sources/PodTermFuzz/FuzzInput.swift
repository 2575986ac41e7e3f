/// One input of a fuzz campaign: a scenario file's bytes and the podterm arguments to run it
/// with (`FILE` in `arguments` stands for the file's path).
public struct FuzzInput: Sendable {
    /// Input number in its campaign.
    public var index: Int
    /// The built-in scenario it was made from, and what was done to it, for the report.
    public var origin: String
    public var mutations: [String]
    /// The file's bytes (may be invalid UTF-8 on purpose).
    public var bytes: [UInt8]
    /// podterm's arguments; the placeholder `FILE` is replaced by the file's path.
    public var arguments: [String]

    public init(index: Int, origin: String, mutations: [String], bytes: [UInt8], arguments: [String]) {
        self.index = index
        self.origin = origin
        self.mutations = mutations
        self.bytes = bytes
        self.arguments = arguments
    }

    /// A one-line description: where it came from and what was done.
    public var summary: String {
        "#\(index) \(origin): \(mutations.joined(separator: ", ")) [\(bytes.count) bytes] podterm \(arguments.joined(separator: " "))"
    }
}
