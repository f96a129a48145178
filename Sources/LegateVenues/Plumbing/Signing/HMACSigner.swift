import Crypto
import Foundation

/// HMAC-SHA256 over UTF-8 text, with the two encodings venues ask for.
///
/// The secret never leaves this type's callers' credentials; nothing here logs or stores it.
public enum HMACSigner {
    /// The raw 32-byte MAC of `message` under `secret`.
    public static func mac(secret: String, message: String) -> [UInt8] {
        let key = SymmetricKey(data: Array(secret.utf8))
        return Array(HMAC<SHA256>.authenticationCode(for: Array(message.utf8), using: key))
    }

    /// Lower-case hexadecimal (Deribit, Bybit, Binance).
    public static func hex(secret: String, message: String) -> String {
        hexString(mac(secret: secret, message: message))
    }

    /// Standard Base64 with padding (OKX).
    public static func base64(secret: String, message: String) -> String {
        Data(mac(secret: secret, message: message)).base64EncodedString()
    }

    static func hexString(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// An API key and its secret (and OKX's passphrase); `description` never shows the secret or passphrase.
public struct VenueCredentials: Hashable, Sendable, CustomStringConvertible {
    public let apiKey: String
    public let secret: String
    public let passphrase: String?

    public init(apiKey: String, secret: String, passphrase: String? = nil) {
        self.apiKey = apiKey
        self.secret = secret
        self.passphrase = passphrase
    }

    public var description: String { "credentials(key \(apiKey), secret redacted)" }
}
