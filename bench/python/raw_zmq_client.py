"""Baseline: the thinnest correct Jupyter client, raw pyzmq. Prints its timings as one JSON object.

Launches its own ipykernel, then times `1+1` round trips (send execute_request, wait for both the
execute_reply and status idle) and a 10 MB print flood (send to last byte of stream output received).
"""
import argparse, hashlib, hmac, json, os, secrets, socket, subprocess, sys, tempfile, time, uuid

import zmq

DELIM = b"<IDS|MSG>"


class RawClient:
    def __init__(self, python):
        ports = []
        holders = [socket.socket() for _ in range(5)]
        for s in holders:
            s.bind(("127.0.0.1", 0))
            ports.append(s.getsockname()[1])
        for s in holders:
            s.close()
        self.key = secrets.token_hex(32).encode()
        self.session = str(uuid.uuid4())
        info = dict(transport="tcp", ip="127.0.0.1", shell_port=ports[0], iopub_port=ports[1],
                    stdin_port=ports[2], control_port=ports[3], hb_port=ports[4],
                    signature_scheme="hmac-sha256", key=self.key.decode())
        fd, self.conn_file = tempfile.mkstemp(suffix=".json")
        with os.fdopen(fd, "w") as f:
            json.dump(info, f)
        self.proc = subprocess.Popen([python, "-m", "ipykernel_launcher", "-f", self.conn_file],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.ctx = zmq.Context()
        self.shell = self.ctx.socket(zmq.DEALER)
        self.shell.connect(f"tcp://127.0.0.1:{ports[0]}")
        self.iopub = self.ctx.socket(zmq.SUB)
        self.iopub.setsockopt(zmq.SUBSCRIBE, b"")
        self.iopub.connect(f"tcp://127.0.0.1:{ports[1]}")
        self.control = self.ctx.socket(zmq.DEALER)
        self.control.connect(f"tcp://127.0.0.1:{ports[3]}")
        self.poller = zmq.Poller()
        self.poller.register(self.shell, zmq.POLLIN)
        self.poller.register(self.iopub, zmq.POLLIN)

    def sign(self, parts):
        h = hmac.new(self.key, digestmod=hashlib.sha256)
        for p in parts:
            h.update(p)
        return h.hexdigest().encode()

    def send(self, sock, msg_type, content):
        msg_id = str(uuid.uuid4())
        header = json.dumps(dict(msg_id=msg_id, session=self.session, username="bench", msg_type=msg_type,
                                 version="5.3", date=time.strftime("%Y-%m-%dT%H:%M:%SZ"))).encode()
        parts = [header, b"{}", b"{}", json.dumps(content).encode()]
        sock.send_multipart([DELIM, self.sign(parts)] + parts)
        return msg_id

    def recv(self, sock):
        frames = sock.recv_multipart()
        i = frames.index(DELIM)
        parts = frames[i + 2:i + 6]
        if not hmac.compare_digest(self.sign(parts), frames[i + 1]):
            return None
        return dict(header=json.loads(parts[0]), parent=json.loads(parts[1]), content=json.loads(parts[3]))

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            msg_id = self.send(self.shell, "kernel_info_request", {})
            end = time.monotonic() + 0.25
            while time.monotonic() < end:
                if self.iopub.poll(50):
                    m = self.recv(self.iopub)
                    if m and m["parent"].get("msg_id") == msg_id:
                        self.drain(0.2)
                        return
        raise RuntimeError("kernel not ready")

    def drain(self, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            for sock, _ in self.poller.poll(20):
                sock.recv_multipart()

    def execute(self, code, on_stream=None):
        msg_id = self.send(self.shell, "execute_request", dict(
            code=code, silent=False, store_history=True, user_expressions={}, allow_stdin=False,
            stop_on_error=True))
        replied = idle = False
        while not (replied and idle):
            for sock, _ in self.poller.poll():
                m = self.recv(sock)
                if not m or m["parent"].get("msg_id") != msg_id:
                    continue
                t = m["header"]["msg_type"]
                if t == "execute_reply":
                    replied = True
                elif t == "status" and m["content"]["execution_state"] == "idle":
                    idle = True
                elif t == "stream" and on_stream:
                    on_stream(m["content"]["text"])

    def close(self):
        self.send(self.control, "shutdown_request", {"restart": False})
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.ctx.destroy(linger=0)
        os.unlink(self.conn_file)


FLOOD = "for i in range(200_000):\n    print(f'{i:08d}' + 'x' * 43)"
FLOOD_BYTES = 200_000 * 52


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--warmup", type=int, default=100)
    ap.add_argument("--floods", type=int, default=5)
    a = ap.parse_args()
    client = RawClient(a.python)
    try:
        client.wait_ready()
        for _ in range(a.warmup):
            client.execute("1+1")
        execute_ms = []
        for _ in range(a.n):
            t = time.perf_counter()
            client.execute("1+1")
            execute_ms.append((time.perf_counter() - t) * 1000)
        flood_ms = []
        for _ in range(a.floods):
            received = [0, 0.0]
            start = time.perf_counter()

            def on_stream(text):
                received[0] += len(text)
                if received[0] >= FLOOD_BYTES:
                    received[1] = time.perf_counter()
            client.execute(FLOOD, on_stream)
            assert received[0] == FLOOD_BYTES, received[0]
            flood_ms.append((received[1] - start) * 1000)
        print(json.dumps(dict(execute_ms=execute_ms, flood_ms=flood_ms)))
    finally:
        client.close()


if __name__ == "__main__":
    main()
