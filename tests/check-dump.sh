# shellcheck shell=bash
# check_dump DIR: prove a generated dump is real, against oracles nobody here
# typed in: the real crash (6.1), drgn, makedumpfile's own log reader, and
# libkdumpfile reading init_task.comm through KASLR; where the scenario says
# what the kernel concluded (EXPECT_OOM), drgn's read of the panicking
# task's struct oom_control (tests/oracles/drgn-oom-constraint).

# drgn_tasks VMLINUX VMCORE: "pid comm" of every task, as drgn sees them
drgn_tasks() {
	/usr/bin/python3 - "$1" "$2" <<'PY'
import sys, drgn
from drgn.helpers.linux.pid import for_each_task
prog = drgn.Program()
prog.set_core_dump(sys.argv[2])
prog.load_debug_info([sys.argv[1]])
try:
    for t in for_each_task(prog):
        print(t.pid.value_(), t.comm.string_().decode())
except drgn.FaultError as e:
    sys.exit("drgn: %s" % e)
PY
}

# check_oom_control NAME VMLINUX VMCORE: EXPECT_OOM's lines in drgn's read of
# the struct oom_control, and its totalpages as constrained_alloc() computes
# it from the dump's own counters
check_oom_control() {
	local name=$1 total rule
	if ! "$TOP/tests/oracles/drgn-oom-constraint" "$2" "$3" > "$TMP/oc" 2>&1; then
		not_ok "$name: drgn reads the oom_control"; diag < "$TMP/oc"
		return
	fi
	expect_in "$TMP/oc" "$name: drgn oom_control" "${EXPECT_OOM[@]}"
	total=$(sed -n 's/^totalpages=//p' "$TMP/oc")
	rule=$(sed -n 's/^totalpages_rule=//p' "$TMP/oc")
	[ "$rule" = none ] ||
		check "$name: oom_control totalpages $total is constrained_alloc()'s $rule" \
			test "$total" = "$rule"
}

check_dump() {
	local dir=$1 name scenario rel level vmlinux core f sha want addr comm slab_filtered=0
	name=$(basename "$dir")
	scenario=$(manifest_get "$dir" scenario)
	rel=$(manifest_get "$dir" release)
	level=$(manifest_get "$dir" dump_level)
	core=$dir/vmcore
	scenario_expect "$scenario" "$dir"
	# makedumpfile 1.7.2 drops 6.2+ slab pages at -d 8 (user data bit)
	case $rel in 6.1.*) ;; *) [ $((level & 8)) = 0 ] || slab_filtered=1 ;; esac

	for f in $(sed -n 's/.*{"name": "\([^"]*\)".*/\1/p' "$dir/manifest.json"); do
		want=$(sed -n "s/.*{\"name\": \"$f\".*\"sha256\": \"\([0-9a-f]*\)\".*/\1/p" "$dir/manifest.json")
		check "$name: $f has the sha256 of its manifest" test "$(sha256_of "$dir/$f")" = "$want"
	done
	if ! vmlinux=$(vmlinux_of "$dir"); then
		not_ok "$name: debug vmlinux for $rel"
		return
	fi
	check "$name: the vmlinux has the dump's build-id" \
		grep -q "Build ID: $(manifest_get "$dir" build_id)" <(readelf -n "$vmlinux")

	# the kernel's log, read by three tools
	if crash_can_open "$rel"; then
		run_crash "$vmlinux" "$core" log > "$TMP/crash.log"
		expect_in "$TMP/crash.log" "$name: crash log" "${EXPECT[@]}"
		[ ${#EXPECT_LOST[@]} = 0 ] || expect_not_in "$TMP/crash.log" "$name: crash log" "${EXPECT_LOST[@]}"
	fi
	if "$TOP/tests/oracles/drgn-dmesg" "$vmlinux" "$core" > "$TMP/drgn.log" 2>&1; then
		expect_in "$TMP/drgn.log" "$name: drgn log" "${EXPECT[@]}"
		[ ${#EXPECT_LOST[@]} = 0 ] || expect_not_in "$TMP/drgn.log" "$name: drgn log" "${EXPECT_LOST[@]}"
	else
		not_ok "$name: drgn reads the log"; diag < "$TMP/drgn.log"
	fi
	expect_in "$dir/dmesg.txt" "$name: makedumpfile --dump-dmesg" "${EXPECT[@]}"
	[ ${#EXPECT_LOST[@]} = 0 ] ||
		expect_not_in "$dir/dmesg.txt" "$name: makedumpfile --dump-dmesg" "${EXPECT_LOST[@]}"

	# the kernel's conclusion, in the oom_control on the panicking stack
	if [ ${#EXPECT_OOM[@]} -gt 0 ]; then
		check_oom_control "$name" "$vmlinux" "$core"
	fi

	# libkdumpfile opens it and reads init_task.comm through KASLR
	addr=$(init_task_comm "$vmlinux")
	for f in vmcore vmcore.elf; do
		[ -f "$dir/$f" ] || continue
		comm=$("$TOP/tests/tools/kdump-peek" "$dir/$f" "$addr" 16 2>&1)
		check "$name: libkdumpfile reads init_task.comm '$comm' in $f" test "$comm" = swapper/0
	done
	if [ -f "$dir/vmcore.elf" ] && crash_can_open "$rel"; then
		run_crash "$vmlinux" "$dir/vmcore.elf" log > "$TMP/crash-elf.log"
		expect_in "$TMP/crash-elf.log" "$name: crash log of the ELF dump" "${EXPECT[@]:0:2}"
	fi
	if [ -f "$dir/vmcore.flat" ]; then
		makedumpfile -R "$TMP/reassembled" < "$dir/vmcore.flat" > /dev/null 2>&1
		check "$name: makedumpfile -R of vmcore.flat gives vmcore byte for byte" \
			cmp "$TMP/reassembled" "$core"
		rm -f "$TMP/reassembled"
	fi

	# the task list: whole, or (slab pages filtered out) visibly not
	if [ $slab_filtered = 1 ]; then
		if drgn_tasks "$vmlinux" "$core" > "$TMP/tasks" 2>&1; then
			not_ok "$name: slab pages are filtered out (drgn read all tasks)"
		else
			check "$name: slab pages are filtered out (drgn: $(tail -n1 "$TMP/tasks"))" \
				grep -q 'Excluded page\|excluded' "$TMP/tasks"
		fi
	else
		drgn_tasks "$vmlinux" "$core" > "$TMP/tasks" 2>&1
		check "$name: drgn walks the task list to init ($(wc -l < "$TMP/tasks") tasks)" \
			grep -qx '1 init' "$TMP/tasks"
	fi
}
