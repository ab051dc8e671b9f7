import ArgumentParser
import FirstSpike
import Foundation

/// `firstspike info`: describes a PNG or IDX file, or reports in one line what is wrong with it.
struct InfoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "info",
    abstract: "Describe a PNG or IDX (MNIST) file, or an image folder; without one, the kernels in use.",
    discussion: """
      Without a file: the C kernel clone in use (`kernels: avx2 (forced by FIRSTSPIKE_KERNELS)`, \
      or `(auto: the widest this CPU runs)`) and the clones this CPU runs. \
      PNG: size, colour type, bit depth, interlace and chunks from the header, then the 8-bit \
      gray image FirstSpike decodes (ITU-R 601 luma as PIL's convert("L"), alpha ignored). \
      IDX: magic, kind, count, dimensions, gzip or raw (the whole file is validated). \
      A folder is read as an image folder (one sub-folder per class); skipped files are \
      reported on stderr as 'firstspike: warning: ...'. \
      A broken file gives one line 'firstspike: error: <path>: <what is wrong>' and status 1.

      Example:
        firstspike info datasets/mnist/t10k-images-idx3-ubyte.gz
        firstspike info datasets/eth80-cup-dog/cup/cup1-000-000.png
        FIRSTSPIKE_KERNELS=baseline firstspike info
      """)

  @Argument(help: "A PNG or IDX file (raw or .gz), or an image folder.")
  var file: String?

  func run() throws {
    guard let file else {
      print("kernels: \(KernelClone.activeSummary)")
      print("this CPU runs: \(KernelClone.allCases.filter(\.isSupported).map(\.description).joined(separator: ", "))")
      return
    }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      let folder = try ImageFolder.load(directory: file)
      for warning in folder.warnings {
        FileHandle.standardError.write(Data("firstspike: warning: \(warning)\n".utf8))
      }
      print(Self.describeFolder(folder))
      return
    }
    switch try DataFileFormat.detect(path: file) {
    case .png: print(try Self.describePNG(file))
    case .idx: print(try Self.describeIDX(file))
    }
  }

  static func describePNG(_ path: String) throws -> String {
    let header = try PNGHeader(path: path)
    let gray = try PNGFile.readGray(path: path)
    let sum = gray.pixels.reduce(0) { $0 + Int($1) }
    let mean = gray.pixels.isEmpty ? 0 : Double(sum) / Double(gray.pixels.count)
    return """
      \(path): PNG image
        size: \(header.width)×\(header.height) pixels
        colour type: \(header.colorTypeName) (\(header.colorType)), bit depth \(header.bitDepth), \
      interlace: \(header.interlaced ? "Adam7" : "none")
        chunks: \(header.chunkTypes.joined(separator: " "))
        gray: 8-bit luma L = (19595·R + 38470·G + 7471·B + 0x8000) >> 16, alpha ignored; \
      min \(gray.pixels.min() ?? 0), max \(gray.pixels.max() ?? 0), mean \(fixed2(mean))
      """
  }

  static func describeIDX(_ path: String) throws -> String {
    let idx = try IDXFile.read(path: path)
    let storage = idx.compressed ? "gzip-compressed" : "raw"
    var lines = ["\(path): IDX \(idx.kind) (magic \(hex(idx.kind.magic))), \(storage)"]
    lines.append("  count: \(idx.dimensions[0])")
    if idx.kind == .images {
      lines.append("  image size: \(idx.dimensions[1]) rows × \(idx.dimensions[2]) columns, 8-bit")
    } else {
      var histogram = [Int](repeating: 0, count: 256)
      for label in idx.payload { histogram[Int(label)] += 1 }
      let used = histogram.indices.filter { histogram[$0] > 0 }
      lines.append(
        "  label counts: " + used.map { "\($0): \(histogram[$0])" }.joined(separator: ", "))
    }
    let header = 4 + 4 * idx.dimensions.count
    lines.append("  data: \(header + idx.payload.count) bytes (\(header)-byte header)")
    return lines.joined(separator: "\n")
  }

  static func describeFolder(_ folder: ImageFolder) -> String {
    var lines = [
      "\(folder.root): image folder, \(folder.count) PNG images, "
        + "\(folder.classNames.count) classes"
    ]
    for (label, name) in folder.classNames.enumerated() {
      let members = folder.labels.indices.filter { folder.labels[$0] == label }
      let sizes = Set(members.map { "\(folder.images[$0].width)×\(folder.images[$0].height)" })
      lines.append(
        "  \(label) \(name): \(members.count) images, \(sizes.sorted().joined(separator: ", "))")
    }
    return lines.joined(separator: "\n")
  }

  static func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
  }

  static func fixed2(_ x: Double) -> String {
    let scaled = Int((x * 100).rounded())
    let cents = scaled % 100
    return "\(scaled / 100).\(cents < 10 ? "0" : "")\(cents)"
  }
}
