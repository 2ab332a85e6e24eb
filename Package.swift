// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "dealdb",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dealdb", targets: ["dealdb"]),
    ],
    dependencies: [
        // 1.6: CompletionKind.custom with the index of the word being completed;
        // CommandGroup (groupedSubcommands) came in 1.5.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(
            name: "SQLiteKit",
            dependencies: ["CSQLite"],
            // The C module stays inside the wrapper: nothing above SQLiteKit
            // can call sqlite3_* or see SQLite's C types through it.
            swiftSettings: [.enableUpcomingFeature("InternalImportsByDefault")]
        ),
        .executableTarget(
            name: "EmbedTool",
            path: "Sources/EmbedTool"
        ),
        .plugin(
            name: "EmbedPlugin",
            capability: .buildTool(),
            dependencies: ["EmbedTool"]
        ),
        .target(
            name: "DealCore",
            dependencies: [
                "SQLiteKit",
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["migrations", "seeds", "queries", "borders"],
            swiftSettings: [.enableUpcomingFeature("InternalImportsByDefault")],
            plugins: ["EmbedPlugin"]
        ),
        .executableTarget(
            name: "dealdb",
            dependencies: [
                "DealCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The CLI sees only what it imports: SQLiteKit's types reach it
            // through DealCore's API at most as values passed along, never
            // as members it uses (DealCore gives it what it needs).
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        .executableTarget(
            name: "dealdb-bench-data",
            path: "Sources/BenchData"
        ),
        // libFuzzer targets (`make fuzz`); an ordinary build makes replayers.
        .target(name: "FuzzSupport"),
        .executableTarget(name: "FuzzDocument", dependencies: ["DealCore", "FuzzSupport"]),
        .executableTarget(name: "FuzzCSV", dependencies: ["DealCore", "FuzzSupport"]),
        .executableTarget(name: "FuzzNamedQuery", dependencies: ["DealCore", "FuzzSupport"]),
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "SQLiteKitTests",
            dependencies: ["SQLiteKit", "TestSupport"]
        ),
        .testTarget(
            name: "DealCoreTests",
            dependencies: ["DealCore", "SQLiteKit", "TestSupport"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["dealdb", "TestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
