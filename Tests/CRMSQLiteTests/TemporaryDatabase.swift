import Foundation

/// A new SQLite file's path in the temporary folder; `remove` deletes it with its WAL files.
struct TemporaryDatabase {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("crm-\(UUID().uuidString).sqlite").path

    func remove() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
