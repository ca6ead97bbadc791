package com.whatsdex.jobs;

import java.time.Instant;

/**
 * What a handler may want to know about the execution it runs.
 *
 * @param taskName the task's name
 * @param instanceId the execution's instance id (unique per task while pending or running)
 * @param group the worker group running it
 * @param attempt 1 for the first run, 2 for the first retry, and so on; handlers that are not naturally
 *     idempotent can use it to check for work a crashed earlier attempt already did
 * @param scheduledFor when this execution was due
 */
public record JobContext(String taskName, String instanceId, WorkerGroup group, int attempt, Instant scheduledFor) {}
