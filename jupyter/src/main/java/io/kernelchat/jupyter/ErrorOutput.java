package io.kernelchat.jupyter;

import java.util.List;

/** An exception raised by the code; the traceback lines carry ANSI colour codes as the kernel sends them. */
public record ErrorOutput(String ename, String evalue, List<String> traceback) implements Output {}
