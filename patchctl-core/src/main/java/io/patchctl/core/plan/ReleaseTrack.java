package io.patchctl.core.plan;

/**
 * Which release's repositories a host patches from. Amazon Linux 2023 locks its repositories to the
 * installed release (deterministic upgrades): advisories published later appear only with
 * {@code --releasever=latest}. RHEL, Rocky, Alma and Oracle repositories follow the minor release anyway,
 * so there the choice changes nothing.
 */
public enum ReleaseTrack {
    /** The repositories of the installed release (dnf's default); the report notes newer releases dnf mentions. */
    LOCKED,
    /** The newest release: the agent passes {@code --releasever=latest} to every dnf call on Amazon Linux. */
    LATEST
}
