// SPDX-License-Identifier: GPL-2.0-only
/*
 * map event_pipe: read what BPF programs send through a perf event array
 * (bpf_perf_event_output) and print it until SIGINT/SIGHUP/SIGTERM.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/perf_event.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "args.h"
#include "main.h"
#include "handle.h"
#include "map.h"
#include "json_writer.h"

#define RING_PAGES 16

/* set from the signal handler: the only way out of the poll loop */
static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

struct sample {
	struct perf_event_header hdr;
	__u64 time;
	__u32 size;
	unsigned char data[];
};

struct lost {
	struct perf_event_header hdr;
	__u64 id;
	__u64 count;
};

struct pipe_ctx {
	int cpu, index;		/* of the ring being read */
	int *cpus, *keys;
	struct obuf *ob;
};

static enum bpf_perf_event_ret print_event(void *private_data, int cpu,
					   struct perf_event_header *ev)
{
	struct pipe_ctx *p = private_data;
	struct sample *s = (struct sample *)ev;
	struct lost *l = (struct lost *)ev;
	int index = p->index;
	__u32 i;

	/* libbpf tells the cpu; the map index is the one installed for it */
	if (p->cpus)
		index = p->keys[cpu];
	if (json_wtr) {
		jsonw_start_object(json_wtr);
		jsonw_int_field(json_wtr, "type", ev->type);
		jsonw_int_field(json_wtr, "cpu", cpu);
		jsonw_int_field(json_wtr, "index", index);
		if (ev->type == PERF_RECORD_SAMPLE) {
			jsonw_uint_field(json_wtr, "timestamp", s->time);
			jsonw_name(json_wtr, "data");
			jsonw_start_array(json_wtr);
			for (i = 0; i < s->size; i++)
				jsonw_uint(json_wtr, s->data[i]);
			jsonw_end_array(json_wtr);
		} else if (ev->type == PERF_RECORD_LOST) {
			jsonw_name(json_wtr, "lost");
			jsonw_start_object(json_wtr);
			jsonw_uint_field(json_wtr, "id", l->id);
			jsonw_uint_field(json_wtr, "count", l->count);
			jsonw_end_object(json_wtr);
		}
		jsonw_end_object(json_wtr);
		return LIBBPF_PERF_EVENT_CONT;
	}
	if (ev->type == PERF_RECORD_SAMPLE) {
		obuf_printf(p->ob, "== @%llu.%09llu CPU: %d index: %d =====\n",
			    (unsigned long long)(s->time / 1000000000ULL),
			    (unsigned long long)(s->time % 1000000000ULL),
			    cpu, index);
		obuf_hex(p->ob, s->data, s->size);
		obuf_putc(p->ob, '\n');
	} else if (ev->type == PERF_RECORD_LOST) {
		obuf_printf(p->ob, "lost %llu events\n",
			    (unsigned long long)l->count);
	} else {
		obuf_printf(p->ob, "unknown event type=%u size=%u\n", ev->type,
			    ev->size);
	}
	return LIBBPF_PERF_EVENT_CONT;
}

static int parse_args(struct argcur *c, int *cpu, int *index)
{
	__u32 v;

	*cpu = -1;
	*index = -1;
	while (arg_more(c)) {
		if (arg_take(c, "cpu")) {
			if (arg_u32(c, &v, "CPU"))
				return -1;
			*cpu = v;
		} else if (arg_take(c, "index")) {
			if (arg_u32(c, &v, "index"))
				return -1;
			*index = v;
		} else {
			return p_err("what is '%s'?", arg_peek(c));
		}
	}
	if ((*cpu < 0) != (*index < 0))
		return p_err("cpu and index must be specified together");
	return 0;
}

static int pipe_loop(struct perf_buffer *pb, struct pipe_ctx *p)
{
	int err = 0;

	signal(SIGINT, on_signal);
	signal(SIGHUP, on_signal);
	signal(SIGTERM, on_signal);
	if (json_wtr)
		jsonw_start_array(json_wtr);
	while (!stop) {
		err = perf_buffer__poll(pb, 200);
		if (err < 0 && err != -EINTR) {
			obuf_flush(p->ob);
			p_err("perf buffer polling failed: %s", strerror(-err));
			break;
		}
		err = 0;
		obuf_flush(p->ob);
		fflush(stdout);
	}
	if (json_wtr)
		jsonw_end_array(json_wtr);
	fprintf(stderr, "Stopping...\n");
	return err;
}

int do_map_event_pipe(int argc, char **argv)
{
	ARGCUR(c, argc, argv);
	struct perf_event_attr attr = {
		.sample_type = PERF_SAMPLE_RAW | PERF_SAMPLE_TIME,
		.type = PERF_TYPE_SOFTWARE,
		.config = PERF_COUNT_SW_BPF_OUTPUT,
		.sample_period = 1,
		.wakeup_events = 1,
	};
	LIBBPF_OPTS(perf_buffer_raw_opts, o);
	struct pipe_ctx p = {};
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);
	struct perf_buffer *pb;
	int fd, err, i, n;

	if (argc < 2)
		return usage();
	fd = map_parse_fd(&c, false);
	if (fd < 0)
		return -1;
	err = bpf_obj_get_info_by_fd(fd, &info, &len) ?
	      p_err("can't get map info: %s", strerror(errno)) : 0;
	if (!err && info.type != BPF_MAP_TYPE_PERF_EVENT_ARRAY)
		err = p_err("map is not a perf event array");
	if (!err)
		err = parse_args(&c, &p.cpu, &p.index);
	p.ob = malloc(sizeof(*p.ob));
	if (!err && !p.ob)
		err = p_err("out of memory");
	if (err)
		goto out;
	obuf_init(p.ob, stdout);
	if (p.cpu >= 0) {
		o.cpu_cnt = 1;
		o.cpus = &p.cpu;
		o.map_keys = &p.index;
	} else {
		/* one ring per possible CPU, at the map index of the CPU */
		n = map_ncpus();
		if (n > (int)info.max_entries)
			n = info.max_entries;
		p.cpus = calloc(n, sizeof(int));
		p.keys = calloc(map_ncpus(), sizeof(int));
		if (!p.cpus || !p.keys) {
			err = p_err("out of memory");
			goto out;
		}
		for (i = 0; i < n; i++)
			p.cpus[i] = p.keys[i] = i;
		o.cpu_cnt = n;
		o.cpus = p.cpus;
		o.map_keys = p.cpus;
	}
	pb = perf_buffer__new_raw(fd, RING_PAGES, &attr, print_event, &p, &o);
	if (!pb) {
		err = p_err("failed to create perf buffer: %s", strerror(errno));
		goto out;
	}
	err = pipe_loop(pb, &p);
	perf_buffer__free(pb);
out:
	free(p.cpus);
	free(p.keys);
	free(p.ob);
	close(fd);
	return err;
}
