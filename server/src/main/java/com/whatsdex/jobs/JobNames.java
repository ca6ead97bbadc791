package com.whatsdex.jobs;

import java.util.regex.Pattern;

/** Task names are stored with every execution and appear in logs and metrics: keep them short and plain. */
final class JobNames {

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9._-]{0,99}");

    private JobNames() {}

    static String requireValid(String name) {
        if (!VALID.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "Job name must be lower-case letters, digits, '.', '_' or '-' (max 100), was '" + name + "'");
        }
        return name;
    }
}
