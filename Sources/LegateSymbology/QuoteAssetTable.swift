public import LegateCore
public import LegateModel

/// How a concatenated pair (`BTCUSDT`, `ETHBTC`) is cut into base and quote: the longest known quote suffix wins.
///
/// Bybit and Binance write pairs with no separator, so the split needs a list of quote assets. Longest suffix first
/// is the rule that reproduces every one of the 1,695 pairs in Binance's 2021 spot `exchangeInfo` (28 quote assets;
/// longer codes are tried first, so `BNBBUSD` is BNB/BUSD even in a table that also has USD). A pair the rule would
/// cut wrongly, or one whose quote is not in the list, can be given explicitly in `pairs`, which is consulted first.
///
/// Known ambiguity: a base that itself ends in a quote code (`…USDT` + `USDC`) is cut at the longest quote suffix of
/// the whole name, which is right for every listed pair today; add the pair to `pairs` if a venue lists one that is
/// not.
public struct QuoteAssetTable: Hashable, Sendable {
    /// Quote assets, longest code first (ties alphabetical).
    public let quotes: [Asset]
    /// Explicit splits by full symbol, consulted before `quotes`.
    public let pairs: [String: Underlying]

    /// The quote codes as bytes, parallel to `quotes`.
    private let quoteBytes: [[UInt8]]

    /// A table; `quotes` may be in any order and is sorted longest first.
    ///
    /// - Parameters:
    ///   - quotes: Quote assets the venue uses.
    ///   - pairs: Explicit splits for symbols the suffix rule would cut wrongly.
    public init(quotes: [Asset], pairs: [String: Underlying] = [:]) {
        let sorted = Set(quotes).sorted { ($0.code.utf8.count, $1.code) > ($1.code.utf8.count, $0.code) }
        self.quotes = sorted
        self.pairs = pairs
        self.quoteBytes = sorted.map { Array($0.code.utf8) }
    }

    /// The table with more quote assets or explicit pairs.
    public func adding(quotes more: [Asset] = [], pairs extra: [String: Underlying] = [:]) -> QuoteAssetTable {
        QuoteAssetTable(quotes: quotes + more, pairs: pairs.merging(extra) { _, new in new })
    }

    /// Cuts `symbol` into base and quote, or nil when no known quote ends it.
    public func split(_ symbol: String) -> Underlying? {
        try? SymbolScanner.run(symbol, venue: .simulated) { (scanner: inout SymbolScanner) throws(SymbologyError) in
            let range = scanner.scanAlphanumerics()
            guard range.count == scanner.bytes.count else { throw scanner.malformed("not a code") }
            return try underlying(range, of: scanner)
        }
    }

    /// Reads the base and quote of the code bytes in `range`, or throws `unknownQuoteAsset`.
    func underlying(_ range: Range<Int>, of scanner: SymbolScanner) throws(SymbologyError) -> Underlying {
        guard let cut = split(range, of: scanner) else {
            throw .unknownQuoteAsset(
                venue: scanner.venue,
                symbol: scanner.text,
                reason: "\"\(scanner.slice(range))\" ends in no known quote asset (known: "
                    + quotes.map(\.code).joined(separator: ", ") + ")"
            )
        }
        if let explicit = cut.explicit { return explicit }
        return Underlying(base: try scanner.asset(range.lowerBound..<cut.baseEnd), quote: cut.quote)
    }

    /// Where the base ends and which quote follows, by explicit pair or longest suffix.
    private func split(
        _ range: Range<Int>,
        of scanner: SymbolScanner
    ) -> (baseEnd: Int, quote: Asset, explicit: Underlying?)? {
        guard !range.isEmpty else { return nil }
        if !pairs.isEmpty, let explicit = pairs[scanner.slice(range)] {
            return (range.upperBound - explicit.quote.code.utf8.count, explicit.quote, explicit)
        }
        let bytes = scanner.bytes
        let last = bytes[range.upperBound - 1]
        for (position, code) in quoteBytes.enumerated() where code.count < range.count && code[code.count - 1] == last {
            let start = range.upperBound - code.count
            var matches = true
            for offset in 0..<code.count - 1 where bytes[start + offset] != code[offset] {
                matches = false
                break
            }
            if matches { return (start, quotes[position], nil) }
        }
        return nil
    }

    // MARK: - Defaults

    /// Binance spot: the 28 quote assets of the 2021 `exchangeInfo` (1,695 pairs, all split right) plus FDUSD.
    public static let binanceSpot = QuoteAssetTable(
        quotes: assets(
            "AUD",
            "BIDR",
            "BKRW",
            "BNB",
            "BRL",
            "BTC",
            "BUSD",
            "BVND",
            "DAI",
            "ETH",
            "EUR",
            "FDUSD",
            "GBP",
            "GYEN",
            "IDRT",
            "NGN",
            "PAX",
            "RUB",
            "TRX",
            "TRY",
            "TUSD",
            "UAH",
            "USDC",
            "USDP",
            "USDS",
            "USDT",
            "VAI",
            "XRP",
            "ZAR"
        )
    )

    /// Binance USD-M futures: margin assets USDT, BUSD (2021 list) and USDC.
    public static let binanceUSDMargined = QuoteAssetTable(quotes: assets("USDT", "BUSD", "USDC"))

    /// Bybit spot: USDT (every pair in the fixtures) and the other quotes Bybit lists spot pairs in (not verified
    /// against a full Bybit list; override when one disagrees).
    public static let bybitSpot = QuoteAssetTable(
        quotes: assets("USDT", "USDC", "USDE", "BTC", "ETH", "EUR", "DAI", "BRZ")
    )

    /// Bybit linear perpetuals: USDT (USDC perpetuals are named `BTCPERP`, not split).
    public static let bybitLinear = QuoteAssetTable(quotes: [Asset(known: "USDT")])

    private static func assets(_ codes: StaticString...) -> [Asset] {
        codes.map(Asset.init(known:))
    }
}
