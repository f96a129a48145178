/// The result of `public/auth`: a bearer token for this connection and a refresh token for the next one.
public struct DeribitAuthWire: Hashable, Sendable, Decodable {
    public let accessToken: String
    /// Lifetime in seconds.
    public let expiresIn: Int64
    public let refreshToken: String
    public let scope: String
    public let tokenType: String?
}

/// One position from `private/get_positions`: `size` is signed (short is negative), in the instrument's amount unit.
public struct DeribitPositionWire: Hashable, Sendable, Decodable {
    public let instrumentName: String
    public let size: DeribitNumber
    public let averagePrice: DeribitNumber?
    public let direction: String?
    public let kind: String?
}
