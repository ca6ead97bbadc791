package com.whatsdex.bench;

import java.util.ArrayList;
import java.util.List;

/** Named pass/fail checks with the figures behind each, printed as one table; the run fails when any fails. */
final class Checks {

    /** One check: what it claims, the figures measured, whether they bear it out. */
    record Check(String claim, boolean passed, String figures) {}

    private final List<Check> checks = new ArrayList<>();

    Checks add(String claim, boolean passed, String figures) {
        checks.add(new Check(claim, passed, figures));
        System.out.printf("%s  %s: %s%n", passed ? "PASS" : "FAIL", claim, figures);
        return this;
    }

    /** A check whose measurement itself failed (an exception): recorded as failed with the reason. */
    Checks broken(String claim, Exception e) {
        return add(claim, false, "not measured: " + e);
    }

    boolean allPassed() {
        return checks.stream().allMatch(Check::passed);
    }

    /** Prints the table and exits non-zero when a check failed. */
    void printAndExit(String title) {
        Table table = new Table("check", "result", "figures");
        checks.forEach(c -> table.row(c.claim(), c.passed() ? "PASS" : "FAIL", c.figures()));
        table.print(title);
        long failed = checks.stream().filter(c -> !c.passed()).count();
        System.out.println(failed == 0 ? "all " + checks.size() + " checks passed" : failed + " check(s) FAILED");
        if (failed > 0) {
            System.exit(1);
        }
    }
}
