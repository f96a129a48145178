/// Whether a winged shape (butterfly, iron butterfly, iron condor) must have wings of equal width.
///
/// Equal wings are the default because an unequal wing is far more often a strike typed wrong than a choice; a
/// trader who wants a broken-wing butterfly or a skewed condor says so, and the choice is kept in the package (and in
/// its journaled form) so replay validates it the same way.
public enum WingPolicy: String, Hashable, Sendable, Codable, CaseIterable {
    /// Lower and upper wing widths must be equal.
    case equidistant
    /// Wings may differ in width; strikes must still be in order.
    case brokenWingsAllowed
}
