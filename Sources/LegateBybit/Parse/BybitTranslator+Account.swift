import LegateCore
import LegateModel
public import LegateSymbology
public import LegateVenues

// MARK: - Balances and positions

extension BybitTranslator {
    /// Each coin of a unified wallet as a balance in that coin.
    ///
    /// `available` is `availableToWithdraw` where Bybit still sends it, else the wallet balance less what orders,
    /// positions and locks hold (never below zero); initial margin is the orders' plus the positions'.
    public static func balances(_ wallet: BybitWalletWire) throws(BybitParseError) -> [VenueBalance] {
        var balances: [VenueBalance] = []
        for coin in wallet.coin {
            let currency = try asset(coin.coin, of: "wallet coin")
            let held = [coin.locked, coin.totalOrderIM, coin.totalPositionIM].compactMap(\.?.value).reduce(.zero, +)
            let free = coin.walletBalance.value - held
            let available = coin.availableToWithdraw?.value ?? (free.isNegative ? .zero : free)
            let initial: FixedDecimal? =
                coin.totalOrderIM == nil && coin.totalPositionIM == nil
                ? nil : (coin.totalOrderIM?.value ?? .zero) + (coin.totalPositionIM?.value ?? .zero)
            balances.append(
                VenueBalance(
                    venue: .bybit,
                    currency: currency,
                    equity: Money(coin.equity.value, currency),
                    available: Money(available, currency),
                    initialMargin: initial.map { Money($0, currency) },
                    maintenanceMargin: coin.totalPositionMM.map { Money($0.value, currency) }
                )
            )
        }
        return balances
    }

    /// The unified account's margin, which Bybit computes across coins in USD.
    public static func accountMargin(_ wallet: BybitWalletWire) -> VenueBalance {
        VenueBalance(
            venue: .bybit,
            currency: .usd,
            equity: Money(wallet.totalEquity.value, .usd),
            available: Money(wallet.totalAvailableBalance.value, .usd),
            initialMargin: Money(wallet.totalInitialMargin.value, .usd),
            maintenanceMargin: Money(wallet.totalMaintenanceMargin.value, .usd)
        )
    }

    /// A position, signed (short is negative); a flat position (`side` empty, size 0) is quantity zero without a
    /// price. REST items send `avgPrice`, pushes `entryPrice`.
    public static func position(
        _ wire: BybitPositionWire,
        category listed: Market? = nil
    ) throws(BybitParseError) -> VenuePosition {
        let place = "position in \(wire.symbol)"
        guard let categoryText = wire.category ?? listed?.rawValue else {
            throw .missingField(field: "category", in: place)
        }
        let instrument = try instrument(wire.symbol, category: try category(categoryText, in: place))
        let quantity: Quantity
        switch wire.side {
        case "Buy": quantity = wire.size.quantity
        case "Sell": quantity = -wire.size.quantity
        case "", "None":
            guard wire.size.value.isZero else { throw .inconsistent(what: place, reason: "no side for \(wire.size)") }
            quantity = .zero
        default: throw .unknownValue(field: "side", value: wire.side, in: place)
        }
        let average = (wire.avgPrice ?? wire.entryPrice).flatMap { $0.value.isZero ? nil : $0.price }
        return VenuePosition(venue: .bybit, instrument: instrument, quantity: quantity, averagePrice: average)
    }
}
