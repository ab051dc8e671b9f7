import Foundation
@testable import FirstSpike

/// Small seeded images of random strokes with a class-dependent stroke pattern: enough
/// structure for the layers to fire and learn, made in microseconds, no files needed.
enum SyntheticDigits {
  static func make(count: Int, classes: Int = 10, size: Int = 28, seed: UInt64) -> LabeledImages {
    var g = SplitMix64(seed: seed)
    var images: [GrayImage] = [], labels: [Int] = []
    for i in 0..<count {
      let label = i % classes
      var img = GrayImage(width: size, height: size)
      // A class-specific stroke plus a random one.
      let angle = Double(label) * Double.pi / Double(classes)
      stroke(&img, angle: angle, offset: Double(g.nextInt(below: 5)) - 2)
      stroke(&img, angle: g.nextUniform() * Double.pi, offset: Double(g.nextInt(below: 9)) - 4)
      images.append(img)
      labels.append(label)
    }
    return LabeledImages(images: images, labels: labels, classNames: (0..<classes).map(String.init))
  }

  static func stroke(_ img: inout GrayImage, angle: Double, offset: Double) {
    let c = Double(img.width) / 2, dx = cos(angle), dy = sin(angle)
    for s in stride(from: -9.0, through: 9.0, by: 0.25) {
      let x = Int((c + s * dx - offset * dy).rounded()), y = Int((c + s * dy + offset * dx).rounded())
      for (oy, ox) in [(0, 0), (0, 1), (1, 0)] where y + oy >= 0 && y + oy < img.height && x + ox >= 0 && x + ox < img.width {
        img[y + oy, x + ox] = 255
      }
    }
  }
}
