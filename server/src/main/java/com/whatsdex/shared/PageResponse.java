package com.whatsdex.shared;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of a list: the items and an opaque cursor for the next page (null on the last page). */
public record PageResponse<T>(List<T> items, @Nullable String nextCursor) {}
