import CRMCore
import Testing

@Suite struct CustomerNameTests {
    /// Full- and half-width forms, case and white space do not make a different name.
    @Test func keysFoldWidthCaseAndWhiteSpace() {
        #expect(CustomerName.key("（北京）星辰科技有限公司") == CustomerName.key("(北京)星辰科技有限公司"))
        #expect(CustomerName.key("  ＡＢＣ   Trading\tCo. ") == "abc trading co.")
    }

    /// Text that is folded already comes back as it is; anything else is still folded.
    @Test func foldingKeepsFoldedTextAndFoldsTheRest() {
        for folded in ["星辰科技有限公司", "abc trading co.", "人民路12号 3楼", "bench.example.cn", "a-b_c@d.cn", "㐀", ""] {
            #expect(CustomerName.fold(folded) == folded)
        }
        let unfolded = [
            "Star": "star", "a  b": "a b", " a": "a", "a ": "a", "a\tb": "a b", "ａｂ１": "ab1", "（北京）": "(北京)",
            "星辰\u{3000}科技": "星辰 科技", "Ⅻ": "xii", "e\u{301}": "é", "\u{F900}": "豈", "abc\u{7F}": "abc\u{7F}",
        ]
        for (text, folded) in unfolded {
            #expect(CustomerName.fold(text) == folded, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// The distinctive part drops a leading region in brackets and legal forms, longest first and
    /// repeatedly, but never the whole name.
    @Test func theCoreDropsRegionAndLegalForms() {
        #expect(CustomerName.core("（北京）星辰科技有限公司") == "星辰科技")
        #expect(CustomerName.core("星辰科技股份有限公司") == "星辰科技")
        #expect(CustomerName.core("华夏集团有限公司") == "华夏")
        #expect(CustomerName.core("Acme Trading Ltd.") == "acmetrading")
        #expect(CustomerName.core("Huaxia Inc") == "huaxia")
        #expect(CustomerName.core("有限公司") == "有限")
        #expect(CustomerName.core("公司") == "公司")
        #expect(CustomerName.core(key: CustomerName.key("远航物流 LLC")) == "远航物流")
    }
}
