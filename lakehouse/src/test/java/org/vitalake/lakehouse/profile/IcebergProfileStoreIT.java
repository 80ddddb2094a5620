package org.vitalake.lakehouse.profile;

import org.vitalake.core.profile.ProfileStore;
import org.vitalake.core.profile.ProfileStoreContract;
import org.vitalake.lakehouse.local.LocalLakehouse;

class IcebergProfileStoreIT extends ProfileStoreContract {

  @Override
  protected ProfileStore createStore() {
    return new IcebergProfileStore(LocalLakehouse.shared().lakehouse());
  }
}
