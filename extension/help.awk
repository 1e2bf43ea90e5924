#!/usr/bin/awk -f
# help.awk: docs/man2help's text of docs/oomscan.1 -> crash's help_str array
# for `crash> help oomscan`: the command's name, the NAME line's
# description, the SYNOPSIS without VMCORE (the dump is crash's), then every
# section from DESCRIPTION on (crash prints the DESCRIPTION heading itself).
function str(s) {
	gsub(/\\/, "\\\\\\\\", s); gsub(/"/, "\\\"", s)
	if (s ~ /%s/) gsub(/%/, "%%", s)	# crash uses such lines as formats
	return "\t\"" s "\",\n"
}
/^[A-Z]/ { sec = $0; if (sec == "DESCRIPTION") { body = 1; next } }
sec == "NAME" && /^ / { desc = $0; sub(/^ *oomscan - /, "", desc) }
sec == "SYNOPSIS" && /^ / { syn = $0; sub(/^ *oomscan */, "", syn); sub(/ *VMCORE.*$/, "", syn) }
body { lines = lines str($0) }
END {
	print "/* generated from docs/oomscan.1 by docs/man2help and extension/help.awk */"
	print "static char *oms_crash_help[] = {"
	printf "%s%s%s", str("oomscan"), str(desc), str(syn)
	printf "%s", lines
	print "\tNULL"
	print "};"
}
