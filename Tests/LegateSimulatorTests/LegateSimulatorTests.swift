import Testing

@testable import LegateSimulator

@Test func moduleLinks() { _ = LegateSimulatorModule.self }
