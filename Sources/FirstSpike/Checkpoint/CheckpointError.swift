#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Everything that can go wrong reading, writing or looking things up in a checkpoint file.
///
/// Each case carries the file path (or `"<memory>"` for bytes that never were a file) and the
/// values that were expected and found; ``description`` is one line, `"<path>: <what is wrong>"`,
/// and keeps the C library's own text (`ZSTD_getErrorName`, `strerror`).
public enum CheckpointError: FirstSpikeError, Equatable {
  /// The file has no bytes at all.
  case empty(path: String)
  /// The first 8 bytes are not the FirstSpike magic `"FSPK\r\n\u{1A}\n"`.
  case notACheckpoint(path: String)
  /// The file was written by a later format than this build reads.
  case newerFormat(path: String, version: UInt32, supported: UInt32)
  /// Format version 0 does not exist.
  case invalidVersion(path: String, version: UInt32)
  /// The preamble sets flag bits this build does not know.
  case unsupportedFlags(path: String, flags: UInt32)
  /// The file or payload ends at `offset` (from the start of the file, or of the payload for
  /// header errors) before the structure it declares; `expected` is the length needed, when known.
  case truncated(path: String, offset: Int, expected: Int?)
  /// Bytes follow the one zstd frame the file must end with.
  case trailingData(path: String, offset: Int, count: Int)
  /// The zstd frame is damaged; `reason` is `ZSTD_getErrorName` or a description of the field.
  case corrupt(path: String, reason: String)
  /// The frame declares more decompressed bytes than the caller allows.
  case tooLarge(path: String, size: UInt64, limit: Int)
  /// The payload header (length-prefixed JSON) is malformed or inconsistent with the data.
  case badHeader(path: String, reason: String)
  /// Two tensors, or two blobs, share a name.
  case duplicateName(path: String, kind: String, name: String)
  /// Compression failed (`ZSTD_getErrorName` text), e.g. an invalid level.
  case compressionFailed(reason: String)
  /// A FIFO, socket, device or folder where a checkpoint file is needed.
  case notRegularFile(path: String, kind: String)
  /// The file is larger than any checkpoint the reader accepts (checked before reading it).
  case fileTooLarge(path: String, size: Int, limit: Int)
  /// A system call failed; `operation` says what was attempted.
  case io(path: String, operation: String, errno: Int32)
  /// Look-up of a tensor or blob that the archive does not hold.
  case missing(path: String, kind: String, name: String, available: [String])
  /// A tensor has a different shape than the model expects.
  case shapeMismatch(path: String, name: String, actual: [Int], expected: [Int])
  /// A tensor has a different element type than the model expects.
  case dtypeMismatch(path: String, name: String, actual: String, expected: String)
  /// A JSON blob does not decode as the requested type.
  case badBlob(path: String, name: String, reason: String)
  /// A blob decodes but holds what the model cannot use; `reason` names the JSON path.
  case invalidBlob(path: String, name: String, reason: String)
  /// A tensor has the right shape but values the model cannot use (NaN, ∞).
  case invalidTensor(path: String, name: String, reason: String)

  public var description: String {
    switch self {
    case .empty(let path):
      return "\(path): empty file, not a FirstSpike checkpoint"
    case .notACheckpoint(let path):
      return "\(path): not a FirstSpike checkpoint (wrong magic bytes)"
    case .newerFormat(let path, let version, let supported):
      return
        "\(path): written by a newer FirstSpike (format \(version), this reads up to \(supported))"
    case .invalidVersion(let path, let version):
      return "\(path): invalid checkpoint format version \(version)"
    case .unsupportedFlags(let path, let flags):
      return "\(path): unsupported checkpoint flags 0x\(String(flags, radix: 16))"
    case .truncated(let path, let offset, let expected):
      let need = expected.map { ", needs \($0)" } ?? ", zstd frame incomplete"
      return "\(path): truncated (ends at byte \(offset)\(need))"
    case .trailingData(let path, let offset, let count):
      return "\(path): \(count) unexpected bytes after the zstd frame at byte \(offset)"
    case .corrupt(let path, let reason):
      return "\(path): corrupt (zstd: \(reason))"
    case .tooLarge(let path, let size, let limit):
      return "\(path): payload of \(size) bytes exceeds the limit of \(limit) bytes"
    case .badHeader(let path, let reason):
      return "\(path): bad checkpoint header: \(reason)"
    case .duplicateName(let path, let kind, let name):
      return "\(path): duplicate \(kind) name '\(name)'"
    case .compressionFailed(let reason):
      return "zstd compression failed: \(reason)"
    case .notRegularFile(let path, let kind):
      return "\(path): not a regular file (\(kind)), not a FirstSpike checkpoint"
    case .fileTooLarge(let path, let size, let limit):
      return "\(path): file of \(size) bytes exceeds the limit of \(limit) bytes for a checkpoint"
    case .io(let path, let operation, let code):
      return "\(path): cannot \(operation): \(String(cString: strerror(code)))"
    case .missing(let path, let kind, let name, let available):
      let list = available.isEmpty ? "none" : available.map { "'\($0)'" }.joined(separator: ", ")
      return "\(path): no \(kind) named '\(name)' (available: \(list))"
    case .shapeMismatch(let path, let name, let actual, let expected):
      return "\(path): tensor '\(name)' has shape \(actual), expected \(expected)"
    case .dtypeMismatch(let path, let name, let actual, let expected):
      return "\(path): tensor '\(name)' has dtype \(actual), expected \(expected)"
    case .badBlob(let path, let name, let reason):
      return "\(path): blob '\(name)' does not decode: \(reason)"
    case .invalidBlob(let path, let name, let reason):
      return "\(path): blob '\(name)': \(reason)"
    case .invalidTensor(let path, let name, let reason):
      return "\(path): tensor '\(name)': \(reason)"
    }
  }
}
