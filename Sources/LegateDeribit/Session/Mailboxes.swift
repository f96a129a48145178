/// Answers to deliver to waiting tasks by id, safe in any order: an answer may arrive before its reader waits (the
/// response raced the send), and a reader may give up (timeout, cancellation) before the answer comes.
///
/// Owned by an actor; every method is synchronous, so the actor's isolation is the lock.
struct Mailboxes<Value: Sendable>: Sendable {
    enum Slot {
        case open
        case waiting(CheckedContinuation<Value, any Error>)
        case delivered(Result<Value, any Error>)
    }

    private var slots: [Int64: Slot] = [:]

    var isEmpty: Bool { slots.isEmpty }
    var ids: [Int64] { Array(slots.keys) }

    func contains(_ id: Int64) -> Bool { slots[id] != nil }

    mutating func open(_ id: Int64) { slots[id] = .open }

    /// Hands `result` to whoever waits on `id` (now or later); false when no one asked for `id` or it was answered.
    @discardableResult
    mutating func deliver(_ id: Int64, _ result: Result<Value, any Error>) -> Bool {
        switch slots[id] {
        case .open:
            slots[id] = .delivered(result)
            return true
        case .waiting(let continuation):
            slots[id] = nil
            continuation.resume(with: result)
            return true
        case .delivered, nil:
            return false
        }
    }

    /// Waits on `id`: resumes at once with an answer already delivered, or when one is.
    mutating func wait(_ id: Int64, _ continuation: CheckedContinuation<Value, any Error>) {
        switch slots[id] {
        case .delivered(let result):
            slots[id] = nil
            continuation.resume(with: result)
        case .open:
            slots[id] = .waiting(continuation)
        case .waiting, nil:
            continuation.resume(throwing: CancellationError())
        }
    }

    mutating func close(_ id: Int64) {
        if case .waiting(let continuation) = slots[id] { continuation.resume(throwing: CancellationError()) }
        slots[id] = nil
    }

    /// Delivers `result` to every id still open or waiting.
    mutating func deliverAll(_ result: Result<Value, any Error>) {
        for id in ids { deliver(id, result) }
    }
}
