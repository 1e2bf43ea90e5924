# SPDX-License-Identifier: GPL-2.0
"""apport package hook: oomscan's analysis of a kernel crash dump.

Installed in /usr/share/apport/package-hooks/ (make install).  For a
KernelCrash report that carries its dump in VmCore, it runs oomscan on the
dump and adds two fields: OomScan (the text report) and OomScanJSON (the
JSON report, docs/json-schema).  oomscan finds the debug vmlinux as it
always does (OOMSCAN_VMLINUX, /usr/lib/debug/boot, ...); when it cannot
analyse the dump, OomScan says why and OomScanJSON is not added.

The OOMSCAN environment variable names the oomscan to run (default: the
one on PATH).
"""
import os
import subprocess
import tempfile

# exit status of oomscan: 0 complete report, 3 report with parts missing
_REPORTED = (0, 3)


def _dump_path(value, tmpdir):
    """a file holding the dump of a VmCore value, whatever apport made it"""
    if isinstance(value, tuple):  # a file reference, (path, ...)
        if hasattr(value[0], "read"):
            data = value[0].read()
        else:
            return value[0]
    elif hasattr(value, "write") and hasattr(value, "gzipvalue"):
        path = os.path.join(tmpdir, "vmcore")  # a CompressedValue
        with open(path, "wb") as f:
            value.write(f)
        return path
    else:
        data = value
    if isinstance(data, str):
        data = data.encode("latin-1")
    path = os.path.join(tmpdir, "vmcore")
    with open(path, "wb") as f:
        f.write(data)
    return path


def _run(args):
    return subprocess.run(args, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, check=False)


def add_info(report, ui=None):  # pylint: disable=unused-argument
    """apport's hook interface"""
    if report.get("ProblemType") != "KernelCrash" or not report.get("VmCore"):
        return
    oomscan = os.environ.get("OOMSCAN", "oomscan")
    with tempfile.TemporaryDirectory(prefix="oomscan-apport.") as tmpdir:
        try:
            path = _dump_path(report["VmCore"], tmpdir)
            text = _run([oomscan, path])
            if text.returncode not in _REPORTED:
                report["OomScan"] = "oomscan failed: " + \
                    text.stderr.decode("UTF-8", "replace").strip()
                return
            json = _run([oomscan, "--json", path])
        except OSError as error:
            report["OomScan"] = "oomscan failed: %s" % error
            return
    report["OomScan"] = text.stdout.decode("UTF-8", "replace").rstrip("\n")
    if json.returncode in _REPORTED:
        report["OomScanJSON"] = json.stdout.decode("UTF-8", "replace").rstrip("\n")
