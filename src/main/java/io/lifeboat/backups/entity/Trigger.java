package io.lifeboat.backups.entity;

/** What started a backup. */
public enum Trigger {
    SCHEDULE, MANUAL, API, PRE_RESTORE, PRE_DEPLOY, CATCH_UP
}
