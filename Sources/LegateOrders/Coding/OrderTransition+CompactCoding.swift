public import LegateCore
internal import LegateModel

// Compact coding of order transitions (see `CompactCodable`): case bytes are the journal format.

extension OrderTransition: CompactCodable {
    private var tag: UInt8 {
        switch self {
        case .riskAccepted: 0
        case .riskRejected: 1
        case .approvalRequired: 2
        case .approved: 3
        case .denied: 4
        case .approvalExpired: 5
        case .staged: 6
        case .released: 7
        case .sent: 8
        case .acknowledged: 9
        case .venueRejected: 10
        case .filled: 11
        case .cancelRequested: 12
        case .cancelled: 13
        case .cancelRefused: 14
        case .amendRequested: 15
        case .amendConfirmed: 16
        case .amendRefused: 17
        case .expired: 18
        case .approvedForJudging: 19
        }
    }

    public func write(to writer: inout CompactWriter) {
        writer.byte(tag)
        switch self {
        case .riskAccepted, .approvalRequired, .approved, .approvedForJudging, .approvalExpired, .staged, .released,
            .sent, .cancelRequested, .amendConfirmed, .expired:
            break
        case .riskRejected(let reason), .denied(let reason), .venueRejected(let reason), .cancelled(let reason),
            .cancelRefused(let reason), .amendRefused(let reason):
            writer.string(reason)
        case .acknowledged(let venueOrderID):
            writer.write(venueOrderID)
        case .filled(let quantity, let price):
            writer.write(quantity)
            writer.write(price)
        case .amendRequested(let quantity, let kind):
            writer.write(quantity)
            writer.write(kind)
        }
    }

    public init(from reader: inout CompactReader) throws(CompactDecodingError) {
        switch try reader.byte() {
        case 0: self = .riskAccepted
        case 1: self = .riskRejected(reason: try reader.string())
        case 2: self = .approvalRequired
        case 3: self = .approved
        case 4: self = .denied(reason: try reader.string())
        case 5: self = .approvalExpired
        case 6: self = .staged
        case 7: self = .released
        case 8: self = .sent
        case 9: self = .acknowledged(try reader.read())
        case 10: self = .venueRejected(reason: try reader.string())
        case 11: self = .filled(quantity: try reader.read(), price: try reader.read())
        case 12: self = .cancelRequested
        case 13: self = .cancelled(reason: try reader.string())
        case 14: self = .cancelRefused(reason: try reader.string())
        case 15: self = .amendRequested(quantity: try reader.read(), kind: try reader.read())
        case 16: self = .amendConfirmed
        case 17: self = .amendRefused(reason: try reader.string())
        case 18: self = .expired
        case 19: self = .approvedForJudging
        case let tag: throw reader.unknownCase("OrderTransition", tag)
        }
    }
}
