import Foundation
import LegateCore
import LegateModel
import LegateTransport
import LegateVenues

// MARK: - Answers into model values

extension DeribitSession {
    /// Sends `call`; a business refusal (`DeribitErrorCode.isBusinessOutcome`: not enough funds, order not found …)
    /// becomes the report `refusal` makes and returns nil, any other failure throws.
    func invoke(
        _ call: DeribitCall,
        refusal: (@Sendable (String) -> VenueReport)? = nil
    ) async throws(VenueError) -> Data? {
        do throws(DeribitCallFailure) {
            return try await request(call)
        } catch {
            if case .rpc(let rpc) = error, let refusal,
                DeribitErrorCode(rawValue: rpc.code)?.isBusinessOutcome == true
            {
                publish([refusal("deribit \(rpc.code) \(rpc.message)")])
                return nil
            }
            throw error.venueError(at: clock.now())
        }
    }

    /// Sends `call` and decodes its `result`.
    func result<Result: Decodable & Sendable>(
        _ type: Result.Type,
        of call: DeribitCall
    ) async throws(VenueError) -> Result {
        guard let data = try await invoke(call) else {
            throw .malformedMessage(venue: .deribit, what: call.method, reason: "no result")
        }
        return try decode(type, from: data, what: call.method)
    }

    func decode<Result: Decodable & Sendable>(
        _ type: Result.Type,
        from data: Data,
        what: String
    ) throws(VenueError) -> Result {
        do {
            guard let result = try DeribitCodec.decodeResponse(type, from: data).result else {
                throw DeribitParseError.decoding(what: "result of \(what)", reason: "missing")
            }
            return result
        } catch {
            throw .malformedMessage(venue: .deribit, what: "result of \(what)", reason: "\(error)")
        }
    }

    func translated<Value>(_ body: () throws(DeribitParseError) -> Value) throws(VenueError) -> Value {
        do {
            return try body()
        } catch {
            throw .malformedMessage(venue: .deribit, what: "answer", reason: error.description)
        }
    }

    func requireCredentials(for call: DeribitCall) throws(VenueError) {
        guard configuration.credentials == nil else { return }
        throw .authenticationFailed(venue: .deribit, reason: "\(call.method) needs credentials; none are configured")
    }

    /// The order's state, then a fill (with fee and liquidity) per trade it made at once.
    func publishOrderResponse(_ wire: DeribitOrderResponseWire, isEdit: Bool) throws(VenueError) {
        remember(wire.order)
        let reports = try translated { () throws(DeribitParseError) -> [VenueReport] in
            var reports = try DeribitTranslator.reports(order: wire.order, isEdit: isEdit)
            let orderID = try DeribitTranslator.orderID(wire.order)
            for trade in wire.trades {
                if let fill = try Self.fill(trade, orderID: orderID) { reports.append(.fill(fill)) }
            }
            return reports
        }
        publish(reports)
    }

    static func openOrder(_ wire: DeribitOrderWire) throws(DeribitParseError) -> VenueOpenOrder {
        let venueOrderID: VenueOrderID
        do {
            venueOrderID = try VenueOrderID(wire.orderId)
        } catch {
            throw .inconsistent(what: "order id \(wire.orderId)", reason: error.description)
        }
        guard let side = OrderSide(rawValue: wire.direction) else {
            throw .inconsistent(what: "order \(wire.orderId)", reason: "direction \(wire.direction)")
        }
        let price: Price? =
            switch wire.price {
            case .limit(let value): Price(value)
            case .market: nil
            }
        return VenueOpenOrder(
            venue: .deribit,
            orderID: try DeribitTranslator.orderID(wire),
            venueOrderID: venueOrderID,
            instrument: try DeribitTranslator.instrument(named: wire.instrumentName),
            side: side,
            quantity: wire.amount.quantity,
            filledQuantity: wire.filledAmount?.quantity ?? .zero,
            price: price
        )
    }
}
