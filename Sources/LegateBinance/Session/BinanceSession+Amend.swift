import Foundation
public import LegateCore
public import LegateModel
import LegateTransport
public import LegateVenues

extension BinanceSession {
    /// Changes a resting order's size and limit: in place on USD-M (`PUT /fapi/v1/order`), by cancel-replace on spot.
    /// Options have no amend, so there it is answered `amendRejected` saying so (cancel and place again), unsent; so
    /// is a request off the lot or tick, or for an order this session did not place. Binance's refusal is
    /// `amendRejected` with its message; a cancel-replace whose cancel went through but whose replacement was refused
    /// (HTTP 409) also reports the order cancelled.
    public func amend(
        orderID: OrderID,
        venueOrderID: VenueOrderID?,
        quantity: Quantity,
        kind: OrderKind
    ) async throws(VenueError) {
        let market = configuration.market
        guard market != .options else {
            let reason = "binance options (eapi) have no amend: cancel the order and place it again"
            publish([.amendRejected(orderID: orderID, reason: reason)])
            return
        }
        let credentials = try credentials(for: "amending an order")
        guard let known = orders[orderID] else {
            publish([.amendRejected(orderID: orderID, reason: "\(orderID) was not placed by this binance session")])
            return
        }
        let spec: InstrumentSpec
        do throws(VenueError) {
            spec = try self.spec(for: known.request.instrument)
        } catch {
            publish([.amendRejected(orderID: orderID, reason: error.description)])
            return
        }
        let target = known.venueOrderID ?? venueOrderID
        let window = configuration.recvWindowMillis
        let change = BinanceOrderChange(
            orderID: orderID,
            venueOrderID: target,
            original: known.request,
            quantity: quantity,
            kind: kind,
            spec: spec
        )
        let request = market == .usdm ? BinanceRequests.amend : BinanceRequests.cancelReplace
        let build = { (timestamp: Int64) throws(BinanceRequestError) -> BinanceRESTRequest in
            try request(change, credentials, timestamp, window)
        }
        do throws(BinanceRequestError) {
            _ = try build(0)
        } catch {
            publish([.amendRejected(orderID: orderID, reason: error.description)])
            return
        }
        let outcome = try await call(withAPIKey: true, build)
        try answerAmend(outcome, orderID: orderID, resized: change.resized)
    }

    func answerAmend(_ outcome: BinanceRESTOutcome, orderID: OrderID, resized: OrderRequest) throws(VenueError) {
        switch outcome {
        case .success(let body):
            if configuration.market == .spot {
                let answer = try decode(BinanceCancelReplaceWire.self, body)
                replacedVenueOrders.insert(answer.cancelResponse.orderId)
                let replacement = BinanceTranslator.venueOrderID(answer.newOrderResponse.orderId)
                orders[orderID] = KnownOrder(request: resized, venueOrderID: replacement)
            } else {
                _ = try decode(BinanceOrderWire.self, body)
                orders[orderID]?.request = resized
            }
            publish([.amended(orderID: orderID)])
        case .refused(let error, let status):
            var reports = try BinanceTranslator.reports(for: .amend, orderID: orderID, error: error, at: clock.now())
            if status == 409 {
                let reason = "cancel-replace cancelled the order; Binance refused its replacement: \(error.msg)"
                reports.append(.cancelled(orderID: orderID, reason: reason))
            }
            publish(reports)
        }
    }

    /// Drops the `CANCELED` event of a spot order that a cancel-replace replaced: our order lives on as the replacement.
    func withoutReplacedCancel(_ reports: [VenueReport], venueOrder: Int64) -> [VenueReport] {
        guard replacedVenueOrders.contains(venueOrder) else { return reports }
        return reports.filter { if case .cancelled = $0 { false } else { true } }
    }
}

/// The answer to `POST /api/v3/order/cancelReplace` when both halves succeeded: the cancelled order and its
/// replacement (only their ids are read; the replacement's events arrive on the user-data stream).
struct BinanceCancelReplaceWire: Decodable, Sendable {
    struct Order: Decodable, Sendable {
        let orderId: Int64
    }

    let cancelResult: String
    let newOrderResult: String
    let cancelResponse: Order
    let newOrderResponse: Order
}
