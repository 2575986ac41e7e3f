// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "podterm",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "PodTerm", targets: ["PodTerm"]),
        .library(name: "PodTermScenario", targets: ["PodTermScenario"]),
        .library(name: "PodTermTesting", targets: ["PodTermTesting"]),
        .executable(name: "podterm", targets: ["podterm"]),
        .executable(name: "podterm-bench", targets: ["podterm-bench"]),
        .executable(name: "podterm-fuzz", targets: ["podterm-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // The engine: pure, deterministic, no I/O.
        .target(
            name: "PodTerm",
            dependencies: [.product(name: "OrderedCollections", package: "swift-collections")]
        ),
        // The scenario file format: YAML decoding with file:line:column errors, overrides, expectations.
        .target(
            name: "PodTermScenario",
            dependencies: ["PodTerm", .product(name: "Yams", package: "Yams")]
        ),
        // What a user's own tests call: expectTimeline, expectOutcome, event matchers whose
        // failures say what probably went wrong (Swift Testing issues at the caller's line).
        .target(name: "PodTermTesting", dependencies: ["PodTerm", "PodTermScenario"]),
        // The files of scenarios/ compiled into the binary, so a copied binary still has them.
        .target(
            name: "PodTermBuiltins",
            plugins: ["EmbedScenariosPlugin"]
        ),
        .executableTarget(name: "embed-scenarios", path: "Plugins/EmbedScenariosTool"),
        .plugin(
            name: "EmbedScenariosPlugin",
            capability: .buildTool(),
            dependencies: ["embed-scenarios"]
        ),
        // libncursesw for the terminal player (module map + shim header for the macros Swift cannot import).
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        // The player's SIGINT/SIGTERM/SIGHUP handler: a flag, and no SA_RESTART so get_wch wakes.
        .target(name: "CPodTermSignals"),
        .target(
            name: "PodTermTUI",
            dependencies: ["PodTerm", "PodTermScenario", "CNcursesw", "CPodTermSignals"]
        ),
        // `podterm verify`: builds a scenario's process tree for real in a fresh PID namespace.
        .target(name: "PodTermVerify", dependencies: ["PodTerm", "PodTermScenario"]),
        // The stand-in for each app under `podterm verify`: reproduces declared dispositions,
        // cleanup times and children, and reports what happened to it.
        .executableTarget(name: "podterm-probe", path: "Sources/podterm-probe"),
        .executableTarget(
            name: "podterm",
            dependencies: [
                "PodTerm", "PodTermScenario", "PodTermBuiltins", "PodTermTUI", "PodTermVerify",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The http-drain benchmark model of shared/bench/http-drain.md, on the engine's event queue.
        .target(name: "HTTPDrain", dependencies: ["PodTerm"]),
        .executableTarget(
            name: "podterm-bench",
            dependencies: ["PodTerm", "PodTermScenario", "PodTermBuiltins", "PodTermTUI", "HTTPDrain"]
        ),
        // The fuzzer: seeded mutations of the built-in scenarios, each run as a real podterm process.
        .target(name: "PodTermFuzz"),
        .executableTarget(
            name: "podterm-fuzz",
            dependencies: ["PodTermFuzz", "PodTermBuiltins", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "PodTermFuzzTests", dependencies: ["PodTermFuzz", "PodTermBuiltins", "podterm"]),
        .testTarget(name: "PodTermTests", dependencies: ["PodTerm"]),
        .testTarget(name: "PodTermScenarioTests", dependencies: ["PodTerm", "PodTermScenario", "PodTermBuiltins", .product(name: "Yams", package: "Yams")], exclude: ["Fixtures"]),
        // Only the three products a user's test target has: the README's example compiles here.
        .testTarget(name: "PodTermTestingTests", dependencies: ["PodTerm", "PodTermScenario", "PodTermTesting"]),
        // Golden timelines (text and JSON v2) of every built-in scenario, in Tests/Goldens/.
        .testTarget(name: "PodTermGoldenTests", dependencies: ["PodTerm", "PodTermScenario", "PodTermBuiltins", "PodTermTesting"]),
        .testTarget(name: "HTTPDrainTests", dependencies: ["HTTPDrain"]),
        .testTarget(name: "PodTermTUITests", dependencies: ["PodTerm", "PodTermTUI", "PodTermScenario", "PodTermBuiltins"]),
        .testTarget(name: "PodTermCLITests", dependencies: ["PodTerm", "PodTermTUI", "PodTermBuiltins", "podterm", "podterm-bench"]),
        .testTarget(name: "PodTermVerifyTests", dependencies: ["PodTerm", "PodTermScenario", "PodTermVerify", "podterm-probe", "podterm"]),
    ]
)
