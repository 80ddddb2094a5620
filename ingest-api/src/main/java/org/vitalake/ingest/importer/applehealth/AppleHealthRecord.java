package org.vitalake.ingest.importer.applehealth;

/**
 * The attributes of one {@code Record} or {@code Workout} element of an Apple Health export, as
 * text.
 *
 * @param line the line the element starts on
 * @param type {@code HKQuantityTypeIdentifier...}, {@code HKCategoryTypeIdentifier...} or, for a
 *     workout, its {@code workoutActivityType}
 * @param workout whether the element is a {@code Workout}
 * @param value the value (a number, a category value name, or a workout's duration)
 * @param unit the unit as exported (a workout's {@code durationUnit})
 * @param sourceName the app or device that wrote it
 * @param device the {@code HKDevice} description, or {@code null}
 * @param startDate {@code yyyy-MM-dd HH:mm:ss +hhmm}
 * @param endDate {@code yyyy-MM-dd HH:mm:ss +hhmm}
 * @param userEntered whether the metadata says the user typed it in ({@code HKWasUserEntered})
 */
public record AppleHealthRecord(
    long line,
    String type,
    boolean workout,
    String value,
    String unit,
    String sourceName,
    String device,
    String startDate,
    String endDate,
    boolean userEntered) {}
