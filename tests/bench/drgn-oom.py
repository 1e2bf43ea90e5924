#!/usr/bin/python3
"""The speed peer of `make bench`: oomscan's analysis written as a drgn
script (every process's Tasks-state row and OOM points, every zone's free
areas), for the same dump.  Usage: drgn-oom.py VMLINUX VMCORE"""
import sys

import drgn
from drgn import cast
from drgn.helpers.linux.list import list_for_each_entry
from drgn.helpers.linux.pid import for_each_task

prog = drgn.Program()
prog.set_core_dump(sys.argv[2])
prog.load_debug_info([sys.argv[1]])

PF_KTHREAD = 0x00200000
try:
    prog.type("struct mm_rss_stat")
    percpu = False
except LookupError:
    percpu = True


def counter(mm, i):
    if percpu:
        v = mm.rss_stat[i].count.value_()
    else:
        v = mm.rss_stat.count[i].counter.value_()
    return max(v, 0)


total = prog["_totalram_pages"].counter.value_() + prog["total_swap_pages"].value_()
rows = []
for t in for_each_task(prog):
    if t.pid != t.tgid:
        continue
    if t.flags.value_() & PF_KTHREAD or t.pid.value_() == 1:
        continue
    mm = t.mm
    if not mm:
        continue
    fp, ap, sw, sh = (counter(mm, i) for i in range(4))
    adj = t.signal.oom_score_adj.value_()
    pgt = mm.pgtables_bytes.counter.value_()
    points = fp + ap + sh + sw + pgt // 4096 + adj * (total // 1000)
    rows.append((t.pid.value_(), t.tgid.value_(), t.comm.string_().decode(),
                 mm.total_vm.value_(), fp + ap + sh, pgt, sw, adj,
                 None if adj == -1000 else points))
for r in rows:
    print("[%7d] %5d %8d %8d %14d %8d %13d %s points=%s" %
          (r[0], r[1], r[3], r[4], r[5], r[6], r[7], r[2], r[8]))

for node in range(prog["nr_online_nodes"].value_()):
    pgdat = prog["node_data"][node]
    for z in range(len(pgdat.node_zones)):
        zone = pgdat.node_zones[z]
        if not zone.present_pages:
            continue
        print("Node %d %s:" % (node, zone.name.string_().decode()), end="")
        for order in range(len(zone.free_area)):
            fa = zone.free_area[order]
            n = 0
            for mt in range(len(fa.free_list)):
                for _ in list_for_each_entry("struct page", fa.free_list[mt].address_of_(), "lru"):
                    n += 1
            print(" %d*%dkB" % (fa.nr_free.value_(), 4 << order), end="")
        print()
