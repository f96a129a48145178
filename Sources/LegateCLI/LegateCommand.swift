public import ArgumentParser

/// The `legate` command tree.
public struct LegateCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "legate",
        abstract: "Legate: a risk-centric order and execution management system for crypto options desks.",
        subcommands: [
            PriceCommand.self, RiskCommand.self, BenchCommand.self, ReplayCommand.self, AuditCommand.self,
            SimulateSessionCommand.self, RunCommand.self,
        ]
    )

    public init() {}
}

/// The entry point `legate/main.swift` calls, so the executable stays one line and needs no imports of its own.
public enum LegateMain {
    public static func run() async {
        await LegateCommand.main()
    }
}
