import Foundation
import LegateCore
import LegateModel
import LegateTransport
import LegateVenues

/// Why a call failed: the venue answered with a JSON-RPC error (which may be a business outcome), or the session
/// could not get an answer at all.
enum DeribitCallFailure: Error {
    case rpc(DeribitRPCError)
    case operating(VenueError)

    /// The failure as the `VenueClient` reports it.
    func venueError(at now: UnixNanos) -> VenueError {
        switch self {
        case .rpc(let error): DeribitTranslator.venueError(error, at: now)
        case .operating(let error): error
        }
    }
}

// MARK: - Requests and responses

extension DeribitSession {
    /// Sends `call` and returns the whole response frame.
    ///
    /// Waits for a ready connection (unless the caller is preparing one), then for the rate limiter; a 10028
    /// `too_many_requests` throttles the limiter for `rateLimitPenaltyNanos` and sends the call again, up to
    /// `maximumRateLimitRetries` times.
    func request(_ call: DeribitCall, waitForReady: Bool = true) async throws(DeribitCallFailure) -> Data {
        var refusals = 0
        while true {
            if waitForReady { try await awaitReady() }
            try await awaitRateLimit(call)
            // The connection may have dropped while the limiter held the call: wait for the next one.
            if waitForReady && !isReady { continue }
            do throws(DeribitCallFailure) {
                return try await exchange(call)
            } catch .rpc(let error)
                where error.code == DeribitErrorCode.tooManyRequests.rawValue
                && refusals < configuration.maximumRateLimitRetries
            {
                refusals += 1
                let retryAt = clock.now() + configuration.rateLimitPenaltyNanos
                limiter.throttle(until: retryAt)
                emit(.rateLimited(method: call.method, retryAt: retryAt))
            }
        }
    }

    /// One request on the current connection and its answer.
    func exchange(_ call: DeribitCall) async throws(DeribitCallFailure) -> Data {
        guard let connection else {
            throw .operating(.disconnected(venue: .deribit, reason: "no connection for \(call.method)"))
        }
        let id = nextRequestID
        nextRequestID += 1
        let sentAt = clock.now()
        // The slot opens before the frame leaves: the answer may arrive before `send` returns.
        replies.open(id)
        inFlight[id] = InFlight(method: call.method, sentAt: sentAt)
        monitor.requestSent(id: id, at: sentAt)
        do {
            try await connection.outbound.send(text: call.frame(id: id, accessToken: token?.accessToken))
        } catch {
            replies.close(id)
            inFlight[id] = nil
            throw .operating(error.venueError(.deribit))
        }
        return try await awaitReply(id, method: call.method)
    }

    nonisolated func awaitReply(_ id: Int64, method: String) async throws(DeribitCallFailure) -> Data {
        do {
            return try await race(timeoutNanos: configuration.requestTimeoutNanos, operation: method) {
                try await self.reply(id)
            }
        } catch let error as VenueError {
            if case .timeout = error { await expire(id) }
            throw .operating(error)
        } catch let error as DeribitRPCError {
            throw .rpc(error)
        } catch {
            throw .operating(.disconnected(venue: .deribit, reason: "\(method) abandoned: \(error)"))
        }
    }

    func reply(_ id: Int64) async throws -> Data {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in replies.wait(id, continuation) }
        } onCancel: {
            Task { await self.closeReply(id) }
        }
    }

    func closeReply(_ id: Int64) { replies.close(id) }

    /// A request that timed out counts as failed; a late answer is ignored.
    func expire(_ id: Int64) {
        guard inFlight.removeValue(forKey: id) != nil else { return }
        publish(monitor.failed(id: id, at: clock.now()))
    }

    /// Waits for a ready connection, at most `readyTimeoutNanos`.
    func awaitReady() async throws(DeribitCallFailure) {
        if isReady { return }
        if isStopped { throw .operating(.disconnected(venue: .deribit, reason: "the session is stopped")) }
        let id = nextWaiterID
        nextWaiterID += 1
        readiness.open(id)
        do {
            try await race(timeoutNanos: configuration.readyTimeoutNanos, operation: "waiting for a connection") {
                try await self.readinessSignal(id)
            }
        } catch let error as VenueError {
            throw .operating(error)
        } catch {
            throw .operating(.disconnected(venue: .deribit, reason: "waiting for a connection: \(error)"))
        }
    }

    func readinessSignal(_ id: Int64) async throws {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in readiness.wait(id, continuation) }
        } onCancel: {
            Task { await self.closeReadiness(id) }
        }
    }

    func closeReadiness(_ id: Int64) { readiness.close(id) }

    /// Runs `body` against a deadline; the loser is cancelled.
    nonisolated func race<Value: Sendable>(
        timeoutNanos: Int64,
        operation: String,
        _ body: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        let clock = configuration.clock
        return try await withThrowingTaskGroup(of: Value.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await clock.sleep(nanos: timeoutNanos)
                throw VenueError.timeout(venue: .deribit, operation: operation, afterNanos: timeoutNanos)
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }

    /// Waits until the limiter grants `call`; fails at once when that would take longer than the configured maximum.
    func awaitRateLimit(_ call: DeribitCall) async throws(DeribitCallFailure) {
        while true {
            let now = clock.now()
            guard case .denied(let retryAt, let rule) = limiter.acquire(call.requestClass, at: now) else { return }
            guard retryAt - now <= configuration.maximumRateLimitWaitNanos else {
                throw .operating(.rateLimited(venue: .deribit, retryAt: retryAt, message: "\(call.method): \(rule)"))
            }
            do {
                try await clock.sleep(nanos: retryAt - now)
            } catch {
                throw .operating(.disconnected(venue: .deribit, reason: "\(call.method) cancelled"))
            }
        }
    }

    // MARK: - Receiving

    /// One text frame from the venue: an answer, a notification or a heartbeat.
    func receive(_ text: String) {
        let data = Data(text.utf8)
        let now = clock.now()
        let frame: DeribitFrame
        do {
            frame = try DeribitFrame.classify(data)
        } catch {
            emit(.unreadable(what: "frame", reason: error.description))
            return
        }
        switch frame {
        case .response(let id, let usIn, let usOut):
            if let usIn, let usOut, let request = inFlight[id] {
                clockOffset.record(
                    sentAt: request.sentAt,
                    venueReceivedAt: UnixNanos(usIn * 1_000),
                    venueSentAt: UnixNanos(usOut * 1_000),
                    receivedAt: now
                )
            }
            answer(id, .success(data), at: now)
        case .error(let id?, let error):
            answer(id, .failure(error), at: now)
        case .error(nil, let error):
            publish(monitor.failed(id: nil, at: now))
            emit(.unreadable(what: "error without an id", reason: error.description))
        case .heartbeat(let isTestRequest):
            if isTestRequest { connection?.chores.yield(.answerTestRequest) }
        case .subscription(let channel):
            route(channel, data, at: now)
        }
    }

    func answer(_ id: Int64, _ result: Result<Data, any Error>, at now: UnixNanos) {
        guard inFlight.removeValue(forKey: id) != nil else { return }
        switch result {
        case .success: publish(monitor.acknowledged(id: id, at: now))
        case .failure: publish(monitor.failed(id: id, at: now))
        }
        replies.deliver(id, result)
    }
}
