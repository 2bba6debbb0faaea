#!/usr/bin/env python3
"""Write N random CSV lines `received,limit` (with a header) for `tthc deadline --batch`:
receipts at any minute of 2020-2029 and a mix of real catalog phrases.

usage: gen_batch.py N > batch.csv"""
import datetime
import random
import sys

LIMITS = ["05 ngày làm việc", "03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", "Trong ngày",
          "04 giờ làm việc", "15 ngày", "Không quá 10 ngày làm việc",
          '"Trong thời hạn 20 ngày làm việc, kể từ ngày nhận đủ hồ sơ theo quy định"',
          "Trong ngày; nếu tiếp nhận sau 15 giờ thì trong ngày làm việc tiếp theo",
          "0,5 ngày làm việc", "01 tháng", "Cấp ngay", "30 ngày"]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    rnd = random.Random(1)
    base = datetime.datetime(2020, 1, 1)
    out = sys.stdout
    out.write("received,limit\n")
    for _ in range(n):
        t = base + datetime.timedelta(minutes=rnd.randrange(10 * 365 * 1440))
        out.write(f"{t:%Y-%m-%dT%H:%M},{rnd.choice(LIMITS)}\n")


if __name__ == "__main__":
    main()
