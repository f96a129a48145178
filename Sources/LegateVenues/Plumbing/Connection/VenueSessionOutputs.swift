public import LegateModel

/// The five streams a venue session hands its consumers: market data, execution reports and health (what
/// `VenueClient` asks for), plus the session's own typed events and connection states.
///
/// Single-consumer and unbounded: a dropped book delta or report would be worse than memory.
public struct VenueSessionStreams<Event: Sendable, State: Sendable>: Sendable {
    public let marketData: AsyncStream<MarketData>
    public let reports: AsyncStream<VenueReport>
    public let health: AsyncStream<VenueHealthEvent>
    public let events: AsyncStream<Event>
    public let states: AsyncStream<State>
}

/// The writing side of a session's `VenueSessionStreams`: the one place a session publishes to, and finishes every
/// stream at once when it stops.
///
/// A value type of continuations (they are thread-safe), so the session can keep it in a `nonisolated let` and its
/// supervisor callbacks can publish connection states without hopping onto the actor.
public struct VenueSessionOutputs<Event: Sendable, State: Sendable>: Sendable {
    public let streams: VenueSessionStreams<Event, State>
    private let marketData: AsyncStream<MarketData>.Continuation
    private let reports: AsyncStream<VenueReport>.Continuation
    private let health: AsyncStream<VenueHealthEvent>.Continuation
    private let events: AsyncStream<Event>.Continuation
    private let states: AsyncStream<State>.Continuation

    public init() {
        let marketData = AsyncStream.makeStream(of: MarketData.self)
        let reports = AsyncStream.makeStream(of: VenueReport.self)
        let health = AsyncStream.makeStream(of: VenueHealthEvent.self)
        let events = AsyncStream.makeStream(of: Event.self)
        let states = AsyncStream.makeStream(of: State.self)
        streams = VenueSessionStreams(
            marketData: marketData.stream,
            reports: reports.stream,
            health: health.stream,
            events: events.stream,
            states: states.stream
        )
        self.marketData = marketData.continuation
        self.reports = reports.continuation
        self.health = health.continuation
        self.events = events.continuation
        self.states = states.continuation
    }

    public func publish(_ data: MarketData) { marketData.yield(data) }

    public func publish(_ healthEvents: [VenueHealthEvent]) {
        for event in healthEvents { health.yield(event) }
    }

    /// Publishes the reports `filter` admits: venues tell most facts twice (a REST answer and a push), consumers
    /// must hear each once.
    public func publish(_ reports: [VenueReport], through filter: inout some VenueReportAdmitting) {
        for report in reports where filter.admit(report) { self.reports.yield(report) }
    }

    public func emit(_ event: Event) { events.yield(event) }

    public func announce(_ state: State) { states.yield(state) }

    /// Ends every stream; consumers' loops finish. Anything published afterwards is dropped.
    public func finish() {
        marketData.finish()
        reports.finish()
        health.finish()
        events.finish()
        states.finish()
    }
}

/// A session's duplicate suppression for execution reports: true when the report is news.
public protocol VenueReportAdmitting: Sendable {
    mutating func admit(_ report: VenueReport) -> Bool
}

/// A session that publishes through `VenueSessionStreams`; it gets `VenueClient`'s `marketData`, `reports` and
/// `health`, and its own `events`, from them.
public protocol VenueSessionStreaming: Sendable {
    associatedtype SessionEvent: Sendable
    associatedtype SessionState: Sendable
    var sessionStreams: VenueSessionStreams<SessionEvent, SessionState> { get }
}

extension VenueSessionStreaming {
    public var marketData: AsyncStream<MarketData> { sessionStreams.marketData }
    public var reports: AsyncStream<VenueReport> { sessionStreams.reports }
    public var health: AsyncStream<VenueHealthEvent> { sessionStreams.health }
    public var events: AsyncStream<SessionEvent> { sessionStreams.events }
}
