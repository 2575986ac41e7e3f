import ArgumentParser
import PodTermScenario

/// `podterm schema`: the JSON Schema of scenario files, for editors.
struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of scenario files.",
        discussion: """
            The same document as schemas/podterm.scenario.schema.json, generated from the decoder's \
            tables. With the YAML language server (VS Code, Neovim), a first line \
            `# yaml-language-server: $schema=PATH-OR-URL` in a scenario file gives completion and checking.
            """)

    func run() throws {
        Terminal.write(ScenarioSchema.json)
    }
}
