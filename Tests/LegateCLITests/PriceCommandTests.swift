// Proves `legate price` end to end: each JSON line gives one JSON line in order, published values come out of the
// real command, implied vols are solved from premiums, and every kind of bad line yields an error that names the
// line and the field while the run goes on and the exit status reports the failure.
import Foundation
import Testing

@testable import LegateCLI

@Suite struct PriceLineTests {
    func output(_ line: String) throws -> [String: Any] {
        let result = try #require(PriceLine.process(line, lineNumber: 3))
        return try #require(try JSONSerialization.jsonObject(with: Data(result.json.utf8)) as? [String: Any])
    }

    @Test func pricesBlack76AtTheMoney() throws {
        // py_vollib black/__init__.py: F=K=100, σ=0.2, r=2%, t=0.5 → 5.5811067246 (risk-methodology.md §7).
        let line =
            #"{"id":1,"model":"black76","right":"call","underlying":100,"strike":100,"expiry_years":0.5,"rate":0.02,"vol":0.2}"#
        let out = try output(line)
        #expect(out["id"] as? Int == 1)
        #expect(abs((out["price"] as? Double ?? 0) - 5.5811067246) < 1e-9)
        #expect(out["iv"] as? Double == 0.2)
        for key in ["delta", "gamma", "vega", "theta", "rho", "vanna", "volga"] {
            #expect(out[key] is Double, "missing \(key)")
        }
    }

    @Test func solvesImpliedVolatilityFromAPremium() throws {
        // py_vollib black_scholes/implied_volatility.py: S=K=100, t=0.5, r=1%, price 5.87602423383 → σ 0.2.
        let line =
            #"{"id":"x","model":"black_scholes","right":"call","underlying":100,"strike":100,"expiry_years":0.5,"rate":0.01,"price":5.87602423383}"#
        let out = try output(line)
        #expect(out["id"] as? String == "x")
        #expect(abs((out["iv"] as? Double ?? 0) - 0.2) < 1e-10)
        #expect(abs((out["price"] as? Double ?? 0) - 5.87602423383) < 1e-9)
    }

    @Test func inverseLinesCarryThePremiumAdjustedDelta() throws {
        let line =
            #"{"id":2,"model":"inverse","right":"call","underlying":97250,"strike":100000,"expiry_years":0.1,"rate":0,"vol":0.55}"#
        let out = try output(line)
        let price = try #require(out["price"] as? Double)
        let delta = try #require(out["delta"] as? Double)
        let adjusted = try #require(out["premium_adjusted_delta"] as? Double)
        #expect(price > 0 && price < 1, "the inverse premium is in coin")
        #expect(abs(adjusted - 97250 * delta) < 1e-12)
    }

    @Test(arguments: [
        (
            #"{"id":1,"model":"black76","right":"call","underlying":100,"strike":-5,"expiry_years":0.5,"rate":0.02,"vol":0.2}"#,
            "strike"
        ),
        (
            #"{"id":1,"model":"black76","right":"call","underlying":100,"strike":100,"expiry_years":0,"rate":0.02,"vol":0.2}"#,
            "expiry"
        ),
        (
            #"{"id":1,"model":"heston","right":"call","underlying":100,"strike":100,"expiry_years":1,"rate":0,"vol":0.2}"#,
            "model"
        ),
        (
            #"{"id":1,"model":"black76","right":"cal","underlying":100,"strike":100,"expiry_years":1,"rate":0,"vol":0.2}"#,
            "right"
        ),
        (#"{"id":1,"model":"black76","right":"call","underlying":100,"strike":100,"expiry_years":1,"rate":0}"#, "vol"),
        (
            #"{"id":1,"model":"black76","right":"call","underlying":100,"strike":100,"expiry_years":1,"rate":0,"vol":0.2,"price":3}"#,
            "price"
        ),
        (
            #"{"id":1,"model":"black76","right":"call","underlying":100,"strike":100,"expiry_years":1,"rate":0,"vol":0.2,"dividend":0.01}"#,
            "dividend"
        ),
        (
            #"{"id":1,"model":"black76","right":"call","underlying":100,"strike":100,"expiry_years":1,"rate":0,"vol":0.2,"strik":1}"#,
            "strik"
        ),
        (
            #"{"id":1,"model":"black76","right":"call","underlying":"100","strike":100,"expiry_years":1,"rate":0,"vol":0.2}"#,
            "underlying"
        ),
        (
            #"{"id":1,"model":"black76","right":"call","underlying":true,"strike":100,"expiry_years":1,"rate":0,"vol":0.2}"#,
            "underlying"
        ),
        (
            #"{"id":1,"model":"black76","right":"call","underlying":100,"strike":100,"expiry_years":1,"vol":0.2}"#,
            "rate"
        ),
        (
            #"{"id":1,"model":"black76","right":"call","underlying":100,"strike":80,"expiry_years":1,"rate":0,"price":10}"#,
            "intrinsic"
        ),
        (
            #"{"id":1,"model":"black76","right":"call","underlying":100,"strike":100,"expiry_years":1,"rate":0,"price":150}"#,
            "price"
        ),
        (
            #"{"id":1,"model":"black76","right":"call","underlying":100,"strike":100,"expiry_years":1,"rate":0,"vol":-0.2}"#,
            "vol"
        ),
    ])
    func badLinesNameTheProblem(line: String, mentions: String) throws {
        let result = try #require(PriceLine.process(line, lineNumber: 3))
        #expect(result.failed)
        let out = try #require(try JSONSerialization.jsonObject(with: Data(result.json.utf8)) as? [String: Any])
        let message = try #require(out["error"] as? String)
        #expect(message.contains("line 3"), "\(message)")
        #expect(message.lowercased().contains(mentions), "\(message)")
        #expect(out["id"] as? Int == 1)
        #expect(out["price"] == nil)
    }

    @Test func invalidJSONStillAnswersWithAnError() throws {
        let result = try #require(PriceLine.process("{not json", lineNumber: 9))
        #expect(result.failed)
        #expect(result.json == #"{"id":null,"error":"line 9: not valid JSON"}"#)
        #expect(PriceLine.process("   ", lineNumber: 10) == nil)
    }

    @Test func idsAreEchoedExactly() throws {
        let line =
            #"{"id":9007199254740993,"model":"black76","right":"put","underlying":100,"strike":100,"expiry_years":1,"rate":0,"vol":0.2}"#
        let result = try #require(PriceLine.process(line, lineNumber: 1))
        #expect(result.json.hasPrefix(#"{"id":9007199254740993,"#))
    }
}

@Suite struct PriceExecutableTests {
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("legate")
    }

    static func run(_ arguments: [String], stdin: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    @Test func theExampleFileRunsInOrderAndReportsItsBadLine() throws {
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Config/examples/price-requests.jsonl")
        let input = try String(contentsOf: examples, encoding: .utf8)
        let result = try Self.run(["price"], stdin: input)
        let lines = result.stdout.split(separator: "\n")
        let ids = try lines.map { line -> String in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(object["id"] as? String)
        }
        #expect(
            ids == [
                "b76-atm", "hull-call", "haug-put-q", "iv-from-premium", "deribit-btc-call", "deribit-btc-put-iv",
                "bad-strike",
            ]
        )
        #expect(result.status == 1, "one line is bad, so the run fails")
        #expect(result.stderr.contains("1 of 7 lines failed"))
        #expect(lines.last?.contains("\"error\"") == true)
    }

    @Test func allGoodLinesExitZero() throws {
        let line =
            #"{"id":1,"model":"black76","right":"call","underlying":100,"strike":100,"expiry_years":0.5,"rate":0.02,"vol":0.2}"#
        let result = try Self.run(["price"], stdin: line + "\n\n" + line + "\n")
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 2)
    }

    @Test func helpDocumentsTheFields() throws {
        let result = try Self.run(["price", "--help"], stdin: "")
        for field in [
            "black_scholes", "black76", "inverse", "expiry_years", "dividend", "vol", "premium_adjusted_delta", "error",
        ] {
            #expect(result.stdout.contains(field), "help lacks \(field)")
        }
    }
}
