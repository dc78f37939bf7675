"""A minimal kernel speaking the real protocol that, for every execute_request, publishes one stream
message with a forged signature before the genuine one. A correct client shows only the genuine one."""
import hashlib, hmac, json, sys, threading, uuid

import zmq

DELIM = b"<IDS|MSG>"
info = json.load(open(sys.argv[1]))
key = info["key"].encode()
ctx = zmq.Context()


def bind(kind, port):
    s = ctx.socket(kind)
    s.bind(f"tcp://{info['ip']}:{info[port]}")
    return s


shell, iopub, hb = bind(zmq.ROUTER, "shell_port"), bind(zmq.PUB, "iopub_port"), bind(zmq.REP, "hb_port")
control, _ = bind(zmq.ROUTER, "control_port"), bind(zmq.ROUTER, "stdin_port")
poller = zmq.Poller()
poller.register(shell, zmq.POLLIN)
poller.register(control, zmq.POLLIN)
threading.Thread(target=lambda: [hb.send(hb.recv()) for _ in iter(int, 1)], daemon=True).start()


def sign(parts, k=key):
    return hmac.new(k, b"".join(parts), hashlib.sha256).hexdigest().encode()


def send(sock, ids, msg_type, content, parent, forged=False):
    header = dict(msg_id=str(uuid.uuid4()), session="forger", username="k", date="2026-01-01T00:00:00Z",
                  msg_type=msg_type, version="5.3")
    parts = [json.dumps(x).encode() for x in (header, parent, {}, content)]
    signature = sign(parts, b"not-the-key") if forged else sign(parts)
    sock.send_multipart(ids + [DELIM, signature] + parts)


count = 0
while True:
    if control in dict(poller.poll()):
        sys.exit(0)  # only shutdown_request comes on control here
    frames = shell.recv_multipart()
    i = frames.index(DELIM)
    ids, parent = frames[:i], json.loads(frames[i + 2])
    if not hmac.compare_digest(sign(frames[i + 2:i + 6]), frames[i + 1]):
        continue
    send(iopub, [], "status", {"execution_state": "busy"}, parent)
    if parent["msg_type"] == "execute_request":
        count += 1
        send(iopub, [], "stream", {"name": "stdout", "text": "forged\n"}, parent, forged=True)
        send(iopub, [], "stream", {"name": "stdout", "text": "genuine\n"}, parent)
        send(shell, ids, "execute_reply", {"status": "ok", "execution_count": count}, parent)
    elif parent["msg_type"] == "kernel_info_request":
        send(shell, ids, "kernel_info_reply", {"status": "ok", "protocol_version": "5.3"}, parent)
    send(iopub, [], "status", {"execution_state": "idle"}, parent)
