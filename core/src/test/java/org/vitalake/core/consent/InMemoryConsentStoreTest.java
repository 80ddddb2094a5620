package org.vitalake.core.consent;

class InMemoryConsentStoreTest extends ConsentStoreContract {

  @Override
  protected ConsentStore createStore() {
    return new InMemoryConsentStore();
  }
}
