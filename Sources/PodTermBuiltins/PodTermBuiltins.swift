// PodTermBuiltins: the scenario files of the package's scenarios/ folder, compiled
// into the binary.
//
// `Bundle.module` resources live in a folder next to the built binary, so a podterm
// binary copied elsewhere would lose them (and crash on first use). Instead, the
// EmbedScenariosPlugin build-tool plugin runs the `embed-scenarios` tool
// (Plugins/EmbedScenariosTool) over scenarios/**/*.yaml at build time and generates
// BuiltinScenarios.swift into this module. That generated file defines:
//
// - `BuiltinScenario`: `name` (path under scenarios/ without ".yaml", e.g.
//   "process-trees/tini-no-g"), `fileName` (relative to the package root, e.g.
//   "scenarios/app-handles-sigterm.yaml") and `yaml` (the file's exact text);
// - `BuiltinScenarios.all`: every single-pod scenario, sorted by `fileName` in byte order;
// - `BuiltinScenarios.multiPod`: the multi-pod ones (a line starting `pods:`), likewise;
// - `BuiltinScenarios.named(_:)`, `namedMultiPod(_:)`: look one up by name.
//
// Adding, editing or removing a file in scenarios/ regenerates it on the next
// `swift build`. This module has no dependencies and does not parse the YAML;
// PodTermScenario does that.
//
// The symbolic link `scenarios -> ../../scenarios` in this folder is deliberate: SwiftPM
// caches its build plan and only re-plans (re-running the plugin's file listing) when a
// target folder's structure changes. The link makes scenarios/ part of this target's
// folder, so adding or removing a scenario file is noticed. Do not delete it.
