// Build-tool plugin: compiles the package's scenarios/**/*.yaml into the module it is
// applied to (PodTermBuiltins) as `BuiltinScenarios`, by running `embed-scenarios`.
//
// When SwiftPM calls this plugin: not on every build. SwiftPM caches its build plan
// (including the commands plugins return) and only plans again, calling
// createBuildCommands, when the directory structure of a target's folder, Package.swift
// or Package.resolved changes. Within one plan, the command reruns whenever one of its
// input files changes, so edits to an existing scenario are always picked up; but a
// scenario added to or removed from scenarios/, a folder outside every target, would
// not be noticed (a removal even fails the build with "missing inputs").
//
// Hence the symbolic link Sources/PodTermBuiltins/scenarios -> ../../scenarios: it makes
// scenarios/ part of the target's folder, so adding, removing or renaming a file there
// changes the target's directory structure and SwiftPM plans again, running this plugin.
// SwiftPM sees the files through the link as unhandled files of the target; the plugin
// lists them as inputs of its command, which marks them handled (no warning).

import Foundation
import PackagePlugin

@main
struct EmbedScenariosPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let packageDir = context.package.directoryURL
        let scenariosDir = packageDir.appending(path: "scenarios", directoryHint: .isDirectory)
        let scenarioFiles = try yamlFiles(under: scenariosDir)
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinScenarios.swift")
        let tool = try context.tool(named: "embed-scenarios")

        // The same files as seen through the target's scenarios link (any extension):
        // declaring them as inputs tells SwiftPM they are handled, not stray files.
        var linkedFiles: [URL] = []
        if let module = target as? SourceModuleTarget {
            // No trailing slash here, or the check would look through the link.
            let link = module.directoryURL.appending(path: "scenarios", directoryHint: .notDirectory)
                .path(percentEncoded: false)
            if (try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == nil {
                Diagnostics.warning(
                    "\(target.name) has no 'scenarios' link to the package's scenarios/ folder; "
                        + "scenario files added or removed will not be embedded until the build is planned again. "
                        + "Restore it with: ln -s ../../scenarios \(link)"
                )
            }
            let linkDir = module.directoryURL.appending(path: "scenarios", directoryHint: .isDirectory)
            let prefix = linkDir.standardizedFileURL.path(percentEncoded: false)
            linkedFiles = module.sourceFiles
                .map { $0.url.standardizedFileURL }
                .filter { $0.path(percentEncoded: false).hasPrefix(prefix) }
                .sorted { byteOrder($0, $1) }
        }

        return [
            .buildCommand(
                displayName: "Embedding scenarios into \(target.name) (\(scenarioFiles.count) files)",
                executable: tool.url,
                arguments: ["--root", packageDir.path(percentEncoded: false), output.path(percentEncoded: false)]
                    + scenarioFiles.map { $0.path(percentEncoded: false) },
                inputFiles: scenarioFiles + linkedFiles,
                outputFiles: [output]
            )
        ]
    }

    /// Every regular `.yaml` file under `dir`, at any depth (following the real
    /// folder, not the link), sorted by path in byte order; empty if the folder does
    /// not exist. Hidden files and folders are skipped.
    private func yamlFiles(under dir: URL) throws -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path(percentEncoded: false), isDirectory: &isDirectory),
              isDirectory.boolValue
        else { return [] }

        guard let enumerator = FileManager.default.enumerator(
            at: dir,
            includingPropertiesForKeys: [.isRegularFileKey],
            options: [.skipsHiddenFiles]
        ) else { return [] }

        var files: [URL] = []
        for case let url as URL in enumerator where url.pathExtension == "yaml" {
            let values = try url.resourceValues(forKeys: [.isRegularFileKey])
            if values.isRegularFile == true {
                files.append(url.standardizedFileURL)
            }
        }
        return files.sorted { byteOrder($0, $1) }
    }

    private func byteOrder(_ a: URL, _ b: URL) -> Bool {
        a.path(percentEncoded: false).utf8.lexicographicallyPrecedes(b.path(percentEncoded: false).utf8)
    }
}
