"""The production stack on one machine, all on loopback, for trying it out and for the smoke test.

    python -m deploy.stack up       # start everything, print the URL, Ctrl-C stops it all
    python -m deploy.stack smoke    # start, run deploy/smoke.py's checks, stop
    python -m deploy.stack down     # stop a stack left behind by a killed `up`

What runs (each started here, stopped by its own process id, never by name): a throwaway
PostgreSQL cluster (`testing.postgres.Cluster`), redis-server without persistence, moto's S3
server for media, an SMTP sink writing messages to a folder (deploy/smtp_sink.py), two gunicorn
instances with production settings, the django-tasks-db worker, and nginx in front with a
self-signed certificate and the site config rendered from deploy/nginx/vantor.conf. Then:
migrate, collectstatic and a small demo store.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from testing.postgres import Cluster, pid_alive  # noqa: E402

DEPLOY_DIR = PROJECT_DIR / "deploy"
WORKDIR_PREFIX = "vantor-stack-"
BUCKET = "vantor-media"
PYTHON = sys.executable
# Debian puts nginx in /usr/sbin, which a non-root PATH may lack.
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


class StackError(RuntimeError):
    """A service of the stack did not start."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(check, what: str, timeout: float = 60.0, interval: float = 0.2):
    """Call `check` until it returns something truthy; raise StackError after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = check()
        except Exception:  # noqa: BLE001 - not up yet
            result = None
        if result:
            return result
        time.sleep(interval)
    raise StackError(f"{what}: not ready after {timeout:.0f} s")


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


class Stack:
    """Every service of the stack, in one private temporary directory."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix=WORKDIR_PREFIX))
        self.root.chmod(0o755)  # nginx's workers (nobody) read the error page and media
        (self.root / "owner.pid").write_text(str(os.getpid()))
        self.logs = self.root / "logs"
        self.mail = self.root / "mail"
        for folder in (self.logs, self.mail, self.root / "media", self.root / "nginx-tmp"):
            folder.mkdir()
        names = ("https", "http", "redis", "s3", "smtp", "app1", "app2")
        self.ports = {name: free_port() for name in names}
        self.procs: dict[str, subprocess.Popen] = {}
        self.postgres: Cluster | None = None
        self.database_url = ""
        self.secret_key = secrets.token_urlsafe(50)
        self.admin_password = secrets.token_urlsafe(12)
        self.closing = threading.Event()
        self.cert = self.root / "cert.pem"

    @property
    def url(self) -> str:
        return f"https://localhost:{self.ports['https']}"

    def env(self) -> dict[str, str]:
        """Production settings pointed at this stack, for every Django process."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AWS_"))}
        env.update(
            DJANGO_SETTINGS_MODULE="vantor.settings.production",
            SECRET_KEY=self.secret_key,
            ALLOWED_HOSTS="localhost,127.0.0.1",
            CSRF_TRUSTED_ORIGINS=self.url,
            WAGTAILADMIN_BASE_URL=self.url,
            DATABASE_URL=self.database_url,
            REDIS_URL=f"redis://127.0.0.1:{self.ports['redis']}/0",
            TASKS_BACKEND="django_tasks_db.DatabaseBackend",
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(self.ports["smtp"]),
            EMAIL_TIMEOUT="5",
            AWS_STORAGE_BUCKET_NAME=BUCKET,
            AWS_S3_ENDPOINT_URL=f"http://127.0.0.1:{self.ports['s3']}",
            AWS_ACCESS_KEY_ID="stack",
            AWS_SECRET_ACCESS_KEY="stack-secret",  # noqa: S106 - moto accepts any key
            AWS_S3_REGION_NAME="us-east-1",
            AWS_S3_CUSTOM_DOMAIN=f"127.0.0.1:{self.ports['s3']}/{BUCKET}",
            AWS_S3_URL_PROTOCOL="http:",
            MEDIA_ROOT=str(self.root / "media"),
            AXES_IPWARE_PROXY_COUNT="0",
            LOG_FORMAT="json",
            LOG_LEVEL="INFO",
            DEMO_ADMIN_PASSWORD=self.admin_password,
            PYTHONUNBUFFERED="1",
        )
        if self.postgres is not None:
            env["PATH"] = f"{self.postgres.bin}:{env.get('PATH', '/usr/bin:/bin')}"
        return env

    # --- processes ------------------------------------------------------------------------

    def spawn(self, name: str, args: list[str]) -> subprocess.Popen:
        log = (self.logs / f"{name}.log").open("a")
        proc = subprocess.Popen(  # noqa: S603 - fixed argument lists
            args,
            cwd=PROJECT_DIR,
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.procs[name] = proc
        (self.root / f"{name}.pid").write_text(str(proc.pid))
        return proc

    def stop(self, name: str, sig: int = signal.SIGTERM) -> None:
        proc = self.procs.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, sig)
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        except ProcessLookupError:
            pass

    def manage(self, *args: str, timeout: float = 900) -> str:
        result = subprocess.run(  # noqa: S603 - fixed argument lists
            [PYTHON, "manage.py", *args],
            cwd=PROJECT_DIR,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        with (self.logs / "manage.log").open("a") as log:
            log.write(f"$ manage.py {' '.join(args)}\n{result.stdout}{result.stderr}\n")
        if result.returncode != 0:
            raise StackError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    # --- services -------------------------------------------------------------------------

    def start_postgres(self) -> None:
        self.postgres = Cluster()
        self.database_url = self.postgres.start()

    def start_redis(self) -> None:
        port = self.ports["redis"]
        self.spawn(
            "redis",
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no"],
        )
        wait_for(lambda: port_open(port), "redis-server", 20)

    def start_s3(self) -> None:
        port = self.ports["s3"]
        self.spawn("s3", [PYTHON, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)])
        wait_for(lambda: port_open(port), "moto S3 server", 60)
        import boto3

        env = self.env()
        client = boto3.client(
            "s3",
            endpoint_url=env["AWS_S3_ENDPOINT_URL"],
            aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
            region_name=env["AWS_S3_REGION_NAME"],
        )
        client.create_bucket(Bucket=BUCKET)
        # Media is public, as a real bucket behind a CDN is: anyone may read objects.
        statement = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}
        statement["Resource"] = f"arn:aws:s3:::{BUCKET}/*"
        public_read = {"Version": "2012-10-17", "Statement": [statement]}
        client.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps(public_read))

    def start_smtp(self, silent: bool = False) -> None:
        port = self.ports["smtp"]
        args = [PYTHON, "-m", "deploy.smtp_sink", "--port", str(port), "--dir", str(self.mail)]
        self.spawn("smtp", args + (["--silent"] if silent else []))
        wait_for(lambda: port_open(port), "SMTP sink", 20)

    def start_app(self, name: str) -> None:
        port = self.ports[name]
        self.spawn(
            name,
            [PYTHON, "-m", "gunicorn", "-c", str(DEPLOY_DIR / "gunicorn.conf.py")]
            + ["--bind", f"127.0.0.1:{port}", "--workers", "2", "vantor.wsgi:application"],
        )
        url = f"http://127.0.0.1:{port}/healthz/"
        wait_for(lambda: urllib.request.urlopen(url, timeout=5).status == 200, name, 60)  # noqa: S310

    def start_worker(self) -> None:
        # As deploy/systemd/vantor-worker.service does: re-queue what a dead worker left running
        # (this is the only worker, so whatever is running is interrupted), then work.
        python = shlex.quote(PYTHON)
        command = (
            f"{python} manage.py requeue_interrupted_tasks --older-than 0 && "
            f"exec {python} manage.py db_worker --interval 0.5"
        )
        self.spawn("worker", ["/bin/sh", "-c", command])

    def supervise(self) -> None:
        """Restart the worker when it exits, as systemd's Restart=always does: db_worker exits
        when the database goes away, and must come back with it."""
        while not self.closing.wait(1):
            proc = self.procs.get("worker")
            if proc is None or proc.poll() is None:
                continue
            with (self.logs / "supervisor.log").open("a") as log:
                log.write(f"{time.strftime('%X')} worker exited {proc.returncode}; restart\n")
                self.closing.wait(2)
                try:
                    self.start_worker()
                except Exception as error:  # noqa: BLE001 - try again on the next round
                    log.write(f"restart failed: {error!r}\n")

    def make_certificate(self) -> None:
        subprocess.run(  # noqa: S603
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
            + ["-keyout", str(self.root / "key.pem"), "-out", str(self.cert)]
            + ["-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
            check=True,
            capture_output=True,
        )

    def render_nginx(self) -> Path:
        site = (DEPLOY_DIR / "nginx" / "vantor.conf").read_text()
        # Loopback only, and IPv4 only (the machine may have no IPv6).
        site = "\n".join(line for line in site.splitlines() if "listen [::]" not in line)
        site = site.replace("listen @", "listen 127.0.0.1:@")
        values = {
            "SERVER_NAME": "localhost 127.0.0.1",
            "HTTP_PORT": str(self.ports["http"]),
            "HTTPS_PORT": str(self.ports["https"]),
            "CERT": str(self.cert),
            "KEY": str(self.root / "key.pem"),
            "UPSTREAMS": " ".join(
                f"server 127.0.0.1:{self.ports[name]} max_fails=1 fail_timeout=5s;"
                for name in ("app1", "app2")
            ),
            "STATIC_ROOT": str(PROJECT_DIR / "staticfiles"),
            "MEDIA_ROOT": str(self.root / "media"),
            "ERRORS_ROOT": str(DEPLOY_DIR / "nginx" / "errors"),
            "HSTS_SECONDS": "31536000",
        }
        for key, value in values.items():
            site = site.replace(f"@{key}@", value)
        (self.root / "vantor.conf").write_text(site)
        main = (DEPLOY_DIR / "nginx" / "stack-main.conf").read_text()
        main = main.replace("@ROOT@", str(self.root)).replace("@LOGS@", str(self.logs))
        path = self.root / "nginx.conf"
        path.write_text(main)
        return path

    def start_nginx(self) -> None:
        self.make_certificate()
        conf = self.render_nginx()
        subprocess.run([NGINX, "-t", "-c", str(conf)], check=True, capture_output=True)  # noqa: S603
        self.spawn("nginx", [NGINX, "-c", str(conf), "-g", "daemon off;"])
        wait_for(lambda: port_open(self.ports["https"]), "nginx", 20)

    # --- the whole stack ------------------------------------------------------------------

    def up(self, products: int = 24) -> None:
        print(f"stack: {self.root}", flush=True)
        self.start_postgres()
        self.start_redis()
        self.start_s3()
        self.start_smtp()
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput")
        self.manage("load_demo_store", "--products", str(products))
        self.start_app("app1")
        self.start_app("app2")
        self.start_worker()
        threading.Thread(target=self.supervise, daemon=True).start()
        self.start_nginx()

    def down(self) -> None:
        self.closing.set()
        for name in ("nginx", "worker", "app1", "app2", "smtp", "s3", "redis"):
            self.stop(name)
        if self.postgres is not None:
            self.postgres.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def reap() -> None:
    """Stop what stacks whose owner died left running (by their pid files), and remove them."""
    for root in Path(tempfile.gettempdir()).glob(f"{WORKDIR_PREFIX}*"):
        try:
            owner = int((root / "owner.pid").read_text())
        except (OSError, ValueError):
            continue
        if pid_alive(owner) and owner != os.getpid():
            try:
                os.kill(owner, signal.SIGTERM)  # a running `up`: it stops its services itself
            except OSError:
                pass
            continue
        for pid_file in root.glob("*.pid"):
            if pid_file.name == "owner.pid":
                continue
            try:
                os.killpg(int(pid_file.read_text()), signal.SIGKILL)
            except (OSError, ValueError):
                pass
        shutil.rmtree(root, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["up", "down", "smoke"])
    parser.add_argument("--products", type=int, default=24)
    options = parser.parse_args()
    if options.command == "down":
        reap()
        return 0
    # A SIGTERM (from `down`) tears the stack down like Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    stack = Stack()
    try:
        stack.up(options.products)
        if options.command == "smoke":
            from deploy.smoke import run_smoke

            failures = run_smoke(stack)
            if failures:
                kept = Path(tempfile.gettempdir()) / "vantor-stack-last-logs"
                shutil.rmtree(kept, ignore_errors=True)
                shutil.copytree(stack.logs, kept)
                print(f"logs kept in {kept}")
            return failures
        print(f"\nVantor is up: {stack.url}/  (admin: {stack.url}/admin/, user admin, ", end="")
        print(f"password {stack.admin_password})\nCtrl-C stops the stack.", flush=True)
        signal.pause()
    except KeyboardInterrupt:
        pass
    except StackError as error:
        print(f"stack failed: {error}\nlogs: {stack.logs}", file=sys.stderr)
        for log in sorted(stack.logs.glob("*.log")):
            tail = log.read_text(errors="replace")[-2000:]
            print(f"--- {log.name} (tail)\n{tail}", file=sys.stderr)
        return 2
    finally:
        stack.down()
    return 0


if __name__ == "__main__":
    sys.exit(main())
