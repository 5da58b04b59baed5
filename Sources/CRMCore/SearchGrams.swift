/// The index terms of searchable text: every pair of neighbouring characters, plus each text's last
/// character paired with a space, so any substring of two or more characters can be looked up by
/// its pairs and a single character by the pairs it begins.
public enum SearchGrams {
    /// The pairs of neighbouring characters of texts already folded (`CustomerName.fold`), and
    /// each text's last character with a space.
    public static func grams(ofFolded texts: [String]) -> Set<String> {
        var grams: Set<String> = []
        for text in texts {
            let characters = Array(text)
            guard let last = characters.last else { continue }
            for index in characters.indices.dropLast() {
                grams.insert(String([characters[index], characters[index + 1]]))
            }
            grams.insert(String([last, " "]))
        }
        return grams
    }

    /// The pairs of neighbouring characters of a folded keyword, each once, in order.
    public static func pairs(_ keyword: String) -> [String] {
        let characters = Array(keyword)
        guard characters.count >= 2 else { return [] }
        var seen: Set<String> = []
        return characters.indices.dropLast().map { String([characters[$0], characters[$0 + 1]]) }.filter { seen.insert($0).inserted }
    }
}
