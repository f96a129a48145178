// The background worker runs its items in order on one thread of its own, at the lowered priority, waits for them on
// `drain`, and drops what comes after `stop`.
import Foundation
import LegateJournal
import Synchronization
import Testing

@Suite struct BackgroundWorkerTests {
    @Test func itemsRunInOrderOnOneLowPriorityThread() {
        let worker = BackgroundWorker(name: "legate-test")
        let seen = Mutex<[(index: Int, thread: String, nice: Int32)]>([])
        for index in 0..<50 {
            worker.async {
                // The kernel's name for the running thread.
                let name = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
                let nice = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
                if index % 7 == 0 { usleep(200) }
                seen.withLock { $0.append((index, name, nice)) }
            }
        }
        worker.drain()
        let items = seen.withLock { $0 }
        #expect(items.map(\.index) == Array(0..<50))
        #expect(Set(items.map(\.thread)) == ["legate-test\n"])
        #expect(Set(items.map(\.nice)) == [BackgroundWorker.niceness])
        worker.stop()
    }

    @Test func stopRunsWhatIsQueuedAndDropsWhatComesAfter() {
        let worker = BackgroundWorker(name: "legate-test")
        let count = Atomic<Int>(0)
        for _ in 0..<10 {
            worker.async {
                usleep(100)
                count.add(1, ordering: .relaxed)
            }
        }
        worker.stop()
        #expect(count.load(ordering: .relaxed) == 10)
        worker.async { count.add(1, ordering: .relaxed) }
        worker.drain()
        worker.stop()
        usleep(10_000)
        #expect(count.load(ordering: .relaxed) == 10)
    }

    @Test func drainAndStopWithNothingQueuedReturnAtOnce() {
        let worker = BackgroundWorker(name: "legate-test")
        worker.drain()
        worker.stop()
        worker.stop()
    }
}
