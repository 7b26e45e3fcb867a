#!/usr/bin/env python3
"""List the files uploaded in multipart/form-data HTTP requests of one TCP stream, with their
size and SHA-256, from the bytes tshark reassembles (tshark -q -z follow,tcp,raw,STREAM).
Independent of NTA: used to write the answer keys of the capture fixtures.

    uploads.py CAPTURE TCP_STREAM
"""
import hashlib, re, subprocess, sys


def client_bytes(capture: str, stream: int) -> bytes:
    out = subprocess.run(["tshark", "-r", capture, "-q", "-z", f"follow,tcp,raw,{stream}"],
                         check=True, capture_output=True, text=True).stdout
    data = bytearray()
    body = out.split("=" * 67)[1]          # between the two separator lines
    for line in body.splitlines():
        if not line or line.startswith(("Follow:", "Filter:", "Node ")) or line.startswith("\t"):
            continue                        # tab-indented lines are the server's bytes
        data += bytes.fromhex(line.strip())
    return bytes(data)


def requests(data: bytes):
    pos = 0
    while pos < len(data):
        end = data.find(b"\r\n\r\n", pos)
        if end < 0:
            return
        head = data[pos:end].decode("latin-1")
        m = re.search(r"(?im)^content-length:\s*(\d+)", head)
        length = int(m.group(1)) if m else 0
        yield head, data[end + 4:end + 4 + length]
        pos = end + 4 + length


def files(capture: str, stream: int):
    """One dict per uploaded file: request line, filename, type, size, sha256."""
    out = []
    for head, body in requests(client_bytes(capture, stream)):
        m = re.search(r'(?im)^content-type:\s*multipart/form-data;\s*boundary="?([^";\r\n]+)', head)
        if not m:
            continue
        boundary = b"--" + m.group(1).encode()
        for part in body.split(boundary)[1:]:
            if part.startswith(b"--"):
                break
            hdr, _, content = part[2:].partition(b"\r\n\r\n")
            content = content[:-2] if content.endswith(b"\r\n") else content
            fn = re.search(rb'filename="([^"]*)"', hdr)
            if fn is None:
                continue
            ct = re.search(rb"(?i)content-type:\s*([^\r\n]+)", hdr)
            out.append({"request": head.splitlines()[0], "filename": fn.group(1).decode(),
                        "type": ct.group(1).decode() if ct else "", "size": len(content),
                        "sha256": hashlib.sha256(content).hexdigest()})
    return out


def main():
    for f in files(sys.argv[1], int(sys.argv[2])):
        print(f"{f['request']}\tfilename={f['filename']}\ttype={f['type']}\tsize={f['size']}\tsha256={f['sha256']}")


if __name__ == "__main__":
    main()
