public import LegateCore
public import LegateModel

/// What the engine is told at startup: who may do what, and how long an approval stays valid.
public struct EngineConfiguration: Hashable, Sendable {
    public let users: [UserID: UserProfile]
    /// How long a soft-limit approval request waits, and how long a granted approval stays valid.
    public let approvalTimeToLive: Int64

    public init(users: [UserProfile], approvalTimeToLive: Int64 = 5 * 60 * 1_000_000_000) {
        precondition(approvalTimeToLive > 0, "approval time to live must be positive")
        var byID: [UserID: UserProfile] = [:]
        for user in users { byID[user.id] = user }
        self.users = byID
        self.approvalTimeToLive = approvalTimeToLive
    }
}
