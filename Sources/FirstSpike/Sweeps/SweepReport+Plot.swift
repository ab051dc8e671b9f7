extension SweepReport {
  /// The metric of every finished trial against each varied parameter, one panel each
  /// (levels in the spec's order; a range parameter on a numeric axis).
  public func plot() -> String {
    let done = rows.filter { $0.state.phase == .done && $0.state.metric != nil }
    let panels = plan.spec.parameters.enumerated().map { i, p -> ScatterPanel in
      if let range = p.range {
        let points = done.compactMap { r in Double(r.levels[i]).map { (x: $0, y: r.state.metric!) } }
        return ScatterPanel(title: "\(metricName) vs \(p.name)", xLabel: p.name, yLabel: metricName, categories: nil,
                            logX: range.log, points: points)
      }
      let labels = p.levels.map(\.label)
      let points = done.compactMap { r in labels.firstIndex(of: r.levels[i]).map { (x: Double($0), y: r.state.metric!) } }
      return ScatterPanel(title: "\(metricName) vs \(p.name)", xLabel: p.name, yLabel: metricName, categories: labels, points: points)
    }
    return ScatterPlot.svg(panels, title: "\(plan.spec.name): \(done.count) of \(rows.count) trials done (blue: trials, red: mean per level)")
  }
}
