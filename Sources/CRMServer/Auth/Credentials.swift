import CRMCore
import Crypto
import Foundation
import HummingbirdBcrypt
import NIOPosix

/// bcrypt on the shared thread pool, never on an event loop.
struct BcryptHasher: PasswordHasher {
    let cost: UInt8

    func hash(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// bcrypt's cost sits in the hash, so one fixed salt and digest serve every cost.
    var decoyHash: String {
        "$2b$" + (cost < 10 ? "0" : "") + "\(cost)$" + "pX9XmS4y0cO6FKFvepbGKuj9.ZDmC1UrG6Kz.nrsMiC1zN0IFQiga"
    }
}

/// 256-bit random tokens, stored as their SHA-256.
struct RandomTokens: TokenMinter {
    func mint() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Hex by hand: `String(format:)` took a tenth of a request's time in a profile.
    func hash(_ token: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}
