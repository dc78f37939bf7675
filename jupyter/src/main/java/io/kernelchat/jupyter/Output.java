package io.kernelchat.jupyter;

/** One piece of output of an execution, in the order the kernel published it. */
public sealed interface Output
    permits StreamOutput, DisplayData, UpdateDisplayData, ExecuteResult, ErrorOutput, ClearOutput {}
