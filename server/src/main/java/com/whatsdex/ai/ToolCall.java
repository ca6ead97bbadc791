package com.whatsdex.ai;

/**
 * A call the model asked for.
 *
 * @param id the provider's id for the call; the result sent back names it
 * @param name the tool's name
 * @param arguments the arguments as the JSON object text the model wrote (it may be malformed: check it)
 */
public record ToolCall(String id, String name, String arguments) {}
