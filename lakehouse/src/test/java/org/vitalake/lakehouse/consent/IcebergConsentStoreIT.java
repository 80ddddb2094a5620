package org.vitalake.lakehouse.consent;

import org.vitalake.core.consent.ConsentStore;
import org.vitalake.core.consent.ConsentStoreContract;
import org.vitalake.lakehouse.local.LocalLakehouse;

class IcebergConsentStoreIT extends ConsentStoreContract {

  @Override
  protected ConsentStore createStore() {
    return new IcebergConsentStore(LocalLakehouse.shared().lakehouse());
  }
}
