"""tthc normalize, refs and amount as a user runs them."""
import json
import os
import subprocess
import unittest

CLI = os.environ.get("TTHC_CLI", "tthc")


def run(*args, stdin=b""):
    return subprocess.run([CLI, *args], input=stdin, capture_output=True)


class CliTextTest(unittest.TestCase):
    def test_normalize_default_is_nfc_traditional(self):
        r = run("normalize", stdin="Uỷ ban nhân dân\nHOA\u0300 BÌNH\n".encode())
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.decode(), "Ủy ban nhân dân\nHÒA BÌNH\n")
        r = run("normalize", "--tone", "modern", stdin="thủy\n".encode())
        self.assertEqual(r.stdout.decode(), "thuỷ\n")
        r = run("normalize", "--nfd", stdin="ệ".encode())
        self.assertEqual(r.stdout.decode(), "e\u0323\u0302\n")

    def test_fold_and_key(self):
        r = run("normalize", "--fold", stdin="Đoàn  Kết\nĐOÀN KẾT\n".encode())
        self.assertEqual(r.stdout.decode(), "doan ket\ndoan ket\n")
        r = run("normalize", "--key", stdin="Hòa\nHoà\nĐào\n".encode())
        k = r.stdout.decode().split()
        self.assertEqual(k[0], k[1])
        self.assertTrue(all(c in "0123456789abcdef" for c in k[2]))

    def test_legacy_from(self):
        r = run("normalize", "--from", "tcvn3", stdin=b"Ho\xb5 b\xb8n\n")
        self.assertEqual(r.stdout.decode(), "Hòa bán\n")
        r = run("normalize", "--from", "viqr", stdin=b"Vie^.t Nam\n")
        self.assertEqual(r.stdout.decode(), "Việt Nam\n")
        # VNI bytes of "Cộng hòa xã hội chủ nghĩa Việt Nam", detected
        r = run("normalize", "--from", "auto", stdin=b"Co\xe4ng ho\xf8a xa\xf5 ho\xe4i chu\xfb ngh\xf3a Vie\xe4t Nam\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.decode(), "Cộng hòa xã hội chủ nghĩa Việt Nam\n")

    def test_auto_ambiguous_fails(self):
        r = run("normalize", "--from", "auto", stdin=b"\xb5\n")
        self.assertEqual(r.returncode, 1)
        self.assertIn("cannot tell", r.stderr.decode())

    def test_bad_lines(self):
        r = run("normalize", stdin=b"ok\nbad \xff\nthu\xe1\xbb\xb7\n")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout.decode(), "ok\nthủy\n")
        self.assertIn("line 2: invalid UTF-8 at byte 4", r.stderr.decode())

    def test_usage(self):
        self.assertEqual(run("normalize", "--tone", "sideways").returncode, 2)
        self.assertEqual(run("normalize", "--from", "latin1").returncode, 2)
        self.assertEqual(run("normalize", "--nfc", "--nfd").returncode, 2)
        self.assertEqual(run("normalize", "--fold", "--key").returncode, 2)
        self.assertEqual(run("normalize", "--help").returncode, 0)
        self.assertEqual(run("refs", "--help").returncode, 0)
        self.assertEqual(run("amount").returncode, 2)

    def test_refs(self):
        text = "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018;\nSố: /CV-UBND\n"
        r = run("refs", stdin=text.encode())
        self.assertEqual(r.returncode, 0, r.stderr)
        objs = [json.loads(line) for line in r.stdout.decode().splitlines()]
        self.assertEqual(objs[0], {"text": "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018",
                                   "type": "Nghị định", "number": 61, "year": 2018,
                                   "issuer": "CP", "symbol": "NĐ-CP", "date": "2018-04-23",
                                   "offset": 10})
        self.assertIsNone(objs[1]["number"])
        self.assertEqual(objs[1]["offset"], text.encode().index("Số:".encode()))

    def test_amount(self):
        self.assertEqual(run("amount", "1005000").stdout.decode(), "Một triệu không trăm linh năm nghìn\n")
        self.assertEqual(run("amount", "50.000 đồng").stdout.decode(), "Năm mươi nghìn đồng\n")
        j = json.loads(run("amount", "1.005.000", "--json").stdout)
        self.assertEqual(j["amount"], 1005000)
        r = run("amount", "1.5")
        self.assertEqual(r.returncode, 1)
        self.assertIn("thousands", r.stderr.decode())


if __name__ == "__main__":
    unittest.main()
