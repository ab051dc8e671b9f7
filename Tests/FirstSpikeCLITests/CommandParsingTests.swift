import Testing
@testable import FirstSpikeCLI

@Suite struct CommandParsingTests {
  @Test func versionIsPrinted() throws {
    #expect(FirstSpikeCommand.configuration.version == "0.1.0")
  }
}
