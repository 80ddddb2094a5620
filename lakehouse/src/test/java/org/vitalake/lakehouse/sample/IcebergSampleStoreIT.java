package org.vitalake.lakehouse.sample;

import org.vitalake.core.sample.SampleStore;
import org.vitalake.core.sample.SampleStoreContract;
import org.vitalake.lakehouse.local.LocalLakehouse;

class IcebergSampleStoreIT extends SampleStoreContract {

  @Override
  protected SampleStore createStore() {
    return new IcebergSampleStore(LocalLakehouse.shared().lakehouse());
  }
}
