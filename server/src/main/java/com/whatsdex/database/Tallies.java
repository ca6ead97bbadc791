package com.whatsdex.database;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counts kept as appended deltas ("tallies", one row per statement that changed what is counted, written by
 * statement-level triggers): readers sum a key's rows, and fold them into one sum when there are many. Each tally is
 * deleted by exactly one fold (a concurrent fold waits for its row locks, then skips the rows this one deleted) and
 * its value lives on in the sum the fold inserts in the same transaction; a try-advisory lock only keeps two folds of
 * one key from doing the same work.
 */
public final class Tallies {

    /** A key with more tallies than this is folded when next read. */
    public static final int FOLD_ABOVE = 64;

    private Tallies() {}

    /**
     * Folds the campaign's rows of {@code table} (in the current workspace) with {@code fold}, a statement taking
     * {@code :campaign}, when the read that summed them found more than {@link #FOLD_ABOVE} ({@code rows}) and no other
     * transaction is folding them. Folding keeps the sums, so the read's answer stands.
     */
    public static void foldWhenMany(JdbcClient jdbc, long rows, String table, UUID campaignId, String fold) {
        if (rows <= FOLD_ABOVE) {
            return;
        }
        boolean mine = Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", table + "/" + campaignId)
                .query(Boolean.class)
                .single());
        if (mine) {
            jdbc.sql(fold).param("campaign", campaignId).update();
        }
    }
}
