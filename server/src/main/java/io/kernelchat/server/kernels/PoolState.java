package io.kernelchat.server.kernels;

/** {@code GET /api/kernels/pool}: how many ready kernels the pool keeps ({@code --kernel-pool}) and has now. */
public record PoolState(int size, int ready) {}
