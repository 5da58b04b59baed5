import Logging

/// Lines as swift-log's stream handler writes them, with the metadata formatted only when a line
/// is written: the stream handler formats it again each time it is set, and every request sets
/// its request id (5 % of a customer read, at a log level that prints nothing).
struct LazyLogHandler: LogHandler {
    let label: String
    /// Standard error when nil.
    let stream: (any TextOutputStream & Sendable)?
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    init(label: String, stream: (any TextOutputStream & Sendable)? = nil) {
        self.label = label
        self.stream = stream
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var handler = stream.map { StreamLogHandler(label: label, stream: $0, metadataProvider: nil) } ?? .standardError(label: label)
        handler.logLevel = logLevel
        handler.metadata = metadata
        handler.log(event: event)
    }
}
