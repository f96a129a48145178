/// A currency or coin code (`BTC`, `USDC`, `USD`): 1–16 upper-case ASCII letters or digits.
///
/// Stored as a `String`, which Swift keeps inline (no allocation) for codes of up to 15 bytes.
public struct Asset: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let code: String

    /// Validates and wraps a code; lower-case letters are rejected rather than silently upper-cased.
    public init(_ code: some StringProtocol) throws(AssetError) {
        let code = String(code)
        guard (1...16).contains(code.utf8.count) else { throw AssetError(code: code, reason: "length is not 1...16") }
        for byte in code.utf8 {
            let isUpper = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            guard isUpper || isDigit else {
                throw AssetError(code: code, reason: "only A-Z and 0-9 are allowed")
            }
        }
        self.code = code
    }

    /// Wraps a code known to be valid (a literal in code); traps on an invalid one.
    public init(known code: StaticString) {
        do {
            try self.init(code.description)
        } catch {
            preconditionFailure("invalid asset literal: \(error)")
        }
    }

    public var description: String { code }

    public static func < (lhs: Asset, rhs: Asset) -> Bool { lhs.code < rhs.code }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let code = try container.decode(String.self)
        do {
            try self.init(code)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }

    public static let btc = Asset(known: "BTC")
    public static let eth = Asset(known: "ETH")
    public static let usd = Asset(known: "USD")
    public static let usdc = Asset(known: "USDC")
    public static let usdt = Asset(known: "USDT")
}

/// An invalid currency or coin code.
public struct AssetError: Error, Sendable, Equatable, CustomStringConvertible {
    public let code: String
    public let reason: String
    public var description: String { "invalid asset code \"\(code)\": \(reason)" }
}
