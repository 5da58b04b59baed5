import CRMCore
import Testing

private func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }
private func be16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
private func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
private func le24(_ value: Int) -> [UInt8] { le16(value) + [UInt8(value >> 16 & 0xFF)] }
private func le32(_ value: Int) -> [UInt8] { le24(value) + [UInt8(value >> 24 & 0xFF)] }

/// A complete, valid 1×1 transparent RGBA PNG (signature, IHDR, IDAT, IEND with real CRCs).
private let onePixelPNG: [UInt8] = [
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A,
    0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
    0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89,
    0x00, 0x00, 0x00, 0x0B, 0x49, 0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0x60, 0x00, 0x02, 0x00, 0x00,
    0x05, 0x00, 0x01, 0xE9, 0xFA, 0xDC, 0xD8,
    0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
]

/// A GIF89a header and logical screen descriptor, no image data.
private func gifHeader(width: Int, height: Int) -> [UInt8] {
    ascii("GIF89a") + le16(width) + le16(height) + [0xF7, 0x00, 0x00]
}

/// SOI, a JFIF APP0 segment, then a baseline SOF0 for three components.
private func jpegHeader(width: Int, height: Int) -> [UInt8] {
    let app0 = [0xFF, 0xE0] + be16(16) + ascii("JFIF") + [0x00, 0x01, 0x01, 0x00] + be16(1) + be16(1) + [0x00, 0x00]
    let sof0 = [0xFF, 0xC0] + be16(17) + [0x08] + be16(height) + be16(width)
        + [0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]
    return [0xFF, 0xD8] + app0 + sof0
}

/// RIFF container holding a single chunk.
private func webp(_ fourCC: String, _ data: [UInt8]) -> [UInt8] {
    ascii("RIFF") + le32(4 + 8 + data.count) + ascii("WEBP") + ascii(fourCC) + le32(data.count) + data
}

@Suite struct ImageProbeTests {
    @Test func aRealOneByOnePNGIsRecognisedWithItsSize() {
        #expect(ImageProbe.probe(onePixelPNG) == ImageInfo(mediaType: "image/png", width: 1, height: 1))
    }

    @Test func aGIFHeaderGivesItsLogicalScreenSize() {
        #expect(ImageProbe.probe(gifHeader(width: 64, height: 64)) == ImageInfo(mediaType: "image/gif", width: 64, height: 64))
        let gif87 = ascii("GIF87a") + le16(300) + le16(2)
        #expect(ImageProbe.probe(gif87) == ImageInfo(mediaType: "image/gif", width: 300, height: 2))
    }

    @Test func aJPEGIsMeasuredFromTheSOF0AfterAnAPP0Segment() {
        #expect(ImageProbe.probe(jpegHeader(width: 96, height: 48)) == ImageInfo(mediaType: "image/jpeg", width: 96, height: 48))
    }

    @Test func aProgressiveJPEGWithFillBytesAndStandaloneMarkersIsStillMeasured() {
        let bytes: [UInt8] = [0xFF, 0xD8]
            + [0xFF, 0xFF, 0xFF, 0xE1] + be16(6) + ascii("Exif")
            + [0xFF, 0xD0]
            + [0xFF, 0xDB] + be16(3) + [0x00]
            + [0xFF, 0xC2] + be16(11) + [0x08] + be16(1080) + be16(1920) + [0x01, 0x01, 0x11, 0x00]
        #expect(ImageProbe.probe(bytes) == ImageInfo(mediaType: "image/jpeg", width: 1920, height: 1080))
    }

    @Test func anExtendedWebPReadsItsCanvasSizeFromVP8X() {
        let data = [0x10, 0x00, 0x00, 0x00] + le24(640 - 1) + le24(480 - 1)
        #expect(ImageProbe.probe(webp("VP8X", data)) == ImageInfo(mediaType: "image/webp", width: 640, height: 480))
    }

    @Test func aLosslessWebPUnpacksItsFourteenBitSizesFromVP8L() {
        let packed = (400 - 1) | (300 - 1) << 14
        let data = [0x2F] + le32(packed) + [0x00, 0x00]
        #expect(ImageProbe.probe(webp("VP8L", data)) == ImageInfo(mediaType: "image/webp", width: 400, height: 300))
    }

    @Test func aLossyWebPReadsItsSizeAfterTheVP8StartCodeIgnoringTheScaleBits() {
        let data = [0x50, 0x02, 0x00, 0x9D, 0x01, 0x2A] + le16(320 | 1 << 14) + le16(240 | 2 << 14)
        #expect(ImageProbe.probe(webp("VP8 ", data)) == ImageInfo(mediaType: "image/webp", width: 320, height: 240))
    }

    @Test func svgAndHTMLAreNotImagesEvenThoughBrowsersRenderThem() {
        let svg = ascii(#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>"#)
        let html = ascii("<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>")
        #expect(ImageProbe.probe(svg) == nil)
        #expect(ImageProbe.probe(html) == nil)
    }

    @Test func emptyTextAndPDFBytesAreRejected() {
        #expect(ImageProbe.probe([]) == nil)
        #expect(ImageProbe.probe(ascii("just some text")) == nil)
        #expect(ImageProbe.probe(ascii("%PDF-1.7\n%âãÏÓ\n")) == nil)
    }

    @Test func aPNGCutShortAnywhereInItsHeaderIsRejected() {
        for length in 0 ..< 24 {
            #expect(ImageProbe.probe(Array(onePixelPNG.prefix(length))) == nil)
        }
    }

    @Test func aJPEGWhoseSegmentLengthRunsPastTheEndIsRejected() {
        let bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + be16(0xFFF0) + ascii("JFIF")
        #expect(ImageProbe.probe(bytes) == nil)
    }

    @Test func aJPEGCutShortAnywhereIsRejectedWithoutCrashing() {
        let full = jpegHeader(width: 96, height: 48)
        let throughWidth = full.count - 10  // SOF0's three-component table follows the width
        #expect(ImageProbe.probe(Array(full.prefix(throughWidth)))?.width == 96)
        for length in 0 ..< throughWidth {
            #expect(ImageProbe.probe(Array(full.prefix(length))) == nil)
        }
    }

    @Test func aJPEGWithABadSegmentLengthOrNoSOFBeforeTheScanIsRejected() {
        #expect(ImageProbe.probe([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01, 0x00, 0x00]) == nil)
        #expect(ImageProbe.probe([0xFF, 0xD8, 0xFF, 0xDA] + be16(8) + [0x00, 0x00, 0x00, 0x00, 0x00, 0x00]) == nil)
        #expect(ImageProbe.probe([0xFF, 0xD8, 0xFF, 0xD9]) == nil)
        #expect(ImageProbe.probe([0xFF, 0xD8, 0xFF] + Array(repeating: 0xFF, count: 100)) == nil)
    }

    @Test func aZeroWidthOrHeightIsRejected() {
        var png = onePixelPNG
        png[19] = 0
        #expect(ImageProbe.probe(png) == nil)
        #expect(ImageProbe.probe(gifHeader(width: 0, height: 64)) == nil)
        #expect(ImageProbe.probe(jpegHeader(width: 96, height: 0)) == nil)
        #expect(ImageProbe.probe(webp("VP8 ", [0x50, 0x02, 0x00, 0x9D, 0x01, 0x2A] + le16(0) + le16(240))) == nil)
    }

    @Test func aRIFFFileThatIsNotWebPOrHasAnUnknownChunkIsRejected() {
        let wave = ascii("RIFF") + le32(36) + ascii("WAVE") + ascii("fmt ") + le32(16) + Array(repeating: 1, count: 16)
        #expect(ImageProbe.probe(wave) == nil)
        #expect(ImageProbe.probe(webp("ALPH", Array(repeating: 1, count: 16))) == nil)
        #expect(ImageProbe.probe(webp("VP8L", [0x00] + le32(0))) == nil)
    }
}
