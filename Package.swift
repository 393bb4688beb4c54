// swift-tools-version:6.2
import PackageDescription

/// mcbot: the district's micro-credential submissions, read and answered over email.
/// Targets follow the one-way flow MIME -> Intake -> Badges -> Policy -> Store -> Bot; Transport wraps libcurl.
let package = Package(
    name: "mcbot",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mcbot", targets: ["mcbot"]),
        .executable(name: "mcbot-bench", targets: ["mcbot-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: ["YAML"]),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.8.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(name: "MIME"),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Tables", dependencies: ["CZlib", .product(name: "CSV", package: "CSV.swift")]),
        .target(
            name: "Intake",
            dependencies: ["MIME", "Policy", "Tables", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(name: "Policy"),
        .target(name: "Badges", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "Store",
            dependencies: [
                "Policy",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(name: "Transport", dependencies: ["CCurl"]),
        .target(
            name: "Bot",
            dependencies: [
                "MIME", "Intake", "Badges", "Policy", "Store", "Transport", "Tables",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "mcbot",
            dependencies: [
                "Bot", "Policy", "Store",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "mcbot-bench", dependencies: ["MIME", "Intake"]),
        .testTarget(name: "MIMETests", dependencies: ["MIME"], resources: [.copy("Fixtures")]),
        .testTarget(name: "IntakeTests", dependencies: ["Intake", "MIME", "Policy", "MailTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PolicyTests", dependencies: ["Policy"]),
        .testTarget(name: "BadgesTests", dependencies: ["Badges", "MailTestSupport"]),
        .testTarget(name: "TablesTests", dependencies: ["Tables"], resources: [.copy("Fixtures")]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Policy", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "MailTestSupport", dependencies: ["Transport", "MIME", .product(name: "Crypto", package: "swift-crypto")], path: "Tests/MailTestSupport"),
        .testTarget(name: "TransportTests", dependencies: ["Transport", "MailTestSupport"]),
        .testTarget(name: "BotTests", dependencies: ["Bot", "Store", "Transport", "MIME", "Intake", "Policy", "MailTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
