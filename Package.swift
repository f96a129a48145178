// swift-tools-version:6.2
import PackageDescription

// MARK: - Shared settings

/// Settings every Legate target compiles with.
///
/// Tools 6.2 means Swift 6 language mode with complete concurrency checking. Warnings are errors on our targets only
/// (the manifest setting does not leak into dependencies), so CI runs a plain `swift test`.
let strict: [SwiftSetting] = [
    .treatAllWarnings(as: .error),
    // SE-0335: spell out `any` so existential costs are visible.
    .enableUpcomingFeature("ExistentialAny"),
    // SE-0444: a file sees only the modules it imports itself.
    .enableUpcomingFeature("MemberImportVisibility"),
    // SE-0409: imports are internal unless a public signature needs them.
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let numerics: Target.Dependency = .product(name: "RealModule", package: "swift-numerics")
let nio: [Target.Dependency] = [
    .product(name: "NIOCore", package: "swift-nio"),
    .product(name: "NIOPosix", package: "swift-nio"),
    .product(name: "NIOHTTP1", package: "swift-nio"),
    .product(name: "NIOWebSocket", package: "swift-nio"),
    .product(name: "NIOSSL", package: "swift-nio-ssl"),
    .product(name: "AsyncHTTPClient", package: "async-http-client"),
]
/// What a venue adapter's wire and parse code builds on (pure: no I/O).
let venueAdapter: [Target.Dependency] = ["LegateCore", "LegateModel", "LegateSymbology", "LegateVenues"]
let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")

let package = Package(
    name: "Legate",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "legate", targets: ["legate"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        // Counts mallocs for `legate bench` (allocations per item); loaded with LD_PRELOAD by the bench command.
        .package(url: "https://github.com/ordo-one/malloc-interposer", from: "1.6.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Venue connections: WebSocket (NIOWebSocket over NIOSSL) and REST (AsyncHTTPClient).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // MARK: - Core (pure)
        .target(name: "LegateCore", swiftSettings: strict),
        .target(name: "LegateModel", dependencies: ["LegateCore"], swiftSettings: strict),
        .target(name: "LegateSymbology", dependencies: ["LegateCore", "LegateModel"], swiftSettings: strict),
        .target(
            name: "LegatePricing",
            dependencies: ["LegateCore", "LegateModel", "CLegatePricingKernel", numerics],
            swiftSettings: strict
        ),
        // The batch option pricer in C: a portable build and, on x86-64, an AVX2 build chosen at run time.
        .target(name: "CLegatePricingKernel"),
        .target(name: "LegateOrders", dependencies: ["LegateCore", "LegateModel"], swiftSettings: strict),
        .target(
            name: "LegateEngine",
            dependencies: [
                "LegateCore", "LegateModel", "LegateOrders", "LegateRisk",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: strict
        ),

        // MARK: - Risk (pure): market state, book, margin models, VaR/ES, the gate
        // LAPACK through the system library (dpotrf for Cholesky, dsyev for repairing correlation matrices).
        .systemLibrary(name: "CLAPACK", path: "Sources/CLAPACK", providers: [.apt(["liblapack-dev"])]),
        .target(
            name: "LegateRisk",
            dependencies: [
                "LegateCore", "LegateModel", "LegatePricing", "CLegatePricingKernel", "CLAPACK", numerics,
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: strict
        ),

        // MARK: - Venues: the simulator (pure), shared plumbing, adapters
        .target(
            name: "LegateSimulator",
            dependencies: ["LegateCore", "LegateModel", "LegatePricing", "LegateSymbology", numerics],
            swiftSettings: strict
        ),
        .target(
            name: "LegateVenues",
            dependencies: [
                "LegateCore", "LegateModel", "LegateSymbology",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "LegateDeribit",
            dependencies: ["LegateCore", "LegateModel", "LegateSymbology", "LegateVenues", "LegateTransport"],
            swiftSettings: strict
        ),
        .target(name: "LegateOKX", dependencies: venueAdapter + ["LegateTransport"], swiftSettings: strict),
        .target(name: "LegateBybit", dependencies: venueAdapter + ["LegateTransport"], swiftSettings: strict),
        .target(name: "LegateBinance", dependencies: venueAdapter + ["LegateTransport"], swiftSettings: strict),
        // I/O: WebSocket and HTTP connections to venues, reconnect with backoff, and a loopback server for tests.
        .target(
            name: "LegateTransport",
            dependencies: ["LegateCore", "LegateVenues"] + nio,
            swiftSettings: strict
        ),

        // MARK: - Journal (I/O)
        .target(
            name: "LegateJournal",
            dependencies: [
                "LegateCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API, for binding and reading columns in the append and replay loops.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // A child process for the journal crash test: appends under load until killed with SIGKILL.
        .executableTarget(
            name: "LegateJournalCrashWriter",
            dependencies: ["LegateJournal", "LegateCore"],
            path: "Sources/Tools/LegateJournalCrashWriter",
            swiftSettings: strict
        ),
        // A child process for the engine crash test: runs EngineService under load until killed with SIGKILL.
        .executableTarget(
            name: "LegateEngineCrashWriter",
            dependencies: [
                "LegateRuntime", "LegateEngine", "LegateJournal", "LegateModel", "LegateOrders", "LegateCore",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            path: "Sources/Tools/LegateEngineCrashWriter",
            swiftSettings: strict
        ),

        // MARK: - Runtime (I/O): the single writer, journal-before-ack, recovery
        .target(
            name: "LegateRuntime",
            dependencies: [
                "LegateCore", "LegateModel", "LegateOrders", "LegateEngine", "LegateJournal", "LegateSimulator",
                "LegateRisk", "LegatePricing", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            swiftSettings: strict
        ),

        // MARK: - Tools
        .target(
            name: "LegateBenchmarks",
            dependencies: [
                "LegateCore", "LegateModel", "LegateSymbology", "LegatePricing", numerics,
                "LegateOrders", "LegateEngine", "LegateJournal", "LegateRuntime", "LegateRisk", "LegateSimulator",
                "LegateVenues", "LegateDeribit",
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "LegateCLI",
            dependencies: [
                "LegateCore", "LegateModel", "LegateSymbology", "LegatePricing", "LegateBenchmarks",
                "LegateOrders", "LegateEngine", "LegateJournal", "LegateRuntime", "LegateRisk", "LegateSimulator",
                argumentParser,
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "legate", dependencies: ["LegateCLI"], swiftSettings: strict),

        // MARK: - Tests
        .testTarget(name: "LegateCoreTests", dependencies: ["LegateCore"], swiftSettings: strict),
        .testTarget(name: "LegateModelTests", dependencies: ["LegateCore", "LegateModel"], swiftSettings: strict),
        .testTarget(
            name: "LegateSymbologyTests",
            dependencies: ["LegateCore", "LegateModel", "LegateSymbology"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LegatePricingTests",
            dependencies: ["LegateCore", "LegateModel", "LegatePricing"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LegateEngineTests",
            dependencies: [
                "LegateCore", "LegateModel", "LegateOrders", "LegateEngine", "LegateRisk", "LegatePricing",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LegateRuntimeTests",
            dependencies: [
                "LegateCore", "LegateModel", "LegateOrders", "LegateEngine", "LegateJournal", "LegateRuntime",
                "LegateEngineCrashWriter", "LegateSimulator", "LegateRisk",
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LegateOrdersTests",
            dependencies: ["LegateCore", "LegateModel", "LegateOrders"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LegateJournalTests",
            // GRDB: the corruption tests tamper with a journal through a second, raw connection.
            dependencies: [
                "LegateJournal", "LegateCore", "LegateJournalCrashWriter",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LegateBenchmarksTests",
            dependencies: ["LegateBenchmarks"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LegateCLITests",
            dependencies: [
                "LegateCLI", "legate", "LegateCore", "LegateModel", "LegateOrders", "LegateEngine", "LegateJournal",
                "LegateRuntime", "LegateRisk", "LegateSimulator",
                // GRDB: a test takes a journal back to an older schema through a raw connection.
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LegateRiskTests",
            dependencies: ["LegateCore", "LegateModel", "LegatePricing", "LegateRisk", "CLegatePricingKernel"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LegateSimulatorTests",
            dependencies: ["LegateCore", "LegateModel", "LegatePricing", "LegateSimulator"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LegateVenuesTests",
            dependencies: ["LegateCore", "LegateModel", "LegateVenues"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LegateDeribitTests",
            dependencies: ["LegateCore", "LegateModel", "LegateVenues", "LegateDeribit", "LegateTransport"] + nio,
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LegateOKXTests",
            dependencies: ["LegateCore", "LegateModel", "LegateVenues", "LegateOKX", "LegateTransport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LegateBybitTests",
            dependencies: [
                "LegateCore", "LegateModel", "LegateSymbology", "LegateVenues", "LegateBybit", "LegateTransport",
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LegateBinanceTests",
            dependencies: [
                "LegateCore", "LegateModel", "LegateSymbology", "LegateVenues", "LegateBinance", "LegateTransport",
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LegateTransportTests",
            dependencies: ["LegateCore", "LegateVenues", "LegateTransport"] + nio,
            swiftSettings: strict
        ),
        .testTarget(name: "LegateTidyTests", swiftSettings: strict),
    ]
)
