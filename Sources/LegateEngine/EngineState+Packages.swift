public import LegateCore
internal import LegateModel
public import LegateOrders
internal import OrderedCollections

/// A package's state, aggregated from its legs.
public enum PackageStatus: String, Hashable, Sendable, Codable {
    case pendingRisk
    case pendingApproval
    case staged
    /// Legs at the venue, nothing filled yet.
    case working
    /// Some legs have fills; not all complete.
    case partiallyFilled
    case filled
    /// Every leg final with no fill.
    case cancelled
    case rejected
    /// Every leg final, some filled and some not: the package is legged and incomplete (residual risk).
    case broken
}

/// What a package looks like now: its aggregated status and how many complete package units are done.
public struct PackageView: Hashable, Sendable {
    public let record: PackageRecord
    public let legs: [Order]
    public let status: PackageStatus
    public let progress: PackageFillProgress
}

extension EngineState {
    /// The package with its legs, status and fill progress; nil for an unknown id.
    public func view(ofPackage packageID: PackageID) -> PackageView? {
        guard let record = packages[packageID] else { return nil }
        let legs = record.legOrderIDs.compactMap { orders[$0] }
        guard legs.count == record.legOrderIDs.count else { return nil }
        let filled = legs.map(\.filledQuantity)
        guard let progress = try? PackageFillProgress(package: record.request.package, filled: filled) else {
            return nil
        }
        return PackageView(record: record, legs: legs, status: Self.aggregate(legs), progress: progress)
    }

    static func aggregate(_ legs: [Order]) -> PackageStatus {
        let statuses = legs.map(\.status)
        let anyFill = legs.contains { $0.filledQuantity.decimal.isPositive }
        if statuses.allSatisfy({ $0 == .filled }) { return .filled }
        if statuses.allSatisfy(\.isTerminal) {
            if anyFill { return .broken }
            return statuses.allSatisfy({ $0 == .rejected }) ? .rejected : .cancelled
        }
        if anyFill { return .partiallyFilled }
        if statuses.contains(.pendingApproval) { return .pendingApproval }
        if statuses.contains(.pendingRisk) { return .pendingRisk }
        if statuses.allSatisfy({ $0 == .staged || $0 == .accepted }) { return .staged }
        return .working
    }
}
