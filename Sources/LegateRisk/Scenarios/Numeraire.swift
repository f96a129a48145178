/// The currency a value or a P&L is counted in: the underlying's own coin, or USD (and USD stablecoins).
///
/// A coin-settled (inverse) contract pays in the coin; a linear contract pays in USD, USDC or USDT, which risk treats
/// as one numeraire. Every revaluation reports P&L in both, so a BTC account (coin) and a desk (USD) read the same run.
public enum Numeraire: String, Sendable, Hashable, Codable, CaseIterable {
    /// The underlying's base coin (BTC for BTC/USD).
    case coin
    /// US dollars or a dollar stablecoin.
    case usd
}
