package io.bourse.client.model;

import java.util.List;

/** One page of deposits and withdrawals, newest first; pass {@code nextCursor} to get the next (null: no more). */
public record TransferPage(List<Transfer> transfers, String nextCursor) {}
