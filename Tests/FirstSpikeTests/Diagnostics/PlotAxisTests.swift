import Testing

@testable import FirstSpike

@Suite struct PlotAxisTests {
  @Test func niceSteps() {
    #expect(PlotAxis.niceStep(0.7) == 1 && PlotAxis.niceStep(1.3) == 2 && PlotAxis.niceStep(3) == 5)
    #expect(PlotAxis.niceStep(17) == 20 && PlotAxis.niceStep(0.013) == 0.02 && PlotAxis.niceStep(50) == 50)
  }

  @Test(arguments: [(1.0, 119.0, true), (90.4, 99.1, false), (0.0, 1.0, false), (1.0, 2.0, true), (5.0, 5.0, true)])
  func ticksCoverTheDataAndStayInside(low: Double, high: Double, integer: Bool) {
    let axis = PlotAxis(covering: low, high, count: 8, integer: integer, pixels: (500, 100))
    #expect(axis.low <= low && axis.high >= high, "\(axis.low)…\(axis.high) covers \(low)…\(high)")
    #expect(axis.ticks.count >= 2 && axis.ticks.count <= 12, "\(axis.ticks)")
    #expect(axis.ticks.allSatisfy { $0 >= axis.low - 1e-9 && $0 <= axis.high + 1e-9 })
    if integer { #expect(axis.ticks.allSatisfy { $0 == $0.rounded() } && axis.step >= 1) }
    #expect(axis.pixel(axis.low) == 500 && axis.pixel(axis.high) == 100)
  }

  @Test func clampAndLabels() {
    let axis = PlotAxis(covering: 95, 100.4, count: 7, clamp: 0...100, pixels: (0, 1))
    #expect(axis.high == 100 && axis.ticks.last == 100)
    #expect(axis.label(96) == "96")
    #expect(PlotAxis(covering: 0, 0.1, count: 6, pixels: (0, 1)).label(0.02) == "0.02")
  }
}
