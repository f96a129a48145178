// Proves that Sources/ keeps the house rules a compiler cannot check (STYLE habit 15): pure modules stay pure (no
// Foundation, clock, randomness or sleeping), nothing force-tries, crashes without a reason, prints outside the CLI,
// leaves FIXMEs, or hides an unchecked Sendable without saying why, and functions stay short.
import Foundation
import Testing

@Suite struct TidyTests {
    /// Modules that must stay deterministic and free of I/O.
    static let pureModules = [
        "LegateCore", "LegateModel", "LegateSymbology", "LegatePricing", "LegateOrders", "LegateEngine", "LegateRisk",
        "LegateSimulator",
    ]
    /// Modules allowed to write to standard output.
    static let printingModules = ["LegateCLI", "legate", "Tools"]
    /// Longest function body, in lines (ratchet down over time, as TigerBeetle does).
    static let maximumFunctionLines = 90

    static let sourcesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources")

    struct SourceFile {
        let module: String
        let path: String
        let lines: [String]
    }

    static func sourceFiles() throws -> [SourceFile] {
        let manager = FileManager.default
        var files: [SourceFile] = []
        guard let enumerator = manager.enumerator(at: sourcesDirectory, includingPropertiesForKeys: nil) else {
            return files
        }
        for case let url as URL in enumerator where url.pathExtension == "swift" {
            let relative = String(url.path.dropFirst(sourcesDirectory.path.count + 1))
            let module = String(relative.split(separator: "/").first ?? "")
            let text = try String(contentsOf: url, encoding: .utf8)
            files.append(SourceFile(module: module, path: relative, lines: text.components(separatedBy: "\n")))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Lines with code only: comments and string literals do not count as uses of a banned call.
    static func code(_ line: String) -> String {
        var result = ""
        var inString = false
        var previous: Character = " "
        for character in line {
            if !inString && character == "/" && previous == "/" {
                result.removeLast()
                break
            }
            if character == "\"" && previous != "\\" { inString.toggle() }
            if !inString && character != "\"" { result.append(character) }
            previous = character
        }
        return result
    }

    func violations(_ rule: (SourceFile, Int, String) -> Bool) throws -> [String] {
        var found: [String] = []
        for file in try Self.sourceFiles() {
            for (index, line) in file.lines.enumerated() where rule(file, index, Self.code(line)) {
                found.append("\(file.path):\(index + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        return found
    }

    @Test func sourcesExist() throws {
        #expect(try Self.sourceFiles().count > 10)
    }

    @Test func pureModulesAreDeterministicAndFreeOfIO() throws {
        let banned = ["import Foundation", "Date()", ".now", ".random(", "UUID()", "Task.sleep", "ContinuousClock"]
        let found = try violations { file, _, code in
            Self.pureModules.contains(file.module) && banned.contains { code.contains($0) }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    @Test func noForceTry() throws {
        let found = try violations { _, _, code in code.contains("try!") }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    @Test func fatalErrorsSayWhy() throws {
        let found = try violations { _, _, code in code.contains("fatalError()") }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    @Test func printOnlyInTheCommandLine() throws {
        let found = try violations { file, _, code in
            !Self.printingModules.contains(file.module)
                && (code.range(of: #"(^|[^A-Za-z_.])print\("#, options: .regularExpression) != nil)
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    @Test func noFixme() throws {
        let found = try violations { file, index, _ in file.lines[index].contains("FIXME") }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    @Test func moneyNeverGoesThroughDoubleInitializers() throws {
        let pattern = #"Double\(\s*(price|quantity|money|amount|notional)\b"#
        let found = try violations { _, _, code in code.range(of: pattern, options: .regularExpression) != nil }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    @Test func uncheckedSendableSaysWhyItIsSafe() throws {
        let found = try violations { file, index, code in
            guard code.contains("@unchecked Sendable") || code.contains("nonisolated(unsafe)") else { return false }
            let context = file.lines[max(0, index - 3)...index].joined(separator: "\n")
            return !context.contains("Safe because:")
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }

    @Test func functionsStayShort() throws {
        var found: [String] = []
        for file in try Self.sourceFiles() {
            var index = 0
            while index < file.lines.count {
                let code = Self.code(file.lines[index])
                guard code.range(of: #"\bfunc\s"#, options: .regularExpression) != nil, code.contains("{") else {
                    index += 1
                    continue
                }
                var depth = 0
                var end = index
                scan: for lineIndex in index..<file.lines.count {
                    for character in Self.code(file.lines[lineIndex]) {
                        if character == "{" { depth += 1 }
                        if character == "}" { depth -= 1 }
                    }
                    if depth <= 0 {
                        end = lineIndex
                        break scan
                    }
                }
                let length = end - index + 1
                if length > Self.maximumFunctionLines {
                    found.append("\(file.path):\(index + 1): function of \(length) lines")
                }
                index += 1
            }
        }
        #expect(found.isEmpty, "\(found.joined(separator: "\n"))")
    }
}
