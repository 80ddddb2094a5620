package org.vitalake.core.profile;

class InMemoryProfileStoreTest extends ProfileStoreContract {

  @Override
  protected ProfileStore createStore() {
    return new InMemoryProfileStore();
  }
}
