package org.vitalake.ingest.importer.fit;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * What the first pass over a FIT file learns that records need: the sport (running cadence is
 * counted per stride), the device, the wearer's offset and when the activity started (the first
 * record's distance was covered since then).
 *
 * @param running whether the activity is on foot (running, walking, hiking)
 * @param device the product name, e.g. {@code fenix5}, or {@code null}
 * @param zoneOffset the offset of the activity's local time, or {@code null}
 * @param start the earliest session's {@code start_time}, else the first timer start event, or
 *     {@code null}
 */
record GarminFitActivity(boolean running, String device, ZoneOffset zoneOffset, Instant start) {}
