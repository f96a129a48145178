internal import LegateCore
internal import LegateModel
internal import OrderedCollections

/// The hedge policies the engine holds (`EngineState.hedgePolicies`), and which one governs an account's hedge.
///
/// A policy's scope is a firm, desk or account book of one underlying (`HedgePolicy.problem` refuses any other);
/// the policy governing an account is the most specific one whose book holds it: its account's, else its desk's,
/// else the firm's.
struct HedgePolicyBook {
    private(set) var policies: OrderedDictionary<LimitScope, HedgePolicy>
    /// The desk each account belongs to (the engine's configuration), for desk-scoped books.
    let desks: [AccountID: DeskID]

    init(policies: OrderedDictionary<LimitScope, HedgePolicy> = [:], desks: [AccountID: DeskID] = [:]) {
        self.policies = policies
        self.desks = desks
    }

    /// Keeps in step with a committed `hedgePolicyChanged` event, as the engine's state does.
    mutating func record(scope: LimitScope, policy: HedgePolicy?) {
        policies[scope] = policy
    }

    /// The policy governing `account`'s book of `underlying`, paused or not, or nil when no book holding it has one.
    func policy(for account: AccountID, underlying: Asset) -> HedgePolicy? {
        var best: (specificity: Int, policy: HedgePolicy)?
        for policy in policies.values
        where policy.scope.underlying == underlying && holds(policy.scope, account) {
            let specificity = policy.scope.account != nil ? 2 : (policy.scope.desk != nil ? 1 : 0)
            if specificity > (best?.specificity ?? -1) { best = (specificity, policy) }
        }
        return best?.policy
    }

    /// Whether the book `scope` selects holds `account`'s positions.
    func holds(_ scope: LimitScope, _ account: AccountID) -> Bool {
        if let scoped = scope.account, scoped != account { return false }
        if let desk = scope.desk, desks[account] != desk { return false }
        return true
    }
}
