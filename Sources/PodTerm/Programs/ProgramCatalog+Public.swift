extension Simulator {
    /// Whether `argv` names a program the engine can run: one of `programs` (by the full path of
    /// `argv[0]`, then by its base name) or a program podterm models itself (e.g. `sleep 5`).
    ///
    /// The scenario file format uses this to reject a container, child or `exec` hook whose
    /// program nothing describes, before a run starts.
    public static func knowsProgram(_ argv: [String], programs: [String: ProgramSpec]) -> Bool {
        ProgramCatalog.knows(argv, programs: programs)
    }
}
