# Kernel WebSockets without Nagle's algorithm: tornado leaves it on, so each burst of small replies waits for the
# client's delayed ACK (~40 ms a round trip).
from jupyter_server.services.kernels.websocket import KernelWebsocketHandler

_open = KernelWebsocketHandler.open


async def _open_without_delay(self, *args, **kwargs):
    self.set_nodelay(True)
    return await _open(self, *args, **kwargs)


KernelWebsocketHandler.open = _open_without_delay
