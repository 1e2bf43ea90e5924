# swap: a zram swap device in use, so tasks have swapents > 0 when the
# global OOM (vm.panic_on_oom=1) comes.  The hogs' pages are same-filled,
# so zram keeps them at almost no cost and swap fills before RAM frees up.
MEM=512
MODULES='zram lzo lzo-rle'

EXPECT=(
	'invoked oom-killer: gfp_mask=0x[0-9a-f]+'
	'Mem-Info:'
	'Total swap = 131068kB'
	'Tasks state \(memory values in pages\)'
	# a hog row whose swapents (the column before oom_score_adj) is not 0
	' [1-9][0-9]* +-?[0-9]+ swap_[a-z]$'
	'Kernel panic - not syncing: Out of memory: system-wide panic_on_oom is enabled'
)

guest_script() {
	cat <<'EOS'
set_sysctl vm/panic_on_oom 1
echo 128M > /sys/block/zram0/disksize || fail "cannot size zram0"
mkswap /dev/zram0 > /dev/null || fail "mkswap failed"
swapon /dev/zram0 || fail "swapon failed"
gen "swap on: $(grep zram0 /proc/swaps)"
start_hog -n swap_a -a 0 -m 60
start_hog -n swap_b -a 200 -m 60
start_hog -n swap_c -a 400 -m 60
start_hog -n grower -a 0 -g
EOS
}
