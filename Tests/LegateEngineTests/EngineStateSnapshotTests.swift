// Proves the compact snapshot format: on random states reached by the property generator (plus a hedge policy, marks
// and orders awaiting reconciliation) decoding gives back an equal state, equal states give equal bytes, the format
// agrees with the older `Codable` one, and damaged bytes are refused with the type and byte offset, never a crash.
import LegateCore
import LegateEngine
import LegateModel
import LegateOrders
import OrderedCollections
import Testing

@Suite struct EngineStateSnapshotTests {
    /// A state after 300 random inputs, then a hedge policy, a mark and a restart, so every part of the state holds
    /// something.
    static func randomState(seed: UInt64) throws -> EngineState {
        var generator = InputGenerator(random: SplitMix(state: seed))
        var harness = Harness()
        for _ in 0..<300 { harness.input(generator.next(known: Array(harness.state.orders.keys))) }
        harness.command(
            Fixture.rita,
            .setHedgePolicy(EngineHedgePolicyTests.btcDeskOne, policy: try EngineHedgePolicyTests.policy())
        )
        harness.input(.mark(instrument: Fixture.call, price: Price(FixedDecimal(units: 525, scale: 4))))
        harness.input(.restarted)
        return harness.state
    }

    @Test(arguments: UInt64(0)..<12)
    func randomStatesRoundTrip(seed: UInt64) throws {
        let state = try Self.randomState(seed: seed)
        #expect(!state.hedgePolicies.isEmpty && !state.marks.isEmpty)
        let bytes = state.snapshotBytes()
        #expect(EngineState.isCompactSnapshot(bytes))
        let decoded = try EngineState(snapshotBytes: bytes)
        #expect(decoded == state, "seed \(seed): the decoded state differs")
        #expect(decoded.snapshotBytes() == bytes, "seed \(seed): equal states encode differently")
        // The same state through the older format decodes equal too: one canonical form behind both.
        #expect(try BinaryDecoder().decode(EngineState.self, from: BinaryEncoder().encode(state)) == state)
    }

    /// The copy a running node hands to its snapshot thread drops the derived indexes and nothing the snapshot
    /// holds: same bytes, and decoding them rebuilds the full state, indexes included.
    @Test(arguments: UInt64(0)..<4)
    func theSnapshotCopyEncodesLikeTheStateAndRebuildsIt(seed: UInt64) throws {
        let state = try Self.randomState(seed: seed)
        #expect(!state.clientOrderIndex.isEmpty && !state.workingOrderCounts.isEmpty)
        let copy = state.snapshotCopy()
        #expect(copy.clientOrderIndex.isEmpty && copy.workingOrderCounts.isEmpty)
        #expect(copy.clientPackageIndex.isEmpty && copy.positionKeysByInstrument.isEmpty)
        #expect(copy.snapshotBytes() == state.snapshotBytes())
        #expect(try EngineState(snapshotBytes: copy.snapshotBytes()) == state)
    }

    /// Every part of the state appears in the random states above, or the round trip proves little (granted
    /// approvals, rare at the end of a random run, round-trip in `EngineApprovalTests`).
    @Test func randomStatesCoverEveryPartOfTheState() throws {
        var covered: Set<String> = []
        for seed in UInt64(0)..<12 {
            let state = try Self.randomState(seed: seed)
            let parts: [(String, Bool)] = [
                ("packages", !state.packages.isEmpty), ("staged", !state.stagedOrders.isEmpty),
                ("approvalRequests", !state.approvalRequests.isEmpty),
                ("reconciliation", !state.awaitingReconciliation.isEmpty),
                ("positions", !state.positions.isEmpty), ("bookedTrades", !state.bookedTrades.isEmpty),
                ("allocations", !state.allocations.isEmpty), ("limits", !state.limits.isEmpty),
                ("quarantined", !state.quarantinedReports.isEmpty),
            ]
            for (name, present) in parts where present { covered.insert(name) }
        }
        #expect(covered.count == 9, "present only: \(covered.sorted())")
    }

    @Test func everyTruncationIsRefusedWithAnOffset() throws {
        let bytes = try Self.randomState(seed: 3).snapshotBytes()
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 400)) {
            #expect(throws: CompactDecodingError.self, "\(length) of \(bytes.count) bytes") {
                try EngineState(snapshotBytes: Array(bytes.prefix(length)))
            }
        }
    }

    @Test func aForeignVersionTrailingBytesAndAMissingMagicAreRefused() throws {
        let bytes = try Self.randomState(seed: 5).snapshotBytes()
        var newer = bytes
        newer[4] = EngineState.snapshotFormatVersion + 1
        #expect {
            try EngineState(snapshotBytes: newer)
        } throws: { error in
            "\(error)".contains("format version \(EngineState.snapshotFormatVersion + 1)")
        }
        #expect {
            try EngineState(snapshotBytes: bytes + [0])
        } throws: { error in
            "\(error)".contains("1 trailing bytes")
        }
        var foreign = bytes
        foreign[0] = 0
        #expect(!EngineState.isCompactSnapshot(foreign))
        #expect {
            try EngineState(snapshotBytes: foreign)
        } throws: { error in
            "\(error)".contains("no LGST magic")
        }
    }

    /// An order no engine could hold (more filled than ordered) is refused, naming the order and the invariant.
    @Test func anOrderBreakingItsInvariantsIsRefused() throws {
        var harness = Harness()
        harness.command(Fixture.alice, .placeOrder(Fixture.request("i1"), stage: false))
        let order = try #require(harness.state.orders.first)
        var writer = CompactWriter()
        writer.write(order.id)
        writer.write(order.request)
        writer.write(order.owner)
        writer.write(order.createdAt)
        writer.optional(order.packageID)
        writer.write(OrderStatus.partiallyFilled)
        writer.optional(order.pending)
        writer.write(order.quantity)
        writer.write(order.kind)
        writer.write(order.quantity + order.quantity)
        writer.write(order.filledValue)
        writer.optional(order.venueOrderID)
        writer.write(order.updatedAt)
        writer.optional(order.reason)
        var reader = CompactReader(bytes: writer.bytes)
        #expect {
            _ = try Order(from: &reader)
        } throws: { error in
            "\(error)".contains("Order \(order.id)") && "\(error)".contains("exceeds quantity")
        }
        // The same fields with the order's own figures decode to the order itself.
        var same = CompactWriter()
        order.write(to: &same)
        var sameReader = CompactReader(bytes: same.bytes)
        #expect(try Order(from: &sameReader) == order)
    }
}
