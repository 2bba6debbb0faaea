"""Links between the guides work: every relative link of README.md and docs/*.md names a file
that exists, and a #fragment names a heading of that file (GitHub's anchor rules)."""
import pathlib
import re
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def anchors(path):
    out = set()
    in_code = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            in_code = not in_code
        m = re.match(r"#{1,6} (.*)", line)
        if m and not in_code:
            a = re.sub(r"[^\w\- ]", "", m.group(1).strip().lower()).replace(" ", "-")
            out.add(a)
    return out


class DocLinksTest(unittest.TestCase):
    def test_links_resolve(self):
        pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
        bad = []
        for page in pages:
            text = re.sub(r"(?ms)^```.*?^```", "", page.read_text(encoding="utf-8"))
            for target in LINK.findall(text):
                if re.match(r"[a-z]+:", target):
                    continue  # http:, mailto:
                file, _, frag = target.partition("#")
                dest = (page.parent / file).resolve() if file else page
                if not dest.exists():
                    bad.append(f"{page.name}: {target} (no such file)")
                elif frag and dest.suffix == ".md" and frag not in anchors(dest):
                    bad.append(f"{page.name}: {target} (no such heading)")
        self.assertEqual(bad, [])


if __name__ == "__main__":
    unittest.main()
