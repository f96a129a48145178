internal import ArgumentParser
internal import Foundation
internal import LegateModel
internal import LegatePricing

/// `legate price`: prices options and solves implied volatility from JSON Lines on stdin.
struct PriceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "price",
        abstract: "Price options and solve implied volatilities, one JSON line in, one JSON line out.",
        discussion: """
            Reads JSON Lines on standard input and writes one JSON line per input line, in order.

            INPUT (one object per line):
              {"id": <any JSON value, echoed back>,
               "model": "black_scholes" | "black76" | "inverse",
               "right": "call" | "put",
               "underlying": <spot S for black_scholes; forward F in USD for black76 and inverse>,
               "strike": K, "expiry_years": T, "rate": r,
               "dividend": q   (black_scholes only: continuous dividend or foreign yield; default 0),
               and exactly one of
               "vol": σ        (price and Greeks at this volatility), or
               "price": V      (premium; the implied volatility is solved and the Greeks are computed at it;
                                for inverse the premium is in coin)}

            OUTPUT (one object per line):
              {"id", "price", "iv", "delta", "gamma", "vega", "theta", "rho", "vanna", "volga"}
              Raw partial derivatives per unit: vega per 1.00 of vol, theta = dV/dt per year with time passing,
              rho per 1.00 of rate. For inverse options the price is in coin and every Greek is a derivative of
              the coin premium with respect to the forward in USD; the line also carries
              "premium_adjusted_delta" = F·dV/dF = Black delta − coin premium (Deribit's delta).

            A line that cannot be priced yields {"id": …, "error": "<what and where>"} and the run goes on; the exit
            status is 1 if any line failed. Blank lines are skipped.

            EXAMPLE:
              echo '{"id":1,"model":"black76","right":"call","underlying":100,"strike":100,"expiry_years":0.5,"rate":0.02,"vol":0.2}' | legate price
            """
    )

    func run() throws {
        var failures = 0
        var lineNumber = 0
        var output = ""
        output.reserveCapacity(1 << 16)
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            guard let result = PriceLine.process(line, lineNumber: lineNumber) else { continue }
            if result.failed { failures += 1 }
            output += result.json
            output += "\n"
            if output.utf8.count >= 1 << 15 {
                FileHandle.standardOutput.write(Data(output.utf8))
                output.removeAll(keepingCapacity: true)
            }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
        if failures > 0 {
            FileHandle.standardError.write(Data("legate price: \(failures) of \(lineNumber) lines failed\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// The pure part of `legate price`: one input line to one output line.
enum PriceLine {
    struct Output {
        let json: String
        let failed: Bool
    }

    /// The keys an input line may carry; anything else is reported, so a typo is never silently ignored.
    static let knownKeys: Set<String> = [
        "id", "model", "right", "underlying", "strike", "expiry_years", "rate", "dividend", "vol", "price",
    ]

    /// Processes one line; nil for a blank line.
    static func process(_ line: String, lineNumber: Int) -> Output? {
        if line.allSatisfy(\.isWhitespace) { return nil }
        let object: [String: JSONValue]
        do {
            guard case .object(let parsed) = try JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)) else {
                return failure(id: nil, "line \(lineNumber): expected a JSON object")
            }
            object = parsed
        } catch {
            return failure(id: nil, "line \(lineNumber): not valid JSON")
        }
        let id = object["id"]
        do throws(PriceRequestError) {
            let request = try PriceRequest(object, lineNumber: lineNumber)
            let result = try request.evaluate()
            return Output(json: render(id: id, result), failed: false)
        } catch {
            return failure(id: id, error.description)
        }
    }

    static func failure(id: JSONValue?, _ message: String) -> Output {
        Output(json: "{\"id\":\(jsonText(id)),\"error\":\(jsonString(message))}", failed: true)
    }

    static func render(id: JSONValue?, _ result: PriceResult) -> String {
        var text = "{\"id\":\(jsonText(id))"
        let g = result.greeks
        let fields: [(String, Double)] = [
            ("price", g.price), ("iv", result.impliedVolatility), ("delta", g.delta), ("gamma", g.gamma),
            ("vega", g.vega), ("theta", g.theta), ("rho", g.rho), ("vanna", g.vanna), ("volga", g.volga),
        ]
        for (key, value) in fields {
            text += ",\"\(key)\":\(jsonNumber(value))"
        }
        if let adjusted = result.premiumAdjustedDelta {
            text += ",\"premium_adjusted_delta\":\(jsonNumber(adjusted))"
        }
        return text + "}"
    }

    /// A finite double in the shortest text that reads back to the same bits.
    static func jsonNumber(_ value: Double) -> String {
        value.isFinite ? "\(value)" : "null"
    }

    static func jsonString(_ text: String) -> String {
        JSONValue.string(text).jsonText
    }

    /// An echoed id (absent → null) as compact JSON text.
    static func jsonText(_ value: JSONValue?) -> String {
        value?.jsonText ?? "null"
    }
}

/// The result of one priced line.
struct PriceResult {
    let greeks: Greeks
    let impliedVolatility: Double
    let premiumAdjustedDelta: Double?
}

/// A validated `legate price` input line.
struct PriceRequest {
    let inputs: OptionInputs
    let target: Target

    enum Target {
        case vol(Double)
        case premium(Double)
    }

    init(_ object: [String: JSONValue], lineNumber: Int) throws(PriceRequestError) {
        let unknown = object.keys.filter { !PriceLine.knownKeys.contains($0) }.sorted()
        if let key = unknown.first {
            throw PriceRequestError(lineNumber: lineNumber, field: key, problem: "unknown field")
        }
        func string(_ key: String) throws(PriceRequestError) -> String {
            guard let value = object[key] else {
                throw PriceRequestError(lineNumber: lineNumber, field: key, problem: "missing")
            }
            guard case .string(let text) = value else {
                throw PriceRequestError(lineNumber: lineNumber, field: key, problem: "must be a string")
            }
            return text
        }
        func number(_ key: String) throws(PriceRequestError) -> Double? {
            guard let value = object[key] else { return nil }
            guard let double = value.numberValue else {
                throw PriceRequestError(lineNumber: lineNumber, field: key, problem: "must be a number")
            }
            guard double.isFinite else {
                throw PriceRequestError(lineNumber: lineNumber, field: key, problem: "must be finite")
            }
            return double
        }
        func required(_ key: String) throws(PriceRequestError) -> Double {
            guard let value = try number(key) else {
                throw PriceRequestError(lineNumber: lineNumber, field: key, problem: "missing")
            }
            return value
        }

        let modelText = try string("model")
        guard let model = PricingModel(rawValue: modelText) else {
            throw PriceRequestError(
                lineNumber: lineNumber,
                field: "model",
                problem: "\"\(modelText)\" is not one of black_scholes, black76, inverse"
            )
        }
        let rightText = try string("right")
        guard let right = OptionRight(rawValue: rightText) else {
            throw PriceRequestError(
                lineNumber: lineNumber,
                field: "right",
                problem: "\"\(rightText)\" is not call or put"
            )
        }
        let dividend = try number("dividend")
        if dividend != nil && model != .blackScholes {
            throw PriceRequestError(lineNumber: lineNumber, field: "dividend", problem: "applies to black_scholes only")
        }
        inputs = OptionInputs(
            model: model,
            right: right,
            underlying: try required("underlying"),
            strike: try required("strike"),
            expiryYears: try required("expiry_years"),
            rate: try required("rate"),
            dividend: dividend ?? 0
        )
        switch (try number("vol"), try number("price")) {
        case (let vol?, nil): target = .vol(vol)
        case (nil, let premium?): target = .premium(premium)
        case (nil, nil):
            throw PriceRequestError(lineNumber: lineNumber, field: "vol", problem: "give either vol or price")
        case (.some, .some):
            throw PriceRequestError(
                lineNumber: lineNumber,
                field: "price",
                problem: "give either vol or price, not both"
            )
        }
        self.lineNumber = lineNumber
    }

    let lineNumber: Int

    func evaluate() throws(PriceRequestError) -> PriceResult {
        do {
            let vol: Double
            switch target {
            case .vol(let given): vol = given
            case .premium(let premium): vol = try OptionPricer.impliedVolatility(inputs, price: premium)
            }
            let greeks = try OptionPricer.greeks(inputs, vol: vol)
            let adjusted = inputs.model == .inverse ? inputs.underlying * greeks.delta : nil
            return PriceResult(greeks: greeks, impliedVolatility: vol, premiumAdjustedDelta: adjusted)
        } catch {
            throw PriceRequestError(lineNumber: lineNumber, field: nil, problem: error.description)
        }
    }
}

/// A bad `legate price` line: which line, which field, what was wrong.
struct PriceRequestError: Error, CustomStringConvertible {
    let lineNumber: Int
    let field: String?
    let problem: String

    var description: String {
        if let field { return "line \(lineNumber): field \"\(field)\": \(problem)" }
        return "line \(lineNumber): \(problem)"
    }
}
