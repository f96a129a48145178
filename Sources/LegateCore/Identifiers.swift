/// A typed identifier: an account id cannot be passed where an order id is expected.
///
/// The raw text is 1–64 printable ASCII characters without spaces, which every venue's client-id rules and the
/// journal accept.
public struct Identifier<Tag: IdentifierTag>: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let rawValue: String

    public init(_ rawValue: some StringProtocol) throws(IdentifierError) {
        let rawValue = String(rawValue)
        guard (1...64).contains(rawValue.utf8.count) else {
            throw IdentifierError(kind: Tag.name, text: rawValue, reason: "length is not 1...64")
        }
        guard rawValue.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw IdentifierError(kind: Tag.name, text: rawValue, reason: "only printable ASCII without spaces")
        }
        self.rawValue = rawValue
    }

    /// Wraps an id the code itself made (a literal, a counter); traps on invalid text, which only a code change can
    /// produce. Input from outside goes through the throwing initializer.
    public init(known rawValue: String) {
        do {
            try self.init(rawValue)
        } catch {
            preconditionFailure("invalid generated id: \(error)")
        }
    }

    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Names the kind of thing an `Identifier` identifies, for error messages.
public protocol IdentifierTag: Sendable {
    static var name: String { get }
}

public struct IdentifierError: Error, Sendable, Equatable, CustomStringConvertible {
    public let kind: String
    public let text: String
    public let reason: String
    public var description: String { "invalid \(kind) id \"\(text)\": \(reason)" }
}

public enum AccountTag: IdentifierTag { public static let name = "account" }
public enum DeskTag: IdentifierTag { public static let name = "desk" }
public enum UserTag: IdentifierTag { public static let name = "user" }
public enum OrderTag: IdentifierTag { public static let name = "order" }
public enum ClientOrderTag: IdentifierTag { public static let name = "client order" }
public enum PackageTag: IdentifierTag { public static let name = "package" }
public enum StrategyTag: IdentifierTag { public static let name = "strategy" }
public enum VenueOrderTag: IdentifierTag { public static let name = "venue order" }

public typealias AccountID = Identifier<AccountTag>
public typealias DeskID = Identifier<DeskTag>
public typealias UserID = Identifier<UserTag>
public typealias OrderID = Identifier<OrderTag>
public typealias ClientOrderID = Identifier<ClientOrderTag>
public typealias PackageID = Identifier<PackageTag>
public typealias StrategyID = Identifier<StrategyTag>
public typealias VenueOrderID = Identifier<VenueOrderTag>
