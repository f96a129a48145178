internal import LegateCore
internal import LegateSimulator

/// Venue outputs waiting for their delivery instant: a binary heap on (delivery time, arrival number), so outputs
/// with one delivery time leave in the order they came.
struct DeliveryQueue {
    private var heap: [(key: (UnixNanos, Int), output: TimedOutput)] = []
    private var arrivals = 0

    var nextTime: UnixNanos? { heap.first?.key.0 }
    var isEmpty: Bool { heap.isEmpty }

    mutating func push(_ output: TimedOutput) {
        arrivals += 1
        heap.append(((output.deliverAt, arrivals), output))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].key < heap[parent].key else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// The next output due at or before `time`, if any.
    mutating func popDue(_ time: UnixNanos) -> TimedOutput? {
        guard let first = heap.first, first.key.0 <= time else { return nil }
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count && heap[left].key < heap[smallest].key { smallest = left }
            if right < heap.count && heap[right].key < heap[smallest].key { smallest = right }
            guard smallest != parent else { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
        return first.output
    }
}
