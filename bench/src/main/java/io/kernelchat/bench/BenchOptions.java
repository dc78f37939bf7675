package io.kernelchat.bench;

import java.nio.file.Path;

/**
 * What `bench/run` passes on.
 *
 * @param root the repository root (for bench/python and docs/)
 * @param python a Python that can import ipykernel, pyzmq and jupyter_client
 * @param quick fewer iterations, for a smoke run
 */
record BenchOptions(Path root, Path python, boolean quick) {}
