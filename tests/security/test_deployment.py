"""The production profile behind a TLS-terminating proxy (issue 20 item 7).

`zhichan serve` runs as shipped (ZHICHAN_ENV=production, a fresh SQLite database) behind a small proxy in
this test that ends TLS on 127.0.0.1 with a self-signed certificate and forwards plain HTTP from
127.0.0.2, the one trusted proxy, with X-Forwarded-Proto and X-Forwarded-For. Before the fix waitress
removed X-Forwarded-Proto and every request was redirected to https forever.
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

pytestmark = [pytest.mark.slow, pytest.mark.real_clock]  # a certificate is valid from the machine's own now
PROXY_SOURCE = "127.0.0.2"  # the proxy's own address towards the platform: the only trusted one
HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "te", "upgrade", "proxy-connection"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _certificate(folder: Path) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("no openssl command to make the proxy's test certificate")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def _tls_proxy(cert: Path, key: Path, backend_port: int) -> ThreadingHTTPServer:
    """An HTTPS server on 127.0.0.1 that forwards every request to the platform, as nginx would with
    `proxy_set_header X-Forwarded-Proto $scheme` and `X-Forwarded-For $proxy_add_x_forwarded_for`."""

    class Forward(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _forward(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS}
            headers["X-Forwarded-Proto"] = "https"  # overwritten, whatever the client sent
            headers["X-Forwarded-For"] = self.client_address[0]
            upstream = http.client.HTTPConnection("127.0.0.1", backend_port, timeout=30,
                                                  source_address=(PROXY_SOURCE, 0))  # fmt: skip
            try:
                upstream.request(self.command, self.path, body=body, headers=headers)
                answer = upstream.getresponse()
                content = answer.read()
            finally:
                upstream.close()
            self.send_response_only(answer.status, answer.reason)
            for name, value in answer.getheaders():
                if name.lower() not in HOP_HEADERS | {"content-length"}:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        do_GET = do_POST = do_HEAD = _forward

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Forward)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    folder = tmp_path_factory.mktemp("deployment")
    cert, key = _certificate(folder)
    port = _free_port()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
        "HOME": str(folder),
        "ZHICHAN_ENV": "production",
        "ZHICHAN_SECRET_KEY": "deployment-test-" + "k7Q2x" * 10,
        "ZHICHAN_ALLOWED_HOSTS": "localhost,127.0.0.1",
        "ZHICHAN_DATA_DIR": str(folder / "data"),
        "ZHICHAN_TRUSTED_PROXIES": f"{PROXY_SOURCE}/32",
        "ZHICHAN_PORT": str(port),
    }
    cli = [sys.executable, "-m", "zhichan.cli"]
    subprocess.run([*cli, "migrate", "--noinput", "-v", "0"], env=env, check=True, capture_output=True, timeout=300)
    check = subprocess.run(
        [*cli, "check", "--deploy", "--fail-level", "WARNING"], env=env, capture_output=True, text=True
    )
    server = subprocess.Popen([*cli, "serve", "--no-worker"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    proxy = _tls_proxy(cert, key, port)
    try:
        deadline = time.monotonic() + 180  # the first serve collects and compresses the static files
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("zhichan serve did not start: " + server.stdout.read().decode(errors="replace"))
                time.sleep(0.5)
        yield {"https": f"https://localhost:{proxy.server_address[1]}", "http": f"http://127.0.0.1:{port}",
               "cert": str(cert), "check": check}  # fmt: skip
    finally:
        proxy.shutdown()
        server.terminate()
        server.wait(timeout=30)


def _secure_headers(response: requests.Response) -> None:
    assert response.headers["X-Frame-Options"] == "DENY"
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy and "frame-ancestors 'none'" in policy and "unsafe-eval" not in policy
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_the_deployment_check_passes_with_a_trusted_proxy(deployment):
    assert deployment["check"].returncode == 0, deployment["check"].stdout + deployment["check"].stderr


def test_pages_are_served_over_the_proxy_without_a_redirect(deployment):
    response = requests.get(
        deployment["https"] + "/login/", verify=deployment["cert"], allow_redirects=False, timeout=30
    )
    assert response.status_code == 200
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    _secure_headers(response)
    nonce = response.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert len(nonce) >= 16
    assert "onchange=" not in response.text  # no inline handler the policy would block
    assert response.cookies.get("csrftoken") and next(c for c in response.cookies if c.name == "csrftoken").secure


def test_a_form_posts_over_the_proxy(deployment):
    """CSRF over https checks the Referer against the host: the proxied request must look like https."""
    with requests.Session() as session:
        page = session.get(deployment["https"] + "/login/", verify=deployment["cert"], timeout=30)
        token = session.cookies["csrftoken"]
        answer = session.post(
            deployment["https"] + "/login/",
            data={"username": "nobody", "password": "wrong-password-1", "csrfmiddlewaretoken": token},
            headers={"Referer": page.url},
            allow_redirects=False,
            verify=deployment["cert"],
            timeout=30,
        )
    assert answer.status_code == 200  # the form again with its error, not 403 (CSRF) nor 301 (redirect)
    _secure_headers(answer)


def test_static_files_and_redirects_carry_the_headers(deployment):
    static = requests.get(deployment["https"] + "/static/zhichan/site.css", verify=deployment["cert"], timeout=30)
    assert static.status_code == 200
    _secure_headers(static)
    redirect = requests.get(deployment["http"] + "/login/", allow_redirects=False, timeout=30)  # plain HTTP, no proxy
    assert redirect.status_code == 301 and redirect.headers["Location"] == "https://127.0.0.1:{}/login/".format(
        deployment["http"].rsplit(":", 1)[1]
    )
    _secure_headers(redirect)


def test_a_client_cannot_claim_https_itself(deployment):
    """From 127.0.0.1, not the trusted proxy, X-Forwarded-Proto is the client's own word: still redirected."""
    forged = requests.get(
        deployment["http"] + "/login/", headers={"X-Forwarded-Proto": "https"}, allow_redirects=False, timeout=30
    )
    assert forged.status_code == 301
