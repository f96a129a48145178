import LegateCore
import LegateModel
import LegateSymbology
import LegateTransport
import LegateVenues

// MARK: - Links: connect, prepare, keep alive, reconnect

extension BybitSession {
    /// Keeps the session's links connected until the calling task is cancelled: the private link (with credentials),
    /// the configured public categories, and every category a subscription asks for later. Then fails waiting
    /// requests and finishes the streams. Call it once.
    public nonisolated func run() async {
        await startConfiguredLinks()
        await withDiscardingTaskGroup { group in
            var started: Set<BybitLink> = []
            for await link in linkStarts.stream where started.insert(link).inserted {
                group.addTask { await self.supervise(link) }
            }
        }
        await stop()
    }

    nonisolated func supervise(_ link: BybitLink) async {
        let final = await ReconnectSupervisor.run(
            policy: configuration.reconnectPolicy(for: link),
            clock: configuration.clock,
            onState: { state in await self.linkStateChanged(link, state) },
            connection: { attempt in try await self.runConnection(link, attempt) }
        )
        await linkStopped(link, final)
    }

    func startConfiguredLinks() {
        if configuration.credentials != nil { start(.account) }
        for market in configuration.publicCategories { start(.market(market)) }
    }

    /// Asks `run()` for `link` unless it runs already.
    func start(_ link: BybitLink) {
        guard startedLinks.insert(link).inserted else { return }
        linkStarts.continuation.yield(link)
    }

    /// One connection's life: connect, then read, work off chores, and prepare then keep alive, side by side, until
    /// the socket drops, preparing fails or a pong does not come.
    nonisolated func runConnection(_ link: BybitLink, _ attempt: ConnectionAttempt) async throws {
        let url = configuration.url(for: link)
        try await WebSocketClient.connect(to: url, configuration: configuration.webSocket) { socket in
            let (chores, choreInput) = AsyncStream.makeStream(of: Chore.self)
            await attach(link, Connection(number: attempt.number, outbound: socket.outbound, chores: choreInput))
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for try await message in socket.inbound {
                            if case .text(let text) = message { await self.receive(text, on: link) }
                        }
                    }
                    group.addTask {
                        for await chore in chores { await self.perform(chore, on: link) }
                    }
                    group.addTask {
                        try await self.prepare(link, connection: attempt.number)
                        await attempt.markReady()
                        try await self.keepAlive(link, connection: attempt.number)
                    }
                    // Whichever ends first ends the connection.
                    _ = try await group.next()
                    group.cancelAll()
                }
            } catch {
                await detach(link, reason: "\(error)")
                throw error
            }
            await detach(link, reason: "the connection closed")
        }
    }

    func attach(_ link: BybitLink, _ connection: Connection) {
        connections[link] = connection
        if case .market(let market) = link {
            // A new connection starts every book from its snapshot.
            for topic in publicTopics[market] ?? [] where bookGrids[topic] != nil { books[topic] = nil }
        }
        if connections.count == startedLinks.count { publish(monitor.connected(at: clock.now())) }
    }

    /// The link's connection is gone: whatever waited on it fails now (a request may or may not have reached the
    /// venue; the caller reconciles), and its books wait for new snapshots.
    func detach(_ link: BybitLink, reason: String) {
        guard let connection = connections.removeValue(forKey: link) else { return }
        connection.chores.finish()
        // Requests waiting for readiness keep waiting: the next connection may serve them.
        waiters.settleAll(
            on: link,
            readiness: false,
            .failure(.disconnected(venue: .bybit, reason: "\(link): \(reason)"))
        )
        if case .market(let market) = link {
            for topic in publicTopics[market] ?? [] { books[topic] = nil }
        }
        publish(monitor.disconnected(reason: "\(link): \(reason)", at: clock.now()))
    }

    func linkStateChanged(_ link: BybitLink, _ state: ConnectionState) {
        outputs.announce(BybitLinkState(link: link, state: state))
    }

    func linkStopped(_ link: BybitLink, _ final: ConnectionState) {
        stoppedLinks[link] = "\(final)"
        waiters.settleAll(on: link, readiness: nil, .failure(stoppedError(link)))
    }

    func stoppedError(_ link: BybitLink) -> VenueError {
        if link == .account, let lastAuthenticationFailure { return lastAuthenticationFailure }
        return .disconnected(venue: .bybit, reason: "\(link) \(stoppedLinks[link] ?? "stopped")")
    }

    func stop() {
        isStopped = true
        waiters.settleAll(
            on: nil,
            readiness: nil,
            .failure(.disconnected(venue: .bybit, reason: "the session stopped"))
        )
        linkStarts.continuation.finish()
        outputs.finish()
    }

    // MARK: - Preparing a connection

    /// The on-connect steps: authenticate (private), then subscribe everything that was subscribed before.
    func prepare(_ link: BybitLink, connection number: Int) async throws(VenueError) {
        if link == .account {
            try await authenticate(connection: number)
            try await subscribeNow(privateTopicsNow, on: link, connection: number, throwing: false)
        } else if case .market(let market) = link {
            try await subscribeNow(publicTopics[market] ?? [], on: link, connection: number, throwing: false)
        }
        connections[link]?.isReady = true
        waiters.settleAll(on: link, readiness: true, .success(.ready))
    }

    var privateTopicsNow: [String] {
        configuration.privateTopics + (isDisconnectProtectionArmed ? ["dcp"] : [])
    }

    /// `auth` with an expiry a little ahead; a refusal is surfaced as `authenticationFailed` and ends the connection.
    func authenticate(connection number: Int) async throws(VenueError) {
        guard let credentials = configuration.credentials else { return }
        let expires = await venueNow().milliseconds + configuration.authExpiryLeadMillis
        let message = BybitRequests.authentication(credentials: credentials, expiresMillis: expires)
        let answer = try await exchange(message, op: "auth", requestID: nil, on: .account)
        if let error = BybitTranslator.sessionError(answer, at: clock.now()) {
            emit(.authenticationRefused(connection: number, code: answer.retCode ?? -1, message: answer.retMsg ?? ""))
            lastAuthenticationFailure = error
            throw error
        }
        lastAuthenticationFailure = nil
        emit(.authenticated(connection: number))
    }

    /// Subscribes `topics` in requests of at most ten (Bybit's spot limit per request). A refusal is an event; with
    /// `throwing` it is also the caller's error.
    func subscribeNow(
        _ topics: [String],
        on link: BybitLink,
        connection number: Int,
        throwing: Bool
    ) async throws(VenueError) {
        var start = 0
        while start < topics.count {
            let batch = Array(topics[start..<min(start + 10, topics.count)])
            start += 10
            let requestID = makeRequestID()
            let message = BybitRequests.subscribe(topics: batch, requestID: requestID)
            let answer = try await exchange(message, op: "subscribe", requestID: requestID, on: link)
            if let error = BybitTranslator.sessionError(answer, at: clock.now()) {
                emit(.subscriptionRefused(link: link, topics: batch, message: answer.retMsg ?? ""))
                if throwing { throw error }
                continue
            }
            connections[link]?.liveTopics.formUnion(batch)
            emit(.subscribed(link: link, connection: number, topics: batch))
        }
    }

    /// Unsubscribes `topics`; a resubscription keeps them counted as live, so no one subscribes them a second time
    /// while the fresh subscription is on its way.
    func unsubscribeNow(_ topics: [String], on link: BybitLink, resubscribing: Bool = false) async throws(VenueError) {
        guard !topics.isEmpty, connections[link] != nil else { return }
        let requestID = makeRequestID()
        let message = BybitSessionFrames.unsubscribe(topics: topics, requestID: requestID)
        _ = try await exchange(message, op: "unsubscribe", requestID: requestID, on: link)
        if resubscribing { return }
        for topic in topics { connections[link]?.liveTopics.remove(topic) }
    }

    /// Pings every interval; an unanswered ping ends the connection (the supervisor reconnects).
    nonisolated func keepAlive(_ link: BybitLink, connection number: Int) async throws {
        while true {
            try await configuration.clock.sleep(nanos: configuration.heartbeatIntervalNanos)
            do {
                try await ping(link)
            } catch {
                await emit(.heartbeatMissed(link: link, connection: number))
                throw error
            }
        }
    }

    func ping(_ link: BybitLink) async throws(VenueError) {
        let requestID = makeRequestID()
        _ = try await exchange(
            BybitSessionFrames.ping(requestID: requestID),
            op: "ping",
            requestID: requestID,
            on: link,
            timeoutNanos: configuration.pongTimeoutNanos
        )
    }

    /// Work the reader handed off.
    func perform(_ chore: Chore, on link: BybitLink) async {
        switch chore {
        case .resubscribe(let topic):
            guard let number = connections[link]?.number else { return }
            try? await unsubscribeNow([topic], on: link, resubscribing: true)
            try? await subscribeNow([topic], on: link, connection: number, throwing: false)
        }
    }
}
