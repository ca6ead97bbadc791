package com.whatsdex.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Entry point of bench/run.sh: {@code Bench --server-jar JAR --java JAVA <benchmark> [--key value ...]}. */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        String benchmark = "help";
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                benchmark = args[i];
            }
        }
        Launcher launcher =
                new Launcher(Path.of(options.getOrDefault("java", "java")), Path.of(options.get("server-jar")));
        switch (benchmark) {
            case "sandbox-capacity" -> SandboxCapacityBench.run(launcher, options);
            case "outbound" -> OutboundBench.run(launcher, options);
            case "webhook-ingest" -> WebhookIngestBench.run(launcher, options);
            case "contacts-list" -> ContactsListBench.run(launcher, options);
            case "import" -> ImportBench.run(launcher, options);
            case "inbox" -> InboxBench.run(launcher, options);
            case "analytics" -> AnalyticsBench.run(launcher, options);
            case "campaign" -> CampaignBench.run(launcher, options);
            case "campaign-crash" -> CampaignCrashBench.run(launcher, options);
            case "agents" -> AgentsBench.run(launcher, options);
            case "backup" -> BackupBench.run(launcher, options);
            case "load" -> LoadBench.run(launcher, options);
            case "multi-instance" -> MultiInstanceBench.run(launcher, options);
            case "faults" -> FaultsBench.run(launcher, options);
            default -> System.out.println("""
                    benchmarks:
                      sandbox-capacity [--sends 20000] [--clients 64]    the standalone sandbox's raw send capacity
                      outbound [--messages 40000] [--batch 500] [--batch-clients 4] [--single-messages 5000]
                               [--clients 64] [--channels 4] [--rate 80] [--limited-messages 1600]
                                                                         the outbound pipeline, unlimited and paced
                      webhook-ingest [--messages 40000] [--batch 10] [--clients 32] [--rate 3000]
                                                                         signed status webhooks into the server
                      contacts-list [--contacts 1000000] [--requests 1000] [--deep 900000] [--explain-slowest true]
                                                                         GET /api/v1/contacts at a million contacts
                      import [--rows 1000000] [--existing 1000000] [--heap 256m]
                                                                         CSV import over HTTP vs psql \\copy
                      inbox [--contacts 100000] [--messages 1000000] [--requests 1000]
                                                                         the inbox's list and thread pages
                      analytics [--messages 10000000] [--small-messages 10000] [--incremental 1000000]
                                [--workspaces 99] [--requests 1000]
                                                                         rollups and analytics endpoints
                      campaign [--recipients 100000] [--channels 4] [--paced-recipients 3000] [--rate 80]
                               [--heap 512m]                             campaign throughput, pacing, progress events
                      campaign-crash [--recipients 20000] [--channels 4] [--kill-at 0.4] [--kill-jitter-ms 300]
                                                                         kill -9 mid-campaign, restart, exactly once
                      agents [--messages 600] [--rate 20] [--provider-latency-ms 300]
                                                                         agent replies: job pickup and reply time
                      backup [--contacts 1000000] [--messages 1000000] [--heap 256m]
                                                                         a Drive backup vs raw disk writes
                      load [--duration 300] [--sse-clients 200] [--recipients 100000] [--inbound-rate 1000]
                           [--read-rate 50] [--workspaces 10] [--channels 4] [--phones 20000] [--heap 1g] [--warmup 30]
                                                                         all together: SSE, a campaign, inbound
                                                                         webhooks, dashboard reads; DB checks
                      multi-instance [--recipients 8000] [--rate 80] [--rate-messages 2400] [--kill-recipients 4000]
                                                                         two servers on one external PostgreSQL: PASS/FAIL
                      faults [--recipients 6000] [--import-rows 300000] [--outage-seconds 8]
                                                                         PostgreSQL restarts, sandbox outages: PASS/FAIL""");
        }
    }
}
