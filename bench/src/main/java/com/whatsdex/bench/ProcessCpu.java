package com.whatsdex.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time from Linux's /proc, to tell who used the machine's cores during a run: the server's JVM, its embedded
 * PostgreSQL (the postmaster, its live backends, and the backends that exited, through the postmaster's children
 * time), the standalone sandbox, this load generator, and the whole machine (other users' work included).
 */
final class ProcessCpu {

    /** Linux reports /proc times in clock ticks of USER_HZ, which is 100 on every mainstream architecture. */
    private static final double TICKS_PER_SECOND = 100;

    /** CPU seconds used so far by each party, and the machine's busy and total CPU seconds (all cores). */
    record Sample(
            long nanos,
            double server,
            double postgres,
            double sandbox,
            double generator,
            double machineBusy,
            double machineTotal) {

        /** Cores used on average between {@code earlier} and this sample, per party. */
        Cores since(Sample earlier) {
            double wall = (nanos - earlier.nanos) / 1e9;
            return new Cores(
                    (server - earlier.server) / wall,
                    (postgres - earlier.postgres) / wall,
                    (sandbox - earlier.sandbox) / wall,
                    (generator - earlier.generator) / wall,
                    (machineBusy - earlier.machineBusy) / wall,
                    (machineTotal - earlier.machineTotal) / wall);
        }
    }

    /** Average cores busy per party; {@code others} is the rest of the machine's busy time (other users). */
    record Cores(double server, double postgres, double sandbox, double generator, double machine, double available) {
        double others() {
            return Math.max(0, machine - server - postgres - sandbox - generator);
        }
    }

    private ProcessCpu() {}

    static Sample sample(Launcher.Running server, Launcher.Running sandbox) {
        long postmaster = postmasterPid(server.dataDir());
        double postgres = seconds(postmaster, true)
                + ProcessHandle.of(postmaster).stream()
                        .flatMap(ProcessHandle::children)
                        .mapToDouble(child -> seconds(child.pid(), false))
                        .sum();
        double[] machine = machine();
        return new Sample(
                System.nanoTime(),
                seconds(server.process().pid(), false),
                postgres,
                seconds(sandbox.process().pid(), false),
                seconds(ProcessHandle.current().pid(), false),
                machine[0],
                machine[1]);
    }

    private static long postmasterPid(Path dataDir) {
        try {
            return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"))
                    .getFirst()
                    .trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime of a process (all its threads), plus its waited-for children's when asked. */
    private static double seconds(long pid, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // fields after "(comm)": state is field 3, utime 14, stime 15, cutime 16, cstime 17
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (withChildren) {
                ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return ticks / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0; // the process is gone
        }
    }

    /** The machine's busy and total CPU seconds, all cores, from the first line of /proc/stat. */
    private static double[] machine() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] f = lines.getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new double[] {(total - idle) / TICKS_PER_SECOND, total / TICKS_PER_SECOND};
        } catch (IOException | RuntimeException e) {
            return new double[] {0, 0};
        }
    }
}
