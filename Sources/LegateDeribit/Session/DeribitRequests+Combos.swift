import LegateCore
public import LegateModel
public import LegateVenues

// MARK: - Combos

extension DeribitRequests {
    /// `private/create_combo` for an option combo: one trade per leg, bought or sold by the sign of its ratio, the
    /// ratio as the amount (Deribit derives the combo's leg ratios from the amounts). Deribit answers with the combo,
    /// existing or new, so an order can name it.
    ///
    /// Legs other than options are refused: a future's amount is in USD, so a ratio is not an amount there.
    public static func createCombo(_ instrument: Instrument) throws(VenueError) -> DeribitCall {
        guard case .combo(let combo) = instrument.terms, !combo.legs.isEmpty else {
            throw .unsupported(venue: .deribit, operation: "create_combo for \(instrument), which is not a combo")
        }
        var trades: [DeribitRPCValue] = []
        for leg in combo.legs {
            guard leg.instrument.kind == .option, leg.ratio != 0 else {
                throw .unsupported(
                    venue: .deribit,
                    operation: "creating a combo with a \(leg.instrument.kind) leg of ratio \(leg.ratio)"
                )
            }
            trades.append(
                .object([
                    "instrument_name": .string(try symbol(leg.instrument)),
                    "direction": .string(leg.ratio > 0 ? "buy" : "sell"),
                    "amount": .decimal(FixedDecimal(Int64(leg.ratio.magnitude))),
                ])
            )
        }
        return DeribitCall("private/create_combo", .object(["trades": .array(trades)]), requestClass: .trading)
    }

    /// Whether orders on `instrument` need its combo book created first: option combos (future spreads are listed by
    /// Deribit, and their legs are sized in USD).
    static func needsCreatedCombo(_ instrument: Instrument) -> Bool {
        guard case .combo(let combo) = instrument.terms else { return false }
        return combo.legs.allSatisfy { $0.instrument.kind == .option }
    }
}
