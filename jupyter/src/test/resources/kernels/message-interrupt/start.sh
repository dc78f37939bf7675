exec "$KERNELCHAT_TEST_PYTHON" -m ipykernel_launcher -f "$1"
