#!/usr/bin/env python3
"""Structural JSON comparison: exit 0 when ACTUAL equals EXPECTED (object key order ignored,
list order significant, 1 == 1.0 not conflated with true); otherwise print the first difference."""
import json
import sys


def diff(a, b, path="$"):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in a:
            if k not in b:
                return f"{path}.{k}: missing in actual"
        for k in b:
            if k not in a:
                return f"{path}.{k}: unexpected in actual"
        for k in a:
            d = diff(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path}: expected {len(a)} items, got {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = diff(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    if type(a) is not type(b) or a != b:
        return f"{path}: expected {json.dumps(a)[:80]}, got {json.dumps(b)[:80]}"
    return None


def main():
    if len(sys.argv) != 3:
        print("usage: compare.py expected.json actual.json", file=sys.stderr)
        return 2
    with open(sys.argv[1], "rb") as f:
        expected = json.load(f)
    try:
        with open(sys.argv[2], "rb") as f:
            actual = json.load(f)
    except (ValueError, OSError) as e:
        print(f"not JSON: {e}")
        return 1
    d = diff(expected, actual)
    if d:
        print(d)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
