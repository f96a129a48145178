// Proves `legate run` end to end as a user runs it: the default configuration plays the whole scripted desk through
// the real engine, gate, journal and simulated venues and prints its timeline and summary; `legate replay` of the
// journal it wrote prints the same state hash; JSON output is one document; a bad configuration names the file,
// the key path and the problem with exit status 1; an existing journal is not overwritten unless asked.
import Foundation
import Testing

@Suite struct RunCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let defaultConfig = repository.appendingPathComponent("Config/run.json").path

    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("legate-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static func stateHash(in text: String, prefix: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix(prefix) }.map {
            String($0.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        }
    }

    @Test func theDefaultRunPlaysTheDeskAndReplaysToTheSameStateHash() throws {
        let journal = try Self.temporaryDirectory().appendingPathComponent("run.sqlite").path
        let run = try PriceExecutableTests.run(
            ["run", "--config", Self.defaultConfig, "--journal", journal],
            stdin: ""
        )
        #expect(run.status == 0, "\(run.stderr)")
        let out = run.stdout
        // The desk's story: limits, a condor and a straddle as packages, a hedge, a cancel, four eyes, a hard limit.
        for expected in [
            "rita set vega (soft) on account VOL-2 at 3000", "iron condor", "straddle", "BTC-PERPETUAL",
            "cancelled by the client", "NEEDS APPROVAL: soft vega limit on account VOL-2",
            "four eyes: carol cannot approve their own order", "rita approved", "REJECTED: hard",
            "okx OUTAGE", "deribit session DROPPED", "fee ", "SUMMARY", "RISK REPORT", "margin_utilisation",
            "gate market no market rebuild failed; last: rebuilt on market#",
        ] {
            #expect(out.contains(expected), "missing \"\(expected)\"")
        }
        let hash = try #require(Self.stateHash(in: out, prefix: "state hash  "))
        #expect(hash.count == 64)
        let replay = try PriceExecutableTests.run(["replay", "--journal", journal], stdin: "")
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(Self.stateHash(in: replay.stdout, prefix: "state hash:") == hash)
    }

    @Test func jsonOutputIsOneDocumentWithTheTimelineAndTheSummary() throws {
        let journal = try Self.temporaryDirectory().appendingPathComponent("run.sqlite").path
        let run = try PriceExecutableTests.run(
            ["run", "--config", Self.defaultConfig, "--journal", journal, "--duration", "6m", "--json"],
            stdin: ""
        )
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let timeline = try #require(object["timeline"] as? [[String: Any]])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(timeline.contains { ($0["kind"] as? String) == "fill" })
        #expect((summary["state_hash"] as? String)?.count == 64)
        #expect((summary["session"] as? [String: Any])?["simulated"] as? String == "6m")
        // The gate valued every decision on a market rebuilt from the marks: no failure to report.
        let market = try #require(summary["gate_market"] as? [String: Any])
        #expect(market["failed_refreshes"] as? Int == 0)
        #expect(market["last_failure"] == nil)
        #expect((market["summary"] as? String)?.hasPrefix("no market rebuild failed") == true)
    }

    @Test func aBadConfigurationNamesTheFileTheKeyAndTheProblem() throws {
        let directory = try Self.temporaryDirectory()
        var text = try String(contentsOfFile: Self.defaultConfig, encoding: .utf8)
        // Paths in the file are relative to it: point them back at the repository's Config folder.
        let config = Self.repository.appendingPathComponent("Config").path
        for key in ["models", "limits", "market"] {
            text = text.replacingOccurrences(of: "\"\(key)\": \"", with: "\"\(key)\": \"\(config)/")
        }
        text = text.replacingOccurrences(of: "\"config\": \"", with: "\"config\": \"\(config)/")
        let cases: [(from: String, to: String, expected: String)] = [
            ("\"price\": \"take\"", "\"price\": \"tak\"", "script[0].order.price: \"tak\" is not a price"),
            ("\"duration\": \"1h\"", "\"duration\": \"an hour\"", "duration: \"an hour\" is not a duration"),
            ("\"by\": \"alice\"", "\"by\": \"mallory\"", "script[0].by: \"mallory\" is not one of the users"),
            ("\"seed\": 7", "\"seed\": 7, \"sede\": 1", "sede: unknown key"),
        ]
        for (index, entry) in cases.enumerated() {
            let file = directory.appendingPathComponent("bad-\(index).json").path
            try text.replacingOccurrences(of: entry.from, with: entry.to).write(
                toFile: file,
                atomically: true,
                encoding: .utf8
            )
            let run = try PriceExecutableTests.run(["run", "--config", file, "--journal", file + ".sqlite"], stdin: "")
            #expect(run.status == 1)
            #expect(run.stderr.contains("\(file): \(entry.expected)"), "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: file + ".sqlite"), "no journal for a bad configuration")
        }
    }

    @Test func anExistingJournalIsKeptUnlessReplaceIsGiven() throws {
        let journal = try Self.temporaryDirectory().appendingPathComponent("taken.sqlite").path
        try Data("not a journal".utf8).write(to: URL(fileURLWithPath: journal))
        let run = try PriceExecutableTests.run(
            ["run", "--config", Self.defaultConfig, "--journal", journal, "--duration", "1m"],
            stdin: ""
        )
        #expect(run.status == 1)
        #expect(run.stderr.contains("\(journal) exists"))
        #expect(try String(contentsOfFile: journal, encoding: .utf8) == "not a journal")
        let replaced = try PriceExecutableTests.run(
            ["run", "--config", Self.defaultConfig, "--journal", journal, "--duration", "1m", "--replace"],
            stdin: ""
        )
        #expect(replaced.status == 0, "\(replaced.stderr)")
    }
}
