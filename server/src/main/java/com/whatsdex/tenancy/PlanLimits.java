package com.whatsdex.tenancy;

/**
 * What a plan allows.
 *
 * @param messagesPerMonth outbound messages per calendar month in the workspace's time zone
 */
public record PlanLimits(
        long messagesPerMonth,
        int channels,
        int agents,
        long contacts,
        boolean campaigns,
        boolean driveBackups,
        boolean aiSpinning) {}
