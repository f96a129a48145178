import Foundation
import LegateCore
import LegateModel
import LegateTransport
import LegateVenues

// MARK: - Keeping the streams connected

extension BinanceSession {
    /// Keeps the market stream, the user-data stream (with credentials) and an armed dead-man switch alive until the
    /// calling task is cancelled; then fails waiting calls and finishes the streams. Call it once.
    public nonisolated func run() async {
        let policy = configuration.reconnect
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                let final = await ReconnectSupervisor.run(
                    policy: policy,
                    clock: self.configuration.clock,
                    onState: { state in await self.stateChanged(.market, state) },
                    connection: { attempt in try await self.runMarketConnection(attempt) }
                )
                await self.stateChanged(.market, final)
            }
            if configuration.credentials != nil {
                var userPolicy = policy
                // Its own jitter, so the two streams do not reconnect in step.
                userPolicy.jitterSeed = policy.jitterSeed &+ 1
                group.addTask {
                    _ = await ReconnectSupervisor.run(
                        policy: userPolicy,
                        clock: self.configuration.clock,
                        onState: { state in await self.stateChanged(.user, state) },
                        connection: { attempt in try await self.runUserConnection(attempt) }
                    )
                }
                group.addTask { await self.refreshDeadMan() }
            }
            await group.next()
            group.cancelAll()
        }
        await stop()
    }

    func stateChanged(_ stream: BinanceStreamKind, _ state: ConnectionState) {
        outputs.announce(BinanceStreamState(stream: stream, state: state))
    }

    func stop() {
        isStopped = true
        waiters.answerAll(error: VenueError.disconnected(venue: .binance, reason: "the session stopped"))
        outputs.finish()
    }

    /// Sleeps in hour-long steps until cancelled: a connection's task that has nothing left to do but stay open.
    nonisolated func idle() async throws {
        while true { try await configuration.clock.sleep(nanos: 3_600 * UnixNanos.nanosecondsPerSecond) }
    }

    // MARK: - Market stream

    nonisolated func runMarketConnection(_ attempt: ConnectionAttempt) async throws {
        try await WebSocketClient.connect(to: configuration.marketStreamURL, configuration: configuration.webSocket) {
            socket in
            let (chores, choreInput) = AsyncStream.makeStream(of: MarketChore.self)
            await attachMarket(MarketConnection(number: attempt.number, outbound: socket.outbound, chores: choreInput))
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for try await message in socket.inbound {
                            if case .text(let text) = message { await self.receiveMarket(text) }
                        }
                    }
                    group.addTask { for await chore in chores { await self.perform(chore) } }
                    group.addTask {
                        try await self.subscribeAll(connection: attempt.number)
                        await self.marketBecameReady()
                        await attempt.markReady()
                        try await self.idle()
                    }
                    _ = try await group.next()
                    group.cancelAll()
                }
            } catch {
                await detachMarket(reason: "\(error)")
                throw error
            }
            await detachMarket(reason: "the market stream closed")
        }
    }

    func attachMarket(_ connection: MarketConnection) {
        market = connection
        liveStreams.removeAll()
        // Each connection's diff streams start afresh: every book waits for a new snapshot.
        for symbol in Array(books.keys) { resetBook(symbol) }
        snapshotsInFlight.removeAll()
        publish(monitor.connected(at: clock.now()))
    }

    func marketBecameReady() {
        isMarketReady = true
        for id in readyWaiters { waiters.answer(id) }
        readyWaiters.removeAll()
    }

    func detachMarket(reason: String) {
        market?.chores.finish()
        market = nil
        isMarketReady = false
        publish(monitor.disconnected(reason: "market stream: \(reason)", at: clock.now()))
    }

    /// Subscribes every registered stream on this connection and waits for Binance's `{"result":null,"id":…}`.
    func subscribeAll(connection number: Int) async throws {
        try await subscribeNow(streams, connection: number)
    }

    func subscribeNow(_ names: [String], connection number: Int) async throws {
        guard !names.isEmpty, let market, market.number == number else { return }
        let id = makeID()
        waiters.expect(id)
        try await market.outbound.send(text: BinanceRequests.subscribe(streams: names, id: id))
        try await awaitAnswer(id, operation: "SUBSCRIBE \(names.joined(separator: ","))")
        liveStreams.formUnion(names)
        emit(.subscribed(connection: number, streams: names))
    }

    /// Waits for waiter `id` to be answered, at most `readyTimeoutNanos`.
    func awaitAnswer(_ id: Int64, operation: String) async throws(VenueError) {
        let timeout = configuration.readyTimeoutNanos
        let clock = configuration.clock
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.parkAnswer(id) }
                group.addTask {
                    try await clock.sleep(nanos: timeout)
                    throw VenueError.timeout(venue: .binance, operation: operation, afterNanos: timeout)
                }
                defer { group.cancelAll() }
                try await group.next()
            }
        } catch let error as VenueError {
            throw error
        } catch {
            throw .disconnected(venue: .binance, reason: "\(operation): \(error)")
        }
    }

    func parkAnswer(_ id: Int64) async throws {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in waiters.park(id, continuation) }
        } onCancel: {
            Task { await self.leaveAnswer(id) }
        }
    }

    func leaveAnswer(_ id: Int64) { waiters.leave(id) }

    /// Waits until the market stream is ready (subscribed), unless it already is.
    func awaitMarketReady() async throws(VenueError) {
        if isMarketReady { return }
        if isStopped { throw .disconnected(venue: .binance, reason: "the session is stopped") }
        let id = makeID()
        readyWaiters.append(id)
        waiters.expect(id)
        try await awaitAnswer(id, operation: "waiting for the market stream")
    }
}
