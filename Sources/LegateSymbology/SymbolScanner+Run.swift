import LegateCore
import LegateModel

extension SymbolScanner {
    /// Runs `body` over the contiguous UTF-8 bytes of `symbol` (no copy, no retain for native strings).
    ///
    /// The result and error leave the closure through captured variables rather than a `Result`: wrapping an
    /// `Instrument` in `Result` (and the `Optional` around it) cost a copy and generic destroys per parse.
    @inline(__always)
    static func run<Value>(
        _ symbol: String,
        venue: Venue,
        _ body: (inout SymbolScanner) throws(SymbologyError) -> Value
    ) throws(SymbologyError) -> Value {
        var value: Value?
        var failure: SymbologyError?
        let contiguous: Void? = symbol.utf8.withContiguousStorageIfAvailable { bytes in
            var scanner = SymbolScanner(bytes, venue: venue)
            do throws(SymbologyError) {
                value = try body(&scanner)
            } catch {
                failure = error
            }
        }
        if contiguous == nil {
            // Bridged or otherwise non-contiguous strings: make a native copy once.
            var copy = symbol
            copy.withUTF8 { bytes in
                var scanner = SymbolScanner(bytes, venue: venue)
                do throws(SymbologyError) {
                    value = try body(&scanner)
                } catch {
                    failure = error
                }
            }
        }
        if let failure { throw failure }
        guard let value else { throw .malformed(venue: venue, symbol: symbol, reason: "not read") }
        return value
    }
}

/// The check that makes every `format` the exact inverse of `parse`.
enum NameCheck {
    /// Throws unless `name` reads back as `instrument`.
    ///
    /// Formatters build a name from the instrument's parts; reading it back catches every shape that has a name but
    /// would mean something else (a spot pair whose quote the splitting table would cut differently, a combo whose
    /// settlement differs from what its legs imply).
    static func readsBack(
        _ name: String,
        as instrument: Instrument,
        on venue: Venue,
        parse: (String) throws(SymbologyError) -> Instrument
    ) throws(SymbologyError) {
        let readBack: Instrument
        do {
            readBack = try parse(name)
        } catch {
            throw .notExpressible(
                venue: venue,
                instrument: instrument,
                reason: "\"\(name)\" is not valid: \(error.reason)"
            )
        }
        // Combo legs name no order, so a package given in any leg order reads back as its canonical form.
        guard readBack == ComboLegOrder.canonical(instrument) else {
            throw .notExpressible(
                venue: venue,
                instrument: instrument,
                reason: "the nearest name \"\(name)\" means \(readBack)"
            )
        }
    }
}
