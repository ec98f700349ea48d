# SPDX-License-Identifier: GPL-2.0-only
# bpfkit: plain Makefile. Every src/*.c and src/LAYER/*.c is part of the binary.
PREFIX	?= /usr/local
DESTDIR	?=
CC	?= cc
PKGS	:= libbpf libelf zlib libcap libmnl libarchive
# opened with dlopen() when first needed (btf_src.c says why), not linked
PKGS_DL	:= libarchive

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(filter-out $(PKGS_DL),$(PKGS)) 2>/dev/null || echo -lbpf -lelf -lz -lcap -lmnl)

# CFLAGS/LDFLAGS from the command line add to ours instead of replacing them
CFLAGS	?= -O2 -g
ALL_CFLAGS = -std=gnu11 -pthread -Wall -Wextra -D_GNU_SOURCE $(SRC_INC) $(PKG_CFLAGS) $(SAN_FLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SAN_FLAGS) $(LDFLAGS)
LDLIBS	+= $(PKG_LIBS) -ldl -pthread

# SANITIZE=1: ASan + UBSan build in its own directory and binary name
ifeq ($(SANITIZE),1)
BUILD	?= build-san
BIN	?= bpfkit-san
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else
BUILD	?= build
BIN	?= bpfkit
endif

# commands at the top of src/, shared machinery in one directory per layer;
# every header is found by its bare name
SRCDIRS	:= src $(patsubst %/,%,$(sort $(dir $(wildcard src/*/*.c))))
SRC_INC	:= $(addprefix -I,$(SRCDIRS))
SRCS	:= $(foreach d,$(SRCDIRS),$(wildcard $(d)/*.c))
OBJS	:= $(patsubst %.c,$(BUILD)/%.o,$(notdir $(SRCS)))
vpath %.c $(SRCDIRS)
DEPS	:= $(OBJS:.o=.d)

.PHONY: all deps check check-san test install clean doc doc-install fuzz bench

# "make" on a fresh Debian 12 first installs whatever packages are missing
# (a quick no-op, without network, when everything is there).
all: deps
	@$(MAKE) --no-print-directory $(BIN)

$(BIN): $(OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(BUILD)/%.o: %.c | $(BUILD)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD):
	mkdir -p $@

-include $(DEPS)

# Install the Debian packages the build and tests need, only where missing.
deps:
	@./.ci/deps.sh

# The whole suite against ./bpfkit; SANITIZE=1 runs it against bpfkit-san.
check: deps
	@$(MAKE) --no-print-directory $(BIN)
	@BPFKIT=$(CURDIR)/$(BIN) ./tests/run.sh

check-san:
	@$(MAKE) --no-print-directory SANITIZE=1 check

test: check

doc:
	$(MAKE) -C docs

doc-install:
	$(MAKE) -C docs install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX)

fuzz:
	$(MAKE) -C tests/fuzz

bench: $(BIN)
	./bench/show.sh; ./bench/btf.sh; ./bench/map.sh; ./bench/gen.sh; ./bench/core.sh; ./bench/feature.sh

install: $(BIN)
	install -D -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/sbin/bpfkit
	install -D -m 0644 bash-completion/bpfkit \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/bpfkit
	-$(MAKE) -C docs install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX)

clean:
	rm -rf build build-san bpfkit bpfkit-san tests/build
	-$(MAKE) -C docs clean
