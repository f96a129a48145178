import Testing

@testable import LegateDeribit

@Test func moduleLinks() { _ = LegateDeribitModule.self }
