// Proves the Deribit-style calendar lists the right expiries for a known instant (2026-11-21 08:00 UTC, a Saturday:
// dailies, Friday weeklies, last-Friday monthlies and quarterlies, all at 08:00 UTC, deduplicated), that an expiry
// leaves the list at its instant, and that strikes are listed around the forward on the configured step.
import LegateCore
import LegateModel
import LegateSimulator
import Testing

@Suite struct ExpiryCalendarTests {
    static let deribit = ExpiryCalendar(
        hourUTC: 8,
        options: ExpiryCounts(dailies: 4, weeklies: 4, monthlies: 3, quarterlies: 4),
        futures: ExpiryCounts(dailies: 0, weeklies: 2, monthlies: 1, quarterlies: 4)
    )

    static func at8(_ year: Int, _ month: Int, _ day: Int) -> UnixNanos {
        CivilDate(year: year, month: month, day: day)!.at(hourUTC: 8)
    }

    @Test func optionExpiriesListedOn21November2026() {
        // Dailies 22–25 Nov; weeklies (Fridays) 27 Nov, 4, 11, 18 Dec; monthlies (last Fridays) 27 Nov, 25 Dec,
        // 29 Jan; quarterlies 25 Dec, 26 Mar, 25 Jun, 24 Sep. 21 Nov 08:00 itself has just expired.
        let expected = [
            Self.at8(2026, 11, 22), Self.at8(2026, 11, 23), Self.at8(2026, 11, 24), Self.at8(2026, 11, 25),
            Self.at8(2026, 11, 27), Self.at8(2026, 12, 4), Self.at8(2026, 12, 11), Self.at8(2026, 12, 18),
            Self.at8(2026, 12, 25), Self.at8(2027, 1, 29), Self.at8(2027, 3, 26), Self.at8(2027, 6, 25),
            Self.at8(2027, 9, 24),
        ]
        #expect(Self.deribit.optionExpiries(at: Fixtures.start) == expected)
    }

    @Test func futureExpiriesListedOn21November2026() {
        let expected = [
            Self.at8(2026, 11, 27), Self.at8(2026, 12, 4), Self.at8(2026, 12, 25), Self.at8(2027, 3, 26),
            Self.at8(2027, 6, 25), Self.at8(2027, 9, 24),
        ]
        #expect(Self.deribit.futureExpiries(at: Fixtures.start) == expected)
    }

    @Test func anExpiryIsListedUntilItsInstant() {
        let justBefore = Fixtures.start + (-1)
        #expect(Self.deribit.optionExpiries(at: justBefore).first == Fixtures.start)
        #expect(!Self.deribit.optionExpiries(at: Fixtures.start).contains(Fixtures.start))
    }

    @Test func strikesSurroundTheForwardOnTheStep() {
        let ladder = StrikeLadder(rules: [
            StrikeLadder.Rule(maximumDays: 2, step: 500, strikesEachSide: 2),
            StrikeLadder.Rule(maximumDays: 400, step: 5_000, strikesEachSide: 1),
        ])
        #expect(
            ladder.strikes(forward: 95_260, days: 1).map(\.description) == [
                "94500", "95000", "95500", "96000", "96500",
            ]
        )
        #expect(ladder.strikes(forward: 95_260, days: 90).map(\.description) == ["90000", "95000", "100000"])
        #expect(ladder.strikes(forward: 700, days: 90).map(\.description) == ["5000"])
    }
}
