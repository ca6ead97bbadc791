package com.whatsdex.bench;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table, the form every benchmark prints its results in. */
final class Table {

    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        rows.add(header);
    }

    Table row(Object... cells) {
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = cells[i] instanceof Double d ? String.format("%.1f", d) : String.valueOf(cells[i]);
        }
        rows.add(row);
        return this;
    }

    void print(String title) {
        int columns = rows.getFirst().length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], i < row.length ? row[i].length() : 0);
            }
        }
        System.out.println();
        System.out.println(title);
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder("| ");
            for (int i = 0; i < columns; i++) {
                String cell = i < rows.get(r).length ? rows.get(r)[i] : "";
                line.append(String.format("%-" + widths[i] + "s", cell)).append(" | ");
            }
            System.out.println(line.toString().stripTrailing());
            if (r == 0) {
                StringBuilder rule = new StringBuilder("|");
                for (int w : widths) {
                    rule.append("-".repeat(w + 2)).append("|");
                }
                System.out.println(rule);
            }
        }
    }
}
