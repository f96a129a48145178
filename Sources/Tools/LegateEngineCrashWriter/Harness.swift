import Foundation
import LegateCore
import LegateEngine
import LegateModel
import LegateRuntime
import Synchronization

/// What the threads of the crash writer share: the running service (swapped during a snapshot pause), the venue
/// commands waiting for the venue thread, and the orders the producers may act on.
final class Harness: Sendable {
    /// Orders the producers placed, as the service's answers reported them.
    struct Book {
        /// The newest orders, oldest first, at most `recentMax`.
        var recent: [OrderID] = []
        var awaitingApproval: [OrderID] = []
        var staged: [OrderID] = []

        static let recentMax = 512

        mutating func remember(_ orderID: OrderID) {
            if recent.count == Self.recentMax { recent.removeFirst(Self.recentMax / 4) }
            recent.append(orderID)
        }
    }

    /// The service taking inputs now; nil while it is paused for a snapshot.
    let service = Mutex<EngineService<LimitGate>?>(nil)
    let stopping = Atomic<Bool>(false)
    /// Orders the service answered (each printed as an `ack` line).
    let answered = Atomic<Int>(0)
    let book = Mutex(Book())
    /// Venue commands released by the service, waiting for the venue thread.
    let venueInbox = Mutex<[VenueCommand]>([])

    /// A service around `durable`, whose released venue commands are printed and passed to the venue thread.
    func makeService(_ durable: DurableEngine<LimitGate>) -> EngineService<LimitGate> {
        EngineService(
            durable: durable,
            configuration: .init(queueCapacity: 256, batchCapacity: 96)
        ) { [self] commands in
            for command in commands { Lines.out("venue \(command.orderID)") }
            venueInbox.withLock { $0.append(contentsOf: commands) }
        }
    }

    /// Submits `input` to the service, waiting out a full queue and a snapshot pause; false once stopping.
    @discardableResult
    func submit(_ input: Input, completion: @escaping EngineService<LimitGate>.Completion) -> Bool {
        while !stopping.load(ordering: .relaxed) {
            guard let current = service.withLock({ $0 }) else {
                usleep(200)
                continue
            }
            do throws(EngineServiceError) {
                try current.submit(input, completion: completion)
                return true
            } catch {
                switch error {
                case .overloaded: usleep(50)
                // Paused for a snapshot: the next service takes the input.
                case .stopped: usleep(200)
                case .journal(let reason): Lines.fail("submit refused: \(reason)")
                }
            }
        }
        return false
    }

    /// Submits `input`, treating anything but success as a failure of the run.
    @discardableResult
    func submit(_ input: Input, what: String) -> Bool {
        submit(input) { result in
            if case .failure(let error) = result { Lines.fail("\(what) not committed: \(error)") }
        }
    }

    /// Submits a new order and prints `ack` once the service answered it, that is once its events are committed.
    func place(_ request: OrderRequest, stage: Bool) -> Bool {
        let clientID = request.clientOrderID
        let input = Desk.command(clientID.rawValue, by: Desk.trader, .placeOrder(request, stage: stage))
        return submit(input) { [self] result in
            let outputs: [Output]
            switch result {
            case .success(let answer): outputs = answer
            case .failure(let error): Lines.fail("order \(clientID) not committed: \(error)")
            }
            for output in outputs {
                guard case .event(let event) = output else { continue }
                switch event {
                case .orderCreated(let created) where created.request.clientOrderID == clientID:
                    Lines.out("ack \(clientID) \(created.orderID)")
                    answered.add(1, ordering: .relaxed)
                    book.withLock { book in
                        book.remember(created.orderID)
                        if created.staged { book.staged.append(created.orderID) }
                    }
                case .approvalRequested(let orderID, _):
                    book.withLock { $0.awaitingApproval.append(orderID) }
                // Client order ids are fresh in every run: one already used means a run reused an earlier one's.
                case .commandRejected(let rejected) where rejected.reason.contains("already used"):
                    Lines.fail("order \(clientID) refused: \(rejected.reason)")
                default:
                    break
                }
            }
        }
    }
}

extension VenueCommand {
    var orderID: OrderID {
        switch self {
        case .place(let orderID, _), .cancel(let orderID, _, _), .amend(let orderID, _, _, _, _): orderID
        }
    }
}
