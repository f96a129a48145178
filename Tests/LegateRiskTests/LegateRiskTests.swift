import Testing

@testable import LegateRisk

@Test func moduleLinks() { _ = LegateRiskModule.self }
