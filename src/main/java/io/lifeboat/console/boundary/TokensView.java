package io.lifeboat.console.boundary;

import io.lifeboat.security.control.ApiTokens;
import io.lifeboat.security.control.Tokens;
import io.lifeboat.security.entity.ApiToken;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/** API tokens (admins): create one with a role and an expiry (its value is shown once), list, revoke. */
@Named
@ViewScoped
public class TokensView implements Serializable {

    @Inject
    transient ApiTokens tokens;
    @Inject
    ConsoleUser user;
    @Inject
    Texts texts;
    @Inject
    ConsoleAudit audit;

    private String name;
    private Tokens.Role role = Tokens.Role.OPERATOR;
    private int days = 90;
    private boolean withRevoked;
    private String createdValue;

    public List<ApiToken> getTokens() {
        return tokens.list(withRevoked);
    }

    public void create() {
        user.requireAdmin();
        try {
            var created = tokens.create(name, role, Duration.ofDays(days), user.initiator());
            createdValue = created.value();
            audit.success("token.create", created.token().id(), "console: " + name + ", " + role + ", " + days + " days");
            name = null;
        } catch (RuntimeException e) {
            createdValue = null;
            texts.error("tokens:name", e.getMessage());
        }
    }

    public void revoke(String id) {
        user.requireAdmin();
        try {
            tokens.revoke(id, user.initiator());
            audit.success("token.revoke", id, "console");
            texts.info("tokens.revokedNow", id);
        } catch (RuntimeException e) {
            texts.error(null, e.getMessage());
        }
    }

    /** The new token's value, once: reading it forgets it. */
    public String getCreatedValue() {
        return createdValue;
    }

    public void forgetCreated() {
        createdValue = null;
    }

    public List<Tokens.Role> getRoles() {
        return List.of(Tokens.Role.values());
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public Tokens.Role getRole() { return role; }
    public void setRole(Tokens.Role role) { this.role = role; }
    public int getDays() { return days; }
    public void setDays(int days) { this.days = days; }
    public boolean isWithRevoked() { return withRevoked; }
    public void setWithRevoked(boolean withRevoked) { this.withRevoked = withRevoked; }
}
