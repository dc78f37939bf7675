# A real kernel, late: the client must keep asking until IOPub answers.
sleep 2
exec "$KERNELCHAT_TEST_PYTHON" -m ipykernel_launcher -f "$1"
