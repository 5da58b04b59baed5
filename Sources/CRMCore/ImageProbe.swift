import Foundation

/// An image's type and pixel size, as read from its own bytes.
public struct ImageInfo: Sendable, Equatable {
    public var mediaType: String   // "image/png", "image/jpeg", "image/gif", "image/webp"
    public var width: Int
    public var height: Int

    public init(mediaType: String, width: Int, height: Int) {
        self.mediaType = mediaType
        self.width = width
        self.height = height
    }
}

/// Recognises PNG, JPEG, GIF and WebP from their headers alone; a declared content type is never trusted.
public enum ImageProbe {
    /// The image type and size read from the bytes, or nil when they are not a PNG, JPEG, GIF or WebP image.
    public static func probe(_ bytes: [UInt8]) -> ImageInfo? {
        guard let info = png(bytes) ?? gif(bytes) ?? jpeg(bytes) ?? webp(bytes),
              info.width > 0, info.height > 0
        else { return nil }
        return info
    }

    private static func png(_ b: [UInt8]) -> ImageInfo? {
        guard b.has([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], at: 0), b.has("IHDR", at: 12),
              let width = b.uint32BE(at: 16), let height = b.uint32BE(at: 20)
        else { return nil }
        return ImageInfo(mediaType: "image/png", width: width, height: height)
    }

    private static func gif(_ b: [UInt8]) -> ImageInfo? {
        guard b.has("GIF87a", at: 0) || b.has("GIF89a", at: 0),
              let width = b.uint16LE(at: 6), let height = b.uint16LE(at: 8)
        else { return nil }
        return ImageInfo(mediaType: "image/gif", width: width, height: height)
    }

    private static func jpeg(_ b: [UInt8]) -> ImageInfo? {
        guard b.has([0xFF, 0xD8, 0xFF], at: 0) else { return nil }
        var i = 2
        while b.byte(at: i) == 0xFF {
            while b.byte(at: i) == 0xFF { i += 1 }  // fill bytes may pad any marker
            guard let marker = b.byte(at: i) else { return nil }
            i += 1
            switch marker {
            case 0x01, 0xD0...0xD8:
                continue
            case 0xD9, 0xDA:
                return nil  // end of image, or entropy-coded data with no SOF before it
            default:
                guard let length = b.uint16BE(at: i), length >= 2 else { return nil }
                if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                    guard let height = b.uint16BE(at: i + 3), let width = b.uint16BE(at: i + 5) else { return nil }
                    return ImageInfo(mediaType: "image/jpeg", width: width, height: height)
                }
                i += length  // length >= 2 guarantees progress, so the walk always ends
            }
        }
        return nil
    }

    private static func webp(_ b: [UInt8]) -> ImageInfo? {
        guard b.has("RIFF", at: 0), b.has("WEBP", at: 8) else { return nil }
        let data = 20  // after the chunk's four-character code and 32-bit size
        if b.has("VP8 ", at: 12) {
            guard b.has([0x9D, 0x01, 0x2A], at: data + 3),
                  let width = b.uint16LE(at: data + 6), let height = b.uint16LE(at: data + 8)
            else { return nil }
            // The top two bits of each are an upscaling hint, not part of the size.
            return ImageInfo(mediaType: "image/webp", width: width & 0x3FFF, height: height & 0x3FFF)
        }
        if b.has("VP8L", at: 12) {
            guard b.byte(at: data) == 0x2F, let bits = b.uint32LE(at: data + 1) else { return nil }
            return ImageInfo(mediaType: "image/webp", width: (bits & 0x3FFF) + 1, height: ((bits >> 14) & 0x3FFF) + 1)
        }
        if b.has("VP8X", at: 12) {
            guard let width = b.uint24LE(at: data + 4), let height = b.uint24LE(at: data + 7) else { return nil }
            return ImageInfo(mediaType: "image/webp", width: width + 1, height: height + 1)
        }
        return nil
    }
}

/// Bounds-checked reads: each returns nil rather than trapping when the bytes run out.
private extension [UInt8] {
    func byte(at offset: Int) -> Int? {
        indices.contains(offset) ? Int(self[offset]) : nil
    }

    func has(_ prefix: [UInt8], at offset: Int) -> Bool {
        offset >= 0 && offset + prefix.count <= count && self[offset ..< offset + prefix.count].elementsEqual(prefix)
    }

    func has(_ ascii: String, at offset: Int) -> Bool {
        has(Array(ascii.utf8), at: offset)
    }

    /// Little-endian unsigned integer of `size` bytes.
    func uintLE(at offset: Int, size: Int) -> Int? {
        guard offset >= 0, offset + size <= count else { return nil }
        return (0 ..< size).reversed().reduce(0) { $0 << 8 | Int(self[offset + $1]) }
    }

    /// Big-endian unsigned integer of `size` bytes.
    func uintBE(at offset: Int, size: Int) -> Int? {
        guard offset >= 0, offset + size <= count else { return nil }
        return (0 ..< size).reduce(0) { $0 << 8 | Int(self[offset + $1]) }
    }

    func uint16LE(at offset: Int) -> Int? { uintLE(at: offset, size: 2) }
    func uint24LE(at offset: Int) -> Int? { uintLE(at: offset, size: 3) }
    func uint32LE(at offset: Int) -> Int? { uintLE(at: offset, size: 4) }
    func uint16BE(at offset: Int) -> Int? { uintBE(at: offset, size: 2) }
    func uint32BE(at offset: Int) -> Int? { uintBE(at: offset, size: 4) }
}
