import Foundation
import Synchronization

/// Runs work items one at a time, in order, on a thread of its own that yields the CPU to the node's hot threads.
///
/// Snapshots and checkpoints take tens to hundreds of milliseconds of CPU in bursts. On a machine with as many
/// busy threads as cores, the scheduler shares a core fairly between such a burst and the engine or journal
/// thread, and acknowledgements wait meanwhile. A thread at a lower priority (a higher nice value, which any thread
/// may take) gets a core when the hot threads leave one idle, which at the loads the node runs is most of the time.
/// A dispatch queue cannot do this: its threads are shared with the rest of the process, and a lowered priority
/// cannot be raised again without privileges.
public final class BackgroundWorker: Sendable {
    /// The nice value background threads run at: about a tenth of a normal thread's share when they compete.
    public static let niceness: Int32 = 10

    private struct State {
        var items: [@Sendable () -> Void] = []
        var threadStarted = false
        var stopping = false
    }

    private let name: String
    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)

    /// - Parameter name: the thread's name (seen in `top -H` and profilers), 15 bytes at most.
    public init(name: String) {
        self.name = name
    }

    /// Lowers the calling thread's priority to `niceness` (on Linux a nice value is per thread); a no-op if that
    /// is refused.
    public static func lowerCurrentThreadPriority() {
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
    }

    /// Queues `work`; the thread starts with the first item. Items queued after `stop()` are dropped.
    public func async(_ work: @escaping @Sendable () -> Void) {
        let startThread = state.withLock { state -> Bool in
            guard !state.stopping else { return false }
            state.items.append(work)
            defer { state.threadStarted = true }
            return !state.threadStarted
        }
        if startThread {
            Thread { [self] in run() }.start()
        }
        wake.signal()
    }

    /// Returns once every item queued before the call has run.
    public func drain() {
        let done = DispatchSemaphore(value: 0)
        let queued = state.withLock { state -> Bool in
            guard state.threadStarted && !state.stopping else { return false }
            state.items.append { done.signal() }
            return true
        }
        guard queued else { return }
        wake.signal()
        done.wait()
    }

    /// Runs what is queued, then ends the thread; later items are dropped.
    public func stop() {
        drain()
        let started = state.withLock { state -> Bool in
            state.stopping = true
            return state.threadStarted
        }
        if started { wake.signal() }
    }

    /// Names the calling thread for the kernel (what `top -H` and profilers show; 15 bytes at most), which
    /// Foundation's `Thread.name` does not do on Linux.
    public static func nameCurrentThread(_ name: String) {
        try? String(name.utf8.prefix(15))?.write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
    }

    private func run() {
        Self.nameCurrentThread(name)
        Self.lowerCurrentThreadPriority()
        while true {
            wake.wait()
            let next = state.withLock { state -> (@Sendable () -> Void)?? in
                if !state.items.isEmpty { return state.items.removeFirst() }
                return state.stopping ? .some(nil) : nil
            }
            switch next {
            case .some(.some(let work)): work()
            case .some(.none): return
            case .none: continue
            }
        }
    }
}
