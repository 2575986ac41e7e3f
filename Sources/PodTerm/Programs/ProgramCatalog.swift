/// Finds the program model for an argv: the scenario's declared programs (by full path, then
/// base name), then the well-known programs podterm models itself.
struct ProgramCatalog {
    let programs: [String: ProgramSpec]

    /// The base name of argv[0], for display.
    static func displayName(_ argv: [String]) -> String {
        guard let first = argv.first else { return "?" }
        return first.split(separator: "/").last.map(String.init) ?? first
    }

    /// Whether argv names a program the catalog knows.
    static func knows(_ argv: [String], programs: [String: ProgramSpec]) -> Bool {
        ProgramCatalog(programs: programs).resolve(argv) != nil
    }

    func resolve(_ argv: [String]) -> ProgramModel? {
        guard let exe = argv.first else { return nil }
        let base = ProgramCatalog.displayName(argv)
        if let spec = programs[exe] ?? programs[base] { return AppProgram(spec: spec) }
        switch base {
        case "sleep":
            if argv.count == 2, let d = parseSleepOperand(argv[1]) { return SleepProgram(duration: d) }
            return nil
        default:
            return nil
        }
    }

    /// `sleep` operands: a number of seconds with an optional s/m/h/d suffix (coreutils).
    private func parseSleepOperand(_ s: String) -> Millis? {
        var text = s
        var factor = 1000.0
        if let last = text.last, "smhd".contains(last) {
            text.removeLast()
            factor = ["s": 1000.0, "m": 60_000.0, "h": 3_600_000.0, "d": 86_400_000.0][String(last)]!
        }
        guard let v = Double(text), v >= 0, v.isFinite else { return nil }
        return Int((v * factor).rounded())
    }
}
