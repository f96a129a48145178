public import LegateCore

/// When a fault (outage or disconnect) is in force: scheduled windows plus random ones drawn from the seed.
///
/// Random windows form a Poisson process (exponential gaps at `perDay` a day) with exponential durations, drawn
/// lazily from the timeline's own generator as time moves, so they depend on the seed and the clock only.
public struct FaultTimeline: Hashable, Sendable {
    public struct Window: Hashable, Sendable {
        public let start: UnixNanos
        public let end: UnixNanos
    }

    private var windows: [Window]
    private var generator: SeededGenerator
    private let perDay: Double
    private let meanSeconds: Double
    private var nextRandomStart: UnixNanos?

    public init(
        scheduled: [FaultWindowConfiguration],
        perDay: Double,
        meanSeconds: Double,
        start: UnixNanos,
        generator: SeededGenerator
    ) {
        let second = UnixNanos.nanosecondsPerSecond
        self.windows = scheduled.map {
            Window(
                start: start + $0.startSeconds * second,
                end: start + ($0.startSeconds + $0.durationSeconds) * second
            )
        }
        .sorted { $0.start < $1.start }
        self.generator = generator
        self.perDay = perDay
        self.meanSeconds = meanSeconds
        if perDay > 0 && meanSeconds > 0 {
            var draw = generator
            let gap = draw.exponential(mean: 86_400 / perDay)
            self.generator = draw
            self.nextRandomStart = start + Int64(gap * 1e9)
        }
    }

    /// Whether a fault is in force at `time`; forgets windows that ended before it.
    public mutating func isActive(at time: UnixNanos) -> Bool {
        while let next = nextRandomStart, next <= time {
            let duration = max(1, generator.exponential(mean: meanSeconds))
            let end = next + Int64(duration * 1e9)
            windows.append(Window(start: next, end: end))
            let gap = generator.exponential(mean: 86_400 / perDay)
            nextRandomStart = end + Int64(gap * 1e9)
        }
        windows.removeAll { $0.end <= time }
        return windows.contains { $0.start <= time && time < $0.end }
    }

    /// The end of the fault in force at `time`, if any.
    public func end(containing time: UnixNanos) -> UnixNanos? {
        windows.filter { $0.start <= time && time < $0.end }.map(\.end).max()
    }
}
