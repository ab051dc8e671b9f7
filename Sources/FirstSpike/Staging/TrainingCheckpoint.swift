#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The checkpoint a training run reads and writes, with what keeps its work safe:
/// - one writer at a time: the run holds ``CheckpointLock`` from before it reads the file until
///   it ends, so a second trainer is refused naming the first one's pid;
/// - no save over someone else's file: before each save the file must still be the one this
///   run read or last wrote (same device, inode, size and mtime, ``FileIdentity``); if it was
///   replaced, removed or rewritten, the run is saved to a side file instead and the save
///   throws ``CheckpointReplaced`` saying where;
/// - a backup before a stage is trained over (`--retrain`): the file as it was is kept next to
///   it (``keepBackup()``).
public final class TrainingCheckpoint {
  public let path: String
  let lock: CheckpointLock
  /// The file as this run last read or wrote it; nil while there is none.
  public private(set) var identity: FileIdentity?

  /// Locks `path` for this run (see ``CheckpointLock``).
  public init(path: String) throws {
    self.lock = try CheckpointLock(path: path)
    self.path = path
    self.identity = FileIdentity.of(path: path)
  }

  /// The checkpoint's contents, or nil when there is no file yet. The identity of the file
  /// read becomes what later saves expect to find.
  public func open() throws -> OpenedCheckpoint? {
    var info = stat()
    if lstat(path, &info) != 0 && errno == ENOENT {
      identity = nil
      return nil
    }
    let opened = try ModelRegistry.open(path: path)
    identity = opened.archive.fileIdentity
    return opened
  }

  /// Writes `model` atomically to the checkpoint, unless the file there is no longer the one
  /// this run read or last wrote: then it goes to ``sidePath`` and this throws
  /// ``CheckpointReplaced``.
  public func save(_ model: some Model) throws {
    guard FileIdentity.of(path: path) == identity else {
      let side = sidePath
      try model.save(to: side)
      throw CheckpointReplaced(path: path, savedTo: side)
    }
    identity = try model.save(to: path)
  }

  /// Where a run whose checkpoint was replaced is saved: `m.fspk` → `m.run-<pid>.fspk` (with
  /// a number added while that exists).
  public var sidePath: String {
    let stem = path.hasSuffix(".fspk") ? String(path.dropLast(5)) : path
    return Self.unused { "\(stem).run-\(getpid())\($0 == 1 ? "" : "-\($0)").fspk" }
  }

  /// Keeps the checkpoint as it is now next to it, as `<path>.bak` (or `.bak2`, `.bak3`, … when
  /// that exists), and returns that path; nil when there is no file. A hard link where the
  /// file system allows (the next save replaces the checkpoint's name, not its inode), else a
  /// copy.
  @discardableResult
  public func keepBackup() throws -> String? { try Self.keepBackup(of: path) }

  /// ``keepBackup()`` for any file.
  public static func keepBackup(of path: String) throws -> String? {
    guard FileIdentity.of(path: path) != nil else { return nil }
    let backup = unused { "\(path).bak\($0 == 1 ? "" : String($0))" }
    if link(path, backup) != 0 {
      let bytes = try ReadableFile.bytes(path: path, maxBytes: CheckpointArchive.maxFileSize(forPayload: CheckpointArchive.defaultMaxPayloadSize))
      try AtomicFile.write(bytes, to: backup)
    }
    return backup
  }

  /// The first of `name(1)`, `name(2)`, … that names nothing.
  static func unused(_ name: (Int) -> String) -> String {
    var n = 1
    var info = stat()
    while lstat(name(n), &info) == 0 { n += 1 }
    return name(n)
  }
}

/// A checkpoint replaced during training: the run was saved elsewhere, and the file left alone.
public struct CheckpointReplaced: FirstSpikeError, Equatable {
  public var path: String
  public var savedTo: String
  public init(path: String, savedTo: String) {
    self.path = path
    self.savedTo = savedTo
  }
  public var description: String {
    "\(path): replaced by another file while this run trained (left as it is); this run was saved to \(savedTo)"
  }
}
