internal import CCairo

/// A picture being drawn with Cairo, in pixels (origin top left, y down), finished as PNG
/// bytes (an RGB image surface) or SVG (Cairo's SVG surface: text becomes glyph outlines, so
/// the file needs no fonts to display). The only file that imports Cairo.
///
/// Text uses Cairo's "toy" API with the DejaVu Sans family (through fontconfig); sizes are in
/// pixels. Raster images are drawn with nearest-neighbour sampling, so every source pixel
/// stays a sharp square.
final class Canvas {
  enum Anchor { case start, middle, end }

  let width: Int
  let height: Int
  let format: PictureFormat
  private let surface: OpaquePointer
  private let cr: OpaquePointer
  private let sink = ByteSink()

  /// The largest side Cairo draws (its image surfaces are limited to 32 767 pixels a side).
  static let maxSide = 32_767

  /// A `width × height` canvas for a picture whose size follows from options or a file (a
  /// sheet of many features, a model of many classes): too large is one line, not a trap.
  static func checked(width: Int, height: Int, format: PictureFormat, what: String) throws(DiagnosticsError) -> Canvas {
    guard (1...maxSide).contains(width) && (1...maxSide).contains(height) else {
      throw DiagnosticsError("\(what) would be \(width)×\(height) pixels; pictures are at most \(maxSide) pixels a side")
    }
    return Canvas(width: width, height: height, format: format)
  }

  /// A `width × height` canvas filled with `background`.
  init(width: Int, height: Int, format: PictureFormat, background: Color = .white) {
    precondition(width > 0 && height > 0 && width <= Canvas.maxSide && height <= Canvas.maxSide, "canvas of \(width)×\(height) pixels")
    self.width = width
    self.height = height
    self.format = format
    switch format {
    case .png:
      surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))
    case .svg:
      surface = cairo_svg_surface_create_for_stream(appendToSink, Unmanaged.passUnretained(sink).toOpaque(),
                                                    Double(width), Double(height))
      cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PX)
    }
    cr = cairo_create(surface)
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
    rect(x: 0, y: 0, width: Double(width), height: Double(height), fill: background)
  }

  deinit {
    cairo_destroy(cr)
    cairo_surface_destroy(surface)
  }

  /// Ends drawing and returns the file's bytes.
  /// - Throws: ``DiagnosticsError`` with Cairo's message if Cairo failed at any point.
  func finish() throws(DiagnosticsError) -> Picture {
    try check(cairo_status(cr))
    switch format {
    case .png:
      cairo_surface_flush(surface)
      try check(cairo_surface_write_to_png_stream(surface, appendToSink, Unmanaged.passUnretained(sink).toOpaque()))
    case .svg:
      cairo_surface_finish(surface)
      try check(cairo_surface_status(surface))
    }
    return Picture(format: format, width: width, height: height, bytes: sink.bytes)
  }

  /// What a PNG canvas holds so far, as an RGB image (to draw it into another canvas).
  func pixels() -> RGBImage {
    precondition(format == .png, "pixels() of an SVG canvas")
    cairo_surface_flush(surface)
    var out = RGBImage(width: width, height: height, pixels: [UInt8](repeating: 255, count: width * height * 3))
    guard let data = cairo_image_surface_get_data(surface) else { return out }
    let stride = Int(cairo_image_surface_get_stride(surface))
    data.withMemoryRebound(to: UInt32.self, capacity: stride / 4 * height) { px in
      for y in 0..<height {
        for x in 0..<width {
          let v = px[y * (stride / 4) + x]
          out[y, x] = (UInt8(truncatingIfNeeded: v >> 16), UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v))
        }
      }
    }
    return out
  }

  private func check(_ status: cairo_status_t) throws(DiagnosticsError) {
    guard status != CAIRO_STATUS_SUCCESS else { return }
    throw DiagnosticsError("cannot draw the picture: \(String(cString: cairo_status_to_string(status)))")
  }

  // MARK: shapes

  /// A rectangle, filled and/or outlined.
  func rect(x: Double, y: Double, width: Double, height: Double, fill: Color? = nil, stroke: Color? = nil,
            lineWidth: Double = 1) {
    cairo_rectangle(cr, x, y, width, height)
    paint(fill: fill, stroke: stroke, lineWidth: lineWidth)
  }

  /// A circle, filled and/or outlined.
  func circle(x: Double, y: Double, radius: Double, fill: Color? = nil, stroke: Color? = nil, lineWidth: Double = 1) {
    cairo_new_sub_path(cr)
    cairo_arc(cr, x, y, radius, 0, 2 * Double.pi)
    paint(fill: fill, stroke: stroke, lineWidth: lineWidth)
  }

  /// Straight segments through `points`; `dash` alternates on and off lengths.
  func polyline(_ points: [(x: Double, y: Double)], color: Color, width: Double = 1, dash: [Double] = []) {
    guard let first = points.first else { return }
    cairo_move_to(cr, first.x, first.y)
    for p in points.dropFirst() { cairo_line_to(cr, p.x, p.y) }
    cairo_set_dash(cr, dash, Int32(dash.count), 0)
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
    cairo_set_line_cap(cr, dash.isEmpty ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT)
    paint(fill: nil, stroke: color, lineWidth: width)
    cairo_set_dash(cr, nil, 0, 0)
  }

  func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, color: Color, width: Double = 1, dash: [Double] = []) {
    polyline([(x0, y0), (x1, y1)], color: color, width: width, dash: dash)
  }

  private func paint(fill: Color?, stroke: Color?, lineWidth: Double) {
    if let fill {
      setColor(fill)
      if stroke != nil { cairo_fill_preserve(cr) } else { cairo_fill(cr) }
    }
    if let stroke {
      setColor(stroke)
      cairo_set_line_width(cr, lineWidth)
      cairo_stroke(cr)
    }
    cairo_new_path(cr)
  }

  private func setColor(_ c: Color) { cairo_set_source_rgb(cr, c.r, c.g, c.b) }

  // MARK: text

  /// Draws `text` with its baseline at `y`, starting, centred or ending at `x`; `rotated`
  /// turns it 90° anticlockwise about `(x, y)` (a vertical axis label).
  func text(_ text: String, x: Double, y: Double, size: Double, color: Color = .ink, bold: Bool = false,
            anchor: Anchor = .start, rotated: Bool = false) {
    guard !text.isEmpty else { return }
    font(size: size, bold: bold)
    let w = textWidth(text, size: size, bold: bold)
    let dx = anchor == .start ? 0 : anchor == .middle ? -w / 2 : -w
    cairo_save(cr)
    cairo_translate(cr, x, y)
    if rotated { cairo_rotate(cr, -Double.pi / 2) }
    cairo_move_to(cr, dx, 0)
    setColor(color)
    cairo_show_text(cr, text)
    cairo_restore(cr)
    cairo_new_path(cr)
  }

  /// The advance width of `text` in pixels.
  func textWidth(_ text: String, size: Double, bold: Bool = false) -> Double {
    font(size: size, bold: bold)
    var extents = cairo_text_extents_t()
    cairo_text_extents(cr, text, &extents)
    return extents.x_advance
  }

  /// `size`, or the smaller size at which `text` fits into `width` pixels (at least 7).
  func fittedSize(_ text: String, width: Double, size: Double, bold: Bool = false) -> Double {
    let w = textWidth(text, size: size, bold: bold)
    return w <= width ? size : max(7, (size * width / w * 10).rounded(.down) / 10)
  }

  private func font(size: Double, bold: Bool) {
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
    cairo_set_font_size(cr, size)
  }

  // MARK: raster images

  /// Draws `image` with its top-left corner at `(x, y)`, each pixel a `scale × scale` square.
  func image(_ image: RGBImage, x: Double, y: Double, scale: Int = 1) {
    precondition(scale >= 1, "image scale \(scale)")
    guard image.width > 0 && image.height > 0 else { return }
    let (w, h) = (image.width * scale, image.height * scale)
    let source = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(w), Int32(h))
    defer { cairo_surface_destroy(source) }
    guard cairo_surface_status(source) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(source) else { return }
    cairo_surface_flush(source)
    let stride = Int(cairo_image_surface_get_stride(source))
    data.withMemoryRebound(to: UInt32.self, capacity: stride / 4 * h) { px in
      for row in 0..<h {
        let sourceRow = row / scale, line = px + row * (stride / 4)
        for column in 0..<w {
          let p = image[sourceRow, column / scale]
          line[column] = UInt32(p.r) << 16 | UInt32(p.g) << 8 | UInt32(p.b)
        }
      }
    }
    cairo_surface_mark_dirty(source)
    cairo_save(cr)
    cairo_set_source_surface(cr, source, x, y)
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST)
    cairo_rectangle(cr, x, y, Double(w), Double(h))
    cairo_fill(cr)
    cairo_restore(cr)
  }

  /// Draws a gray image (0 black … 255 white) like ``image(_:x:y:scale:)``.
  func image(_ gray: GrayImage, x: Double, y: Double, scale: Int = 1) {
    image(RGBImage(width: gray.width, height: gray.height, pixels: gray.pixels.flatMap { [$0, $0, $0] }),
          x: x, y: y, scale: scale)
  }
}

/// Collects the bytes Cairo writes to a stream.
private final class ByteSink {
  var bytes: [UInt8] = []
}

/// Cairo's stream callback: appends to the ``ByteSink`` passed as the closure.
private func appendToSink(_ closure: UnsafeMutableRawPointer?, _ data: UnsafePointer<UInt8>?, _ length: UInt32) -> cairo_status_t {
  guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
  Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
  return CAIRO_STATUS_SUCCESS
}
