import Foundation
import LegateCore
import LegateModel
import LegateTransport
import LegateVenues

// MARK: - WebSocket ops and their answers

extension BybitSession {
    /// Sends one `op` on `link` and waits for its answer (any answer: the caller judges success).
    ///
    /// The answer is matched by `req_id` where Bybit echoes it, otherwise by `op`, oldest first. Its latency is a
    /// request-to-acknowledgement sample for the health monitor.
    func exchange(
        _ message: String,
        op: String,
        requestID: String?,
        on link: BybitLink,
        timeoutNanos: Int64? = nil
    ) async throws(VenueError) -> BybitOpResponse {
        guard let connection = connections[link] else {
            throw .disconnected(venue: .bybit, reason: "no \(link) connection for \(op)")
        }
        let ticket = waiters.issue(on: link)
        connections[link]?.pending.append(PendingOp(ticket: ticket, op: op, requestID: requestID))
        monitor.requestSent(id: ticket, at: clock.now())
        do {
            try await connection.outbound.send(text: message)
        } catch {
            forget(ticket, on: link)
            waiters.settle(ticket, .failure(error.venueError(.bybit)))
        }
        let outcome = await awaitTicket(ticket, operation: "\(link) \(op)", timeoutNanos: timeoutNanos)
        switch outcome {
        case .success(.op(let answer)): return answer
        case .success(.ready): throw .malformedMessage(venue: .bybit, what: "answer to \(op)", reason: "none")
        case .failure(let error):
            if case .timeout = error {
                forget(ticket, on: link)
                publish(monitor.failed(id: ticket, at: clock.now()))
            }
            throw error
        }
    }

    func forget(_ ticket: Int64, on link: BybitLink) {
        connections[link]?.pending.removeAll { $0.ticket == ticket }
    }

    /// Waits for `ticket` against a deadline: the deadline settles the ticket with a timeout if nothing else did.
    nonisolated func awaitTicket(
        _ ticket: Int64,
        operation: String,
        timeoutNanos: Int64?
    ) async -> BybitWaiters.Outcome {
        let timeout = timeoutNanos ?? configuration.requestTimeoutNanos
        let clock = configuration.clock
        return await withTaskGroup(of: BybitWaiters.Outcome?.self) { group in
            group.addTask { await self.park(ticket) }
            group.addTask {
                let expired: VenueError
                do {
                    try await clock.sleep(nanos: timeout)
                    expired = .timeout(venue: .bybit, operation: operation, afterNanos: timeout)
                } catch {
                    expired = .disconnected(venue: .bybit, reason: "\(operation) cancelled")
                }
                await self.settleTicket(ticket, .failure(expired))
                return nil
            }
            defer { group.cancelAll() }
            while let next = await group.next() {
                if let outcome = next { return outcome }
            }
            return .failure(.disconnected(venue: .bybit, reason: "\(operation) abandoned"))
        }
    }

    func park(_ ticket: Int64) async -> BybitWaiters.Outcome {
        await withCheckedContinuation { continuation in waiters.park(ticket, continuation) }
    }

    func settleTicket(_ ticket: Int64, _ outcome: BybitWaiters.Outcome) {
        waiters.settle(ticket, outcome)
    }

    /// Waits until `link` is connected and prepared (starting it if needed), at most `readyTimeoutNanos`.
    func awaitReady(_ link: BybitLink) async throws(VenueError) {
        if connections[link]?.isReady == true { return }
        if isStopped { throw .disconnected(venue: .bybit, reason: "the session is stopped") }
        if stoppedLinks[link] != nil { throw stoppedError(link) }
        start(link)
        let ticket = waiters.issue(on: link, forReadiness: true)
        let outcome = await awaitTicket(
            ticket,
            operation: "waiting for the \(link) stream",
            timeoutNanos: configuration.readyTimeoutNanos
        )
        if case .failure(let error) = outcome { throw error }
    }

    /// An answer to an `op`: ends the oldest pending op it can be the answer to.
    func answer(_ response: BybitOpResponse, on link: BybitLink) {
        guard let pending = connections[link]?.pending, !pending.isEmpty else {
            emit(.unreadable(what: "\(link) \(response.op) answer", reason: "no request waits for it"))
            return
        }
        // The private stream answers a ping with op "pong"; the public ones with op "ping".
        let op = response.op == "pong" ? "ping" : response.op
        let match =
            pending.first { response.requestID != nil && $0.requestID == response.requestID }
            ?? pending.first { $0.op == op }
        guard let match else {
            emit(.unreadable(what: "\(link) \(response.op) answer", reason: "no \(op) waits for it"))
            return
        }
        forget(match.ticket, on: link)
        let now = clock.now()
        let succeeded = response.op == "pong" || response.isSuccess
        publish(succeeded ? monitor.acknowledged(id: match.ticket, at: now) : monitor.failed(id: match.ticket, at: now))
        waiters.settle(match.ticket, .success(.op(response)))
    }
}

/// The session's own WebSocket frames the request builders do not write.
enum BybitSessionFrames {
    /// `{"req_id":…,"op":"unsubscribe","args":[topics…]}`.
    static func unsubscribe(topics: [String], requestID: String) -> String {
        var message = JSONObjectWriter()
        message.string("req_id", requestID)
        message.string("op", "unsubscribe")
        message.raw("args", JSONObjectWriter.array(topics))
        return message.text
    }

    /// `{"req_id":…,"op":"ping"}`: Bybit's application heartbeat (a WebSocket ping frame does not count).
    static func ping(requestID: String) -> String {
        var message = JSONObjectWriter()
        message.string("req_id", requestID)
        message.string("op", "ping")
        return message.text
    }
}
