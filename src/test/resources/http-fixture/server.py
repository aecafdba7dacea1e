"""The corpus cases' HTTP server: static fixtures (text, archives, checksums, JSON) and a few
dynamic endpoints (header echo, body echo, basic auth, redirect, chosen status), on port 8080."""
import base64
import bz2
import gzip
import hashlib
import http.server
import io
import json
import lzma
import os
import tarfile
import zipfile

ROOT = "/srv/www"
MTIME = 1700000000
MEMBERS = {
    "app/bin/app": (b"#!/bin/sh\necho app 1.0\n", 0o755),
    "app/README": (b"the app\n", 0o644),
    "app/conf/app.conf": (b"port = 8080\n", 0o640),
}


def tar_bytes():
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for directory in ("app", "app/bin", "app/conf"):
            info = tarfile.TarInfo(directory)
            info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, MTIME
            tar.addfile(info)
        for name, (content, mode_bits) in MEMBERS.items():
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(content), mode_bits, MTIME
            tar.addfile(info, io.BytesIO(content))
    return out.getvalue()


def zip_bytes():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, (content, mode_bits) in MEMBERS.items():
            info = zipfile.ZipInfo(name, date_time=(2023, 11, 14, 22, 13, 20))
            info.external_attr = (0o100000 | mode_bits) << 16
            archive.writestr(info, content)
    return out.getvalue()


def tar_gz(members):
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz", format=tarfile.GNU_FORMAT) as tar:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            if content is None:
                info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, MTIME
                tar.addfile(info)
            else:
                info.size, info.mode, info.mtime = len(content), 0o644, MTIME
                tar.addfile(info, io.BytesIO(content))
    return out.getvalue()


def deb_bytes():
    """A .deb (an ar archive of debian-binary, control.tar.gz and data.tar.gz) for apt's deb=URL."""
    control = (b"Package: pburl\nVersion: 2.0\nArchitecture: all\nMaintainer: playbake <dev@example.org>\n"
               b"Description: playbake test package served over HTTP\n")
    members = [("debian-binary", b"2.0\n"), ("control.tar.gz", tar_gz({"./control": control})),
               ("data.tar.gz", tar_gz({"./": None, "./usr/": None, "./usr/share/": None, "./usr/share/pburl/": None,
                                             "./usr/share/pburl/hello.txt": b"served\n"}))]
    out = io.BytesIO()
    out.write(b"!<arch>\n")
    for name, content in members:
        out.write(f"{name:<16}{MTIME:<12}{0:<6}{0:<6}{100644:<8}{len(content):<10}`\n".encode())
        out.write(content + (b"\n" if len(content) % 2 else b""))
    return out.getvalue()


def build():
    files = {
        "hello.txt": b"hello from the test server\n",
        "other.txt": b"another file\n",
        "data.json": json.dumps({"name": "fixture", "items": [1, 2, 3]}).encode(),
        "app.tar.gz": gzip.compress(tar_bytes(), mtime=0),
        "app.tgz": gzip.compress(tar_bytes(), mtime=0),
        "app.tar.bz2": bz2.compress(tar_bytes()),
        "app.tar.xz": lzma.compress(tar_bytes()),
        "app.zip": zip_bytes(),
        "pburl_2.0_all.deb": deb_bytes(),
        "private/secret.txt": b"only with a password\n",
        # a team's public keys, as roles fetch them with lookup('url'): CRLF, a blank line, no final newline
        "keys/team.keys": b"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAlice alice@example.org\r\n\n"
                          b"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBob bob@example.org\n"
                          b"ssh-rsa AAAAB3NzaC1yc2EAAAADCarol carol@example.org",
    }
    sums = "".join(f"{hashlib.sha256(c).hexdigest()}  {n}\n" for n, c in files.items() if "/" not in n)
    files["SHA256SUMS"] = sums.encode()
    files["hello.txt.sha256"] = (hashlib.sha256(files["hello.txt"]).hexdigest() + "\n").encode()
    for name, content in files.items():
        path = os.path.join(ROOT, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(content)
        os.utime(path, (MTIME, MTIME))


class Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=ROOT, **kwargs)

    def reply(self, status, body, content_type="application/json", extra=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in extra:
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def authorised(self):
        expected = "Basic " + base64.b64encode(b"user:secret").decode()
        if self.headers.get("Authorization") == expected:
            return True
        self.reply(401, b'{"error": "unauthorised"}', extra=[("WWW-Authenticate", 'Basic realm="fixture"')])
        return False

    def route(self):
        path = self.path.split("?", 1)[0]
        if path == "/headers":
            self.reply(200, json.dumps({k.lower(): v for k, v in self.headers.items()}).encode())
        elif path == "/echo":
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode()
            self.reply(200, json.dumps({"method": self.command, "content_type": self.headers.get("Content-Type"),
                                        "body": body}).encode())
        elif path.startswith("/status/"):
            self.reply(int(path.rsplit("/", 1)[1]), b"status page\n", "text/plain")
        elif path == "/redirect":
            self.reply(302, b"", "text/plain", [("Location", "/hello.txt")])
        elif path == "/download":
            self.reply(200, b"named by the server\n", "text/plain",
                       [("Content-Disposition", 'attachment; filename="named.txt"')])
        elif path.startswith("/private/") and not self.authorised():
            pass
        elif self.command in ("GET", "HEAD"):
            super().do_GET() if self.command == "GET" else super().do_HEAD()
        else:
            self.reply(405, b"", "text/plain")

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = route


if __name__ == "__main__":
    build()
    http.server.ThreadingHTTPServer(("0.0.0.0", 8080), Handler).serve_forever()
