import ArgumentParser
import FirstSpike

extension ModelSpec.PresetVariant: ExpressibleByArgument {}
