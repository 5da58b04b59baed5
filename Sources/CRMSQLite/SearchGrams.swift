/// The index terms of searchable text: every pair of neighbouring characters, plus each text's last
/// character paired with a space, so any substring of two or more characters can be looked up by
/// its pairs and a single character by the pairs it begins.
enum SearchGrams {
    /// The pairs of neighbouring characters of texts already folded (`CustomerName.fold`), and
    /// each text's last character with a space.
    static func grams(ofFolded texts: [String]) -> Set<String> {
        var grams: Set<String> = []
        for text in texts {
            let characters = Array(text)
            guard let last = characters.last else { continue }
            grams.formUnion(neighbours(characters))
            grams.insert(String([last, " "]))
        }
        return grams
    }

    /// The pairs of neighbouring characters of a folded keyword, each once, in order.
    static func pairs(_ keyword: String) -> [String] {
        var seen: Set<String> = []
        return neighbours(Array(keyword)).filter { seen.insert($0).inserted }
    }

    static func neighbours(_ characters: [Character]) -> [String] {
        characters.indices.dropLast().map { String([characters[$0], characters[$0 + 1]]) }
    }
}
