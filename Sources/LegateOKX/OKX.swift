/// OKX v5: the wire types of its REST and WebSocket messages (`Wire/`), their translation into Legate's model
/// (`Parse/`), and the requests Legate sends (`Requests/`), all pure.
public enum OKX {
    /// The REST base URL; request paths (`/api/v5/trade/order`) are relative to it.
    public static let restBaseURL = "https://www.okx.com"
}
