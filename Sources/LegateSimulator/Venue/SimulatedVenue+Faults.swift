import LegateCore
import LegateModel

extension SimulatedVenue {
    /// Starts and ends outages and disconnects on this step.
    mutating func updateFaults(at time: UnixNanos) {
        let outage = outages.isActive(at: time)
        if outage != isInOutage {
            isInOutage = outage
            if outage {
                emitPrivate(.connection(.outageStarted(venue: configuration.venue, at: time)), at: time, latency: 0)
            } else {
                emitPrivate(.connection(.outageEnded(venue: configuration.venue, at: time)), at: time, latency: 0)
                publishAllSnapshots(at: time)
            }
        }
        let disconnected = disconnects.isActive(at: time)
        if disconnected != isDisconnected {
            if disconnected {
                reconnectAt = disconnects.end(containing: time)
                emitPrivate(.connection(.disconnected(venue: configuration.venue, at: time)), at: time, latency: 0)
                isDisconnected = true
                cancelOnDisconnect(at: time)
            } else {
                isDisconnected = false
                reconnectAt = nil
                emitPrivate(.connection(.reconnected(venue: configuration.venue, at: time)), at: time, latency: 0)
                publishAllSnapshots(at: time)
            }
        }
    }

    /// Cancels every resting order of the accounts that armed cancel-on-disconnect; the reports wait for the
    /// reconnect.
    mutating func cancelOnDisconnect(at time: UnixNanos) {
        for account in accounts.indices where accounts[account].cancelOnDisconnect {
            for slot in accounts[account].openOrders {
                let listing = orders[slot].listing
                close(slot)
                let reason = "cancel-on-disconnect: the session dropped"
                emitPrivate(.report(.cancelled(orderID: orders[slot].orderID, reason: reason)), at: time, latency: 0)
                listings[listing].book.clearTouched()
            }
        }
    }

    /// A fresh snapshot of every listed book, so the client can resynchronise.
    mutating func publishAllSnapshots(at time: UnixNanos) {
        for index in listings.indices where listings[index].isActive {
            publishSnapshot(index, at: time)
        }
    }
}
