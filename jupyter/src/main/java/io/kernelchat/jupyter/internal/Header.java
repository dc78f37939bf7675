package io.kernelchat.jupyter.internal;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A message header; a parent header of {@code {}} reads as all nulls. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Header(String msgId, String session, String username, String date, String msgType,
                     String version) {}
