#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write a small base BTF and two split BTFs on it into DIR:
base.btf (int, struct base_s), m1.btf and m2.btf (each a struct whose
name and member name live in the base's strings, the way module BTF
reuses vmlinux's, plus a typedef of its own), and bad_base.btf (base.btf
with a member pointing past the last type)."""
import struct
import sys

INT, PTR, STRUCT, TYPEDEF = 1, 2, 4, 8


def info(kind, vlen=0):
    return (kind << 24) | vlen


def raw(types, strs):
    tsec = b"".join(types)
    hdr = struct.pack("<HBBIIIII", 0xeB9F, 1, 0, 24, 0, len(tsec),
                      len(tsec), len(strs))
    return hdr + tsec + strs


# the padding makes the base's bytes big enough for malloc to mmap them, so
# a read after libbpf freed them faults even without a sanitizer
base_strs = b"\0int\0base_s\0a\0shared\0" + b"p" * (512 << 10) + b"\0"


def off(name):
    return base_strs.index(b"\0" + name.encode() + b"\0") + 1


def base(member_type=1):
    return raw([
        struct.pack("<IIII", off("int"), info(INT), 4, (1 << 24) | 32),  # 1
        struct.pack("<IIIIII", off("base_s"), info(STRUCT, 1), 4,
                    off("a"), member_type, 0),                            # 2
    ], base_strs)


def module(own):
    # split strings continue the base's: no leading NUL
    strs = own.encode() + b"\0"
    own_off = len(base_strs)
    return raw([
        struct.pack("<IIIIII", off("shared"), info(STRUCT, 1), 4,
                    off("a"), 1, 0),                                      # 3
        struct.pack("<III", own_off, info(TYPEDEF), 3),                   # 4
    ], strs)


d = sys.argv[1]
for name, data in (("base", base()), ("m1", module("m1_t")),
                   ("m2", module("m2_t")), ("bad_base", base(99))):
    with open(f"{d}/{name}.btf", "wb") as f:
        f.write(data)

# mksplit.py DIR BASE_STR_LEN BASE_TYPE_CNT: also on_base.btf, split BTF
# on a base of that shape (the running vmlinux) with strings of its own
if len(sys.argv) > 3:
    str_len, cnt = int(sys.argv[2]), int(sys.argv[3])
    strs = b"onb_int\0onb_t\0"
    with open(f"{d}/on_base.btf", "wb") as f:
        f.write(raw([
            struct.pack("<IIII", str_len, info(INT), 4, 32),
            struct.pack("<III", str_len + 8, info(TYPEDEF), cnt),
        ], strs))
