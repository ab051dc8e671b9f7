// The inner loops of event-driven convolution: sums of weight runs gathered by offset.
//
// A "run" is the `Cp` output-feature weights of one synapse position `[ky][kx][c]`; one output
// position receives a list of runs per time step. Summing the list in registers and storing
// once replaces one load-add-store of the potentials per input spike and tap.
//
// The convolution calls the C versions in `CFirstSpikeKernels` (`fs_gather_add`,
// `fs_gather_sub`, `fs_gather_accumulate`, `fs_gather_accumulate_fire`: AVX-512/AVX2/SSE
// clones picked at run time, which Swift's baseline x86-64 code generation cannot match); the
// Swift functions here are their reference, compared in ConvKernelTests (`gatherAdd` adds
// term by term as `fs_gather_accumulate` does, bit for bit; `fs_gather_add` sums the terms
// first, equal within rounding).

/// `dst[0..<n] += Σ_i src[off[i] ..< off[i] + n]`, `n` a multiple of 8.
/// - Complexity: O(count · n) additions, one load and store of `dst`.
@inline(__always)
func gatherAdd(_ dst: UnsafeMutablePointer<Float>, _ src: UnsafePointer<Float>,
               _ off: UnsafePointer<Int32>, _ count: Int, _ n: Int) {
  let d = UnsafeMutableRawPointer(dst), s = UnsafeRawPointer(src)
  var j = 0
  while j + 32 <= n {
    let b = 4 * j
    var a0 = d.loadUnaligned(fromByteOffset: b, as: SIMD8<Float>.self)
    var a1 = d.loadUnaligned(fromByteOffset: b + 32, as: SIMD8<Float>.self)
    var a2 = d.loadUnaligned(fromByteOffset: b + 64, as: SIMD8<Float>.self)
    var a3 = d.loadUnaligned(fromByteOffset: b + 96, as: SIMD8<Float>.self)
    for i in 0..<count {
      let o = 4 * Int(off[i]) + b
      a0 += s.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self)
      a1 += s.loadUnaligned(fromByteOffset: o + 32, as: SIMD8<Float>.self)
      a2 += s.loadUnaligned(fromByteOffset: o + 64, as: SIMD8<Float>.self)
      a3 += s.loadUnaligned(fromByteOffset: o + 96, as: SIMD8<Float>.self)
    }
    d.storeBytes(of: a0, toByteOffset: b, as: SIMD8<Float>.self)
    d.storeBytes(of: a1, toByteOffset: b + 32, as: SIMD8<Float>.self)
    d.storeBytes(of: a2, toByteOffset: b + 64, as: SIMD8<Float>.self)
    d.storeBytes(of: a3, toByteOffset: b + 96, as: SIMD8<Float>.self)
    j += 32
  }
  while j < n {
    let b = 4 * j
    var a0 = d.loadUnaligned(fromByteOffset: b, as: SIMD8<Float>.self)
    for i in 0..<count { a0 += s.loadUnaligned(fromByteOffset: 4 * Int(off[i]) + b, as: SIMD8<Float>.self) }
    d.storeBytes(of: a0, toByteOffset: b, as: SIMD8<Float>.self)
    j += 8
  }
}

/// `dst[0..<n] −= Σ_i src[off[i] ..< off[i] + n]`, `n` a multiple of 8.
@inline(__always)
func gatherSubtract(_ dst: UnsafeMutablePointer<Float>, _ src: UnsafePointer<Float>,
                    _ off: UnsafePointer<Int32>, _ count: Int, _ n: Int) {
  let d = UnsafeMutableRawPointer(dst), s = UnsafeRawPointer(src)
  var j = 0
  while j + 32 <= n {
    let b = 4 * j
    var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>()
    for i in 0..<count {
      let o = 4 * Int(off[i]) + b
      a0 += s.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self)
      a1 += s.loadUnaligned(fromByteOffset: o + 32, as: SIMD8<Float>.self)
      a2 += s.loadUnaligned(fromByteOffset: o + 64, as: SIMD8<Float>.self)
      a3 += s.loadUnaligned(fromByteOffset: o + 96, as: SIMD8<Float>.self)
    }
    d.storeBytes(of: d.loadUnaligned(fromByteOffset: b, as: SIMD8<Float>.self) - a0, toByteOffset: b, as: SIMD8<Float>.self)
    d.storeBytes(of: d.loadUnaligned(fromByteOffset: b + 32, as: SIMD8<Float>.self) - a1, toByteOffset: b + 32, as: SIMD8<Float>.self)
    d.storeBytes(of: d.loadUnaligned(fromByteOffset: b + 64, as: SIMD8<Float>.self) - a2, toByteOffset: b + 64, as: SIMD8<Float>.self)
    d.storeBytes(of: d.loadUnaligned(fromByteOffset: b + 96, as: SIMD8<Float>.self) - a3, toByteOffset: b + 96, as: SIMD8<Float>.self)
    j += 32
  }
  while j < n {
    let b = 4 * j
    var a0 = SIMD8<Float>()
    for i in 0..<count { a0 += s.loadUnaligned(fromByteOffset: 4 * Int(off[i]) + b, as: SIMD8<Float>.self) }
    d.storeBytes(of: d.loadUnaligned(fromByteOffset: b, as: SIMD8<Float>.self) - a0, toByteOffset: b, as: SIMD8<Float>.self)
    j += 8
  }
}
