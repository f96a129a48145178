/// The named bounds the journal enforces, identically in every implementation.
///
/// A limit on everything keeps one bad producer from writing a record the replay cannot hold in memory or a batch
/// that holds the writer (and every waiting client) for seconds. The relations between these constants are checked
/// by a test.
public enum JournalLimits {
    /// Records in one `append` call: one transaction, one fsync. The runtime's drained batch must fit.
    public static let recordsPerBatchMax = 10_000
    /// Bytes of one record's payload.
    public static let payloadBytesMax = 1 << 20
    /// Bytes of all payloads in one batch, which bounds the transaction's size in the WAL.
    public static let batchPayloadBytesMax = 64 << 20
    /// Orders one record may touch (a package with many legs, an account-wide cancel).
    public static let orderIDsPerRecordMax = 256
    /// UTF-8 bytes of a kind, actor, correlation id or order id.
    public static let textBytesMax = 128
    /// Bytes of one snapshot's state.
    public static let snapshotStateBytesMax = 512 << 20
    /// Bytes of the engine's state hash (SHA-512 fits).
    public static let stateHashBytesMax = 64
    /// Records one read (`records(from:limit:)`, audit pages) returns at most.
    public static let pageSizeMax = 10_000
    /// Records a replay reads per chunk unless told otherwise: large enough to amortise the query, small enough that
    /// memory stays constant.
    public static let replayChunkDefault = 1_000
}
