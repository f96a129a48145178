public import LegateCore
public import LegateModel

/// What the engine is told at startup: who may do what, and how long an approval stays valid.
public struct EngineConfiguration: Hashable, Sendable {
    public let users: [UserID: UserProfile]
    /// The desk each account belongs to (desk-scoped limits add up its accounts); an account without one belongs
    /// to no desk.
    public let desks: [AccountID: DeskID]
    /// How long a soft-limit approval request waits, and how long a granted approval stays valid.
    public let approvalTimeToLive: Int64

    public init(
        users: [UserProfile],
        desks: [AccountID: DeskID] = [:],
        approvalTimeToLive: Int64 = 5 * 60 * 1_000_000_000
    ) {
        precondition(approvalTimeToLive > 0, "approval time to live must be positive")
        var byID: [UserID: UserProfile] = [:]
        for user in users { byID[user.id] = user }
        self.users = byID
        self.desks = desks
        self.approvalTimeToLive = approvalTimeToLive
    }

    /// Whether `order` falls under `scope` by who entered it and where: desk, account, underlying and role.
    ///
    /// An expiry bucket is not an order property; the gate that supports bucket limits matches it itself.
    public func scope(_ scope: LimitScope, covers request: OrderRequest, owner: UserID) -> Bool {
        if let account = scope.account, request.account != account { return false }
        if let desk = scope.desk, desks[request.account] != desk { return false }
        if let underlying = scope.underlying, request.instrument.underlying.base != underlying { return false }
        if let role = scope.role, users[owner]?.roles.contains(role) != true { return false }
        return true
    }
}
