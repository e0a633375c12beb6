"""What the install needs from the system, checked before anything is installed.

Run by `make` with the system's Python. It says in one line what is missing and the one command
that installs it, so that this is the first error a user sees, not pip's or WeasyPrint's.
Kept to the standard library and to syntax old Pythons parse, since a too-old Python must be
told so rather than fail on this file.
"""

import ctypes
import ctypes.util
import sys

MINIMUM = (3, 11)
DEBIAN = "sudo apt-get install"
#: The shared libraries WeasyPrint must open (weasyprint/text/ffi.py; HarfBuzz-Subset is optional
#: there), with the Debian package that ships each: (ELF names tried, find_library name, package).
LIBRARIES = [
    (("libgobject-2.0.so.0",), "gobject-2.0", "libglib2.0-0"),
    (("libpango-1.0.so.0",), "pango-1.0", "libpango-1.0-0"),
    (("libpangoft2-1.0.so.0",), "pangoft2-1.0", "libpangoft2-1.0-0"),
    (("libharfbuzz.so.0",), "harfbuzz", "libharfbuzz0b"),
    (("libfontconfig.so.1",), "fontconfig", "libfontconfig1"),
]


def loads(names, short):
    """Whether one of the library's names can be opened, as WeasyPrint will try."""
    found = ctypes.util.find_library(short)
    for name in tuple(names) + ((found,) if found else ()):
        try:
            ctypes.CDLL(name)
            return True
        except OSError:
            continue
    return False


def missing_packages(libraries=LIBRARIES):
    """The Debian packages whose libraries cannot be opened, in the order given."""
    return [package for names, short, package in libraries if not loads(names, short)]


def problems(version=None, libraries=LIBRARIES):
    """One line per thing missing, each with the command that installs it."""
    version = tuple(version or sys.version_info[:2])
    found = []
    if version < MINIMUM:
        found.append("briefing needs Python %d.%d or newer, this is %d.%d: %s python3.11 python3.11-venv "
                     "(or run make PYTHON=/path/to/python3.11)" % (MINIMUM + version + (DEBIAN,)))
    packages = missing_packages(libraries)
    if packages:
        found.append("Pango is missing (WeasyPrint needs it to write the PDF): %s %s"
                     % (DEBIAN, " ".join(packages)))
    return found


def main():
    lines = problems()
    for line in lines:
        sys.stderr.write("error: " + line + "\n")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
