"""A throwaway PostgreSQL cluster for the lake's catalog: tests and `make demo-lake` start one in a temporary folder.

PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user (`runuser`), as installed by
Debian's package. It listens on a Unix socket in its own folder only, never on the network.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server binaries here, or the cluster would not start (the message says why)."""


def server_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl: Debian's newest /usr/lib/postgresql/<v>/bin, else the PATH's."""
    debian = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    if debian:
        return debian[-1].parent
    found = shutil.which("initdb")
    return Path(found).resolve().parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Cluster:
    folder: Path
    binaries: Path
    port: int
    user: str | None  # the account the server runs as when we are root

    def dsn(self, database: str = "postgres") -> str:
        """A libpq connection string (the Unix socket in the cluster's folder)."""
        return f"dbname={database} host={self.folder} port={self.port} user={self.user or _me()}"

    def run(self, tool: str, *args: str) -> subprocess.CompletedProcess:
        command = [str(self.binaries / tool), *args]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    def create_database(self, name: str) -> str:
        done = self.run("createdb", "-h", str(self.folder), "-p", str(self.port), name)
        if done.returncode:
            raise PostgresUnavailable(f"createdb {name} failed: {done.stderr.strip()}")
        return self.dsn(name)

    def stop(self) -> None:
        self.run("pg_ctl", "stop", "-D", str(self.folder / "data"), "-m", "immediate", "-w")
        shutil.rmtree(self.folder, ignore_errors=True)


def _me() -> str:
    return pwd.getpwuid(os.geteuid()).pw_name


def start_cluster() -> Cluster:
    """initdb + pg_ctl start in a new temporary folder; raises PostgresUnavailable with the reason if it cannot."""
    binaries = server_binaries()
    if binaries is None:
        raise PostgresUnavailable("PostgreSQL server binaries not found (Debian: apt-get install postgresql)")
    user = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            raise PostgresUnavailable("running as root and there is no `postgres` user to run the server") from None
        if shutil.which("runuser") is None:
            raise PostgresUnavailable("running as root and `runuser` is missing")
        user = "postgres"
    folder = Path(tempfile.mkdtemp(prefix="communique-pg-"))
    if user:
        shutil.chown(folder, user)
    cluster = Cluster(folder, binaries, _free_port(), user)
    for tool, args in (
        ("initdb", ["-D", str(folder / "data"), "-A", "trust", "-E", "UTF8", "--no-sync"]),
        ("pg_ctl", ["start", "-w", "-D", str(folder / "data"), "-l", str(folder / "server.log"),
                    "-o", f"-c listen_addresses='' -k {folder} -p {cluster.port} -c fsync=off"]),
    ):  # fmt: skip
        done = cluster.run(tool, *args)
        if done.returncode:
            log = (folder / "server.log").read_text(errors="replace")[-500:] if (folder / "server.log").exists() else ""
            shutil.rmtree(folder, ignore_errors=True)
            raise PostgresUnavailable(f"{tool} failed: {(done.stderr or done.stdout).strip()[-500:]} {log}".strip())
    return cluster
