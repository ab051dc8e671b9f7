/// An error that the command-line tool reports as one line,
/// `firstspike: error: <description>`, where the description starts with the file it is about
/// (`"<path>: <what is wrong>"`) whenever there is a file.
public protocol FirstSpikeError: Error, CustomStringConvertible {}
