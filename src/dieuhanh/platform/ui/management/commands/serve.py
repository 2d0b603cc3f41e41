"""Serve the embedded platform with one command: pages over WSGI, WebSockets over ASGI,
and a background task worker, all restarted together and stopped together."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Chạy máy chủ trang (WSGI), máy chủ WebSocket (ASGI) và tiến trình tác vụ nền"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--ws-port", type=int, default=settings.DIEUHANH_WEBSOCKET_PORT)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--no-worker", action="store_true", help="không chạy tác vụ nền")

    def handle(self, *args, host, port, ws_port, workers, no_worker, **options):
        call_command("collectstatic", interactive=False, verbosity=0)
        env = {**os.environ, "WEBSOCKET_PORT": str(ws_port)}
        granian = [sys.executable, "-m", "granian", "--host", host, "--log-level", "warning"]
        commands = [
            [*granian, "--interface", "wsgi", "--port", str(port), "--workers", str(workers),
             "--static-path-route", settings.STATIC_URL.rstrip("/"), "--static-path-mount", str(settings.STATIC_ROOT),
             "dieuhanh.wsgi:application"],
            [*granian, "--interface", "asgi", "--port", str(ws_port), "dieuhanh.asgi:application"],
        ]
        if not no_worker:
            commands.append([sys.executable, "-m", "dieuhanh", "worker"])
        processes = [subprocess.Popen(cmd, env=env) for cmd in commands]
        self.stdout.write(f"Điều Hành: http://{host}:{port}/  (WebSocket: ws://{host}:{ws_port}/ws/)")
        try:
            while all(p.poll() is None for p in processes):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for p in processes:
                if p.poll() is None:
                    p.send_signal(signal.SIGTERM)
            for p in processes:
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
