// Certificates for the TLS tests, made once with OpenSSL 3.0 (`openssl ca`, P-256, valid 2020-01-01 to 2120-01-01 so a
// clock on either side of today accepts them): a test root, a leaf for 127.0.0.1 and localhost signed by it, and a leaf
// signed by the same root for another name. The keys protect nothing: they exist only for these loopback tests.
enum TestCertificates {
    static let root = """
        -----BEGIN CERTIFICATE-----
        MIIBaTCCAQ+gAwIBAgIBATAKBggqhkjOPQQDAjAbMRkwFwYDVQQDDBBMZWdhdGUg
        VGVzdCBSb290MCAXDTIwMDEwMTAwMDAwMFoYDzIxMjAwMTAxMDAwMDAwWjAbMRkw
        FwYDVQQDDBBMZWdhdGUgVGVzdCBSb290MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcD
        QgAEq7JiCwF7rbm616CpMkc7IGc6LC5pRlTL0Go033QMYCXMk4f8gfqHdvUznE9m
        6+q+h4yBbf7tSqqS7V7Q02RUh6NCMEAwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8B
        Af8EBAMCAQYwHQYDVR0OBBYEFJb0iKT53RjoDxoVuYVBYZilgXIBMAoGCCqGSM49
        BAMCA0gAMEUCIGa02aLZ3mxr7UQBytOTaGjmnNNdgdnSnu9HlQbX/BirAiEA1pBh
        oXo8M8D6eKJoaHDKPlnn+ksyGNld6lb4DwRaVyQ=
        -----END CERTIFICATE-----
        """

    static let loopback = """
        -----BEGIN CERTIFICATE-----
        MIIBtjCCAVygAwIBAgIBAjAKBggqhkjOPQQDAjAbMRkwFwYDVQQDDBBMZWdhdGUg
        VGVzdCBSb290MCAXDTIwMDEwMTAwMDAwMFoYDzIxMjAwMTAxMDAwMDAwWjAaMRgw
        FgYDVQQDDA9sZWdhdGUtbG9vcGJhY2swWTATBgcqhkjOPQIBBggqhkjOPQMBBwNC
        AAQ/1KonoTXzAEelZT3i7dGU6qhKEm8noBYkzKf9GqUwusEVn2Tqm+C+zaXwT8TY
        GSKICiUpuDlXbJwvU7e3CRado4GPMIGMMBoGA1UdEQQTMBGCCWxvY2FsaG9zdIcE
        fwAAATAMBgNVHRMBAf8EAjAAMAsGA1UdDwQEAwIHgDATBgNVHSUEDDAKBggrBgEF
        BQcDATAdBgNVHQ4EFgQUBwsmd0aw4hTxfo/826afQ38r75owHwYDVR0jBBgwFoAU
        lvSIpPndGOgPGhW5hUFhmKWBcgEwCgYIKoZIzj0EAwIDSAAwRQIhAI187hl3r2kE
        dV2NTz4s8Z/jfva216JiWxV64OI5c/eNAiBcn85RDuYnPBA/oN+ky2EM1MLZiRIr
        5OtWfEiCCZoKQA==
        -----END CERTIFICATE-----
        """

    static let loopbackKey = """
        -----BEGIN EC PRIVATE KEY-----
        MHcCAQEEIH14+sR1avFzJ2Ykme07TOckLniEEgNUQ/zUGzPe9uGToAoGCCqGSM49
        AwEHoUQDQgAEP9SqJ6E18wBHpWU94u3RlOqoShJvJ6AWJMyn/RqlMLrBFZ9k6pvg
        vs2l8E/E2BkiiAolKbg5V2ycL1O3twkWnQ==
        -----END EC PRIVATE KEY-----
        """

    static let elsewhere = """
        -----BEGIN CERTIFICATE-----
        MIIBsTCCAVigAwIBAgIBAzAKBggqhkjOPQQDAjAbMRkwFwYDVQQDDBBMZWdhdGUg
        VGVzdCBSb290MCAXDTIwMDEwMTAwMDAwMFoYDzIxMjAwMTAxMDAwMDAwWjAUMRIw
        EAYDVQQDDAllbHNld2hlcmUwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAR2moG6
        aMnrxehU/t9OjTsG3q4XZsgTYXfDIzkZ9TeU83AmzIwaM4ZagjQ+5AGY4JUkUqaB
        Db/dRZM3j0Thr2qZo4GRMIGOMBwGA1UdEQQVMBOCEWVsc2V3aGVyZS5leGFtcGxl
        MAwGA1UdEwEB/wQCMAAwCwYDVR0PBAQDAgeAMBMGA1UdJQQMMAoGCCsGAQUFBwMB
        MB0GA1UdDgQWBBQs5nxRRq473kbB9Bm1beAbFRx84zAfBgNVHSMEGDAWgBSW9Iik
        +d0Y6A8aFbmFQWGYpYFyATAKBggqhkjOPQQDAgNHADBEAiBxmwuCHk5+BQODnGAC
        eJPDzZHubCA2n410EMb8lwP2ZwIgTuHqVKTbBOF4eDQjnKbyW+NSXUv96ew0Bhgh
        UP8hmPI=
        -----END CERTIFICATE-----
        """

    static let elsewhereKey = """
        -----BEGIN EC PRIVATE KEY-----
        MHcCAQEEIHKLCF3BZpdm3VXK9+/MGd8BvVmUYWHa8XmvHuHAlqwcoAoGCCqGSM49
        AwEHoUQDQgAEdpqBumjJ68XoVP7fTo07Bt6uF2bIE2F3wyM5GfU3lPNwJsyMGjOG
        WoI0PuQBmOCVJFKmgQ2/3UWTN49E4a9qmQ==
        -----END EC PRIVATE KEY-----
        """
}
