import Foundation
import LegateCore
import LegateModel
import LegateTransport
import LegateVenues
import Synchronization

// MARK: - Connection lifecycle

extension OKXSession {
    /// Keeps the session connected until the calling task is cancelled (or the reconnect policy gives up); then fails
    /// waiting calls and finishes the streams. Call it once.
    public nonisolated func run() async {
        let final = await ReconnectSupervisor.run(
            policy: configuration.reconnect,
            clock: configuration.clock,
            onState: { state in self.outputs.announce(state) },
            connection: { attempt in try await self.runConnection(attempt) }
        )
        await stop(final)
    }

    /// One connection: the public socket, and inside it the private one when there are credentials. Either dropping
    /// ends both, so the next attempt starts from a clean login and fresh snapshots.
    nonisolated func runConnection(_ attempt: ConnectionAttempt) async throws {
        let configuration = configuration
        try await WebSocketClient.connect(to: configuration.publicURL, configuration: configuration.webSocket) {
            publicSocket in
            guard configuration.credentials != nil else {
                try await self.live(attempt, publicSocket: publicSocket, privateSocket: nil)
                return
            }
            try await WebSocketClient.connect(to: configuration.privateURL, configuration: configuration.webSocket) {
                privateSocket in
                try await self.live(attempt, publicSocket: publicSocket, privateSocket: privateSocket)
            }
        }
    }

    nonisolated func live(
        _ attempt: ConnectionAttempt,
        publicSocket: WebSocketConnection,
        privateSocket: WebSocketConnection?
    ) async throws {
        let number = attempt.number
        let (chores, choreInput) = AsyncStream.makeStream(of: Chore.self)
        await attach(
            Link(
                number: number,
                publicOutbound: publicSocket.outbound,
                privateOutbound: privateSocket?.outbound,
                chores: choreInput
            )
        )
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.read(publicSocket.inbound, socket: .public) }
                group.addTask { try await self.keepAlive(.public, connection: number) }
                if let privateSocket {
                    group.addTask { try await self.read(privateSocket.inbound, socket: .private) }
                    group.addTask { try await self.keepAlive(.private, connection: number) }
                }
                group.addTask {
                    for await chore in chores { await self.perform(chore) }
                }
                group.addTask {
                    try await self.prepare(connection: number)
                    await self.becomeReady()
                    await attempt.markReady()
                    try await self.keepDeadManFresh()
                }
                // Whichever ends first ends the connection: a socket dropped, a pong went missing, preparing failed.
                _ = try await group.next()
                group.cancelAll()
            }
        } catch {
            await detach(reason: "\(error)")
            throw error
        }
        await detach(reason: "the connection closed")
    }

    nonisolated func read(_ inbound: WebSocketInbound, socket: OKXSocket) async throws {
        for try await message in inbound {
            if case .text(let text) = message { await receive(text, on: socket) }
        }
    }

    /// A new connection starts with empty books (each waits for its snapshot), an empty ticker board and no login.
    func attach(_ link: Link) {
        self.link = link
        sentArgs.removeAll()
        board = OKXTickerBoard()
        books = OKXBookFeed()
        for arg in publicArgs where Self.isBook(arg) { registerBook(arg) }
        login.reset()
        let now = clock.now()
        lastHeard = [.public: now, .private: now]
        publish(monitor.connected(at: now))
    }

    func becomeReady() {
        isReady = true
        lastRefusal = nil
        readyQueue.releaseAll(.success(()))
    }

    func detach(reason: String) {
        link?.chores.finish()
        link = nil
        isReady = false
        isAwaitingLogin = false
        login.abandon()
        publish(monitor.disconnected(reason: reason, at: clock.now()))
    }

    func stop(_ final: ConnectionState) {
        isStopped = true
        let failure = lastRefusal ?? .disconnected(venue: .okx, reason: "the session stopped: \(final)")
        readyQueue.releaseAll(.failure(failure))
        outputs.finish()
    }

    // MARK: - Preparing a connection

    /// The on-connect steps: log in (private channels need it), subscribe the public and private channels, and re-arm
    /// the dead-man switch if it was armed (it may have fired while the connection was down).
    func prepare(connection number: Int) async throws {
        if let credentials = configuration.credentials, link?.privateOutbound != nil {
            try await logIn(credentials, connection: number)
        }
        try await send(subscribe: publicArgs, on: .public)
        if configuration.credentials != nil { try await send(subscribe: configuration.privateChannels, on: .private) }
        try await sendDeadManState(onlyIfArmed: true)
    }

    /// `login` on the private socket, signed over `timestamp + "GET" + "/users/self/verify"` (timestamp in seconds).
    func logIn(_ credentials: VenueCredentials, connection number: Int) async throws {
        guard let outbound = link?.privateOutbound else { return }
        let seconds = await venueNow().rawValue / UnixNanos.nanosecondsPerSecond
        let frame: String
        do {
            frame = try OKXWebSocketMessages.login(credentials: credentials, timestampSeconds: seconds)
        } catch {
            throw VenueError.authenticationFailed(venue: .okx, reason: error.description)
        }
        isAwaitingLogin = true
        defer { isAwaitingLogin = false }
        try await outbound.send(text: frame)
        do {
            try await within(configuration.loginTimeoutNanos, "login") { try await self.loginAnswer() }
        } catch let refusal as VenueError {
            if case .authenticationFailed = refusal { lastRefusal = refusal }
            throw refusal
        }
        emit(.loggedIn(connection: number))
    }

    func loginAnswer() async throws {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in login.wait(continuation) }
        } onCancel: {
            Task { await self.abandonLogin() }
        }
    }

    func abandonLogin() { login.abandon() }

    func send(subscribe args: [OKXChannelArg], on socket: OKXSocket) async throws {
        let fresh = args.filter { !sentArgs.contains($0) }
        guard !fresh.isEmpty, let outbound = link?.outbound(socket) else { return }
        sentArgs.formUnion(fresh)
        try await outbound.send(text: OKXWebSocketMessages.subscribe(fresh))
    }

    func perform(_ chore: Chore) async {
        switch chore {
        case .resubscribe(let arg):
            guard let outbound = link?.publicOutbound else { return }
            try? await outbound.send(text: OKXWebSocketMessages.unsubscribe([arg]))
            try? await outbound.send(text: OKXWebSocketMessages.subscribe([arg]))
        }
    }

    // MARK: - Heartbeat

    /// OKX closes a socket that is quiet for 30 s: a socket that heard nothing for `pingIntervalNanos` sends the text
    /// `ping`, and one that then hears nothing (not even `pong`) within `pongTimeoutNanos` is given up.
    nonisolated func keepAlive(_ socket: OKXSocket, connection number: Int) async throws {
        let interval = configuration.pingIntervalNanos
        while true {
            try await configuration.clock.sleep(nanos: interval)
            guard let sentAt = await pingIfIdle(socket, for: interval, connection: number) else { continue }
            try await configuration.clock.sleep(nanos: configuration.pongTimeoutNanos)
            try await checkHeard(socket, since: sentAt, connection: number)
        }
    }

    /// Sends `ping` when the socket has been quiet for `interval`; the time it went, or nil.
    func pingIfIdle(_ socket: OKXSocket, for interval: Int64, connection number: Int) async -> UnixNanos? {
        let now = clock.now()
        guard let outbound = link?.outbound(socket), now - (lastHeard[socket] ?? now) >= interval else { return nil }
        try? await outbound.send(text: "ping")
        emit(.pingSent(connection: number, socket: socket))
        return now
    }

    func checkHeard(_ socket: OKXSocket, since sentAt: UnixNanos, connection number: Int) throws {
        guard let heard = lastHeard[socket], heard >= sentAt else {
            emit(.heartbeatMissed(connection: number, socket: socket))
            throw VenueError.timeout(venue: .okx, operation: "pong on the \(socket) socket", afterNanos: 0)
        }
    }

    // MARK: - Dead-man switch

    /// Refreshes an armed `cancel-all-after` for as long as the connection lives; when the connection is lost the
    /// refreshes stop, and the switch fires unless a new connection re-arms it in time.
    nonisolated func keepDeadManFresh() async throws {
        while true {
            try await configuration.clock.sleep(nanos: await deadManRefreshDelay())
            await refreshDeadMan()
        }
    }

    func deadManRefreshDelay() -> Int64 {
        if let interval = configuration.deadManRefreshNanos { return interval }
        // Unarmed, look again at OKX's shortest half-timeout (10 s / 2), so a switch armed meanwhile is refreshed in time.
        guard let seconds = deadManSeconds else { return 5 * UnixNanos.nanosecondsPerSecond }
        return Int64(seconds) * UnixNanos.nanosecondsPerSecond / 2
    }

    func refreshDeadMan() async {
        do {
            try await sendDeadManState(onlyIfArmed: true)
        } catch {
            emit(.unreadable(what: "cancel-all-after refresh", reason: error.description))
        }
    }

    // MARK: - Waiting

    /// Waits for a ready connection, at most `readyTimeoutNanos`; a refused login fails the wait with its error.
    func awaitReady() async throws(VenueError) {
        if isReady { return }
        if isStopped {
            throw lastRefusal ?? .disconnected(venue: .okx, reason: "the session is stopped")
        }
        do {
            try await within(configuration.readyTimeoutNanos, "waiting for a connection") {
                try await self.readySignal()
            }
        } catch let error as VenueError {
            throw lastRefusal ?? error
        } catch {
            throw .disconnected(venue: .okx, reason: "waiting for a connection: \(error)")
        }
    }

    func readySignal() async throws {
        let ticket = Mutex<Int64?>(nil)
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if isReady {
                    continuation.resume()
                } else if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    ticket.withLock { $0 = readyQueue.enqueue(continuation) }
                }
            }
        } onCancel: {
            guard let number = ticket.withLock({ $0 }) else { return }
            Task { await self.releaseReady(number) }
        }
    }

    func releaseReady(_ ticket: Int64) { readyQueue.release(ticket, with: CancellationError()) }

    /// `body` against a deadline on the session's clock; whichever finishes first wins and the other is cancelled.
    nonisolated func within<Value: Sendable>(
        _ nanos: Int64,
        _ operation: String,
        _ body: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        let clock = configuration.clock
        return try await withThrowingTaskGroup(of: Value?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await clock.sleep(nanos: nanos)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw VenueError.timeout(venue: .okx, operation: operation, afterNanos: nanos)
            }
            return value
        }
    }
}
