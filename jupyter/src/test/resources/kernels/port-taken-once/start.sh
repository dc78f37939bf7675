# The first start fails as ipykernel does when another process took a port in the meantime.
if [ ! -e "$KERNELCHAT_TEST_MARKER" ]; then
  touch "$KERNELCHAT_TEST_MARKER"
  echo "zmq.error.ZMQError: Address already in use (addr='tcp://127.0.0.1:5555')" >&2
  exit 1
fi
exec "$KERNELCHAT_TEST_PYTHON" -m ipykernel_launcher -f "$1"
