/// Input checks for a whole batch, done once so that the pricing loop need not branch on them.
extension OptionBatch {
    /// Checks every option as `OptionPricer.greeks` would, plus the equal lengths the pricer requires.
    ///
    /// A linear pass over the columns, far cheaper than pricing; run it after filling or editing the batch.
    ///
    /// - Throws: `PricingError.invalidInput` for the first invalid value, its field suffixed with the row, as in
    ///   `strike[12]`; columns of unequal length are reported on the first short column with its length as the
    ///   value.
    public func validate() throws(PricingError) {
        let n = underlying.count
        let lengths: [(String, Int)] = [
            ("strike", strike.count), ("expiryYears", expiryYears.count), ("rate", rate.count),
            ("dividend", dividend.count), ("vol", vol.count), ("isCall", isCall.count),
        ]
        for (field, length) in lengths where length != n {
            throw .invalidInput(
                field: field,
                value: Double(length),
                reason: "column has \(length) rows but underlying has \(n)"
            )
        }
        for row in 0..<n {
            do throws(PricingError) {
                try OptionPricer.validate(inputs(at: row))
                try OptionPricer.requirePositive(vol[row], field: "vol")
            } catch {
                guard case .invalidInput(let field, let value, let reason) = error else { throw error }
                throw .invalidInput(field: "\(field)[\(row)]", value: value, reason: reason)
            }
        }
    }
}
