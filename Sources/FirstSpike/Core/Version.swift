/// The version of the FirstSpike library and tool.
public enum FirstSpikeVersion {
  public static let string = "0.1.0"
}
