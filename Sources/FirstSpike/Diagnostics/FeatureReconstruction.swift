/// Pictures of learned features, reconstructed back to pixel space through the earlier layers:
/// the feature visualisation of Kheradpisheh et al. 2018 and the SpykeTorch examples
/// (a transposed convolution of each layer's weights with the pictures of its input channels).
///
/// Recursion, with `Q_c` the picture of input channel `c` and `S` the pixel stride of the
/// input map (distance in pixels between two neighbouring input positions):
/// - the encoder: `Q_c` = filter kernel `c` (all padded to one size, ``FilterBank/kernels``),
///   `S = 1`;
/// - a layer's input pooling (window `s`, stride `σ`) makes one pooled tap cover `s × s`
///   positions: `R_c = Σ_{i,j<s} Q_c` placed at `(i·S, j·S)`, then `S ← S·σ`;
/// - the convolution: feature `f` is `P_f = Σ_c Σ_{ky,kx} W[f, c, ky, kx] · R_c` placed at
///   `(ky·S, kx·S)`; its pictures are the next layer's `Q`.
///
/// Padding (of the image, the pooling or the convolution) only shifts the receptive field and is
/// ignored. Pictures are raw sums (use ``grid(_:columns:separator:)`` to display them: each is
/// normalized to 0…255 there). Layer indices are 0-based, as `Network.weights`.
///
/// Sizes for mozafari2019 (13×13 kernels): layer 0 → 17×17, layer 1 → 22×22, layer 2 → 50×50.
public enum FeatureReconstruction {
  /// The pictures of every feature of `network`'s layer `layer`, `[Cout, H, W]`.
  /// - Complexity: Σ over layers `l ≤ layer` of `Cout_l · Cin_l · k_l² · H_l·W_l` multiply-adds,
  ///   parallel over features (mozafari2019 layer 2: about 1e9).
  public static func pictures(_ network: Network, layer: Int) -> FeatureMaps {
    pictures(kernels: network.encoder.filters.kernels, layers: network.spec.layers,
             weights: network.weights, layer: layer)
  }

  /// The pictures of layer `layer`'s features from explicit encoder kernels (one size),
  /// layer specs (only `inputPool` is read) and weights.
  public static func pictures(kernels: [FilterKernel], layers: [LayerSpec], weights: [ConvWeights],
                              layer: Int) -> FeatureMaps {
    precondition(layers.indices.contains(layer) && weights.count > layer,
                 "layer \(layer) of a network with \(layers.count) layers and \(weights.count) weight tensors")
    precondition(Set(kernels.map(\.size)).count == 1, "encoder kernels of different sizes \(kernels.map(\.size))")
    let k = kernels[0].size
    var pictures = FeatureMaps(shape: Shape3(kernels.count, k, k), values: kernels.flatMap(\.weights))
    var stride = 1
    for l in 0...layer {
      if let pool = layers[l].inputPool {
        pictures = pooled(pictures, size: pool.size, pixelStride: stride)
        stride *= pool.stride
      }
      pictures = transposedConvolution(pictures, weights[l], tapStride: stride)
    }
    return pictures
  }

  /// `R_c = Σ_{i,j<size} Q_c` placed at `(i·S, j·S)`: `[C, H + (size−1)·S, W + (size−1)·S]`.
  /// - Complexity: O(C · size² · H · W).
  static func pooled(_ q: FeatureMaps, size: Int, pixelStride s: Int) -> FeatureMaps {
    let (h, w) = (q.shape.height, q.shape.width)
    let out = Shape3(q.shape.channels, h + (size - 1) * s, w + (size - 1) * s)
    var r = FeatureMaps(shape: out)
    for c in 0..<out.channels {
      for i in 0..<size {
        for j in 0..<size {
          for y in 0..<h {
            let src = q.shape.index(c, y, 0), dst = out.index(c, y + i * s, j * s)
            for x in 0..<w { r.values[dst + x] += q.values[src + x] }
          }
        }
      }
    }
    return r
  }

  /// `P_f = Σ_c Σ_{ky,kx} W[f, c, ky, kx] · R_c` placed at `(ky·S, kx·S)`:
  /// `[Cout, H + (k−1)·S, W + (k−1)·S]`, features in parallel.
  /// - Complexity: O(Cout · Cin · k² · H · W) multiply-adds (zero weights skipped).
  static func transposedConvolution(_ r: FeatureMaps, _ weights: ConvWeights, tapStride s: Int) -> FeatureMaps {
    precondition(r.shape.channels == weights.inChannels,
                 "\(r.shape.channels) input pictures for a layer of \(weights.inChannels) input channels")
    let (h, w, k, cin) = (r.shape.height, r.shape.width, weights.kernel, weights.inChannels)
    let out = Shape3(weights.outChannels, h + (k - 1) * s, w + (k - 1) * s)
    var p = FeatureMaps(shape: out)
    let source = r.values
    p.values.withUnsafeMutableBufferPointer { buffer in
      let shared = SharedBuffer(buffer)
      parallelFor(out.channels) { f in
        source.withUnsafeBufferPointer { src in
          let dst = shared.base + f * out.plane
          for c in 0..<cin {
            for ky in 0..<k {
              for kx in 0..<k {
                let weight = weights[f, c, ky, kx]
                if weight == 0 { continue }
                for y in 0..<h {
                  let from = (c * h + y) * w, to = (ky * s + y) * out.width + kx * s
                  for x in 0..<w { dst[to + x] += weight * src[from + x] }
                }
              }
            }
          }
        }
      }
    }
    return p
  }
}
