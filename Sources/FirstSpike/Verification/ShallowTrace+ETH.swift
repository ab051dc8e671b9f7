/// MozafariShallow.py's ETH encoder on the same image (`mozafari_shallow_eth_encoder`, no
/// checkpoint uses it): Gabor 5×5 with `abs`, max pooling of the intensities (5, stride 4,
/// padding 2), lateral intensity inhibition, latency coding, pointwise inhibition of the
/// intensity wave. Each step runs on the stored output of the step before.
extension DeepTrace {
  mutating func ethEncoder(_ image: GrayImage) throws(TraceError) {
    let e = try reference.nested("mozafari_shallow_eth_encoder")
    let bank = FilterBank(kernels: [67.5, 112.5, 157.5, 202.5].map { FilterKernel.gabor(size: 5, orientation: $0) },
                          padding: 0, rectification: .abs)
    let gShape = bank.outputShape(height: image.height, width: image.width)
    let gabor = bank.apply(image)
    let storedGabor = FeatureMaps(shape: gShape, values: try e.floats("gabor5_abs", shape: gShape.dims))
    table.comparePotentials("eth encoder: gabor5_abs (FirstSpike / 255)", gabor.values.map { Float(Double($0) / 255) },
                            storedGabor.values)

    let pooled = storedGabor.maxPooled(size: 5, stride: 4, padding: 2)
    let storedPooled = FeatureMaps(shape: pooled.shape, values: try e.floats("pooled", shape: pooled.shape.dims))
    let unequal = zip(pooled.values, storedPooled.values).filter { $0.bitPattern != $1.bitPattern }.count
    table.check("eth encoder: pooled", "\(pooled.values.count)", equal: unequal == 0,
                unequal == 0 ? "bit-equal" : "\(unequal) values differ")

    let lateral = LateralIntensityInhibition.mozafari2018.apply(storedPooled)
    let storedLateral = FeatureMaps(shape: pooled.shape, values: try e.floats("lateral_inhibited", shape: pooled.shape.dims))
    table.comparePotentials("eth encoder: lateral_inhibited", lateral.values, storedLateral.values)

    let latency = IntensityToLatency(timeSteps: timeSteps).encode(storedLateral)
    let storedLatency = try e.wave("latency_spike_time_before_pointwise", timeSteps: timeSteps, shape: pooled.shape)
    table.compareTimes("eth encoder: latency_spike_time_before_pointwise", latency.signedTimes, storedLatency.signedTimes)

    var inhibited = storedLatency
    InputInhibition.apply(to: &inhibited, intensities: storedLateral)
    table.compareTimes("eth encoder: spike_time (pointwise on the intensity wave)", inhibited.signedTimes,
                       try e.wave("spike_time", timeSteps: timeSteps, shape: pooled.shape).signedTimes)
  }
}
