package org.vitalake.identity.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * Body of {@code PUT /users/{id}}: fields present replace the stored value, absent ones are kept.
 */
@Serdeable
public record UpdateUserRequest(
    @Nullable String name,
    @Nullable String email,
    @Nullable String dateOfBirth,
    @Nullable String sex,
    @Nullable Double heightCm,
    @Nullable Double weightKg,
    @Nullable String timeZone,
    @Nullable Map<String, Object> preferences) {}
