import datetime as dt
import decimal
import unittest

import tthc
import tthc.text


class TextTest(unittest.TestCase):
    def test_tone_placement_both_ways(self):
        cases = [("hoà", "hòa", "hoà"), ("khoẻ", "khỏe", "khoẻ"), ("thuỷ", "thủy", "thuỷ"),
                 ("hoàng", "hoàng", "hoàng"), ("khùynh", "khuỳnh", "khuỳnh"),
                 ("qúy", "quý", "quý"), ("giưã", "giữa", "giữa"), ("thủơ", "thuở", "thuở"),
                 ("cuả", "của", "của"), ("HOÀ", "HÒA", "HOÀ"), ("Thuỷ", "Thủy", "Thuỷ"),
                 ("Hoàng-Anh file", "Hoàng-Anh file", "Hoàng-Anh file")]
        for src, trad, modern in cases:
            self.assertEqual(tthc.normalize(src), trad)
            self.assertEqual(tthc.normalize(src, tone="modern"), modern)
            self.assertEqual(tthc.normalize(tthc.normalize(src)), trad)  # idempotent

    def test_nfd_and_map(self):
        nfd = tthc.normalize("Việt", form="NFD", tone=None)
        self.assertEqual(len(nfd), 6)
        self.assertEqual(tthc.normalize(nfd), "Việt")
        out, m = tthc.normalize("Ông HOA\u0300!", with_map=True)
        self.assertEqual(out, "Ông HÒA!")
        self.assertEqual(m, [0, 1, 2, 3, 4, 5, 6, 8, 9])

    def test_fold(self):
        for s in ("Đoàn  Kết", "ĐOÀN KẾT", "doan ket", "đoàn-kết!"):
            self.assertEqual(tthc.fold(s), "doan ket")
        text = "Ông Đoàn  Kết"
        out, m = tthc.fold(text, with_map=True)
        i = out.index("doan ket")
        self.assertEqual(text[m[i]:m[i + 8]].strip(), "Đoàn  Kết")

    def test_collation(self):
        names = ["Đào", "Dương", "ăn", "An", "an", "bà", "ba ba", "ba"]
        self.assertEqual(sorted(names, key=tthc.collation_key),
                         ["an", "An", "ăn", "ba", "ba ba", "bà", "Dương", "Đào"])
        self.assertEqual(tthc.compare("Hòa", "Hoà"), 0)
        self.assertEqual(tthc.compare("a", "b"), -1)

    def test_legacy_round_trips(self):
        letters = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ"
        full = letters + letters.upper()
        self.assertEqual(len(full), 146)
        for enc in ("viscii", "vni", "viqr"):
            self.assertEqual(tthc.decode(tthc.encode(full, enc), enc), full, enc)
        vn3 = letters + "AĂÂEÊIOÔƠUƯYĐ"
        self.assertEqual(tthc.decode(tthc.encode(vn3, "tcvn3"), "tcvn3"), vn3)
        self.assertEqual(tthc.decode(b"Ho\xb5", "tcvn3"), "Hoà")
        self.assertEqual(tthc.decode(b"Vie^.t Nam", "viqr"), "Việt Nam")

    def test_encode_reports_each_character(self):
        with self.assertRaises(tthc.EncodingError) as cm:
            tthc.encode("ẤN ĐỊNH €", "tcvn3")
        self.assertEqual(cm.exception.problems, [(0, "Ấ"), (4, "Ị"), (8, "€")])
        self.assertIn("U+1EA4", str(cm.exception))
        self.assertEqual(tthc.unencodable("ok", "viscii"), [])
        self.assertEqual(tthc.encode("Ấ", "tcvn3", substitute=True), b"\xca")
        with self.assertRaises(ValueError):
            tthc.encode("x", "latin9")

    def test_detect(self):
        doc = "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc"
        for enc in ("tcvn3", "vni", "viscii", "viqr"):
            name, conf, _ = tthc.detect(tthc.encode(doc, enc, substitute=True))
            self.assertEqual(name, enc)
            self.assertGreater(conf, 0.5)
        self.assertEqual(tthc.detect(doc.encode())[0], "utf8")
        self.assertIsNone(tthc.detect(b"\xb5")[0])
        with self.assertRaises(TypeError):
            tthc.detect("str, not bytes")

    def test_bad_input(self):
        with self.assertRaises(tthc.ParseError) as cm:
            tthc.decode(b"ab\xf9", "vni")
        self.assertEqual(cm.exception.offset, 2)
        self.assertEqual(tthc.decode(b"ab\xf9", "vni", replace_invalid=True), "ab\ufffd")
        with self.assertRaises(ValueError):
            tthc.normalize("x", tone="sideways")

    def test_numbers_and_amounts(self):
        self.assertEqual(tthc.parse_number("1.234.567,5"), (decimal.Decimal("1234567.5"), False))
        self.assertEqual(tthc.parse_number("87,03%"), (decimal.Decimal("87.03"), True))
        self.assertEqual(tthc.format_number(decimal.Decimal("1234567.5")), "1.234.567,5")
        self.assertEqual(tthc.format_number(87, percent=True), "87%")
        with self.assertRaises(tthc.ParseError) as cm:
            tthc.parse_number("1.5")
        self.assertEqual(cm.exception.column, 3)
        self.assertEqual(tthc.amount_words(50000, dong=True), "Năm mươi nghìn đồng")
        self.assertEqual(tthc.amount_words(1005000), "Một triệu không trăm linh năm nghìn")
        self.assertEqual(tthc.amount_words(25, capitalize=False), "hai mươi lăm")
        self.assertEqual(tthc.amount_words(10 ** 18), "Một tỷ tỷ")

    def test_dates(self):
        self.assertEqual(tthc.parse_date_vi("ngày 20 tháng 4 năm 2023"), (dt.date(2023, 4, 20), None))
        self.assertEqual(tthc.parse_date_vi("Tân Hồng, ngày 20 tháng 4 năm 2023"),
                         (dt.date(2023, 4, 20), "Tân Hồng"))
        self.assertEqual(tthc.format_date_vi(dt.date(2023, 8, 8)), "ngày 08 tháng 8 năm 2023")
        self.assertEqual(tthc.format_date_vi(dt.date(2023, 4, 20), place="Tân Hồng"),
                         "Tân Hồng, ngày 20 tháng 4 năm 2023")
        with self.assertRaises(tthc.DateError):
            tthc.parse_date_vi("ngày 30 tháng 2 năm 2023")

    def test_refs(self):
        r = tthc.parse_ref("Nghị định số 61/2018/NĐ-CP ngày 23/4/2018")
        self.assertEqual((r.type, r.number, r.year, r.symbol, r.issuer, r.date),
                         ("Nghị định", 61, 2018, "NĐ-CP", "CP", dt.date(2018, 4, 23)))
        text = "Theo Quyết định số 1661/QĐ-UBND ngày 08/8/2023 và Số: /CV-UBND."
        refs = list(tthc.find_refs(text))
        self.assertEqual([x.text for x in refs],
                         ["Quyết định số 1661/QĐ-UBND ngày 08/8/2023", "Số: /CV-UBND"])
        self.assertEqual(text[refs[0].offset:refs[0].offset + refs[0].length], refs[0].text)
        self.assertIsNone(refs[1].number)
        with self.assertRaises(tthc.ParseError):
            tthc.parse_ref("không có số")


if __name__ == "__main__":
    unittest.main()
