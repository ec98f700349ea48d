#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write tests/golden/btf_allkinds.btf: raw BTF with every kind and the
corner cases a compiler does not produce (signed and 64-bit enums, kflag
bitfields, unknown encodings and linkages, a bad name offset).
Run once; the .btf and its golden outputs are committed. With a second
argument (a directory), also write the malformed btf_bad_*.btf there."""
import struct
import sys

strs = b"\0"
offs = {}


def s(name):
    global strs
    if name not in offs:
        offs[name] = len(strs)
        strs += name.encode() + b"\0"
    return offs[name]


def info(kind, vlen=0, kflag=0):
    return (kflag << 31) | (kind << 24) | vlen


types = []


def t(name_off, inf, size_or_type, extra=b""):
    types.append(struct.pack("<III", name_off, inf, size_or_type) + extra)
    return len(types)


INT, PTR, ARRAY, STRUCT, UNION, ENUM, FWD, TYPEDEF, VOLATILE, CONST, \
    RESTRICT, FUNC, FUNC_PROTO, VAR, DATASEC, FLOAT, DECL_TAG, TYPE_TAG, \
    ENUM64 = range(1, 20)

i32 = t(s("int"), info(INT), 4, struct.pack("<I", (1 << 24) | 32))       # 1
u8c = t(s("char"), info(INT), 1, struct.pack("<I", (2 << 24) | 8))       # 2
odd = t(s("odd_bits"), info(INT), 4, struct.pack("<I", (8 << 24) | (4 << 16) | 12))  # 3
ptr = t(0, info(PTR), i32)                                                # 4
arr = t(0, info(ARRAY), 0, struct.pack("<III", u8c, i32, 7))             # 5
mem = struct.pack("<III", s("lo"), i32, (3 << 24) | 0) + \
    struct.pack("<III", s("hi"), i32, (5 << 24) | 3) + \
    struct.pack("<III", 0, arr, 32)
st = t(s("kbits"), info(STRUCT, 3, 1), 12, mem)                          # 6
un = t(s("u"), info(UNION, 2), 4, struct.pack("<III", s("x"), i32, 0) +
       struct.pack("<III", s("y"), ptr, 0))                              # 7
en = t(s("sgn"), info(ENUM, 3, 1), 4,
       struct.pack("<Ii", s("NEG"), -5) + struct.pack("<Ii", s("ZERO"), 0) +
       struct.pack("<Ii", s("MAXI"), 2147483647))                        # 8
eu = t(s("uns"), info(ENUM, 1), 4, struct.pack("<II", s("ALL"), 0xffffffff))  # 9
e64u = t(s("big"), info(ENUM64, 2), 8,
         struct.pack("<III", s("B1"), 0x9, 0x1) +
         struct.pack("<III", s("B2"), 0xffffffff, 0xffffffff))          # 10
e64s = t(0, info(ENUM64, 1, 1), 8,
         struct.pack("<III", s("S1"), 0xfffffffe, 0xffffffff))          # 11
fwd = t(s("later"), info(FWD, 0, 1), 0)                                  # 12
td = t(s("myint"), info(TYPEDEF), i32)                                   # 13
vol = t(0, info(VOLATILE), td)                                           # 14
cst = t(0, info(CONST), vol)                                             # 15
rst = t(0, info(RESTRICT), ptr)                                          # 16
proto = t(0, info(FUNC_PROTO, 2), i32,
          struct.pack("<II", s("a"), cst) + struct.pack("<II", 0, 0))   # 17
fs = t(s("f_static"), info(FUNC, 0), proto)                              # 18
fg = t(s("f_global"), info(FUNC, 1), proto)                              # 19
fe = t(s("f_extern"), info(FUNC, 2), proto)                              # 20
fu = t(s("f_weird"), info(FUNC, 7), proto)                               # 21
v1 = t(s("v_static"), info(VAR), i32, struct.pack("<I", 0))              # 22
v2 = t(s("v_global"), info(VAR), st, struct.pack("<I", 1))               # 23
v3 = t(s("v_extern"), info(VAR), i32, struct.pack("<I", 2))              # 24
v4 = t(s("v_weird"), info(VAR), i32, struct.pack("<I", 9))               # 25
ds = t(s(".data"), info(DATASEC, 3), 64,
       struct.pack("<III", v2, 0, 12) + struct.pack("<III", v3, 16, 4) +
       struct.pack("<III", v4, 20, 4))                                   # 26
fl = t(s("double"), info(FLOAT), 8)                                      # 27
dt1 = t(s("tag_whole"), info(DECL_TAG), st, struct.pack("<i", -1))       # 28
dt2 = t(s("tag_member"), info(DECL_TAG), st, struct.pack("<i", 1))       # 29
tt = t(s("user"), info(TYPE_TAG), i32)                                   # 30
bad = t(0x7fffff, info(PTR), tt)                                         # 31: bad name
esc = t(s("quote\"back\\slash"), info(TYPEDEF), i32)                     # 32

tdata = b"".join(types)
hdr = struct.pack("<HBBIIIII", 0xeB9F, 1, 0, 24, 0, len(tdata), len(tdata),
                  len(strs))
out = sys.argv[1] if len(sys.argv) > 1 else "btf_allkinds.btf"
with open(out, "wb") as f:
    f.write(hdr + tdata + strs)


# Malformed variants for the error-path tests: btf_bad_<what>.btf
def blob(tlist, strtab=b"\0a\0"):
    td = b"".join(tlist)
    h = struct.pack("<HBBIIIII", 0xeB9F, 1, 0, 24, 0, len(td), len(td),
                    len(strtab))
    return h + td + strtab


def rec(name_off, inf, st, extra=b""):
    return struct.pack("<III", name_off, inf, st) + extra


INT32 = rec(1, info(INT), 4, struct.pack("<I", (1 << 24) | 32))
bad = {
    # 2 -> 3 -> 2 through pointers only: no C declaration can end
    "loop": [INT32, rec(0, info(PTR), 3), rec(0, info(CONST), 2)],
    # a struct holding itself by value: infinite size
    "valueloop": [INT32, rec(1, info(STRUCT, 1), 4,
                             struct.pack("<III", 1, 3, 0)),
                  rec(0, info(TYPEDEF), 2)],
    # refers to type 99 of 2
    "range": [INT32, rec(0, info(PTR), 99)],
    # kind 25 does not exist (yet)
    "kind": [INT32, rec(0, info(25), 0)],
    # vlen 65535 members, but the section ends after one
    "vlen": [INT32, rec(1, info(STRUCT, 0xffff), 4,
                        struct.pack("<III", 1, 1, 0))],
    # valid, but a 1 GiB struct with one int: a C dump pads it line by line
    "huge": [INT32, rec(1, info(STRUCT, 1), 1 << 30,
                        struct.pack("<III", 1, 1, 0))],
}
if len(sys.argv) > 2:
    import os
    for what, tl in bad.items():
        with open(os.path.join(sys.argv[2], "btf_bad_%s.btf" % what),
                  "wb") as f:
            f.write(blob(tl))
