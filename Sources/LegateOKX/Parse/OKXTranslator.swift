import LegateCore
import LegateModel
import LegateSymbology

/// Pure translation of OKX wire values into the model. Where OKX states a fact twice (an option's name and its
/// `stk`, `optType`, `expTime`), both are checked, so a symbology mistake cannot slip in silently.
///
/// Sizes: the model counts quantities in the contract's unit (`InstrumentSpec.contractUnit`: BTC for an option, USD
/// for an inverse swap), as the Deribit adapter does; OKX counts contracts. `OKXContracts` holds the multipliers and
/// every size is converted exactly (`contracts × ctVal × ctMult`).
public enum OKXTranslator {
    /// A venue timestamp in milliseconds; one beyond 2262 is a malformed message, not a reason to trap.
    static func instant(millis: Int64, of what: @autoclosure () -> String) throws(OKXParseError) -> UnixNanos {
        let (nanos, overflow) = millis.multipliedReportingOverflow(by: 1_000_000)
        guard !overflow else { throw .inconsistent(what: what(), reason: "timestamp \(millis) ms is beyond 2262") }
        return UnixNanos(nanos)
    }

    static func instant(_ millis: OKXInteger, of what: @autoclosure () -> String) throws(OKXParseError) -> UnixNanos {
        try instant(millis: millis.value, of: what())
    }

    static func instrument(named name: String) throws(OKXParseError) -> Instrument {
        do {
            return try OKXSymbology.parse(name)
        } catch {
            throw .unknownInstrument(name: name, reason: error.description)
        }
    }

    static func asset(_ code: String?, of what: @autoclosure () -> String) throws(OKXParseError) -> Asset {
        guard let code, !code.isEmpty else { throw .inconsistent(what: what(), reason: "no currency given") }
        do {
            return try Asset(code)
        } catch {
            throw .inconsistent(what: what(), reason: error.description)
        }
    }

    static func side(_ text: String, of what: @autoclosure () -> String) throws(OKXParseError) -> OrderSide {
        guard let side = OrderSide(rawValue: text) else {
            throw .inconsistent(what: what(), reason: "side \"\(text)\" is neither buy nor sell")
        }
        return side
    }

    /// `a × b` exactly, or an error naming what was being converted.
    static func product(
        _ value: FixedDecimal,
        _ multiplier: FixedDecimal,
        of what: @autoclosure () -> String
    ) throws(OKXParseError) -> FixedDecimal {
        do {
            return try value.multipliedExactly(by: multiplier).normalized
        } catch {
            throw .inconsistent(what: what(), reason: error.description)
        }
    }

    /// Our order id: the `clOrdId` we sent. Orders placed elsewhere (the app, liquidations, ADL) have none.
    static func orderID(_ clientID: String?) throws(OKXParseError) -> OrderID? {
        guard let clientID, !clientID.isEmpty else { return nil }
        do {
            return try OrderID(clientID)
        } catch {
            throw .inconsistent(what: "clOrdId \(clientID)", reason: error.description)
        }
    }

    static func venueOrderID(_ ordId: String) throws(OKXParseError) -> VenueOrderID {
        do {
            return try VenueOrderID(ordId)
        } catch {
            throw .inconsistent(what: "ordId \(ordId)", reason: error.description)
        }
    }

    /// OKX writes fees from the account's side (negative charged); the model's fee is what was charged.
    static func charged(
        _ fee: OKXDecimal?,
        currency: String?,
        of what: @autoclosure () -> String
    ) throws(OKXParseError) -> Money? {
        guard let fee else { return nil }
        return Money(-fee.value, try asset(currency, of: "fee currency of \(what())"))
    }

    static func liquidity(_ execType: String?) -> Liquidity? {
        switch execType {
        case "M": .maker
        case "T": .taker
        default: nil
        }
    }
}

extension String {
    /// nil for OKX's empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
