internal import CFirstSpikeKernels

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The instruction-set clones of the C convolution kernels (`Sources/CFirstSpikeKernels`) and
/// which one runs.
///
/// By default the widest clone the CPU supports runs. The environment variable
/// `FIRSTSPIKE_KERNELS` (``environmentVariable``) forces one — `baseline`, `avx2`, `avx512`, or
/// `auto` — so that every clone can be tested, and benchmarked, on one machine; a clone the
/// CPU lacks is never run (the widest supported one runs instead, and
/// ``environmentProblem`` says so; the CLI refuses to start). Every clone does the same float
/// additions in the same order per lane, so results are bit-identical across clones.
public enum KernelClone: Int32, CaseIterable, Sendable, CustomStringConvertible {
  case baseline = 0
  case avx2 = 1
  case avx512 = 2

  public static let environmentVariable = "FIRSTSPIKE_KERNELS"

  /// `baseline`, `avx2` or `avx512` (the names `FIRSTSPIKE_KERNELS` takes).
  public var description: String { String(cString: fs_kernels_name(rawValue)) }

  /// Whether this CPU runs the clone.
  public var isSupported: Bool { fs_kernels_supported(rawValue) != 0 }

  /// The clone in use.
  public static var active: KernelClone { KernelClone(rawValue: fs_kernels_active()) ?? .baseline }

  /// Whether ``active`` is the clone `FIRSTSPIKE_KERNELS` names (false when it is unset or
  /// `auto`, when it could not be honoured, or when ``select(_:)`` has changed the clone since).
  public static var isForcedByEnvironment: Bool {
    fs_kernels_env_status() == FS_ENV_HONOURED && getenvString(environmentVariable) == active.description
  }

  /// The clone in use and why, e.g. "avx2 (forced by FIRSTSPIKE_KERNELS)" or
  /// "avx512 (auto: the widest this CPU runs)".
  public static var activeSummary: String {
    if isForcedByEnvironment { return "\(active) (forced by \(environmentVariable))" }
    let widest = allCases.last(where: \.isSupported) ?? .baseline
    return active == widest ? "\(active) (auto: the widest this CPU runs)" : "\(active) (selected)"
  }

  /// Runs every later kernel call on `clone`; false (and no change) if the CPU lacks it.
  @discardableResult
  public static func select(_ clone: KernelClone) -> Bool { fs_kernels_select(clone.rawValue) == 0 }

  /// Why `FIRSTSPIKE_KERNELS` could not be honoured, or nil (unset, `auto`, or honoured).
  public static var environmentProblem: String? {
    let status = Int(fs_kernels_env_status()), unsupported = Int(FS_ENV_UNSUPPORTED), unknown = Int(FS_ENV_UNKNOWN)
    guard status == unsupported || status == unknown else { return nil }
    let value = getenvString(environmentVariable) ?? ""
    let supported = allCases.filter(\.isSupported).map(\.description).joined(separator: ", ")
    return status == unsupported
      ? "\(environmentVariable)=\(value): this CPU does not run the \(value) kernels (it runs: \(supported))"
      : "\(environmentVariable)=\(value): unknown kernel clone (one of baseline, avx2, avx512, auto)"
  }

  private static func getenvString(_ name: String) -> String? {
    guard let p = getenv(name) else { return nil }
    return String(cString: p)
  }
}
