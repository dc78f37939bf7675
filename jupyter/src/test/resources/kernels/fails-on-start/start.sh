# Writes a last line a user would need, then fails before binding any port.
echo "starting with $1" >&2
echo "ModuleNotFoundError: No module named 'kernel_of_doom'" >&2
exit 7
