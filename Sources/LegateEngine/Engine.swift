public import LegateCore
internal import LegateModel
internal import LegateOrders
internal import OrderedCollections

/// The deterministic heart of Legate: `handle(_:at:)` turns one input into events and venue commands.
///
/// No I/O, no clock, no randomness: time is an argument, ids come from a counter in the state, and iteration is in
/// insertion order. Every change goes through an event applied to `state`, so replaying the journaled events
/// (`Engine.replay`) rebuilds an equal state.
public struct Engine<Gate: RiskGate>: Sendable {
    public private(set) var state: EngineState
    public let configuration: EngineConfiguration
    /// The gate, with whatever derived state it keeps in step with `state` (see `RiskGate.observe`).
    public internal(set) var gate: Gate

    /// An engine on `state`; the gate rebuilds its derived state from it.
    public init(configuration: EngineConfiguration, gate: Gate, state: EngineState = EngineState()) {
        self.configuration = configuration
        self.gate = gate
        self.state = state
        self.gate.rebuild(from: state, configuration: configuration)
    }

    /// Sizes the engine's per-order indexes for `orders` more orders (a session's expected count): the state is
    /// unchanged, only growth stalls on the hot path are avoided.
    public mutating func reserveCapacity(orders: Int) { state.reserveCapacity(orders: orders) }

    /// Rebuilds an engine from journaled events (time-stamped), failing on the first event that does not fit.
    public static func replay(
        configuration: EngineConfiguration,
        gate: Gate,
        from initial: EngineState = EngineState(),
        events: some Sequence<(event: Event, at: UnixNanos)>
    ) throws(ReplayError) -> Engine {
        var state = initial
        var gate = gate
        gate.rebuild(from: state, configuration: configuration)
        for (event, time) in events {
            try state.apply(event, at: time)
            gate.observe(event, state: state, configuration: configuration)
        }
        return Engine(configuration: configuration, gate: gate, state: state)
    }

    /// Handles one input at `time` and returns, in order, the events it decided and the venue commands it implies.
    public mutating func handle(_ input: Input, at time: UnixNanos) -> [Output] {
        var step = Step(time: time)
        switch input {
        case .command(let envelope):
            handle(envelope, &step)
        case .venueReport(let report):
            handle(report, &step)
        case .mark(let instrument, let price):
            emit(.markUpdated(instrument: instrument, price: price), &step)
        case .timer:
            expire(&step)
        case .settlement(let settlement):
            settle(settlement, &step)
        case .restarted:
            markForReconciliation(&step)
        }
        return step.outputs
    }

    /// The gate's decision on `proposal` now.
    ///
    /// The state is lent to the gate, not copied: a copy retains every collection in the state, and that cost on
    /// every decision was a large share of the engine's time per order.
    mutating func evaluateGate(_ proposal: [Order], at time: UnixNanos) -> RiskDecision {
        var context = RiskContext(state: EngineState(), configuration: configuration, time: time)
        swap(&state, &context.state)
        defer { swap(&state, &context.state) }
        return gate.evaluate(proposal, context: context)
    }

    /// The gate's decision on `proposal` with the limits `setAside` lifted out of the state for the decision: what
    /// else the proposal breaches besides the soft limits its grants cover (a gate reports only its first soft breach,
    /// so a covered one could hide another). Every lifted limit is put back at its place before this returns, so the
    /// state is unchanged; the gate's own derived state is not told, as a decision changes nothing it keeps.
    mutating func evaluateGate(
        _ proposal: [Order],
        at time: UnixNanos,
        settingAside setAside: [LimitKey]
    )
        -> RiskDecision
    {
        var lifted: [(index: Int, limit: Limit)] = []
        for key in setAside {
            guard let index = state.limits.index(forKey: key) else { continue }
            lifted.append((index, state.limits.remove(at: index).value))
        }
        defer {
            // In reverse, so each limit goes back to the index it was taken from.
            for entry in lifted.reversed() {
                state.limits.updateValue(entry.limit, forKey: entry.limit.key, insertingAt: entry.index)
            }
        }
        return evaluateGate(proposal, at: time)
    }

    /// The outputs of one input being handled.

    struct Step {
        let time: UnixNanos
        var outputs: [Output]

        init(time: UnixNanos) {
            self.time = time
            // An accepted order emits two events and a venue command: one allocation as a rule, and small enough for
            // the allocator's per-thread cache (a larger reserve took it to the shared heap, on every order).
            outputs = []
            outputs.reserveCapacity(3)
        }
    }

    /// Applies an event the engine decided and records it; an event the engine itself produced must fit its own
    /// state, so a failure here is a bug and stops the process rather than trading on a corrupt book.
    /// Takes the event (callers build it in the call): applied and observed borrowed, then moved into the outputs,
    /// so a 300-byte event and everything it references are not copied and retained once more per event.
    mutating func emit(_ event: consuming Event, _ step: inout Step) {
        do {
            try state.apply(event, at: step.time)
        } catch {
            preconditionFailure("engine produced an event that does not apply: \(error)")
        }
        gate.observe(event, state: state, configuration: configuration)
        step.outputs.append(.event(event))
    }

    mutating func send(_ command: consuming VenueCommand, _ step: inout Step) {
        step.outputs.append(.venue(command))
    }

    mutating func transition(_ orderID: OrderID, _ transition: OrderTransition, _ step: inout Step) {
        emit(.orderTransitioned(orderID: orderID, transition: transition), &step)
    }
}

extension Engine: Equatable {
    /// Two engines are equal when their states are (configuration and gate are inputs, not state).
    public static func == (lhs: Engine, rhs: Engine) -> Bool { lhs.state == rhs.state }
}
