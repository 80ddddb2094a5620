package org.vitalake.lakehouse.journal;

import org.vitalake.core.journal.JournalStore;
import org.vitalake.core.journal.JournalStoreContract;
import org.vitalake.lakehouse.local.LocalLakehouse;

class IcebergJournalStoreIT extends JournalStoreContract {

  @Override
  protected JournalStore createStore() {
    return new IcebergJournalStore(LocalLakehouse.shared().lakehouse());
  }
}
