package org.vitalake.identity.erasure;

/**
 * Port: where erasure requests go for the pipeline to carry out ({@code bronze.erasure_requests}).
 */
public interface ErasureRequestStore {

  void append(ErasureRequest request);
}
