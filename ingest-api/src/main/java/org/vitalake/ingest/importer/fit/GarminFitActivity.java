package org.vitalake.ingest.importer.fit;

import java.time.ZoneOffset;

/**
 * What the first pass over a FIT file learns that records need: the sport (running cadence is
 * counted per stride), the device and the wearer's offset.
 *
 * @param running whether the activity is on foot (running, walking, hiking)
 * @param device the product name, e.g. {@code fenix5}, or {@code null}
 * @param zoneOffset the offset of the activity's local time, or {@code null}
 */
record GarminFitActivity(boolean running, String device, ZoneOffset zoneOffset) {}
