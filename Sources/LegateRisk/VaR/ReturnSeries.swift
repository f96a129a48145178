/// A table of historical simple returns: one row per date, one column per underlying.
///
/// Read from the CSV files in `Models/returns/` (header `date,<NAME>,…`, then `YYYY-MM-DD,<return>,…`). The caller
/// reads the file; this type parses text and checks it, so the pure module does no I/O.
public struct ReturnSeries: Sendable, Hashable {
    /// Column names (`BTC`).
    public let names: [String]
    /// Dates as written in the file, one per row.
    public let dates: [String]
    /// `returns[row·names.count + column]`: the simple return `P_t/P_{t−1} − 1`.
    public let returns: [Double]

    /// The number of dates.
    public var count: Int { dates.count }

    /// Creates a series from parsed columns.
    ///
    /// - Throws: `VaRError.emptySeries` for no names or no rows, `.dimensionMismatch` when a row's width differs,
    ///   `.nonFiniteValue` for a return that is NaN, infinite or ≤ −1 (a price cannot fall below zero).
    public init(names: [String], dates: [String], returns: [Double], what: String = "return series") throws(VaRError) {
        guard !names.isEmpty else { throw .emptySeries(what: "\(what) columns") }
        guard !dates.isEmpty else { throw .emptySeries(what: what) }
        guard returns.count == dates.count * names.count else {
            throw .dimensionMismatch(what: what, expected: dates.count * names.count, actual: returns.count)
        }
        for (index, value) in returns.enumerated() where !(value.isFinite && value > -1) {
            throw .nonFiniteValue(what: "\(what) (returns must be finite and > -1)", index: index, value: value)
        }
        self.names = names
        self.dates = dates
        self.returns = returns
    }

    /// Parses the CSV text of a return file.
    ///
    /// - Throws: `VaRError.emptySeries` for a file with no header or no rows, `.malformedLine` naming the line for
    ///   a wrong field count or an unreadable number, and the checks of `init(names:dates:returns:)`.
    public init(csv text: String, what: String) throws(VaRError) {
        var lines = text.split(whereSeparator: \.isNewline).map(String.init).enumerated().makeIterator()
        guard let (_, header) = lines.next() else { throw .emptySeries(what: what) }
        let columns = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard columns.count >= 2, columns[0] == "date" else {
            throw .malformedLine(what: what, line: 1, reason: "header must be date,<NAME>,…")
        }
        let names = Array(columns.dropFirst())
        var dates: [String] = []
        var returns: [Double] = []
        while let (index, line) = lines.next() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == columns.count else {
                throw .malformedLine(
                    what: what,
                    line: index + 1,
                    reason: "\(fields.count) fields, header has \(columns.count)"
                )
            }
            dates.append(String(fields[0]))
            for field in fields.dropFirst() {
                guard let value = Double(field) else {
                    throw .malformedLine(what: what, line: index + 1, reason: "\"\(field)\" is not a number")
                }
                returns.append(value)
            }
        }
        try self.init(names: names, dates: dates, returns: returns, what: what)
    }

    /// The column of `name`.
    ///
    /// - Throws: `VaRError.unknownName`.
    public func column(_ name: String) throws(VaRError) -> Int {
        guard let index = names.firstIndex(of: name) else {
            throw .unknownName(what: "return series column", name: name)
        }
        return index
    }

    /// The return of column `column` on row `row`.
    public func value(row: Int, column: Int) -> Double {
        returns[row * names.count + column]
    }
}
