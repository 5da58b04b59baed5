import Logging
import Synchronization
import Testing

@testable import CRMServer

@Suite struct LazyLogHandlerTests {
    final class Lines: TextOutputStream, Sendable {
        let text = Mutex("")
        func write(_ string: String) { text.withLock { $0 += string } }
    }

    /// Metadata set on the logger still shows in the line, sorted as the stream handler sorts it,
    /// and a level below the logger's writes nothing.
    @Test func aLineCarriesTheMetadataSetBeforeIt() {
        let lines = Lines()
        var logger = Logger(label: "crm") { LazyLogHandler(label: $0, stream: lines) }
        logger.logLevel = .notice
        logger[metadataKey: "hb.request.id"] = "42"
        logger[metadataKey: "actor"] = "7"
        logger.info("not written")
        logger.warning("disk almost full")
        let text = lines.text.withLock { $0 }
        #expect(text.hasSuffix(" warning crm: actor=7 hb.request.id=42 [CRMServerTests] disk almost full\n"), "\(text)")
        #expect(!text.contains("not written"))
    }
}
