package com.whatsdex.contacts.importing;

import java.util.List;

/** A row that could not be imported: its original cells and why. */
public record RejectedRow(long rowNumber, List<String> cells, String error) {}
