package io.kernelchat.bench;

import java.nio.file.Path;

/**
 * What `bench/run` passes on.
 *
 * @param root the repository root (for bench/python and docs/)
 * @param python a Python that can import ipykernel, pyzmq and jupyter_client
 * @param quick fewer iterations, for a smoke run
 * @param beforeRef the git ref the page bench compares with (its "before"), e.g. {@code main@506b7d1}
 * @param beforeJar that ref's server jar, built by `bench/run`; null when it was not asked for
 * @param rounds how many rounds the page bench runs (0: its default, 3, or 1 when quick)
 * @param scrollOnly the page bench measures only the scroll of its longest mixed conversation, on this checkout's
 *     page (no before, no openings of the others): a partial section, printed and not written
 */
record BenchOptions(Path root, Path python, boolean quick, String beforeRef, Path beforeJar, int rounds,
                    boolean scrollOnly) {}
