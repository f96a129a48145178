import Foundation
import LegateCore
import LegateModel
import LegateTransport
import LegateVenues

// MARK: - Connection lifecycle

extension DeribitSession {
    /// Keeps the session connected until the calling task is cancelled (or the reconnect policy gives up); then fails
    /// waiting requests and finishes the streams. Call it once.
    public nonisolated func run() async {
        let final = await ReconnectSupervisor.run(
            policy: configuration.reconnect,
            clock: configuration.clock,
            onState: { state in await self.connectionStateChanged(state) },
            connection: { attempt in try await self.runConnection(attempt) }
        )
        await stop(final)
    }

    /// One connection's life: connect, then read, prepare (authenticate, heartbeat, re-subscribe) and keep the token
    /// fresh side by side, until the socket drops or preparing fails.
    nonisolated func runConnection(_ attempt: ConnectionAttempt) async throws {
        try await WebSocketClient.connect(to: configuration.url, configuration: configuration.webSocket) { socket in
            let (chores, choreInput) = AsyncStream.makeStream(of: Chore.self)
            await attach(Connection(number: attempt.number, outbound: socket.outbound, chores: choreInput))
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await self.read(socket.inbound) }
                    group.addTask {
                        for await chore in chores { await self.perform(chore, connection: attempt.number) }
                    }
                    group.addTask {
                        try await self.prepare(connection: attempt.number)
                        await self.becomeReady()
                        await attempt.markReady()
                        try await self.keepTokenFresh(connection: attempt.number)
                    }
                    // Whichever ends first ends the connection: the socket dropped, or preparing failed.
                    _ = try await group.next()
                    group.cancelAll()
                }
            } catch {
                await detach(reason: "\(error)")
                throw error
            }
            await detach(reason: "the connection closed")
        }
    }

    nonisolated func read(_ inbound: WebSocketInbound) async throws {
        for try await message in inbound {
            if case .text(let text) = message { await receive(text) }
        }
    }

    func attach(_ connection: Connection) {
        self.connection = connection
        books.removeAll()
        liveChannels.removeAll()
        publish(monitor.connected(at: clock.now()))
    }

    func becomeReady() {
        isReady = true
        readiness.deliverAll(.success(()))
    }

    /// The connection is gone: whatever waited for an answer on it fails now (the request may or may not have
    /// reached the venue; the caller reconciles), and its token and book chains are void.
    func detach(reason: String) {
        connection?.chores.finish()
        connection = nil
        isReady = false
        token = nil
        books.removeAll()
        inFlight.removeAll()
        replies.deliverAll(.failure(VenueError.disconnected(venue: .deribit, reason: reason)))
        publish(monitor.disconnected(reason: reason, at: clock.now()))
    }

    func connectionStateChanged(_ state: ConnectionState) {
        outputs.announce(state)
    }

    func stop(_ final: ConnectionState) {
        isStopped = true
        let reason = "the session stopped: \(final)"
        readiness.deliverAll(.failure(VenueError.disconnected(venue: .deribit, reason: reason)))
        replies.deliverAll(.failure(VenueError.disconnected(venue: .deribit, reason: reason)))
        outputs.finish()
    }

    // MARK: - Preparing a connection

    /// The on-connect steps, in the order Deribit needs them: authenticate first (private subscriptions and
    /// cancel-on-disconnect need it), then the heartbeat, then everything that was subscribed before.
    func prepare(connection number: Int) async throws(DeribitCallFailure) {
        if let credentials = configuration.credentials { try await authenticate(credentials, connection: number) }
        if let interval = configuration.heartbeatIntervalSeconds {
            _ = try await request(DeribitRequests.setHeartbeat(intervalSeconds: interval), waitForReady: false)
        }
        if cancelOnDisconnectArmed {
            _ = try await request(DeribitRequests.cancelOnDisconnect(enable: true), waitForReady: false)
            emit(.cancelOnDisconnectArmed(connection: number))
        }
        try await subscribeNow(publicChannels, isPrivate: false, connection: number)
        if configuration.credentials != nil {
            try await subscribeNow(
                configuration.privateChannels + protectionTriggerChannels,
                isPrivate: true,
                connection: number
            )
        }
    }

    func subscribeNow(_ channels: [String], isPrivate: Bool, connection number: Int) async throws(DeribitCallFailure) {
        guard !channels.isEmpty else { return }
        let data = try await request(DeribitRequests.subscribe(channels, isPrivate: isPrivate), waitForReady: false)
        let confirmed = (try? DeribitCodec.decodeResponse([String].self, from: data).result) ?? []
        liveChannels.formUnion(confirmed)
        emit(.subscribed(connection: number, channels: confirmed))
    }

    /// Work the reader handed off.
    func perform(_ chore: Chore, connection number: Int) async {
        switch chore {
        case .answerTestRequest:
            // Not rate limited: an unanswered test_request closes the connection, which costs far more.
            guard let connection else { return }
            let id = nextRequestID
            nextRequestID += 1
            try? await connection.outbound.send(text: DeribitRequests.test.frame(id: id, accessToken: nil))
            emit(.heartbeatAnswered(connection: number))
        case .resubscribe(let channel):
            let isPrivate = channel.hasPrefix("user.")
            _ = try? await request(DeribitRequests.unsubscribe([channel], isPrivate: isPrivate), waitForReady: false)
            try? await subscribeNow([channel], isPrivate: isPrivate, connection: number)
        }
    }
}
