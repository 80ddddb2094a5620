package org.vitalake.core.sample;

class InMemorySampleStoreTest extends SampleStoreContract {

  @Override
  protected SampleStore createStore() {
    return new InMemorySampleStore();
  }
}
