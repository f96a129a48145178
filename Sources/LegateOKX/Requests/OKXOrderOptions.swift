/// Account settings an OKX order depends on, which the model's `OrderRequest` does not carry.
public struct OKXOrderOptions: Hashable, Sendable {
    /// `tdMode` for derivatives (and margin): cross or isolated margin. Spot orders always trade `cash`.
    public enum MarginMode: String, Hashable, Sendable, CaseIterable {
        case cross
        case isolated
    }

    public var marginMode: MarginMode
    /// The account's position mode: in long/short mode FUTURES and SWAP orders name `posSide`.
    public var positionMode: OKXPositionMode
    /// OKX's order `tag` (up to 16 characters), when the desk tags its flow.
    public var tag: String?

    public init(marginMode: MarginMode = .cross, positionMode: OKXPositionMode = .net, tag: String? = nil) {
        self.marginMode = marginMode
        self.positionMode = positionMode
        self.tag = tag
    }
}
