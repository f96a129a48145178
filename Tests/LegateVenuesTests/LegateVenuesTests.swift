import Testing

@testable import LegateVenues

@Test func moduleLinks() { _ = LegateVenuesModule.self }
