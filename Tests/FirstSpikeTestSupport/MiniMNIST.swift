import FirstSpike
import Foundation

/// A small MNIST folder: the first `train` training and `test` test images of the vendored
/// MNIST as raw IDX files with the standard names, so that commands (and the many processes
/// of a sweep) load it in milliseconds. Returns the folder.
public func makeMiniMNIST(in folder: String, train: Int, test: Int) throws -> String {
  let path = folder + "/mini-mnist"
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  for (split, count) in [(MNIST.Split.train, train), (.test, test)] {
    let mnist = try MNIST.load(directory: RepositoryPaths.mnist, split: split, verifyChecksums: false)
    let n = min(count, mnist.count)
    let images = IDXImages(images: (0..<n).map { mnist.image($0) })
    try IDXFile.write(images, to: "\(path)/\(split.filePrefix)-images-idx3-ubyte", compressed: false)
    try IDXFile.write(IDXLabels(Array(mnist.labels[0..<n])), to: "\(path)/\(split.filePrefix)-labels-idx1-ubyte", compressed: false)
  }
  return path
}
