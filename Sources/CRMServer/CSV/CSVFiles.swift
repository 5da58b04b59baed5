import CRMCore
import CSV
import Foundation
import Hummingbird

/// CSV files: UTF-8 with a byte-order mark, so Excel opens Chinese text correctly.
enum CSVFiles {
    static let byteOrderMark = "\u{FEFF}"
    static let maxImportBytes = 20 * 1_048_576

    static func time(_ date: Date?) -> String { date.map { $0.formatted(.iso8601) } ?? "" }

    /// Rows as CSV text: CRLF line ends, and a field quoted when it holds a quote, comma or line
    /// break, its quotes doubled. Bytes are copied as they are: a general CSV writer searching each
    /// field through Foundation took nine tenths of an export's time.
    static func encode(_ rows: [[String]]) -> ByteBuffer {
        let (quote, comma, cr, lf) = (UInt8(ascii: "\""), UInt8(ascii: ","), UInt8(ascii: "\r"), UInt8(ascii: "\n"))
        var buffer = ByteBuffer()
        for row in rows {
            for (index, field) in row.enumerated() {
                if index > 0 { buffer.writeInteger(comma) }
                var field = field
                field.withUTF8 { bytes in
                    guard bytes.contains(where: { $0 == quote || $0 == comma || $0 == cr || $0 == lf }) else {
                        buffer.writeBytes(bytes)
                        return
                    }
                    buffer.writeInteger(quote)
                    for part in bytes.split(separator: quote, omittingEmptySubsequences: false).enumerated() {
                        if part.offset > 0 { buffer.writeBytes([quote, quote]) }
                        buffer.writeBytes(part.element)
                    }
                    buffer.writeInteger(quote)
                }
            }
            buffer.writeStaticString("\r\n")
        }
        return buffer
    }

    /// A streamed CSV download.
    static func download(
        _ filename: String, _ produce: @escaping @Sendable (_ write: (ByteBuffer) async throws -> Void) async throws -> Void
    ) -> Response {
        Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"\(filename)\"",
            ],
            body: ResponseBody { writer in
                try await produce { try await writer.write($0) }
                try await writer.finish(nil)
            })
    }

    /// The rows of an uploaded file under its header, each with its line (the header is line 1);
    /// a file that can't be read as a whole, or has rows of another width than its header, is refused whole.
    static func rows(_ body: ByteBuffer, maxRows: Int) throws -> (header: [String], rows: [(line: Int, values: [String])]) {
        guard var text = String(bytes: body.readableBytesView, encoding: .utf8) else {
            throw CRMError.malformed("The file is not UTF-8 text; in Excel save it as \"CSV UTF-8 (逗号分隔)\".", code: "not-utf8")
        }
        if text.hasPrefix(byteOrderMark) { text.removeFirst() }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            throw CRMError.malformed("The file has no header row.", code: "no-header")
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
        var rows: [(line: Int, values: [String])] = []
        var ragged: [FieldError] = []
        var line = 1
        while let values = reader.next() {
            line += 1
            if values == [""] { continue }
            if values.count != header.count {
                ragged.append(
                    FieldError(
                        "row \(line)", "has \(values.count) fields; the header has \(header.count)",
                        code: ErrorCode("ragged-row", ["fields": ErrorParam(values.count), "expected": ErrorParam(header.count)])))
                continue
            }
            if rows.count >= maxRows {
                throw CRMError.tooLarge("Import at most \(maxRows) rows at a time.", code: ErrorCode("too-many-rows", ["max": ErrorParam(maxRows)]))
            }
            rows.append((line, values))
        }
        if let error = reader.error { throw CRMError.malformed("The file could not be read as CSV: \(error).", code: "unreadable-csv") }
        if !ragged.isEmpty { throw CRMError.invalid(Array(ragged.prefix(20))) }
        return (header, rows)
    }
}
