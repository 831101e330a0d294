#!/usr/bin/env python3
"""Writes the zlib fixtures of internal/inflate's tests.

Each fixture is an IMAP client's side of a COMPRESS=DEFLATE session
(RFC 4978) as zlib writes it: a raw DEFLATE stream (wbits=-15) in which
every command is followed by a flush -- Z_PARTIAL_FLUSH as mbsync does,
Z_SYNC_FLUSH, or Z_FULL_FLUSH -- and, last, Z_FINISH. plain.bin is the
uncompressed session, shared by all; fixtures.json lists, per fixture,
where each flush ends in the compressed and in the plain stream, so a
test can check that the decoder hands out each command as soon as its
flush has arrived.

Run from this directory: python3 gen_fixtures.py
"""
import json
import random
import zlib

rng = random.Random(4978)
words = ("the quick brown fox jumps over lazy dog mailbox message flag seen "
         "answered deleted draft recent inbox folder sync imap deflate").split()
text = []
while sum(len(w) + 1 for w in text) < 12000:
    text.append(rng.choice(words))
body = (" ".join(text)).encode()
body = b"\r\n".join(body[i:i + 72] for i in range(0, len(body), 72))
message = b"Subject: fixture\r\nMessage-ID: <fixture@x>\r\n\r\n" + body + b"\r\n"
noise = bytes(rng.getrandbits(8) for _ in range(6000))

segments = [
    b"1 CAPABILITY\r\n",
    b'2 LIST "" "*"\r\n',
    b"3 SELECT INBOX\r\n",
    b"4 UID FETCH 1:* (UID FLAGS)\r\n",
    b"5 APPEND INBOX (\\Seen) {%d+}\r\n" % len(message) + message + b"\r\n",
    b"6 APPEND INBOX {%d+}\r\n" % len(noise) + noise + b"\r\n",
    b"7 NOOP\r\n",
    b"8 LOGOUT\r\n",
]

FLUSH = {"partial": zlib.Z_PARTIAL_FLUSH, "sync": zlib.Z_SYNC_FLUSH, "full": zlib.Z_FULL_FLUSH}
STRATEGY = {"default": zlib.Z_DEFAULT_STRATEGY, "fixed": zlib.Z_FIXED,
            "huffman": zlib.Z_HUFFMAN_ONLY, "filtered": zlib.Z_FILTERED}
variants = [
    ("partial", 0, "default"), ("partial", 1, "default"), ("partial", 6, "default"),
    ("partial", 9, "default"), ("partial", 6, "fixed"), ("partial", 6, "huffman"),
    ("partial", 6, "filtered"),
    ("sync", 0, "default"), ("sync", 1, "default"), ("sync", 6, "default"),
    ("sync", 9, "default"), ("sync", 6, "fixed"),
    ("full", 6, "default"),
]

index = {"zlib": zlib.ZLIB_RUNTIME_VERSION, "fixtures": []}
plain = b"".join(segments)
for flush, level, strategy in variants:
    name = "%s-%d-%s" % (flush, level, strategy)
    c = zlib.compressobj(level, zlib.DEFLATED, -15, 8, STRATEGY[strategy])
    out, marks, pend = b"", [], 0
    for seg in segments:
        out += c.compress(seg) + c.flush(FLUSH[flush])
        pend += len(seg)
        marks.append([len(out), pend])
    out += c.flush(zlib.Z_FINISH)
    marks.append([len(out), pend])
    with open(name + ".deflate", "wb") as f:
        f.write(out)
    index["fixtures"].append({"name": name, "marks": marks})
with open("plain.bin", "wb") as f:
    f.write(plain)
with open("fixtures.json", "w") as f:
    f.write('{"zlib": %s, "fixtures": [\n' % json.dumps(index["zlib"]))
    f.write(",\n".join(json.dumps(x) for x in index["fixtures"]))
    f.write("\n]}\n")
