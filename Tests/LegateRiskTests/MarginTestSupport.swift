// Loads the margin model files from the repository (`Models/margin/`, relative to this file), the way a deployment
// loads them: the pure module reads no files, so decoding happens here with Foundation.

import Foundation

@testable import LegateRisk

enum MarginModelFiles {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Models/margin")

    static func load<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try JSONDecoder().decode(T.self, from: data)
    }

    static func standard() throws -> StandardMarginParameters {
        try load("deribit-standard.json", as: StandardMarginParameters.self)
    }

    static func portfolio() throws -> PortfolioMarginParameters {
        try load("deribit-portfolio.json", as: PortfolioMarginParameters.self)
    }

    static func house() throws -> PortfolioMarginParameters {
        try load("house.json", as: PortfolioMarginParameters.self)
    }

    static func span() throws -> SpanParameters {
        try load("span.json", as: SpanParameters.self)
    }
}
