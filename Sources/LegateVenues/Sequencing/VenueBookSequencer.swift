public import LegateModel

/// Any venue's sequencer, judging model `BookUpdate`s by their `BookSequence` as the model documents it: Deribit
/// `change_id`/`prev_change_id`, OKX `seqId`/`prevSeqId` (both as `last`/`previous`), Bybit `u` (`last`), Binance
/// `U`/`u`/`pu` (`first`/`last`/`previous`; a snapshot's `last` is its `lastUpdateId`).
///
/// For the paths that see updates only after translation (the simulator, replay). Bybit's cross sequence and OKX's
/// checksum are not in `BookSequence`; their adapters call the venue sequencers directly.
public enum VenueBookSequencer: Hashable, Sendable {
    case deribit(DeribitBookSequencer)
    case okx(OKXBookSequencer)
    case bybit(BybitBookSequencer)
    case binance(BinanceBookSequencer)

    /// A fresh sequencer for a venue (Binance: the USD-M rules; use `.binance(_:)` for spot).
    public init?(venue: Venue) {
        switch venue {
        case .deribit: self = .deribit(DeribitBookSequencer())
        case .okx: self = .okx(OKXBookSequencer())
        case .bybit: self = .bybit(BybitBookSequencer())
        case .binance: self = .binance(BinanceBookSequencer(market: .usdMFutures))
        case .simulated: return nil
        }
    }

    /// Judges one update.
    public mutating func sequence(_ update: BookUpdate) -> BookSequenceAction {
        let sequence = update.sequence
        let isSnapshot = update.kind == .snapshot
        switch self {
        case .deribit(var sequencer):
            defer { self = .deribit(sequencer) }
            return isSnapshot
                ? sequencer.snapshot(changeID: sequence.last)
                : sequencer.change(changeID: sequence.last, previousChangeID: sequence.previous)
        case .okx(var sequencer):
            defer { self = .okx(sequencer) }
            return isSnapshot
                ? sequencer.snapshot(seqID: sequence.last)
                : sequencer.update(seqID: sequence.last, previousSeqID: sequence.previous)
        case .bybit(var sequencer):
            defer { self = .bybit(sequencer) }
            return sequencer.check(isSnapshot: isSnapshot, updateID: sequence.last, crossSequence: nil)
        case .binance(var sequencer):
            defer { self = .binance(sequencer) }
            return isSnapshot
                ? sequencer.snapshot(lastUpdateID: sequence.last)
                : sequencer.event(firstID: sequence.first, finalID: sequence.last, previousFinalID: sequence.previous)
        }
    }
}
