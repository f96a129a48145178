// Roles grant exactly the permissions the engine enforces (the switch in `Role.grants` against the documented sets).
import LegateModel
import Testing

@Suite struct RoleTests {
    @Test func rolesGrantTheirPermissions() {
        #expect(
            Role.trader.permissions == [
                .view, .placeOrder, .amendOrder, .cancelOrder, .cancelAll, .stageOrder, .releaseOrder, .allocateFills,
            ]
        )
        #expect(
            Role.riskManager.permissions == [.view, .cancelOrder, .cancelAll, .approve, .setLimit, .setHedgePolicy]
        )
        #expect(Role.admin.permissions == Set(Permission.allCases))
        #expect(Role.viewer.permissions == [.view])
        #expect(
            !Role.trader.grants(.approve) && !Role.riskManager.grants(.placeOrder) && !Role.viewer.grants(.cancelOrder)
        )
    }
}
