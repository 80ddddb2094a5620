package org.vitalake.core.journal;

class InMemoryJournalStoreTest extends JournalStoreContract {

  @Override
  protected JournalStore createStore() {
    return new InMemoryJournalStore();
  }
}
