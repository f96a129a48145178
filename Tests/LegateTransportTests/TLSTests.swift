// Proves `wss://` and `https://` end to end: the loopback server speaks TLS with a certificate from a test root, and the
// WebSocket and REST clients connect when they trust that root, and refuse a server they cannot trust or whose
// certificate names another host. Venues are reached by name, but a test (or a co-located gateway) may be reached by
// address: TLS may not carry an address as the server name, so the client checks the address instead.
import AsyncHTTPClient
import LegateTransport
import NIOSSL
import Testing

@Suite struct TLSTests {
    static func serverContext(certificate: String, key: String) throws -> NIOSSLContext {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(certificate.utf8)).map {
            NIOSSLCertificateSource.certificate($0)
        }
        let privateKey = try NIOSSLPrivateKey(bytes: Array(key.utf8), format: .pem)
        return try NIOSSLContext(
            configuration: .makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(privateKey))
        )
    }

    static var trustingTestRoot: TLSConfiguration {
        get throws {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.trustRoots = .certificates(
                try NIOSSLCertificate.fromPEMBytes(Array(TestCertificates.root.utf8))
            )
            return configuration
        }
    }

    static let echo: LoopbackServer.WebSocketHandler = { session in
        for try await message in session.connection.inbound {
            if case .text(let text) = message { try await session.connection.outbound.send(text: "echo: \(text)") }
        }
    }

    static func firstEcho(_ url: WebSocketURL, tls: TLSConfiguration) async throws -> String? {
        let configuration = WebSocketConfiguration(connectTimeoutNanos: 5_000_000_000, tls: tls)
        return try await WebSocketClient.connect(to: url, configuration: configuration) { connection in
            try await connection.outbound.send(text: "over tls")
            for try await message in connection.inbound {
                if case .text(let text) = message {
                    await connection.outbound.close()
                    return text
                }
            }
            return nil
        }
    }

    @Test func aWebSocketOverTLSToAnAddressWorksWhenTheRootIsTrusted() async throws {
        let tls = try Self.serverContext(certificate: TestCertificates.loopback, key: TestCertificates.loopbackKey)
        try await LoopbackServer.withServer(webSocket: Self.echo, tls: tls) { server in
            let url = server.webSocketURL("/ws/api/v2")
            #expect(url.isSecure)
            #expect(url.hostIsAddressLiteral)
            let answer = try await Self.firstEcho(url, tls: Self.trustingTestRoot)
            #expect(answer == "echo: over tls")
        }
    }

    @Test func aWebSocketOverTLSToAHostNameChecksTheName() async throws {
        let tls = try Self.serverContext(certificate: TestCertificates.loopback, key: TestCertificates.loopbackKey)
        try await LoopbackServer.withServer(webSocket: Self.echo, tls: tls) { server in
            let url = try WebSocketURL(parsing: "wss://localhost:\(server.port)/ws")
            #expect(!url.hostIsAddressLiteral)
            let answer = try await Self.firstEcho(url, tls: Self.trustingTestRoot)
            #expect(answer == "echo: over tls")
        }
    }

    @Test func aServerSignedByAnUnknownRootIsRefused() async throws {
        let tls = try Self.serverContext(certificate: TestCertificates.loopback, key: TestCertificates.loopbackKey)
        try await LoopbackServer.withServer(webSocket: Self.echo, tls: tls) { server in
            // The platform's roots do not include the test root.
            let error = await #expect(throws: TransportError.self) {
                _ = try await Self.firstEcho(server.webSocketURL(), tls: .makeClientConfiguration())
            }
            guard case .tlsFailed(let host, let port, let reason) = error else {
                Issue.record("expected a TLS failure, got \(String(describing: error))")
                return
            }
            #expect(host == LoopbackServer.host && port == server.port)
            #expect(reason.lowercased().contains("certificate"))
        }
    }

    @Test func aCertificateForAnotherHostIsRefused() async throws {
        let tls = try Self.serverContext(certificate: TestCertificates.elsewhere, key: TestCertificates.elsewhereKey)
        try await LoopbackServer.withServer(webSocket: Self.echo, tls: tls) { server in
            let error = await #expect(throws: TransportError.self) {
                _ = try await Self.firstEcho(server.webSocketURL(), tls: Self.trustingTestRoot)
            }
            guard case .tlsFailed = error else {
                Issue.record("expected a TLS failure, got \(String(describing: error))")
                return
            }
        }
    }

    @Test func addressLiteralsAreToldApartFromNames() throws {
        func isAddress(_ text: String) throws -> Bool { try WebSocketURL(parsing: text).hostIsAddressLiteral }
        #expect(try isAddress("wss://127.0.0.1:9/"))
        #expect(try isAddress("wss://[::1]:9/"))
        #expect(try isAddress("wss://www.deribit.com/ws/api/v2") == false)
        #expect(try isAddress("wss://1.2.3.4.example/") == false)
        #expect(try isAddress("wss://256.1.1.1/") == false)
    }

    @Test func restOverTLSWorksWhenTheRootIsTrusted() async throws {
        let tls = try Self.serverContext(certificate: TestCertificates.loopback, key: TestCertificates.loopbackKey)
        let handler: LoopbackServer.HTTPHandler = { request in LoopbackHTTPResponse(status: 200, text: request.target) }
        var configuration = HTTPClient.Configuration()
        configuration.tlsConfiguration = try Self.trustingTestRoot
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let answer: Result<RESTResponse, any Error> = await Result(catching: {
            try await LoopbackServer.withServer(http: handler, tls: tls) { server in
                #expect(server.httpURL("/x").hasPrefix("https://"))
                return try await RESTClient(httpClient: httpClient).send(RESTRequest(url: server.httpURL("/api/v5/x")))
            }
        })
        try await httpClient.shutdown()
        let response = try answer.get()
        #expect(response.status == 200)
        #expect(response.text == "/api/v5/x")
    }
}

extension Result where Failure == any Error {
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
