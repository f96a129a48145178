import LegateCore
import LegateModel
import LegateVenues

/// The REST requests the session needs beyond order entry (`OKXRequests`): account queries, the instrument listing,
/// and the batch cancel that cancel-all is built from. Pure, so every path and body can be checked without a server.
enum OKXSessionRequests {
    /// OKX's most orders per `cancel-batch-orders`.
    static let batchLimit = 20

    static let balance = OKXRESTRequest(
        method: "GET",
        path: "/api/v5/account/balance",
        body: "",
        requestClass: .account
    )
    static let positions = OKXRESTRequest(
        method: "GET",
        path: "/api/v5/account/positions",
        body: "",
        requestClass: .account
    )
    /// OKX's most open orders per `orders-pending` page.
    static let pendingOrdersPageLimit = 100

    /// One page of open orders of every type, newest first: the first page, or the orders older than `after` (the
    /// `ordId` of the previous page's last item).
    static func pendingOrders(after ordId: String?) -> OKXRESTRequest {
        var path = "/api/v5/trade/orders-pending?limit=\(pendingOrdersPageLimit)"
        if let ordId { path += "&after=" + ordId }
        return OKXRESTRequest(method: "GET", path: path, body: "", requestClass: .account)
    }

    /// `GET /api/v5/public/instruments?{query}`, e.g. `instType=OPTION&instFamily=BTC-USD`.
    static func instruments(query: String) -> OKXRESTRequest {
        OKXRESTRequest(
            method: "GET",
            path: "/api/v5/public/instruments?" + query,
            body: "",
            requestClass: .marketData
        )
    }

    /// `POST /api/v5/trade/cancel-batch-orders`: up to 20 orders, each named by `instId` and `ordId`.
    static func cancelBatch(_ orders: [(instId: String, ordId: String)]) -> OKXRESTRequest {
        precondition(!orders.isEmpty && orders.count <= batchLimit, "a batch holds 1...\(batchLimit) orders")
        let items = orders.map { order in
            var item = OKXJSONObject()
            item.add("instId", order.instId)
            item.add("ordId", order.ordId)
            return item.json
        }
        return OKXRESTRequest(
            method: "POST",
            path: "/api/v5/trade/cancel-batch-orders",
            body: "[" + items.joined(separator: ",") + "]",
            webSocketOp: "batch-cancel-orders",
            requestClass: .trading
        )
    }

    /// Whether an open order falls in a cancel-all's scope.
    static func covers(_ scope: CancelScope, instrument: Instrument) -> Bool {
        switch scope {
        case .all: true
        case .instrument(let wanted): instrument == wanted
        case .underlying(let underlying): instrument.underlying == underlying
        case .kind(let kind): instrument.kind == kind
        }
    }
}
