// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "meedoen",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "meedoen", targets: ["meedoen"]),
        .executable(name: "meedoen-bench", targets: ["meedoen-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        // OpenID Connect: verifying the identity provider's ID token (RS256 against its JWKS).
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
    ],
    targets: [
        // Pure domain: value types and rules. No Vapor, no database, no clock of its own.
        .target(name: "MeedoenCore"),
        // Policy data (ladders, diagnosis policies) shipped with the binary.
        .target(
            name: "MeedoenPolicies", path: "Policies",
            resources: [
                .copy("ladders"), .copy("diagnosis"), .copy("plans"), .copy("catalogue"), .copy("money"),
                .copy("trees"), .copy("indicators"), .copy("municipalities"),
            ]),
        .target(
            name: "MeedoenServer",
            dependencies: [
                "MeedoenCore", "MeedoenPolicies",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            resources: [.copy("API/openapi.json"), .copy("Pages/Assets")]
        ),
        .executableTarget(name: "meedoen", dependencies: ["MeedoenServer"]),
        // Core benchmarks; no server dependencies, so `swift run -c release meedoen-bench` builds quickly.
        .executableTarget(name: "meedoen-bench", dependencies: ["MeedoenCore", "MeedoenPolicies"]),
        .testTarget(name: "MeedoenCoreTests", dependencies: ["MeedoenCore", "MeedoenPolicies"]),
        .testTarget(
            name: "MeedoenServerTests",
            dependencies: [
                "MeedoenServer", "MeedoenPolicies",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ]
        ),
    ]
)
