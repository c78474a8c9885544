package io.bourse.client.model;

import java.util.List;

/** One page of fills, newest first; pass {@code nextCursor} to get the next (null: no more). */
public record FillPage(List<Fill> fills, String nextCursor) {}
