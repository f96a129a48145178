import LegateCore
import LegateModel
import LegateVenues

/// The answer to one `login`, handed from the reader to the task that sent it. The answer may arrive before that task
/// starts waiting (the reader runs while `send` is still returning), so it is kept until asked for.
///
/// Owned by the session actor; its isolation is the lock.
struct OKXLoginGate {
    private var answer: Result<Void, VenueError>?
    private var waiter: CheckedContinuation<Void, any Error>?

    /// Forgets any answer and fails a waiter: a new connection logs in afresh.
    mutating func reset() {
        answer = nil
        waiter?.resume(throwing: CancellationError())
        waiter = nil
    }

    mutating func deliver(_ result: Result<Void, VenueError>) {
        guard let waiter else {
            answer = result
            return
        }
        self.waiter = nil
        waiter.resume(with: result.mapError { $0 as any Error })
    }

    mutating func wait(_ continuation: CheckedContinuation<Void, any Error>) {
        if let answer {
            self.answer = nil
            continuation.resume(with: answer.mapError { $0 as any Error })
        } else {
            waiter?.resume(throwing: CancellationError())
            waiter = continuation
        }
    }

    mutating func abandon() {
        waiter?.resume(throwing: CancellationError())
        waiter = nil
    }
}

/// Tasks waiting for the session to become ready, by ticket.
struct OKXReadyQueue {
    private var waiting: [Int64: CheckedContinuation<Void, any Error>] = [:]
    private var nextTicket: Int64 = 0

    mutating func enqueue(_ continuation: CheckedContinuation<Void, any Error>) -> Int64 {
        nextTicket += 1
        waiting[nextTicket] = continuation
        return nextTicket
    }

    mutating func release(_ ticket: Int64, with error: any Error) {
        waiting.removeValue(forKey: ticket)?.resume(throwing: error)
    }

    mutating func releaseAll(_ result: Result<Void, any Error>) {
        let all = waiting.values
        waiting.removeAll()
        for continuation in all { continuation.resume(with: result) }
    }
}
