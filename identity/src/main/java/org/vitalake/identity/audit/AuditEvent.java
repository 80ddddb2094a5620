package org.vitalake.identity.audit;

/** Security-relevant events kept in the audit trail. */
public enum AuditEvent {
  ACCOUNT_REGISTERED("account_registered"),
  REGISTRATION_THROTTLED("registration_throttled"),
  LOGIN_SUCCEEDED("login_succeeded"),
  LOGIN_FAILED("login_failed"),
  LOGIN_THROTTLED("login_throttled"),
  LOGOUT("logout"),
  REFRESH_TOKEN_REUSED("refresh_token_reused"),
  SERVICE_TOKEN_ISSUED("service_token_issued"),
  SERVICE_TOKEN_REFUSED("service_token_refused"),
  ROLES_CHANGED("roles_changed"),
  KEY_ROTATED("key_rotated"),
  CONSENT_CHANGED("consent_changed"),
  ERASURE_REQUESTED("erasure_requested");

  private final String code;

  AuditEvent(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
