// swift-tools-version:6.1
import Foundation
import PackageDescription

// One library module (so whole-module optimization sees the whole pipeline), four C system
// libraries that only `Data/`, `Checkpoint/` and `Diagnostics/` import, and a thin command-line
// front end.
let package = Package(
  name: "FirstSpike",
  products: [
    .library(name: "FirstSpike", targets: ["FirstSpike"]),
    .executable(name: "firstspike", targets: ["FirstSpikeCLI"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    .systemLibrary(
      name: "CLibPNG", pkgConfig: "libpng16", providers: [.apt(["libpng-dev"])]),
    .systemLibrary(
      name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(
      name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
    // Plots and pictures (PNG and SVG): imported by Diagnostics/Canvas.swift only.
    .systemLibrary(
      name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
    // Hot loops of the convolution in C: AVX-512/AVX2/baseline clones with run-time dispatch
    // (Swift itself compiles for baseline x86-64 only).
    .target(name: "CFirstSpikeKernels"),
    .target(
      name: "FirstSpike",
      dependencies: ["CLibPNG", "CZlib", "CZstd", "CCairo", "CFirstSpikeKernels"],
      swiftSettings: [
        // Invariant checks (one spike per neuron, weights in bounds, one winner per feature)
        // are compiled into debug builds, so `make test` runs with them; release has none.
        .define("FIRSTSPIKE_CHECKS", .when(configuration: .debug))
      ],
      linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
    .executableTarget(
      name: "FirstSpikeCLI",
      dependencies: [
        "FirstSpike",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // Shared by both test targets: repository paths, temporary folders, tiny model specs and
    // the runner of the built binary.
    .target(
      name: "FirstSpikeTestSupport",
      dependencies: ["FirstSpike"],
      path: "Tests/FirstSpikeTestSupport"),
    .testTarget(
      name: "FirstSpikeTests",
      dependencies: ["FirstSpike", "FirstSpikeTestSupport"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "FirstSpikeCLITests",
      dependencies: ["FirstSpikeCLI", "FirstSpike", "FirstSpikeTestSupport"]),
  ],
  swiftLanguageModes: [.v6]
)

// libFuzzer targets of the readers (`make fuzz`), only when FIRSTSPIKE_FUZZ is set: their `main`
// calls libFuzzer's driver, so they link only with `-sanitize=fuzzer`.
if ProcessInfo.processInfo.environment["FIRSTSPIKE_FUZZ"] != nil {
  package.targets.append(.target(name: "CFuzzDriver", path: "Fuzz/CFuzzDriver"))
  package.targets.append(.target(name: "FuzzSupport", dependencies: ["FirstSpike", "CFuzzDriver"], path: "Fuzz/FuzzSupport"))
  for name in ["fuzz-png", "fuzz-idx", "fuzz-checkpoint", "fuzz-spec"] {
    package.targets.append(.executableTarget(name: name, dependencies: ["FirstSpike", "FuzzSupport"], path: "Fuzz/\(name)"))
    package.products.append(.executable(name: name, targets: [name]))
  }
}
