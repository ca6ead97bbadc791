package com.whatsdex.bench;

import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the multi-instance and fault scenarios share: server settings, the sandbox's ground truth, job logs. */
final class ScaleOut {

    private static final Pattern JOB_LINE = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}).*Job (started|ended): "
            + "group=(\\w+) task=(\\S+) instance=(\\S+) due=(\\S+) (?:attempt=\\d+|result=\\w+) by=(\\S+)");

    private ScaleOut() {}

    /**
     * The environment of every server of a run: the external PostgreSQL, one master key for all (stored secrets
     * written by one instance are read by the other), the job execution log on, rollups every 2 s.
     */
    static Map<String, String> environment(ExternalPostgres pg, Map<String, String> extra) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> env = new HashMap<>(pg.serverEnvironment());
        env.put("WHATSDEX_MASTER_KEY", Base64.getEncoder().encodeToString(key));
        env.put("LOGGING_LEVEL_COM_WHATSDEX_JOBS_EXECUTIONS", "debug");
        env.put("WHATSDEX_ANALYTICS_ROLLUP_INTERVAL", "2s");
        env.putAll(extra);
        return env;
    }

    /** How many times each phone (E.164) received a send on the pool's numbers, per the sandbox. */
    static Map<String, Integer> receivedByPhone(Launcher.Running sandbox, List<CampaignSetup.Channel> pool)
            throws Exception {
        Map<String, Integer> received = new HashMap<>();
        for (CampaignSetup.Channel c : pool) {
            List<CampaignSetup.Delivery> list = CampaignSetup.deliveries(sandbox, c.phoneNumberId());
            if (list.size() >= CampaignSetup.SANDBOX_HISTORY) {
                throw new IllegalStateException("number " + c.phoneNumberId() + " has more sends than the sandbox"
                        + " remembers: use more channels");
            }
            list.forEach(d -> received.merge("+" + d.to(), 1, Integer::sum));
        }
        return received;
    }

    static long duplicates(Map<String, Integer> received) {
        return received.values().stream().filter(n -> n > 1).count();
    }

    /** Sends the sandbox accepted on these numbers. */
    static long acceptedOn(Launcher.Running sandbox, List<CampaignSetup.Channel> pool) throws Exception {
        long n = 0;
        for (CampaignSetup.Channel c : pool) {
            n += CampaignSetup.deliveries(sandbox, c.phoneNumberId()).size();
        }
        return n;
    }

    /** Waits until the sandbox accepted {@code count} sends in all; fails when the campaign ended before. */
    static void awaitAccepted(Launcher.Running sandbox, ServerApi api, String campaign, long count) throws Exception {
        for (int i = 1; CampaignSetup.accepted(sandbox) < count; i++) {
            if (i % 10 == 0
                    && !CampaignSetup.Counts.of(api.campaign(campaign)).status().equals("running")) {
                throw new IllegalStateException("the campaign ended before " + count + " sends: use more recipients");
            }
            Thread.sleep(100); // polling the sandbox's accept counter
        }
    }

    /** Polls the campaign through whichever API answers until it is no longer running; answers its counters. */
    static CampaignSetup.Counts awaitEnd(List<ServerApi> apis, String campaign, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (ServerApi api : apis) {
                try {
                    CampaignSetup.Counts c = CampaignSetup.Counts.of(api.campaign(campaign));
                    if (!c.status().equals("running") && !c.status().equals("scheduled")) {
                        return c;
                    }
                    break;
                } catch (Exception e) {
                    // this instance is down (being restarted or killed), or the database is: ask the next
                }
            }
            Thread.sleep(250); // polling the campaign's counters
        }
        throw new IllegalStateException("campaign " + campaign + " still running after " + seconds + " s");
    }

    /**
     * A campaign's messages by status once none is waiting for a retry or in flight ({@code queued}, {@code
     * sending}): a campaign counts a send refused for a retryable reason as done while the pipeline's retry job still
     * has it. {@code accepted}: messages the provider accepted (they have a wamid).
     */
    record Settled(Map<String, Long> byStatus, long accepted, double waitedSeconds) {
        long waiting() {
            return byStatus.getOrDefault("queued", 0L) + byStatus.getOrDefault("sending", 0L);
        }
    }

    static Settled settle(ExternalPostgres pg, String campaign, int seconds) throws Exception {
        long start = System.nanoTime();
        while (true) {
            Map<String, Long> byStatus = new java.util.TreeMap<>();
            long accepted = 0;
            try (java.sql.Connection su = pg.superuser();
                    java.sql.PreparedStatement st = su.prepareStatement(
                            "select status, count(*), count(wamid) from messages where campaign_id = ?::uuid"
                                    + " group by status")) {
                st.setString(1, campaign);
                try (java.sql.ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        byStatus.put(rs.getString(1), rs.getLong(2));
                        accepted += rs.getLong(3);
                    }
                }
            }
            Settled settled = new Settled(byStatus, accepted, (System.nanoTime() - start) / 1e9);
            if (settled.waiting() == 0 || System.nanoTime() - start > seconds * 1_000_000_000L) {
                return settled;
            }
            Thread.sleep(500); // polling until the retry jobs have run
        }
    }

    /** One job execution as an instance logged it (start and, unless the instance died, end). */
    record JobRun(
            String node,
            String group,
            String task,
            String instance,
            String due,
            LocalTime started,
            LocalTime ended,
            String by) {

        String key() {
            return task + "/" + instance + "@" + due;
        }
    }

    /** Every execution from one server's log ({@code com.whatsdex.jobs.executions} at DEBUG). */
    static List<JobRun> jobRuns(String node, Launcher.Running server) throws Exception {
        List<JobRun> runs = new ArrayList<>();
        Map<String, Integer> open = new HashMap<>();
        for (String line : Files.readAllLines(Launcher.log(server.dataDir()))) {
            Matcher m = JOB_LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            LocalTime at = LocalTime.parse(m.group(1));
            String key = m.group(4) + "/" + m.group(5) + "@" + m.group(6) + " " + m.group(7);
            if (m.group(2).equals("started")) {
                open.put(key, runs.size());
                runs.add(new JobRun(node, m.group(3), m.group(4), m.group(5), m.group(6), at, null, m.group(7)));
            } else {
                Integer index = open.remove(key);
                if (index != null) {
                    JobRun r = runs.get(index);
                    runs.set(
                            index,
                            new JobRun(r.node(), r.group(), r.task(), r.instance(), r.due(), r.started(), at, r.by()));
                }
            }
        }
        return runs;
    }
}
