# SPDX-License-Identifier: GPL-2.0
"""apport hook: oomscan's analysis of a kernel crash dump.

Installed in /usr/share/apport/general-hooks/ (make install).  apport runs
package-hooks/NAME.py only for reports whose Package (or SourcePackage,
as source_NAME.py) is NAME, and a kernel crash report's package is the
kernel's, linux-image-RELEASE[-STAMP], whose hook name apport's own
source_linux.py already has; a general hook runs for every report, and
this one acts on KernelCrash reports only.

For a KernelCrash report it runs oomscan on the dump and adds two fields:
OomScan (the text report) and OomScanJSON (the JSON report,
docs/oomscan.schema.json).  The dump is the report's VmCore or, in the
reports apport's kernel_crashdump writes for kdump-tools' folders (with
VmCoreDmesg and "Package: NAME-STAMP"), REPORT_DIR/STAMP/dump.STAMP.
oomscan finds the debug vmlinux as it always does (OOMSCAN_VMLINUX,
/usr/lib/debug/boot, ...); when it cannot analyse the dump, OomScan says
why and OomScanJSON is not added.

The OOMSCAN environment variable names the oomscan to run (default: the
one on PATH); REPORT_DIR is apport's (APPORT_REPORT_DIR, /var/crash).
"""
import os
import re
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


def _report_dir():
    try:
        import apport.fileutils  # pylint: disable=import-outside-toplevel
        return apport.fileutils.report_dir
    except (ImportError, AttributeError):
        return os.environ.get("APPORT_REPORT_DIR", "/var/crash")


def _dump_beside(report):
    """the kdump-tools dump of a VmCoreDmesg report, or None"""
    package = report.get("Package", "").split(" ")[0]
    match = re.search(r"-([0-9]{12})$", package)
    if not match:
        return None
    stamp = match.group(1)
    path = os.path.join(_report_dir(), stamp, "dump." + stamp)
    return path if os.path.exists(path) else None


def _run(args):
    return subprocess.run(args, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, check=False)


def add_info(report, ui=None):  # pylint: disable=unused-argument
    """apport's hook interface"""
    if report.get("ProblemType") != "KernelCrash":
        return
    beside = None if report.get("VmCore") else _dump_beside(report)
    if not report.get("VmCore") and not beside:
        return
    oomscan = os.environ.get("OOMSCAN", "oomscan")
    with tempfile.TemporaryDirectory(prefix="oomscan-apport.") as tmpdir:
        try:
            path = beside or _dump_path(report["VmCore"], tmpdir)
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
