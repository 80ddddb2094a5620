package org.vitalake.coaching.registry;

class InMemoryModelStorageTest extends ModelStorageContract {

  @Override
  protected ModelStorage storage() {
    return new InMemoryModelStorage();
  }
}
