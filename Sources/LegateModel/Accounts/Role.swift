public import LegateCore

/// What a user is allowed to do. The engine enforces permissions itself, not only the API in front of it.
public enum Role: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case trader
    case riskManager = "risk_manager"
    case admin
    case viewer

    /// Whether this role grants `permission`: a switch, not a set, because the engine asks for every command.
    public func grants(_ permission: Permission) -> Bool {
        switch (self, permission) {
        case (.admin, _): true
        case (.viewer, .view): true
        case (.trader, .view), (.trader, .placeOrder), (.trader, .amendOrder), (.trader, .cancelOrder),
            (.trader, .cancelAll), (.trader, .stageOrder), (.trader, .releaseOrder), (.trader, .allocateFills):
            true
        case (.riskManager, .view), (.riskManager, .cancelOrder), (.riskManager, .cancelAll), (.riskManager, .approve),
            (.riskManager, .setLimit), (.riskManager, .setHedgePolicy):
            true
        default: false
        }
    }

    /// The actions this role grants.
    public var permissions: Set<Permission> { Set(Permission.allCases.filter(grants)) }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One kind of action a command needs permission for.
public enum Permission: String, Hashable, Sendable, Codable, CaseIterable {
    case view
    case placeOrder
    case amendOrder
    case cancelOrder
    case cancelAll
    case stageOrder
    case releaseOrder
    /// Split an order's fills across sub-accounts.
    case allocateFills
    /// Approve or deny an order that breached a soft limit (four eyes: never one's own).
    case approve
    case setLimit
    case setHedgePolicy
}

/// A user known to the engine: roles, and the accounts they may act on.
public struct UserProfile: Hashable, Sendable, Codable {
    public let id: UserID
    public let roles: Set<Role>
    /// Accounts this user may trade or manage; empty means none (admins act on all).
    public let accounts: Set<AccountID>

    public init(id: UserID, roles: Set<Role>, accounts: Set<AccountID>) {
        self.id = id
        self.roles = roles
        self.accounts = accounts
    }

    public func has(_ permission: Permission) -> Bool {
        roles.contains { $0.grants(permission) }
    }

    public func mayAct(on account: AccountID) -> Bool {
        roles.contains(.admin) || accounts.contains(account)
    }
}
