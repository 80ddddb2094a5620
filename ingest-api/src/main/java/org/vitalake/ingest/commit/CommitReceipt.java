package org.vitalake.ingest.commit;

/**
 * What a caller learns once its items are committed.
 *
 * @param commitNumber sequence number of the commit within this process (1, 2, ...)
 * @param requestsInCommit how many submissions shared the commit
 * @param itemsInCommit how many items the commit held in total
 */
public record CommitReceipt(long commitNumber, int requestsInCommit, int itemsInCommit) {}
